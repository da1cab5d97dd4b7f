"""AVG: people erase their own account from the profile page; their organisation keeps its input."""

from django.contrib.auth import get_user_model

from accounts.models import EmailPreferences, Membership
from knowledge.advisory.models import Response
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import ResponseFactory, make_proposal


def test_profile_offers_account_deletion(client, demo_site):
    member = provider_member()
    client.force_login(member)
    html = client.get("/account/").content.decode()
    assert 'href="/account/verwijderen/"' in html


def test_person_deletes_their_account_and_keeps_the_organisations_response(client, demo_site):
    organisation = OrganisationFactory(name="Jeugdhulp Voorbeeld")
    member = provider_member(organisation, first_name="Fatima", last_name="de Boer")
    EmailPreferences.objects.create(user=member, replies=False)
    response = ResponseFactory(proposal=make_proposal(), author=member, organisation=organisation)
    old_username = member.username
    client.force_login(member)

    result = client.post("/account/verwijderen/", {"password": "geheim-wachtwoord-123", "confirm": "on"})

    assert result.status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    assert member.email == "" and member.first_name == "" and "Boer" not in member.last_name
    assert not member.has_usable_password()
    assert not Membership.objects.filter(user=member).exists()
    assert not EmailPreferences.objects.filter(user=member).exists()
    assert Response.objects.get(pk=response.pk).organisation == organisation
    # Signed out, and the old address no longer opens an account.
    assert client.get("/account/").status_code == 302
    assert not get_user_model().objects.filter(username=old_username).exists()


def test_wrong_password_or_missing_confirmation_changes_nothing(client, demo_site):
    member = provider_member(first_name="Sam")
    client.force_login(member)

    result = client.post("/account/verwijderen/", {"password": "fout", "confirm": "on"})
    assert result.status_code == 200
    assert "Dit wachtwoord klopt niet." in result.content.decode()
    result = client.post("/account/verwijderen/", {"password": "geheim-wachtwoord-123"})
    assert "Vink aan dat u uw account wilt verwijderen." in result.content.decode()

    member.refresh_from_db()
    assert member.is_active and member.first_name == "Sam"
    assert Membership.objects.filter(user=member).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, demo_site):
    result = client.post("/account/verwijderen/", {"password": "x", "confirm": "on"})
    assert result.status_code == 302
    assert "/account/inloggen/" in result["Location"]
