"""What a signed-in page reads about its visitor, and the rules it then works out without a query, answer as the
queries they replace (issue 18)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from home.pagination import paginate, paginate_counted
from knowledge.advisory import selectors
from knowledge.advisory.models import Response
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_the_audience_of_all_contracted_providers_is_the_same_without_its_query(demo_site):
    proposal = make_proposal()
    contracted, uncontracted = OrganisationFactory(is_contracted=True), OrganisationFactory(is_contracted=False)
    member = provider_member(organisation=contracted)
    member.memberships.create(organisation=uncontracted, role="member")
    in_sql = set(selectors.audience_organisations(proposal).filter(pk__in=[contracted.pk, uncontracted.pk]))
    assert in_sql == {contracted}
    assert set(selectors.user_audience_organisations(proposal=proposal, user=_fresh(member))) == in_sql
    outsider = selectors.can_respond(proposal=proposal, user=_fresh(provider_member(organisation=uncontracted)))
    assert not outsider.allowed
    assert outsider.reason == "Uw organisatie hoort niet bij de doelgroep van deze consultatie."
    assert selectors.can_respond(proposal=proposal, user=_fresh(member)).allowed


@pytest.mark.parametrize("requested", [None, "1", "2", "3", "99", "nul", "-1", "", "9999999999999999999999", "²"])
def test_the_counted_page_is_the_page_of_the_plain_paginator(demo_site, requested):
    proposal = make_proposal(public_during_window=True)
    for _ in range(5):
        ResponseFactory(proposal=proposal)
    request = RequestFactory().get("/", {} if requested is None else {"page": requested})
    request.user = AnonymousUser()
    responses = Response.objects.filter(proposal=proposal).order_by("pk")
    plain, counted = paginate(request, responses, per_page=2), paginate_counted(request, responses, per_page=2)
    assert (counted.number, counted.paginator.count, counted.paginator.num_pages) == (
        plain.number,
        plain.paginator.count,
        plain.paginator.num_pages,
    )
    assert [r.pk for r in counted] == [r.pk for r in plain]
