import datetime

import factory
from django.utils import timezone

from accounts.models import Organisation
from events import services
from events.models import EventKind, EventPage, RegistrationRole

from .pages import PublishedPageFactory


class EventPageFactory(PublishedPageFactory):
    """A published event below the demo's /kennisateliers/ (pass `parent=` for another index)."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Testatelier {n}")
    slug = factory.Sequence(lambda n: f"testatelier-{n}")
    kind = EventKind.KENNISATELIER
    summary = "Een middag over wat werkt in de jeugdhulp."
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=3))
    venue_name = "Gemeentehuis Ede"
    venue_address = "Bergstraat 4, Ede"
    online_url = ""
    capacity = 10
    contact_email = "atelier@foodvalley.example"


_counter = iter(range(1, 1_000_000))


def register(event, *, region="food-valley", notify=True, **overrides):
    """Register someone through the service (the only way registrations are made)."""
    n = next(_counter)
    if isinstance(region, str):
        region = Organisation.objects.get(slug=region)
    fields = {
        "name": f"Deelnemer {n}",
        "email": f"deelnemer{n}@voorbeeld.example",
        "organisation_name": "Gemeente Ede",
        "region": region,
        "role": RegistrationRole.POLICY,
        "consent": True,
    }
    fields.update(overrides)
    return services.register(event=event, notify=notify, **fields)


def question(event, label, *, kind="text", choices=(), required=False, help_text=""):
    """A question on the event's registration form (as an editor adds it in the InlinePanel)."""
    from events.models import EventQuestion

    return EventQuestion.objects.create(
        event=event,
        label=label,
        kind=kind,
        choices="\n".join(choices),
        required=required,
        help_text=help_text,
        sort_order=EventQuestion.objects.filter(event=event).count(),
    )
