"""The English locale beside the Dutch one, so editors can translate pages (WAGTAIL_CONTENT_LANGUAGES)."""

from django.db import migrations


def add_english_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


def remove_english_locale(apps, schema_editor):
    # Only while nothing uses it: pages in English would lose their locale (Wagtail protects the foreign key).
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    if not Page.objects.filter(locale__language_code="en").exists():
        Locale.objects.filter(language_code="en").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_outgoing_email_task_key"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(add_english_locale, remove_english_locale)]
