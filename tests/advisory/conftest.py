import pytest

from tests.factories.accounts import OrganisationFactory, editor, provider_member, region_staff
from tests.factories.advisory import make_proposal


@pytest.fixture
def proposal(demo_site):
    """Open for ten days, one question, public responses hidden from other providers until closing."""
    return make_proposal()


@pytest.fixture
def audience_org(db):
    return OrganisationFactory(name="Jeugdzorg Doelgroep", is_contracted=True)


@pytest.fixture
def other_audience_org(db):
    return OrganisationFactory(name="Andere Aanbieder", is_contracted=True)


@pytest.fixture
def provider(audience_org):
    return provider_member(audience_org, first_name="Anna", last_name="Aanbieder")


@pytest.fixture
def other_provider(other_audience_org):
    return provider_member(other_audience_org, first_name="Bram", last_name="Anders")


@pytest.fixture
def outsider(db):
    """A member of a provider that is not contracted, so outside the audience."""
    return provider_member(OrganisationFactory(name="Niet Gecontracteerd", is_contracted=False))


@pytest.fixture
def staff(demo_site):
    return region_staff(first_name="Rita", last_name="Regio")


@pytest.fixture
def editor_user(demo_site):
    return editor(first_name="Eva", last_name="Redacteur")
