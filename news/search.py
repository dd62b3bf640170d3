"""Accent-insensitive search text, the same on SQLite and PostgreSQL.

Each article keeps `search_text`: its title, sapo and body as plain, lower-case
text without Vietnamese diacritics ("Công Đoàn" → "cong doan"). Queries are
folded the same way, so "cong doan" and "Công Đoàn" find "công đoàn".
"""

import re
import unicodedata

from django.db import connection
from django.utils.html import strip_tags

_SPACES = re.compile(r"\s+")


def fold(text):
    """Lower-case `text` and drop diacritics; `đ` becomes `d`."""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def document_for(*parts, html_parts=()):
    """The folded search text of plain `parts` and HTML `html_parts`."""
    plain = [str(p) for p in parts if p] + [strip_tags(h) for h in html_parts if h]
    return fold(" ".join(plain))


def terms(query):
    """Folded words of a user's query, at most 8; anything but letters and digits separates words."""
    return [t for t in re.split(r"[\W_]+", fold(query)) if t][:8]


# --- Query side ---------------------------------------------------------------

# Shorter queries are refused: they would match nearly every article.
MIN_QUERY_LENGTH = 2


def is_searchable(query):
    """True when `query` holds enough letters or digits to be worth a search."""
    return len("".join(terms(query))) >= MIN_QUERY_LENGTH


def search_articles(query):
    """Published articles matching every word of `query`, accent-insensitive; best and newest first.

    On PostgreSQL: full-text search over `search_text` with the `simple`
    configuration (prefix match per word, ranked by ts_rank), using the GIN
    index of migration 0003. Elsewhere (SQLite): each folded word must occur in
    `search_text`, newest first.
    """
    from news.models import Article  # news.models imports this module

    words = terms(query)
    published = Article.objects.published()
    if not words:
        return published.none()
    if connection.vendor == "postgresql":
        return _full_text(published, words)
    for word in words:
        published = published.filter(search_text__contains=word)
    return published.order_by("-published_at", "-id")


def _full_text(queryset, words):
    # Imported here: SQLite-only installations never load the PostgreSQL extras.
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
    from django.db.models import F, Func

    # The same expression as the GIN index, so PostgreSQL can use it.
    document = Func(
        F("search_text"),
        template="to_tsvector('simple'::regconfig, %(expressions)s)",
        output_field=SearchVectorField(),
    )
    # Words are folded letters and digits only (see `terms`), safe in a raw tsquery.
    wanted = SearchQuery(" & ".join(f"{word}:*" for word in words), config="simple", search_type="raw")
    return (
        queryset.annotate(document=document)
        .filter(document=wanted)
        .annotate(rank=SearchRank(F("document"), wanted))
        .order_by("-rank", "-published_at", "-id")
    )
