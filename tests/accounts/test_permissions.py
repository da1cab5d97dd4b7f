from django.contrib.auth.models import AnonymousUser

from accounts import permissions
from accounts.models import Organisation
from tests.factories.accounts import OrganisationFactory, editor, provider_member, region_staff


def test_roles_derive_from_memberships_and_groups(demo_site):
    provider = provider_member()
    staff = region_staff()
    boss = editor()
    anonymous = AnonymousUser()

    assert not permissions.is_editor(anonymous) and not permissions.is_region_staff(anonymous)
    assert not permissions.is_region_staff(provider)
    assert permissions.is_region_staff(staff) and not permissions.is_editor(staff)
    assert permissions.is_editor(boss) and permissions.is_region_staff(boss)
    assert permissions.staff_regions(staff) == [Organisation.objects.get(slug="food-valley")]


def test_provider_organisations(demo_site):
    organisation = OrganisationFactory(name="Jeugdzorg Voorbeeld")
    member = provider_member(organisation)
    assert permissions.provider_organisations(member) == [organisation]


def test_municipality_must_name_its_region(demo_site):
    import pytest
    from django.core.exceptions import ValidationError

    from accounts.models import OrganisationKind

    municipality = Organisation(name="Gemeente Nergens", slug="gemeente-nergens", kind=OrganisationKind.MUNICIPALITY)
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "Kies de jeugdzorgregio" in str(error.value)


def test_sign_in_is_throttled_after_five_failures(client, demo_site):
    for _ in range(5):
        response = client.post("/account/inloggen/", {"username": "redacteur@foodvalley.example", "password": "fout"})
    response = client.post(
        "/account/inloggen/", {"username": "redacteur@foodvalley.example", "password": "kennisplatform-demo"}
    )
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()


def test_wrong_password_gives_a_dutch_error(client, demo_site):
    response = client.post("/account/inloggen/", {"username": "redacteur@foodvalley.example", "password": "fout"})
    assert response.status_code == 200
    assert "Deze combinatie van e-mailadres en wachtwoord kennen we niet" in response.content.decode()
