"""RSS 2.0 of the finder: /goede-voorbeelden/feed/?<same parameters as the finder>."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from home.public_url import absolute_url

from .finder import feed_items


def finder_feed(request, *, index_page):
    fq, items = feed_items(request, index_page=index_page)
    site_url = absolute_url("")
    query = fq.querystring()
    link = index_page.get_full_url(request) + (f"?{query}" if query else "")
    title = f"{index_page.title} — {_('Kennisplatform Jeugd')}"
    if fq.text:
        title += f": {fq.text}"
    feed = Rss201rev2Feed(
        title=title,
        link=link,
        description=index_page.summary or _("Nieuwe goede voorbeelden uit de jeugdzorgregio's."),
        language="nl",
        feed_url=absolute_url(request.get_full_path()),
    )
    for page in items:
        pubdate = timezone.make_aware(datetime.datetime.combine(page.date, datetime.time(9)))
        feed.add_item(
            title=page.title,
            link=site_url + page.url,
            description=page.summary,
            pubdate=pubdate,
            unique_id=site_url + page.url,
            categories=[c for c in (str(page.region), page.main_theme.name, page.kind.name) if c],
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
