"""Demo and reference organisations: the 42 youth-care regions and their municipalities."""

from django.contrib.auth import get_user_model
from django.db import transaction

from . import groups
from .models import MemberRole, Membership, Organisation, OrganisationKind
from .reference_data import REGION_MUNICIPALITIES, REGIONS
from .services import ensure_groups

DEMO_PASSWORD = "kennisplatform-demo"
DEMO_EDITOR = {"username": "redacteur@foodvalley.example", "first_name": "Demo", "last_name": "Redacteur"}


def load_regions():
    """The 42 regions and the municipalities we know (FoodValley, Alkmaar), by slug."""
    for data in REGIONS:
        Organisation.objects.update_or_create(
            slug=data["slug"], defaults={"name": data["name"], "kind": OrganisationKind.REGION}
        )
    from django.utils.text import slugify

    for region_slug, names in REGION_MUNICIPALITIES.items():
        region = Organisation.objects.get(slug=region_slug)
        for name in names:
            Organisation.objects.update_or_create(
                slug=f"gemeente-{slugify(name)}",
                defaults={"name": f"Gemeente {name}", "kind": OrganisationKind.MUNICIPALITY, "region": region},
            )


def ensure_user(*, username, password, first_name="", last_name="", group=None, organisation=None, role=None):
    """Create a demo user once; later runs leave a changed password alone."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username, defaults={"email": username, "first_name": first_name, "last_name": last_name}
    )
    if created:
        user.set_password(password)
        user.save()
    if group is not None:
        user.groups.add(group)
    if organisation is not None:
        Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": role or MemberRole.MEMBER}
        )
    return user


@transaction.atomic
def load(*, stdout):
    load_regions()
    group_map = ensure_groups()
    region = Organisation.objects.get(slug="food-valley")
    ensure_user(
        **DEMO_EDITOR,
        password=DEMO_PASSWORD,
        group=group_map[groups.EDITORS],
        organisation=region,
        role=MemberRole.EDITOR,
    )
    stdout.write(f"  organisaties: {Organisation.objects.count()}")


def summary() -> str:
    """Printed by load_demo at the end: how to sign in to the demo admin."""
    return f"Redacteur: {DEMO_EDITOR['username']} / {DEMO_PASSWORD}  (http://127.0.0.1:8000/admin/)"
