import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import PageLogEntry

from knowledge.advisory import services
from knowledge.advisory.models import (
    OutcomeKind,
    Position,
    Report,
    ReportReason,
    Response,
    ResponseState,
    Visibility,
)
from knowledge.advisory.services import AdvisoryError
from tests.factories.accounts import OrganisationFactory, UserFactory, provider_member
from tests.factories.advisory import ResponseFactory

pytestmark = pytest.mark.django_db


def _submit(proposal, user, **kwargs):
    data = {
        "proposal": proposal,
        "user": user,
        "question": proposal.questions.first(),
        "position": Position.SUPPORTS,
        "text": "Wij steunen dit voorstel.",
        "visibility": Visibility.PUBLIC,
    }
    data.update(kwargs)
    return services.response_submit(**data)


def pdf(size=100, name="advies.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size, content_type="application/pdf")


def test_submit_stores_markdown_sanitised_html_organisation_and_first_version(proposal, provider, audience_org):
    response = _submit(proposal, provider, text="**Ja** <script>x</script>")
    assert response.organisation == audience_org
    assert response.body_markdown == "**Ja** <script>x</script>"
    assert "<strong>Ja</strong>" in response.body_html and "<script" not in response.body_html
    assert response.versions.count() == 1


@pytest.mark.parametrize(("text", "message"), [("   ", "Vul een tekst in"), ("x" * 10_001, "het maximum is 10000")])
def test_submit_rejects_empty_and_too_long_text(proposal, provider, text, message):
    with pytest.raises(AdvisoryError, match=message):
        _submit(proposal, provider, text=text)
    assert not Response.objects.filter(proposal=proposal).exists()


def test_submit_requires_a_question_when_the_proposal_has_questions(proposal, provider):
    with pytest.raises(AdvisoryError, match="Kies de vraag"):
        _submit(proposal, provider, question=None)


def test_submit_refused_for_outsider_staff_and_after_closing(proposal, outsider, staff, provider):
    with pytest.raises(AdvisoryError, match="doelgroep"):
        _submit(proposal, outsider)
    with pytest.raises(AdvisoryError, match="regio reageren niet"):
        _submit(proposal, staff)
    with freeze_time(proposal.closes_at), pytest.raises(AdvisoryError, match="gesloten"):
        _submit(proposal, provider)


# The window is moved with freeze_time, which a real Redis's expiry does not follow: this rule runs on locmem.
@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_rate_limit_five_responses_a_minute(proposal, provider):
    with freeze_time(timezone.now()) as frozen:
        for _ in range(5):
            _submit(proposal, provider)
        with pytest.raises(AdvisoryError, match="Wacht een minuut"):
            _submit(proposal, provider)
        frozen.tick(datetime.timedelta(seconds=61))
        _submit(proposal, provider)
    assert Response.objects.filter(author=provider).count() == 6


def test_attachment_must_be_a_pdf_by_content(proposal, provider):
    fake = SimpleUploadedFile("advies.pdf", b"<html>geen pdf</html>", content_type="application/pdf")
    with pytest.raises(AdvisoryError, match="geen pdf") as error:
        _submit(proposal, provider, attachment=fake)
    assert error.value.field == "attachment"


def test_attachment_at_most_10_mb(proposal, provider):
    big = pdf(size=10 * 1024 * 1024)
    with pytest.raises(AdvisoryError, match="groter dan 10 MB"):
        _submit(proposal, provider, attachment=big)


def test_valid_attachment_is_stored_under_a_random_name(proposal, provider):
    response = _submit(proposal, provider, attachment=pdf(name="ons advies.pdf"))
    assert response.attachment.name.startswith("adviestafel/") and response.attachment.name.endswith(".pdf")
    assert "ons advies" not in response.attachment.name
    assert response.attachment_name == "ons advies.pdf"
    with response.attachment.open("rb") as f:
        assert f.read(5) == b"%PDF-"


def test_edit_within_30_minutes_keeps_every_version(proposal, provider):
    with freeze_time(timezone.now()) as frozen:
        response = _submit(proposal, provider, text="Eerste tekst")
        frozen.tick(datetime.timedelta(minutes=29))
        services.response_edit(
            response=response, user=provider, position=Position.CONCERNS, text="Tweede", visibility="public"
        )
        frozen.tick(datetime.timedelta(minutes=2))
        with pytest.raises(AdvisoryError, match="30 minuten"):
            services.response_edit(
                response=response, user=provider, position=Position.CONCERNS, text="Derde", visibility="public"
            )
    response.refresh_from_db()
    assert response.body_markdown == "Tweede"
    assert list(response.versions.values_list("body_markdown", flat=True)) == ["Eerste tekst", "Tweede"]


def test_only_the_author_may_edit_or_withdraw(proposal, provider, audience_org):
    response = _submit(proposal, provider)
    colleague = provider_member(audience_org)
    with pytest.raises(AdvisoryError, match="auteur"):
        services.response_edit(response=response, user=colleague, position="supports", text="x", visibility="public")
    with pytest.raises(AdvisoryError, match="auteur"):
        services.response_withdraw(response=response, user=colleague)


def test_withdraw_until_the_window_closes(proposal, provider):
    first = _submit(proposal, provider)
    second = _submit(proposal, provider)
    services.response_withdraw(response=first, user=provider)
    first.refresh_from_db()
    assert first.state == ResponseState.WITHDRAWN
    with freeze_time(proposal.closes_at), pytest.raises(AdvisoryError, match="gesloten"):
        services.response_withdraw(response=second, user=provider)
    assert PageLogEntry.objects.filter(page=proposal, action="advisory.response_withdrawn").exists()


def test_reply_by_provider_and_official_answer_by_staff(proposal, provider, audience_org, staff):
    proposal.public_during_window = True
    proposal.save()
    response = _submit(proposal, provider)
    colleague = provider_member(audience_org)
    mail.outbox.clear()
    reply = services.reply_submit(response=response, user=colleague, text="Eens!")
    assert not reply.is_official
    with pytest.raises(AdvisoryError, match="Alleen medewerkers van de regio"):
        services.reply_submit(response=response, user=colleague, text="Officieel?", is_official=True)
    official = services.reply_submit(response=response, user=staff, text="Dank u.", is_official=True)
    assert official.is_official
    assert [m.to for m in mail.outbox] == [[provider.email], [provider.email]]
    assert "Officieel antwoord" in mail.outbox[1].subject


def test_outsider_cannot_reply(proposal, provider, outsider):
    response = _submit(proposal, provider)
    with pytest.raises(AdvisoryError):
        services.reply_submit(response=response, user=outsider, text="Ik ook")


def test_report_once_per_person_and_three_organisations_hide(proposal, provider, editor_user):
    proposal.public_during_window = True
    proposal.save()
    response = ResponseFactory(proposal=proposal)
    reporters = [provider_member(OrganisationFactory(is_contracted=True)) for _ in range(3)]
    services.response_report(response=response, user=reporters[0], reason=ReportReason.SPAM)
    with pytest.raises(AdvisoryError, match="al gemeld"):
        services.response_report(response=response, user=reporters[0], reason=ReportReason.OFFENSIVE)
    services.response_report(response=response, user=reporters[1], reason=ReportReason.OFF_TOPIC)
    response.refresh_from_db()
    assert response.state == ResponseState.ACTIVE
    services.response_report(response=response, user=reporters[2], reason=ReportReason.PERSONAL_DATA)
    response.refresh_from_db()
    assert response.state == ResponseState.HIDDEN
    assert "gemeld" in response.moderation_reason
    assert Report.objects.filter(response=response).count() == 3
    actions = list(PageLogEntry.objects.filter(page=proposal).values_list("action", flat=True))
    assert actions.count("advisory.response_reported") == 3 and "advisory.response_hidden" in actions


def test_hide_and_restore_by_editors_only_with_reason_logged(proposal, provider, staff, editor_user):
    response = _submit(proposal, provider)
    for user in (provider, staff):
        with pytest.raises(AdvisoryError, match="Alleen redacteuren"):
            services.response_hide(response=response, user=user, reason="Spam")
    with pytest.raises(AdvisoryError, match="reden"):
        services.response_hide(response=response, user=editor_user, reason="  ")
    services.response_hide(response=response, user=editor_user, reason="Noemt een cliënt bij naam")
    response.refresh_from_db()
    assert (response.state, response.moderation_reason) == (ResponseState.HIDDEN, "Noemt een cliënt bij naam")
    services.response_restore(response=response, user=editor_user, reason="Naam verwijderd")
    response.refresh_from_db()
    assert response.state == ResponseState.ACTIVE
    entries = PageLogEntry.objects.filter(
        page=proposal, action__in=["advisory.response_hidden", "advisory.response_restored"]
    )
    assert entries.count() == 2 and all(e.user == editor_user for e in entries)
    assert entries.get(action="advisory.response_hidden").data["reason"] == "Noemt een cliënt bij naam"


def test_outcome_recorded_by_staff_and_respondent_told(proposal, provider, staff):
    response = _submit(proposal, provider)
    with pytest.raises(AdvisoryError, match="Alleen medewerkers"):
        services.outcome_record(response=response, user=provider, outcome=OutcomeKind.ADOPTED, reason="x")
    mail.outbox.clear()
    outcome = services.outcome_record(
        response=response, user=staff, outcome=OutcomeKind.PARTLY, reason="Deels in de inkoop opgenomen."
    )
    assert outcome.get_outcome_display() == "Deels overgenomen"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [provider.email]
    assert "Deels in de inkoop opgenomen." in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_anonymous_cannot_report(proposal):
    from django.contrib.auth.models import AnonymousUser

    response = ResponseFactory(proposal=proposal, author=UserFactory())
    with pytest.raises(AdvisoryError, match="Log in"):
        services.response_report(response=response, user=AnonymousUser(), reason="spam")


def test_moderation_shows_in_the_admin_history(client, proposal, provider, editor_user):
    response = _submit(proposal, provider)
    services.response_hide(response=response, user=editor_user, reason="Persoonsgegevens")
    client.force_login(editor_user)
    html = client.get(f"/admin/pages/{proposal.pk}/history/").content.decode()
    assert "Reactie verborgen" in html


def test_an_outcome_reason_over_the_limit_is_refused_in_dutch_with_the_limit(proposal, provider, staff):
    from knowledge.advisory.models import EXPLANATION_MAX_LENGTH, ResponseOutcome

    response = _submit(proposal, provider)
    with pytest.raises(AdvisoryError, match=f"maximaal {EXPLANATION_MAX_LENGTH} tekens") as refused:
        services.outcome_record(
            response=response, user=staff, outcome=OutcomeKind.PARTLY, reason="x" * (EXPLANATION_MAX_LENGTH + 1)
        )
    assert refused.value.field == "reason" and refused.value.code == "invalid"
    assert not ResponseOutcome.objects.filter(response=response).exists()
    # the form, the service and the column agree on one limit
    from knowledge.advisory.forms import OutcomeForm

    assert OutcomeForm().fields["reason"].max_length == EXPLANATION_MAX_LENGTH
    assert ResponseOutcome._meta.get_field("reason").max_length == EXPLANATION_MAX_LENGTH
