"""Template helpers of the front end: Open Graph image, long facets split into top items and the rest."""

import unicodedata

from django import template
from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.template.defaultfilters import truncatechars
from django.templatetags.static import static
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.images import get_image_model

from home.cache import remember_many
from home.form_rendering import form_fields_html
from home.images import OG_FILTER_SPEC, prefetch_page_image_renditions
from home.public_url import absolute_url
from home.userbar import render_userbar

register = template.Library()

OG_DEFAULT = ("img/og-default.png", 1200, 630)
FACET_TOP = 6


@register.simple_tag(takes_context=True)
def userbar(context, position="bottom-right"):
    """Wagtail's user bar for editors, kept per editor and page (home.userbar)."""
    return render_userbar(context, position)


@register.simple_tag
def form_fields(form, template_name):
    """The form's fields as ``template_name`` writes them (with only ``form`` in its context); an unbound form's
    once per process and content (home.form_rendering)."""
    return form_fields_html(form, template_name)


@register.simple_tag
def og_image(page=None):
    """The page's main image as a 1200 × 630 JPEG rendition, else the site's logo image: url, width, height, alt."""
    image = getattr(page, "main_image", None) if page is not None else None
    if image is not None:
        try:
            # with the hero picture's renditions in the same cache read (the page shows them further down)
            prefetch_page_image_renditions(image)
            rendition = image.get_renditions(OG_FILTER_SPEC)[OG_FILTER_SPEC]
        except Exception:  # noqa: BLE001 - a missing or broken file must not break the page
            rendition = None
        if rendition is not None:
            return {
                "url": absolute_url(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": getattr(page, "main_image_alt", ""),
            }
    path, width, height = OG_DEFAULT
    return {"url": absolute_url(static(path)), "width": width, "height": height, "alt": ""}


@register.filter
def facet_top(options, size=FACET_TOP):
    """A facet's options to show at once: the chosen ones and those with the most results, in display order."""
    return _split(options, int(size))[0]


@register.filter
def facet_rest(options, size=FACET_TOP):
    """The options behind "toon alle" (empty for a short facet)."""
    return _split(options, int(size))[1]


SUMMARY_LIMIT = 240


@register.filter
def card_summary(text, limit=SUMMARY_LIMIT):
    """A summary on a card or result: Django's ``truncatechars`` where it is longer than the limit. A summary that
    fits (most do) is returned as it is without Django walking its every character (a Unicode lookup per
    character: a quarter of a finder card's cost)."""
    text = unicodedata.normalize("NFC", str(text))  # as Django's Truncator gives it back
    return text if len(text) <= int(limit) else truncatechars(text, limit)


@register.simple_tag
def facet_checkboxes(facet, options):
    """A facet's options as Utrecht checkboxes with their counts, written in Python: a template include per option
    cost the finder more than the rest of its page where every term has results (10,000 practices: some 150)."""
    param = conditional_escape(facet.param)
    html = []
    for option in options:
        slug = conditional_escape(option.slug)
        checked = " checked" if option.selected else ""
        html.append(
            '<div class="utrecht-form-field utrecht-form-field--checkbox">\n'
            '          <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox"'
            f' id="f-{param}-{slug}" name="{param}" value="{slug}"{checked}>\n'
            f'          <label class="utrecht-form-label utrecht-form-label--checkbox" for="f-{param}-{slug}">'
            f'{conditional_escape(option.label)} <span class="kp-count">({int(option.count)})</span></label>\n'
            "        </div>\n"
        )
    return mark_safe("".join(html))  # noqa: S308 (every value escaped above)


def _split(options, size):
    options = list(options)
    if len(options) <= size + 2:  # hiding one or two options helps nobody
        return options, []
    ranked = sorted(range(len(options)), key=lambda i: (not options[i].selected, -options[i].count, i))
    keep = set(ranked[: max(size, sum(1 for o in options if o.selected))])
    return [o for i, o in enumerate(options) if i in keep], [o for i, o in enumerate(options) if i not in keep]


@register.simple_tag(takes_context=True)
def content_lang(context, page=None):
    """` lang="nl"` on content whose language differs from the interface's (WCAG 3.1.2), else nothing.

    Pages are written in Dutch (LANGUAGE_CODE); with Wagtail's localisation on, a page's own locale decides."""
    page = page if page is not None else context.get("page")
    content = settings.LANGUAGE_CODE
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False) and getattr(page, "locale_id", None):
        content = _locale_language(page.locale_id) or content
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if content.split("-")[0] == current:
        return ""
    return format_html(' lang="{}"', content)


