import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts import groups
from accounts.models import MemberRole, Membership, Organisation, OrganisationKind


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Zorgaanbieder {n}")
    slug = factory.Sequence(lambda n: f"zorgaanbieder-{n}")
    kind = OrganisationKind.PROVIDER
    is_contracted = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    email = factory.LazyAttribute(lambda o: o.username)
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Jansen{n}")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MemberRole.MEMBER


def _member(*, organisation, role, group_name, **user_fields):
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=organisation, role=role)
    group, _ = Group.objects.get_or_create(name=group_name)
    user.groups.add(group)
    return user


def provider_member(organisation=None, **user_fields):
    """A signed-in member of a care provider (Aanbieders group)."""
    return _member(
        organisation=organisation or OrganisationFactory(),
        role=MemberRole.MEMBER,
        group_name=groups.PROVIDER_MEMBERS,
        **user_fields,
    )


def region_staff(region=None, **user_fields):
    """Staff of a youth-care region (Regiomedewerkers group); FoodValley by default."""
    region = region or Organisation.objects.get(slug="food-valley")
    return _member(organisation=region, role=MemberRole.REGION_STAFF, group_name=groups.REGION_STAFF, **user_fields)


def editor(**user_fields):
    """An editor of the programme office (Redacteuren group)."""
    region = Organisation.objects.get(slug="food-valley")
    return _member(organisation=region, role=MemberRole.EDITOR, group_name=groups.EDITORS, **user_fields)
