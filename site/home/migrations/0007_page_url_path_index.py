"""An index on Wagtail's page ``url_path``: ``BasePage.route`` reads the chain of pages by url_path, which Wagtail
itself never does and so does not index. Without it every request scanned the page table (100,000 practices:
64 ms per request on PostgreSQL)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0006_english_locale")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS home_page_url_path_idx ON wagtailcore_page (url_path)",
            reverse_sql="DROP INDEX IF EXISTS home_page_url_path_idx",
        )
    ]
