"""The admin's view of the mail outbox: what is queued, failed or sent, with attempts and the last error.

No message body, link or token is shown (the body holds signed links); recipients are masked to their domain.
Seeing needs `home.view_outgoingemail`, retrying a failed message `home.change_outgoingemail` (Redacteuren have
both, accounts.services.ensure_groups)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import outbox
from .pagination import paginate

VIEW_PERMISSION = "home.view_outgoingemail"
RETRY_PERMISSION = "home.change_outgoingemail"
STATE_LABELS = {
    outbox.QUEUED: gettext_lazy("In de wachtrij"),
    outbox.FAILED: gettext_lazy("Mislukt"),
    outbox.SENT: gettext_lazy("Verzonden"),
}


def outbox_index(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        if not request.user.has_perm(RETRY_PERMISSION):
            raise PermissionDenied
        try:
            outbox.retry_failed(email_id=int(request.POST.get("email") or 0), user=request.user)
        except (ValueError, outbox.OutboxError) as failure:
            error = getattr(failure, "message", _("Kies een e-mail."))
        else:
            messages.success(request, _("De e-mail staat weer in de wachtrij en wordt zo opnieuw verstuurd."))
            return redirect(f"{request.path}?status={outbox.FAILED}")
    state = request.GET.get("status")
    state = state if state in STATE_LABELS else None
    page_obj = paginate(request, outbox.listing(state), per_page=50)
    rows = [
        {  # only these fields reach the template: never the message itself
            "pk": outgoing.pk,
            "created_at": outgoing.created_at,
            "state": outbox.state_of(outgoing),
            "state_label": STATE_LABELS[outbox.state_of(outgoing)],
            "subject": outbox.subject_of(outgoing),
            "recipients": outbox.masked_recipients(outgoing),
            "attempts": outgoing.attempts,
            "next_attempt_at": outgoing.next_attempt_at,
            "sent_at": outgoing.sent_at,
            "failed_at": outgoing.failed_at,
            "last_error": outgoing.last_error,
        }
        for outgoing in page_obj.object_list
    ]
    response = render(
        request,
        "home/admin/outbox.html",
        {
            "rows": rows,
            "page_obj": page_obj,
            "state": state,
            "states": list(STATE_LABELS.items()),
            "counts": outbox.counts(),
            "can_retry": request.user.has_perm(RETRY_PERMISSION),
            "error": error,
        },
        status=400 if error else 200,
    )
    response["Cache-Control"] = "no-store"
    return response