_LOCALES: dict[int, str] = {}


def _locale_language(locale_id):
    """A locale's language code, from one query for all locales (there are a handful), not one per card."""
    if locale_id not in _LOCALES:
        from wagtail.models import Locale

        _LOCALES.update(Locale.objects.values_list("pk", "language_code"))
    return _LOCALES.get(locale_id)


@register.filter
def with_card_images(items):
    """A card list (a list, queryset or paginator page) with every card's image and its renditions read in two
    queries for the whole list (Wagtail's ``prefetch_renditions``), instead of two per card with an image."""
    if hasattr(items, "object_list"):  # a paginator page: keep it (the template asks it for numbers too)
        items.object_list = objects = list(items.object_list)
    else:
        items = objects = list(items)
    Image = get_image_model()
    loaded, missing = [], {}
    for item in objects:
        if not getattr(item, "main_image_id", None):
            continue
        cached = item._state.fields_cache.get("main_image")
        if cached is not None:
            loaded.append(cached)
        else:
            missing.setdefault(item.main_image_id, []).append(item)
    if missing:
        for image in Image.objects.filter(pk__in=missing).prefetch_renditions():
            for item in missing[image.pk]:
                item.main_image = image
    pending = [image for image in loaded if not hasattr(image, "prefetched_renditions")]
    if pending:
        renditions = Image.get_rendition_model().objects.all()
        prefetch_related_objects(pending, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"))
    return items


# Cards whose HTML changes only with published content (a practice's or project's own fields, its taxonomy, its
# headline KPI, its image): kept until the page cache's next purge (home/cache.py). An event card shows the places
# left, which registrations change without a publish; a finder card with a text match shows its own snippet.
CACHED_CARD_KINDS = frozenset({"practice", "project"})


@register.simple_tag(takes_context=True)
def card_items(context, items, kind, heading=""):
    """Each item's card (includes/card.html) in its list item. Practice and project cards come from the cache, all
    of a list in one round trip; only those not kept are rendered (with their images read for them alone). A card
    cost a listing some 2,000 Python calls: a full page of 20 made the finder at 10,000 practices cost twice what
    it cost with the demo's few."""
    items = list(items.object_list if hasattr(items, "object_list") else items)
    request = context.get("request")
    template = context.template.engine.get_template("includes/card.html")

    def render(pending):
        with_card_images(pending)
        html = {}
        for item in pending:
            snippet = getattr(item, "search_snippet", "")
            with context.push(item=item, kind=kind, heading=heading, snippet=snippet):
                html[item.pk] = template.render(context)
        return html

    cacheable = kind in CACHED_CARD_KINDS and not getattr(request, "is_preview", False)
    language = get_language()
    names = {
        f"card:{kind}:{heading}:{item.pk}:{language}": item
        for item in items
        if cacheable and not getattr(item, "search_snippet", "")
    }
    kept = {item.pk for item in names.values()}
    cards = render([item for item in items if item.pk not in kept])

    def render_missing(missing):
        html = render([names[name] for name in missing])
        return {name: html[names[name].pk] for name in missing}

    if names:
        cards.update({names[name].pk: html for name, html in remember_many(list(names), render_missing).items()})
    # Each card is the template's output, escaped there.
    return mark_safe("".join(f'<li class="kp-card-item">{cards[item.pk]}</li>\n' for item in items))  # noqa: S308
