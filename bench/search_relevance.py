"""Relevance of site search on the judged queries (tests/search/relevance_set.py): recall@5 and MRR per backend.

    .venv/bin/python bench/search_relevance.py                                   # the database backend
    OPENSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/search_relevance.py   # also the live engine
    .venv/bin/python bench/search_relevance.py --stemmers                        # each prefix stemmer alone

Uses its own SQLite database (/tmp/kp_relevance.sqlite3, demo content) unless DATABASE_URL is set.
recall@5: the share of judged pages found in the top 5. MRR: the mean over queries of 1/rank of the first
judged page (0 when none is in the top 10).
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/kp_relevance.sqlite3")


def score(judgements, ranked):
    found = total = 0
    reciprocal = []
    for judgement in judgements:
        titles = ranked(judgement)
        total += len(judgement.expected)
        found += sum(1 for title in judgement.expected if title in titles[:5])
        ranks = [titles.index(t) + 1 for t in judgement.expected if t in titles]
        reciprocal.append(1 / min(ranks) if ranks else 0.0)
    return found / total, sum(reciprocal) / len(reciprocal)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stemmers", action="store_true", help="also score each prefix stemmer on its own")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    from home.models import HomePage
    from search import engine, text
    from tests.search.relevance_set import JUDGEMENTS, ranked_titles

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        if not HomePage.objects.exists():
            call_command("load_demo", verbosity=0, stdout=devnull)
        call_command("update_index", verbosity=0, stdout=devnull)

    def ranked(judgement):
        return ranked_titles(judgement.query, language=judgement.language, limit=10)[0]

    rows = []
    with override_settings(OPENSEARCH_URL="", ELASTICSEARCH_URL=""):
        rows.append(("database", *score(JUDGEMENTS, ranked)))
        if args.stemmers:
            combined = text.prefixes_for

            def porter_only(token):
                stemmed = text.stem(token)
                return [stemmed] if token.startswith(stemmed) else [stemmed, token]

            def snowball_only(token):
                canonical = text.kraaij_pohlmann_stem(token) if token.isalpha() else token
                return [canonical] if token.startswith(canonical) else [canonical, token]

            for name, variant in (
                ("database, Snowball original + undoubling only", porter_only),
                ("database, Snowball Kraaij-Pohlmann only", snowball_only),
            ):
                text.prefixes_for = variant
                import search.query

                search.query.prefixes_for = variant
                try:
                    rows.append((name, *score(JUDGEMENTS, ranked)))
                finally:
                    text.prefixes_for = search.query.prefixes_for = combined
    config = engine.configured()
    if config:
        rows.append((f"{config.kind} ({engine.transport().info()['version']['number']})", *score(JUDGEMENTS, ranked)))

    print(f"{len(JUDGEMENTS)} judged queries, {sum(len(j.expected) for j in JUDGEMENTS)} judged pages")
    print("| backend | recall@5 | MRR |")
    print("|---|---:|---:|")
    for name, recall, mrr in rows:
        print(f"| {name} | {recall:.3f} | {mrr:.3f} |")


if __name__ == "__main__":
    main()
