"""Dutch phrases computed from numbers, shared by the page and the e-mails."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def time_left(delta: datetime.timedelta) -> str:
    """The time actually left, rounded down to the largest unit: "nog 2 dagen", "nog 5 uur", "nog 12 minuten"."""
    seconds = max(0, int(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return ngettext("nog %(n)s dag", "nog %(n)s dagen", days) % {"n": days}
    if hours:
        return ngettext("nog %(n)s uur", "nog %(n)s uur", hours) % {"n": hours}
    if minutes:
        return ngettext("nog %(n)s minuut", "nog %(n)s minuten", minutes) % {"n": minutes}
    return _("nog minder dan een minuut")
