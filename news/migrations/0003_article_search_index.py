"""GIN index for full-text search over Article.search_text, on PostgreSQL only.

The expression is the one news/search.py queries with, so the planner can use it.
SQLite has no such index; search there scans search_text (see news/search.py).
"""

from django.db import migrations

INDEX = "article_search_idx"
CREATE = f"CREATE INDEX IF NOT EXISTS {INDEX} ON news_article USING gin (to_tsvector('simple'::regconfig, search_text))"
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_editor_groups"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
