import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from accounts.models import EmailPreferences
from knowledge.advisory.models import Notification, Visibility
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db


def _mails_to(user, subject_part=""):
    return [m for m in mail.outbox if m.to == [user.email] and subject_part in m.subject]


def _command():
    call_command("send_advisory_notifications", stdout=io.StringIO())


def test_opening_mails_the_audience_once_in_dutch_plain_and_html(provider, outsider, demo_site):
    mail.outbox.clear()
    proposal = make_proposal(title="Kaders voor crisisopvang")
    [message] = _mails_to(provider, "Nieuwe consultatie")
    assert "Kaders voor crisisopvang" in message.subject
    assert "U kunt reageren tot" in message.body and proposal.url in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<strong>Kaders voor crisisopvang</strong>" in html
    assert not _mails_to(outsider)
    proposal.save_revision().publish()
    _command()
    _command()
    assert len(_mails_to(provider, "Nieuwe consultatie op de adviestafel: Kaders voor crisisopvang")) == 1
    assert Notification.objects.filter(proposal=proposal, user=provider, kind="opened").count() == 1


def test_opt_out_is_respected(demo_site):
    member = provider_member(OrganisationFactory(is_contracted=True))
    EmailPreferences.objects.create(user=member, proposal_opened=False)
    mail.outbox.clear()
    make_proposal()
    _command()
    assert not _mails_to(member, "Nieuwe consultatie")


def test_concept_proposal_sends_nothing_until_it_opens(provider, demo_site):
    opens = timezone.now() + datetime.timedelta(days=2)
    mail.outbox.clear()
    make_proposal(title="Later voorstel", opens_at=opens, closes_at=opens + datetime.timedelta(days=14))
    _command()
    assert not _mails_to(provider, "Later voorstel")
    with freeze_time(opens + datetime.timedelta(minutes=1)):
        _command()
    assert len(_mails_to(provider, "Later voorstel")) == 1


def test_reminder_three_days_before_closing_only_to_non_responders(provider, other_provider, demo_site):
    closes = timezone.now() + datetime.timedelta(days=20)
    proposal = make_proposal(title="Bijna dicht", closes_at=closes)
    ResponseFactory(proposal=proposal, organisation=other_provider.memberships.get().organisation)
    mail.outbox.clear()
    with freeze_time(closes - datetime.timedelta(days=3, minutes=1)):
        _command()
    assert not _mails_to(provider, "Nog 3 dagen: reageer op Bijna dicht")
    with freeze_time(closes - datetime.timedelta(days=3)):
        _command()
        _command()
    assert len(_mails_to(provider, "Nog 3 dagen: reageer op Bijna dicht")) == 1
    assert not _mails_to(other_provider, "Nog 3 dagen: reageer op Bijna dicht")


def test_report_publication_mails_audience_once(provider, demo_site):
    now = timezone.now()
    proposal = make_proposal(opens_at=now - datetime.timedelta(days=20), closes_at=now - datetime.timedelta(days=2))
    ResponseFactory(proposal=proposal, visibility=Visibility.REGION_ONLY, body_markdown="Vertrouwelijke inbreng")
    mail.outbox.clear()
    proposal.report_published_at = now
    proposal.save_revision().publish()
    _command()
    [message] = _mails_to(provider, "Verslag gepubliceerd")
    assert f"{proposal.url}verslag/" in message.body
    assert "Vertrouwelijke inbreng" not in message.body
    assert "Vertrouwelijke inbreng" not in message.alternatives[0][0]


def test_reply_mail_respects_preference_but_official_answer_always_sent(proposal, provider, audience_org, staff):
    from knowledge.advisory import services

    response = ResponseFactory(proposal=proposal, author=provider, organisation=audience_org)
    EmailPreferences.objects.create(user=provider, replies=False)
    mail.outbox.clear()
    services.reply_submit(response=response, user=provider_member(audience_org), text="Collega-antwoord")
    assert not _mails_to(provider)
    services.reply_submit(response=response, user=staff, text="Officieel antwoord tekst", is_official=True)
    [message] = _mails_to(provider)
    assert "Officieel antwoord van de regio" in message.subject and "Officieel antwoord tekst" in message.body


def test_own_reply_does_not_mail_yourself(proposal, provider, audience_org):
    from knowledge.advisory import services

    response = ResponseFactory(proposal=proposal, author=provider, organisation=audience_org)
    mail.outbox.clear()
    services.reply_submit(response=response, user=provider, text="Aanvulling van mijzelf")
    assert not mail.outbox


def test_report_is_not_announced_to_people_who_join_weeks_later(demo_site):
    # The demo's processed proposal published its report ten days ago.
    member = provider_member(OrganisationFactory(is_contracted=True))
    mail.outbox.clear()
    _command()
    assert not _mails_to(member, "Verslag gepubliceerd")


def test_links_in_advisory_mails_are_on_the_one_public_address(provider, demo_site, settings):
    """home.public_url.absolute_url is the one builder: BASE_URL, not the admin's address nor the request's Host."""
    settings.BASE_URL = "https://kennisplatform.example.nl"
    settings.WAGTAILADMIN_BASE_URL = "https://beheer.example.nl"
    mail.outbox.clear()
    proposal = make_proposal(title="Kaders voor pleegzorg")
    [message] = _mails_to(provider, "Nieuwe consultatie")
    assert f"https://kennisplatform.example.nl{proposal.url}" in message.body
    assert "beheer.example.nl" not in message.body and "testserver" not in message.body


def test_absolute_url_keeps_a_full_url_and_puts_a_path_on_base_url(settings):
    from home.public_url import absolute_url

    settings.BASE_URL = "https://kennisplatform.example.nl/"
    assert absolute_url("/adviestafel/") == "https://kennisplatform.example.nl/adviestafel/"
    assert absolute_url("https://andere.example.nl/adviestafel/") == "https://andere.example.nl/adviestafel/"
