"""Spacing and colour on the public site come from the design tokens (css/theme.css), not from one-off values, and
every token site.css uses exists (an undefined custom property silently drops the declaration)."""

import re

from django.contrib.staticfiles import finders

SPACING = re.compile(r"^(margin|padding|gap|row-gap|column-gap)(-[a-z-]+)?$")


def stylesheet(name):
    with open(finders.find(name), encoding="utf-8") as file:
        return re.sub(r"/\*.*?\*/", "", file.read(), flags=re.S)


def public_rules():
    """site.css up to the admin's pages (they load it without theme.css), comments removed."""
    with open(finders.find("css/site.css"), encoding="utf-8") as file:
        text = file.read().split("/* Outside the public site", 1)[0]
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def declarations(css):
    return re.findall(r"([a-z-]+)\s*:\s*([^;{}]+)", re.sub(r"@media[^{]+\{|[^{}]+\{", "{", css))


def test_every_margin_padding_and_gap_is_a_space_token_or_zero():
    # -1px: the margin of the visually-hidden pattern (.kp-visually-hidden), not a space anyone sees.
    one_off = [
        f"{prop}: {value.strip()}"
        for prop, value in declarations(public_rules())
        if SPACING.match(prop)
        and any(part not in ("0", "auto", "-1px") for part in re.sub(r"var\(--kp-space-[a-z0-9]+\)", "", value).split())
    ]
    assert one_off == []


def test_no_colour_literals_outside_the_theme():
    literals = re.findall(r"[a-z-]+\s*:[^;{}]*(?:#[0-9a-fA-F]{3,8}\b|rgba?\()[^;{}]*", public_rules())
    assert literals == []


def test_every_token_used_is_defined():
    defined = set(re.findall(r"(--kp-[a-z0-9-]+)\s*:", stylesheet("css/theme.css")))
    used = set(re.findall(r"var\((--kp-[a-z0-9-]+)", stylesheet("css/site.css")))
    assert used - defined == set()
