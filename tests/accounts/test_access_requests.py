"""An approved access request is an invitation: membership only once the requester followed the link."""

import email
import re
from email import policy

import pytest
from django.core import mail

from accounts import services
from accounts.models import AccessRequest, MemberRole, Membership
from accounts.permissions import provider_organisations
from tests.factories.accounts import OrganisationFactory, editor, provider_member

pytestmark = pytest.mark.django_db

PASSWORD = "Lange-zin-voor-de-adviestafel"


def _request(org, address="kim@aanvraag.example"):
    return services.access_request_submit(first_name="Kim", last_name="Vries", email=address, organisation=org)


def _text_part(message) -> str:
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    return parsed.get_body(preferencelist=("plain",)).get_content()


def _accept(client, message):
    link = re.search(r"http://testserver(/account/uitnodiging/\S+/)", _text_part(message)).group(1)
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    return client.post(set_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})


def test_approving_sends_an_invitation_and_membership_follows_acceptance(client, demo_site):
    org = OrganisationFactory(name="Jeugdhulp Aanvraag")
    item = _request(org)
    client.force_login(editor())
    mail.outbox.clear()
    client.post(f"/account/aanvragen/{item.pk}/goedkeuren/")

    [invitation] = mail.outbox
    assert invitation.to == ["kim@aanvraag.example"]
    assert not Membership.objects.filter(user__email="kim@aanvraag.example").exists()

    client.logout()
    done = _accept(client, invitation)
    assert done.status_code == 302 and done["Location"] == "/account/"
    membership = Membership.objects.get(user__email="kim@aanvraag.example")
    assert (membership.organisation, membership.role) == (org, MemberRole.MEMBER)
    assert provider_organisations(membership.user) == [org]
    assert "Jeugdhulp Aanvraag" in client.get("/account/").content.decode()


def test_an_invitation_nobody_follows_gives_no_access(demo_site):
    org = OrganisationFactory()
    services.access_request_approve(access_request=_request(org, "verkeerd@getypt.example"), user=editor())
    assert not Membership.objects.filter(user__email="verkeerd@getypt.example").exists()


def test_editor_sees_that_the_address_is_already_member_elsewhere_before_approving(client, demo_site):
    elsewhere = OrganisationFactory(name="Andere Aanbieder Noord")
    provider_member(elsewhere, username="dubbel@noord.example", email="Dubbel@noord.example")
    _request(OrganisationFactory(name="Nieuwe Aanbieder Zuid"), "dubbel@noord.example")
    _request(OrganisationFactory(name="Gewone Aanbieder"), "schoon@zuid.example")

    client.force_login(editor())
    html = client.get("/account/aanvragen/").content.decode()
    cards = {
        address: card
        for card in html.split('<li class="kp-card">')[1:]
        for address in ("dubbel@noord.example", "schoon@zuid.example")
        if address in card
    }
    assert "al lid van een andere organisatie" in cards["dubbel@noord.example"]
    assert "Andere Aanbieder Noord" in cards["dubbel@noord.example"]
    assert "al lid van" not in cards["schoon@zuid.example"]


def test_text_mail_shows_an_organisation_name_verbatim(demo_site):
    org = OrganisationFactory(name='Jansen & Zn "de Brug"')
    mail.outbox.clear()
    _request(org)
    item = AccessRequest.objects.get()
    services.access_request_approve(access_request=item, user=editor())
    received, invitation = mail.outbox
    for message in (received, invitation):
        text = _text_part(message)
        assert 'Jansen & Zn "de Brug"' in text
        assert "&amp;" not in text and "&quot;" not in text
