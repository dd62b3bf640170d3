"""A stored full-text vector of Article.search_text, kept by PostgreSQL itself; on PostgreSQL only.

`search_vector` is a generated column: PostgreSQL computes
strip(to_tsvector('simple', search_text)) when a row is written, so a search
reads it instead of parsing kilobytes of text per matching article. Stripped
(words without positions, about 1,8 KB for a 5 KB article: search matches
words, it does not rank) and kept in the row (STORAGE MAIN), so checking an
article costs no TOAST read. The GIN index moves from the expression of
migration 0003 to the column. Django's model does not know the column
(news/search.py names it); SQLite has neither. ANALYZE gives the planner the
column's word frequencies at once.
"""

from django.db import migrations

OLD_INDEX = "article_search_idx"
INDEX = "article_search_vector_idx"
FORWARD = [
    "ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_vector tsvector"
    " GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, search_text))) STORED,"
    " ALTER COLUMN search_vector SET STORAGE MAIN",
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON news_article USING gin (search_vector)",
    f"DROP INDEX IF EXISTS {OLD_INDEX}",
    "ANALYZE news_article",
]
BACKWARD = [
    f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON news_article USING gin (to_tsvector('simple'::regconfig, search_text))",
    f"DROP INDEX IF EXISTS {INDEX}",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_vector",
]


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def remove_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_video_thumbnail_size"),
    ]

    operations = [
        migrations.RunPython(add_vector, remove_vector),
    ]
