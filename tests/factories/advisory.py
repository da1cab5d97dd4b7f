import datetime

import factory
from django.utils import timezone

from accounts.models import Organisation
from knowledge.advisory.models import (
    ConsultationQuestion,
    Position,
    ProposalPage,
    Reply,
    Response,
    ResponseState,
    ResponseVersion,
    Visibility,
)
from knowledge.advisory.rendering import render_markdown

from .accounts import OrganisationFactory, UserFactory
from .pages import PublishedPageFactory

_counter = iter(range(1, 1_000_000))


def make_proposal(
    *,
    opens_at=None,
    closes_at=None,
    questions=("Steunt u het voorstel?",),
    public_during_window=False,
    title=None,
    **fields,
) -> ProposalPage:
    """A published proposal under /adviestafel/ (open for ten days by default)."""
    now = timezone.now()
    n = next(_counter)
    fields.setdefault("region", Organisation.objects.get(slug="food-valley"))  # the region holding it
    return ProposalPageFactory(
        title=title or f"Testvoorstel {n}",
        slug=f"testvoorstel-{n}",
        summary="Een voorstel om op te reageren.",
        opens_at=opens_at or now - datetime.timedelta(days=1),
        closes_at=closes_at or now + datetime.timedelta(days=10),
        public_during_window=public_during_window,
        questions=[ConsultationQuestion(text=text, sort_order=i) for i, text in enumerate(questions)],
        **fields,
    )


class ProposalPageFactory(PublishedPageFactory):
    """A published proposal below the demo's /adviestafel/; make_proposal() fills in an open window."""

    class Meta:
        model = ProposalPage


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response
        skip_postgeneration_save = True

    proposal = None
    question = factory.LazyAttribute(lambda o: o.proposal.questions.first())
    author = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    position = Position.SUPPORTS
    visibility = Visibility.PUBLIC
    state = ResponseState.ACTIVE
    body_markdown = factory.Sequence(lambda n: f"Reactietekst nummer {n}")
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body_markdown))

    @factory.post_generation
    def version(obj, create, extracted, **kwargs):
        if create:
            ResponseVersion.objects.create(
                response=obj, position=obj.position, visibility=obj.visibility, body_markdown=obj.body_markdown
            )


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    response = None
    author = factory.SubFactory(UserFactory)
    body_markdown = factory.Sequence(lambda n: f"Antwoord nummer {n}")
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body_markdown))
