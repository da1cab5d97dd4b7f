"""Best practices for search tests, placed under the demo's /goede-voorbeelden/ page.

The knowledge app has its own factories; this minimal helper only needs published (or draft)
practices with taxonomy and text, and keeps the search index current (sub-themes are M2M, so the
page is re-indexed after they are set)."""

import datetime
import itertools
import uuid

from wagtail.models import PageViewRestriction

from home.indexing import index_once, index_updates_deferred

_counter = itertools.count(1)


def practice_index():
    from knowledge.models import PracticeIndexPage

    return PracticeIndexPage.objects.order_by("pk").first()


def make_finder_page(slug="zoektest"):
    """A second, empty finder page under the home page, so counts in tests ignore the demo's practices."""
    from home.models import HomePage
    from knowledge.models import PracticeIndexPage

    page = PracticeIndexPage(title="Zoektest", slug=slug, summary="Finder voor tests.")
    HomePage.objects.get().add_child(instance=page)
    return page


def term(model, slug=None, **filters):
    qs = model.objects.filter(**filters)
    return qs.get(slug=slug) if slug else qs.order_by("pk").first()


def make_practice(
    title=None,
    *,
    summary="",
    region=None,
    action_line=None,
    main_theme=None,
    phase=None,
    kind=None,
    evidence_level=None,
    subthemes=(),
    date=None,
    live=True,
    private=False,
    target_group="",
    index=None,
):
    from accounts.models import Organisation
    from knowledge.models import BestPracticePage, MainTheme, Phase, PracticeKind

    n = next(_counter)
    main_theme = main_theme or term(MainTheme)
    page = BestPracticePage(
        title=title or f"Voorbeeld {n}",
        slug=f"voorbeeld-{n}-{uuid.uuid4().hex[:6]}",
        summary=summary,
        region=region or term(Organisation, kind="region"),
        main_theme=main_theme,
        action_line=action_line or main_theme.action_line,
        phase=phase or term(Phase),
        kind=kind or term(PracticeKind),
        evidence_level=evidence_level,
        target_group=target_group,
        date=date or datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        live=live,
    )
    with index_updates_deferred(BestPracticePage):
        (index or practice_index()).add_child(instance=page)
        if subthemes:
            page.subthemes.set(subthemes)
            page.save()
    if private:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    index_once(page)
    return page
