"""The judged queries (relevance_set.py) on the database backend: every judged page in the top 5.

The same set runs against the live engine in test_engine_live.py; bench/search_relevance.py reports recall@5 and
the mean reciprocal rank per backend.
"""

import pytest

from tests.search.relevance_set import JUDGEMENTS, misses

pytestmark = [pytest.mark.django_db, pytest.mark.database_search]


def test_the_set_covers_what_the_issue_names():
    kinds = {judgement.kind for judgement in JUDGEMENTS}
    assert len(JUDGEMENTS) >= 40
    assert {"jargon", "plural", "compound", "region", "misspelling", "question", "english"} <= kinds


@pytest.mark.parametrize("judgement", JUDGEMENTS, ids=lambda j: f"{j.language}:{j.query}")
def test_judged_pages_are_in_the_top_five(demo_site, judgement):
    missing, shown = misses(judgement)
    assert not missing, f"{judgement.query!r} ({judgement.language}) shows {shown}"
