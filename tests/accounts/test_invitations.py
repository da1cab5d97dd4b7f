import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts import services
from accounts.models import AccessRequest, AccessRequestStatus, Invitation, Membership
from tests.factories.accounts import OrganisationFactory, editor, provider_member

pytestmark = pytest.mark.django_db


def _link(message):
    return re.search(r"http://testserver(/account/uitnodiging/[^\s]+/)", message.body).group(1)


def test_editor_invites_a_provider_member_who_sets_a_password_once(client, demo_site):
    org = OrganisationFactory(name="Jeugdhulp Uitgenodigd")
    client.force_login(editor())
    mail.outbox.clear()
    response = client.post(
        "/account/uitnodigen/",
        {"email": "nieuw@aanbieder.example", "first_name": "Nina", "last_name": "Nieuw", "organisation": org.pk},
        follow=True,
    )
    assert "Uitnodiging verstuurd naar nieuw@aanbieder.example" in response.content.decode()
    user = get_user_model().objects.get(email="nieuw@aanbieder.example")
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()  # only once the invitation is accepted
    [message] = mail.outbox
    assert message.to == ["nieuw@aanbieder.example"] and "Jeugdhulp Uitgenodigd" in message.body
    assert message.alternatives[0][1] == "text/html"
    link = _link(message)
    client.logout()
    form_page = client.get(link, follow=True)
    assert "Kies een wachtwoord" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(
        set_url, {"new_password1": "Lange-zin-voor-de-adviestafel", "new_password2": "Lange-zin-voor-de-adviestafel"}
    )
    assert done.status_code == 302 and done["Location"] == "/account/"
    assert Invitation.objects.get(user=user).accepted_at is not None
    assert Membership.objects.filter(user=user, organisation=org).exists()
    user.refresh_from_db()
    assert user.check_password("Lange-zin-voor-de-adviestafel")
    # One-time: the same link no longer works.
    client.logout()
    again = client.get(link, follow=True)
    assert "ongeldig of al gebruikt" in again.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "provider"])
def test_only_editors_may_invite(client, demo_site, who):
    if who == "provider":
        client.force_login(provider_member())
    response = client.get("/account/uitnodigen/")
    assert response.status_code in (302, 403)
    if who == "provider":
        assert response.status_code == 403


def test_access_request_is_approved_by_an_editor_and_sends_the_invitation(client, demo_site):
    org = OrganisationFactory(name="Aanvragende Aanbieder")
    response = client.post(
        "/account/toegang-aanvragen/",
        {
            "first_name": "Piet",
            "last_name": "Aanvraag",
            "email": "piet@aanvraag.example",
            "organisation": org.pk,
            "website": "",
        },
    )
    assert response.status_code == 302
    request = AccessRequest.objects.get(email="piet@aanvraag.example")
    assert request.status == AccessRequestStatus.PENDING
    client.force_login(provider_member())
    assert client.post(f"/account/aanvragen/{request.pk}/goedkeuren/").status_code == 403
    client.force_login(editor())
    assert "piet@aanvraag.example" in client.get("/account/aanvragen/").content.decode()
    mail.outbox.clear()
    client.post(f"/account/aanvragen/{request.pk}/goedkeuren/")
    request.refresh_from_db()
    assert request.status == AccessRequestStatus.APPROVED
    assert mail.outbox[0].to == ["piet@aanvraag.example"]
    assert "/account/uitnodiging/" in mail.outbox[0].body
    assert not Membership.objects.filter(user__email="piet@aanvraag.example").exists()  # not before accepting


def test_access_request_honeypot_and_duplicates(client, demo_site):
    org = OrganisationFactory()
    data = {"first_name": "B", "last_name": "Ot", "email": "bot@x.example", "organisation": org.pk, "website": "spam"}
    client.post("/account/toegang-aanvragen/", data)
    assert not AccessRequest.objects.exists()
    data["website"] = ""
    first = client.post("/account/toegang-aanvragen/", data)
    again = client.post("/account/toegang-aanvragen/", data)
    assert (again.status_code, again["Location"]) == (first.status_code, first["Location"])  # alike, see below
    assert AccessRequest.objects.count() == 1


def test_rejecting_twice_is_refused(demo_site):
    request = services.access_request_submit(
        first_name="A", last_name="B", email="a@b.example", organisation=OrganisationFactory()
    )
    boss = editor()
    services.access_request_reject(access_request=request, user=boss)
    with pytest.raises(services.AccountError, match="al beoordeeld"):
        services.access_request_approve(access_request=request, user=boss)


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """The database task backend, as in production: nothing is sent until `run_worker()` runs `db_worker --batch`
    (its `close_old_connections()` would close the test's own connection, so that one call is a no-op)."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def _queued_invitations():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(task_path="accounts.tasks.send_invitation").values_list("args_kwargs"))


def test_invitation_mail_is_sent_by_the_worker_with_no_token_in_the_queue(demo_site, database_tasks):
    org = OrganisationFactory(name="Jeugdhulp Wachtrij")
    mail.outbox.clear()
    invitation = services.invitation_create(
        email="wachtrij@aanbieder.example", first_name="W", last_name="R", organisation=org, invited_by=editor()
    )
    assert mail.outbox == []  # not sent inside the transaction that made the invitation
    [(queued,)] = _queued_invitations()
    assert queued["kwargs"] == {"invitation_id": invitation.pk}  # the one-time link is made by the worker

    database_tasks()
    [message] = mail.outbox
    assert message.to == ["wachtrij@aanbieder.example"] and "Jeugdhulp Wachtrij" in message.body
    assert message.subject == "Uitnodiging voor Kennisplatform Jeugd"
    assert message.alternatives[0][1] == "text/html"
    assert _link(message).startswith("/account/uitnodiging/")


def test_an_invitation_rolled_back_is_never_mailed(demo_site, database_tasks):
    from django.db import transaction

    org = OrganisationFactory()
    boss = editor()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.invitation_create(
            email="terug@aanbieder.example", first_name="T", last_name="G", organisation=org, invited_by=boss
        )
        raise RuntimeError("the caller's work failed after the invitation")
    assert _queued_invitations() == []
    database_tasks()
    assert mail.outbox == []
    assert not Invitation.objects.filter(user__email="terug@aanbieder.example").exists()


def test_an_invitation_accepted_before_the_worker_ran_is_not_mailed(demo_site, database_tasks):
    invitation = services.invitation_create(
        email="snel@aanbieder.example",
        first_name="S",
        last_name="N",
        organisation=OrganisationFactory(),
        invited_by=editor(),
    )
    services.invitation_accepted(user=invitation.user)
    mail.outbox.clear()
    database_tasks()
    assert mail.outbox == []
