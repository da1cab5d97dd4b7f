"""Images drawn by code: the logo's raster fallbacks and the demo's page images (Pillow, nothing downloaded).

- ``draw_mark(size)``: the logo mark of ``static/img/logo.svg`` / ``static/favicon.svg`` as a Pillow image, for
  ``favicon.ico``, ``apple-touch-icon.png`` and the Open Graph fallback ``img/og-default.png``
  (``python -c "import home.demo_images as d; d.write_brand_files()"`` rewrites them).
- ``load()``: run by ``load_demo`` after the pages exist; gives a few projects, best practices, events and news
  items an abstract main image with alt text, with every rendition the site shows of it. Idempotent: a page that
  has an image keeps it.
"""

import hashlib
import io
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

PRIMARY = (21, 66, 115)
PRIMARY_DARK = (11, 37, 64)
ACCENT = (255, 182, 18)
TINT = (232, 238, 245)
WHITE = (255, 255, 255)
STATIC = Path(__file__).resolve().parents[1] / "static"

DEMO_COLLECTION = "Demo-afbeeldingen"
DEMO_IMAGE_SIZE = (1600, 1000)


def draw_mark(size, *, tile=PRIMARY, line=WHITE, node=ACCENT):
    """The logo mark (a small network of three nodes on a rounded tile) at `size` × `size` pixels."""
    scale = 4  # drawn large, then reduced: smooth edges without an anti-aliasing library
    s = size * scale / 48
    image = PILImage.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size * scale - 1, size * scale - 1), radius=10 * s, fill=tile)
    points = [(13 * s, 35 * s), (24 * s, 15 * s), (35 * s, 31 * s)]
    draw.line(points, fill=line, width=round(4 * s), joint="curve")
    for x, y in (points[0], points[2]):
        draw.ellipse((x - 5 * s, y - 5 * s, x + 5 * s, y + 5 * s), fill=line)
    x, y = points[1]
    draw.ellipse((x - 7.75 * s, y - 7.75 * s, x + 7.75 * s, y + 7.75 * s), fill=line)
    draw.ellipse((x - 5.25 * s, y - 5.25 * s, x + 5.25 * s, y + 5.25 * s), fill=node)
    return image.resize((size, size), PILImage.LANCZOS)


def draw_og_default(width=1200, height=630):
    """The site's Open Graph image for pages without one: the mark on the brand colour (no text to translate)."""
    image = PILImage.new("RGB", (width, height), PRIMARY)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        r = 180 + i * 90
        draw.ellipse((width - r, height - r, width + r, height + r), outline=PRIMARY_DARK, width=18)
    mark = draw_mark(320, tile=WHITE, line=PRIMARY)
    image.paste(mark, ((width - 320) // 2, (height - 320) // 2), mark)
    return image


def write_brand_files(static=STATIC):
    """(Re)write the raster icons next to the SVGs."""
    draw_mark(32).save(static / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    draw_mark(180).convert("RGB").save(static / "img" / "apple-touch-icon.png", optimize=True)
    draw_og_default().save(static / "img" / "og-default.png", optimize=True)


def draw_abstract(seed: str, size=DEMO_IMAGE_SIZE):
    """An abstract composition of circles and bands in the brand colours, different per `seed`, as JPEG bytes."""
    digest = hashlib.sha256(seed.encode()).digest()
    width, height = size
    palette = [PRIMARY, PRIMARY_DARK, ACCENT, TINT, (46, 107, 48), (120, 150, 190)]
    background = palette[digest[0] % 2]
    image = PILImage.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    for i in range(7):
        b = digest[1 + i * 4 : 5 + i * 4]
        colour = palette[b[0] % len(palette)]
        cx, cy = b[1] / 255 * width, b[2] / 255 * height
        r = 80 + b[3] / 255 * height * 0.5
        if i % 3 == 2:
            draw.rectangle((0, cy - r / 6, width, cy + r / 6), fill=colour)
        else:
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82)
    return out.getvalue()


# Pages (per model, the first `count` in tree order) that get a demo image, with the alt text an editor would write.
# Projects can have an image too; the demo leaves them without, so /projecten/ shows the card without one.
DEMO_IMAGES = [
    ("knowledge.BestPracticePage", 6, "Abstracte illustratie: cirkels en banen in de kleuren van het kennisplatform"),
    ("events.EventPage", 3, "Abstracte illustratie voor een kennisatelier: overlappende cirkels"),
    ("home.NewsPage", 2, "Abstracte illustratie bij een nieuwsbericht"),
]


def load(stdout=None):
    from django.apps import apps
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from home.images import make_main_image_renditions

    Image = get_image_model()
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=DEMO_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=DEMO_COLLECTION)
    made = 0
    for label, count, alt in DEMO_IMAGES:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for page in model.objects.live().order_by("path")[:count]:
            if page.main_image_id:
                continue
            title = f"Demo: {page.slug}"
            image = Image.objects.filter(title=title).first()
            if image is None:
                data = draw_abstract(page.slug)
                image = Image(title=title, collection=collection)
                image.file = ImageFile(io.BytesIO(data), name=f"demo-{page.slug}.jpg")
                image.save()
                make_main_image_renditions(image)
            page.main_image, page.main_image_alt = image, alt
            # No new revision: the published page gets the image, as a demo loader may (no editor history).
            page.save(update_fields=["main_image", "main_image_alt"], clean=False)
            latest = page.get_latest_revision()
            if latest is not None:
                content = dict(latest.content, main_image=image.pk, main_image_alt=alt)
                latest.content = content
                latest.save(update_fields=["content"])
            made += 1
    if stdout is not None:
        stdout.write(f"  afbeeldingen: {made}\n")
