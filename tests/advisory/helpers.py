"""Shared set-ups for the advisory tests (and the browser tests): proposals with passages, a closed consultation."""

import datetime

from django.utils import timezone

from tests.factories.advisory import make_proposal

PASSAGES = (
    ("", "Wachttijden", "Binnen vier weken start de hulp."),
    ("3.1", "Crisisopvang", "Twee crisisbedden per gemeente."),
)


def passage_body(passages=PASSAGES):
    """A body with an introduction and numbered passages (section blocks), as an editor builds it."""
    body = [("paragraph", "<p>Inleiding van het voorstel.</p>")]
    for number, title, text in passages:
        body.append(("section", {"number": number, "title": title, "text": f"<p>{text}</p>"}))
    return body


def proposal_with_passages(**fields):
    fields.setdefault("body", passage_body())
    return make_proposal(**fields)


def closed(**fields):
    now = timezone.now()
    fields.setdefault("opens_at", now - datetime.timedelta(days=10))
    fields.setdefault("closes_at", now - datetime.timedelta(days=1))
    return make_proposal(**fields)


def close(proposal):
    """Close an open proposal now (the responses placed while it was open stay as they are)."""
    type(proposal).objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - datetime.timedelta(seconds=1))
    return type(proposal).objects.get(pk=proposal.pk)


def publish_report(proposal, **fields):
    page = type(proposal).objects.get(pk=proposal.pk)
    page.report_published_at = timezone.now() - datetime.timedelta(minutes=1)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return type(proposal).objects.get(pk=proposal.pk)
