"""Queries per page for every page kind, anonymous and signed in, at 3 and at 21 items of the page's content.

The count must not grow with the content (no query per item) and is pinned, so a change that adds queries shows
up here. Pages over the budget of 15 queries are listed in OVER_BUDGET (issue 18); they fail the budget test as
expected until they are brought down, and then it tells that the entry can go.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.models import Organisation
from home.models import NewsPage
from home.pagination import PAGE_SIZE
from knowledge.models import CaseEvaluationPage, MainTheme, ProjectPage
from tests.factories.accounts import editor, provider_member
from tests.factories.advisory import ResponseFactory, make_proposal
from tests.factories.events import EventPageFactory, register
from tests.factories.home import NewsPageFactory
from tests.factories.knowledge import evaluation_page, practice_page, project_page

pytestmark = pytest.mark.django_db

BUDGET = 15
# 21 added items fill a listing's first page (20 at most) and start a second one, whatever the demo holds; 30
# measured no more and made 43% more pages (the module took 70 s on PostgreSQL with 30, 49 s with 21).
SMALL, LARGE = 3, PAGE_SIZE + 1
PROJECT = "/projecten/van-18-min-naar-18-plus/"
EVALUATION = "/casusevaluaties/ondertoezichtstelling-in-vier-weken/"
PRACTICE = "/goede-voorbeelden/team-jeugdlink/"
THEME = "begeleiding-18-min-18-plus"


def _news(n):
    NewsPageFactory.create_batch(n)


def _project():
    return ProjectPage.objects.get(url_path__endswith=PROJECT)


def _evaluation():
    return CaseEvaluationPage.objects.get(url_path__endswith=EVALUATION)


class Kind:
    """A page kind: `setup()` makes what the page needs and returns its URL, `grow(n, state)` adds n items."""

    def __init__(self, url=None, grow=None, setup=None):
        self.url, self._grow, self._setup = url, grow, setup

    def setup(self):
        return self._setup() if self._setup else (self.url, None)

    def grow(self, n, state):
        self._grow(n, state)


def _event_setup():
    event = EventPageFactory.create(capacity=100)
    return event.url, event


def _proposal_setup():
    # With a theme, as the demo's proposals: the page shows it (read with the page, not after).
    proposal = make_proposal(public_during_window=True, theme=MainTheme.objects.first())
    return proposal.url, proposal


def _news_setup():
    _news(1)
    return NewsPage.objects.order_by("-pk").first().url, None


def _responses(n, proposal):
    for _ in range(n):
        ResponseFactory(proposal=proposal)


def _practices(n, state):
    """Best practices for every kind that lists or links them: found by site search, related to the demo's project
    and case evaluation, and of the best practice's theme (the filtered finder's too)."""
    for _ in range(n):
        practice_page(title="Pleegzorg dichtbij", related_projects=[_project()], related_evaluations=[_evaluation()])


# Kinds that grow by the same function are measured together (one growth for 7 kinds, instead of seven:
# 147 practices made and rolled back).
KINDS = {
    "home": Kind("/", _practices),
    "project index": Kind("/projecten/", lambda n, s: [project_page() for _ in range(n)]),
    "evaluation index": Kind("/casusevaluaties/", lambda n, s: [evaluation_page() for _ in range(n)]),
    "event index": Kind("/kennisateliers/", lambda n, s: [EventPageFactory.create() for _ in range(n)]),
    "proposal index": Kind("/adviestafel/", lambda n, s: [make_proposal() for _ in range(n)]),
    "news index": Kind("/nieuws/", lambda n, s: _news(n)),
    "project": Kind(PROJECT, _practices),
    "case evaluation": Kind(EVALUATION, _practices),
    "best practice": Kind(PRACTICE, _practices),
    "event": Kind(
        setup=_event_setup,
        grow=lambda n, event: [register(event, notify=False) for _ in range(n)],
    ),
    "proposal": Kind(setup=_proposal_setup, grow=lambda n, proposal: _responses(n, proposal)),
    "news": Kind(setup=_news_setup, grow=lambda n, s: _news(n)),
    "finder": Kind("/goede-voorbeelden/", _practices),
    "finder + 2 filters": Kind(
        f"/goede-voorbeelden/?actielijn=kwetsbare-kinderen-zelfstandig&regio=food-valley&thema={THEME}", _practices
    ),
    "search": Kind("/zoeken/?q=pleegzorg", _practices),
}

# Queries on the second visit (related items and site root paths warm): anonymous, provider, editor. Every
# signed-in visit reads the user and its permissions (Wagtail's user bar checks admin access; the session comes
# from the cache; a page that derives roles gets the group names in the same query, and on a page Wagtail serves the
# user bar's page permissions come with it too: accounts/backends.py); the editor's user bar is kept per editor and
# page, so it reads nothing on a second visit (home/userbar.py). Kept between requests instead of read: the user bar,
# the site and its home page, the finder's taxonomy terms, a proposal's questions, the regions of the registration
# form, the index filters' options (home/userbar.py, home/sites.py, search/contract.py, advisory views,
# events/forms.py, the index pages' remember_for_page). The restricted sections are read once per request, never
# kept: a new restriction must hold on the next request.
EXPECTED = {
    "home": (5, 7, 7),
    "project index": (7, 9, 9),
    "evaluation index": (5, 7, 7),
    "event index": (6, 8, 8),
    "proposal index": (5, 7, 7),
    "news index": (4, 6, 6),
    "project": (5, 7, 7),
    "case evaluation": (7, 9, 9),
    "best practice": (4, 6, 6),
    "event": (5, 7, 7),
    "proposal": (4, 12, 12),
    "news": (3, 5, 5),
    "finder": (5, 7, 7),
    "finder + 2 filters": (6, 8, 8),
    "search": (8, 10, 10),
}
# Measured on each database: on PostgreSQL site search takes one query less (Wagtail's PostgreSQL search backend
# against SQLite's FTS5). The project index, one more on PostgreSQL before, now counts its total in the page's query
# on both.
EXPECTED_BY_VENDOR = {"postgresql": {"search": (7, 9, 9)}}
EXPECTED = {**EXPECTED, **EXPECTED_BY_VENDOR.get(connection.vendor, {})}
USERS = ("anonymous", "provider", "editor")
# Pinned at most BUDGET everywhere (issue 18); a page that goes over is listed here as an expected failure.
OVER_BUDGET = {
    (kind, USERS[i]) for kind, counts in EXPECTED.items() for i, count in enumerate(counts) if count > BUDGET
}


def _clients():
    clients = {"anonymous": Client(), "provider": Client(), "editor": Client()}
    clients["provider"].force_login(provider_member(organisation=Organisation.objects.filter(kind="provider").first()))
    clients["editor"].force_login(editor())
    return clients


def _count(client, url):
    assert client.get(url).status_code == 200, url  # warm-up: related items, templates
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def _counts_at_two_sizes(kinds):
    """{name: (small, large)} for kinds that share one growth function (a kind with state of its own is alone)."""
    urls, states = {}, {}
    for name, kind in kinds.items():
        urls[name], states[name] = kind.setup()
    clients = _clients()
    grow, state = next(iter(kinds.values())).grow, next(iter(states.values()))
    grow(SMALL, state)
    small = {name: {who: _count(client, url) for who, client in clients.items()} for name, url in urls.items()}
    grow(LARGE - SMALL, state)
    large = {name: {who: _count(client, url) for who, client in clients.items()} for name, url in urls.items()}
    return {name: (small[name], large[name]) for name in kinds}


@pytest.fixture(scope="module")
def counts(module_demo, django_db_blocker):
    """The counts of every kind at both sizes, measured once for the module (they were measured again for each of
    the 15 pins and 45 budget checks: 59 s of a 2-core run). Each group of kinds is measured in a transaction of its
    own that is rolled back, on a cleared cache, so it starts from the demo as a test of its own would."""
    groups = {}
    for name, kind in KINDS.items():
        groups.setdefault(kind._grow if kind._setup is None else name, {})[name] = kind
    measured = {}
    with django_db_blocker.unblock():
        for kinds in groups.values():
            cache.clear()
            translation.activate(settings.LANGUAGE_CODE)
            with transaction.atomic():
                measured.update(_counts_at_two_sizes(kinds))
                transaction.set_rollback(True)
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    return measured


@pytest.mark.parametrize("name", list(KINDS))
def test_queries_do_not_grow_with_content_and_are_pinned(counts, name):
    small, large = counts[name]
    sizes = f"{name}: {small} at {SMALL} items, {large} at {LARGE}"
    assert all(large[who] <= small[who] for who in USERS), sizes
    # The pin is the most queries at either size: a query that comes only with little content (the project index's
    # KPI measurements at 3 projects) shows as well as one that comes with more.
    at_most = tuple(max(small[who], large[who]) for who in USERS)
    assert at_most == EXPECTED[name], f"{sizes}; at most {at_most}, pinned {EXPECTED[name]}"


@pytest.mark.parametrize(
    ("name", "who"),
    [
        pytest.param(name, who, marks=[pytest.mark.xfail(strict=True, reason="over budget (issue 18)")])
        if (name, who) in OVER_BUDGET
        else (name, who)
        for name in KINDS
        for who in USERS
    ],
)
def test_every_page_within_the_query_budget(counts, name, who):
    small, large = counts[name]
    assert max(small[who], large[who]) <= BUDGET, (small, large)
