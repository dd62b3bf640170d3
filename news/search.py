"""Accent-insensitive search text, the same on SQLite and PostgreSQL.

Each article keeps `search_text`: its title, sapo and body as plain, lower-case
text without Vietnamese diacritics ("Công Đoàn" → "cong doan"). Queries are
folded the same way, so "cong doan" and "Công Đoàn" find "công đoàn".
Results come newest first, a page at a time, counted up to `RESULT_CAP`.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property
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


def word_document(*parts):
    """Folded words of plain `parts` joined by spaces: "05/KH-LĐLĐ" becomes "05 kh ldld".

    For short texts full of signs (document numbers): every word stands alone,
    so the PostgreSQL parser cannot read "05/kh-ldld" as one file-path token.
    """
    return " ".join(t for t in re.split(r"[\W_]+", fold(" ".join(str(p) for p in parts if p))) if t)


def terms(query):
    """Folded words of a user's query, at most 8; anything but letters and digits separates words."""
    return [t for t in re.split(r"[\W_]+", fold(query)) if t][:8]


# --- Query side ---------------------------------------------------------------

# Shorter queries are refused: they would match nearly every article.
MIN_QUERY_LENGTH = 2
# PostgreSQL only: the generated tsvector column of migration 0005 (not a model field).
VECTOR_COLUMN = "search_vector"


def is_searchable(query):
    """True when `query` holds enough letters or digits to be worth a search."""
    return len("".join(terms(query))) >= MIN_QUERY_LENGTH


def search_articles(query):
    """Published articles matching every word of `query`, accent-insensitive; newest first.

    On PostgreSQL: full-text search with the `simple` configuration (each word
    matches the start of a word) over the stored vector of migration 0005 and
    its GIN index. Elsewhere (SQLite): each folded word must occur in
    `search_text`. Results come newest first, as readers of a news site expect:
    a common word read from the date index stops after one page instead of
    ranking every article that contains it.
    """
    from news.models import Article  # news.models imports this module

    return matching(Article.objects.published(), query).order_by("-published_at", "-id")


def matching(queryset, query):
    """The rows of `queryset` whose `search_text` holds every word of `query`, accent-insensitive.

    Any model with a folded `search_text` column can be searched this way; on
    PostgreSQL its table also needs the generated `search_vector` column and
    GIN index that migration 0005 gives articles.
    """
    words = terms(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _full_text(queryset, words)
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def _full_text(queryset, words):
    # Imported here: SQLite-only installations never load the PostgreSQL extras.
    from django.contrib.postgres.search import SearchQuery, SearchVectorField
    from django.db.models.expressions import RawSQL

    table = connection.ops.quote_name(queryset.model._meta.db_table)
    # The generated column of migration 0005, to_tsvector('simple', search_text); constant names, no user input.
    stored = RawSQL(f'{table}."{VECTOR_COLUMN}"', [], output_field=SearchVectorField())  # noqa: S611
    # Words are folded letters and digits only (see `terms`), safe in a raw tsquery.
    wanted = SearchQuery(" & ".join(f"{word}:*" for word in words), config="simple", search_type="raw")
    # alias(), not annotate(): the vector is matched, never sent to Python.
    return queryset.alias(document=stored).filter(document=wanted)


# --- Pages of results -----------------------------------------------------------

# Beyond this many matches the page says "more than 1.000 results" rather than counting them all.
RESULT_CAP = 1000


class ResultPaginator(Paginator):
    """Pages of `search_articles`, counting at most `cap` matches.

    One read takes the keys of up to `cap` + 1 matches in no order, which the
    GIN index (or a scan that stops after `cap` + 1 rows) answers at once for
    any word. `count` is their number up to `cap`; `capped` tells there are
    more, and pages past `cap` do not exist. A page of a few matches is then
    sorted from those keys; a page of many reads the newest articles from the
    date index until it has enough, which the many matches make short.
    """

    cap = RESULT_CAP

    @cached_property
    def _first_matches(self):
        return list(self.object_list.order_by().values_list("pk", flat=True)[: self.cap + 1])

    @cached_property
    def count(self):
        return min(len(self._first_matches), self.cap)

    @property
    def capped(self):
        return len(self._first_matches) > self.cap

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if top + self.orphans >= self.count:
            top = self.count
        matches = self.object_list if self.capped else self.object_list.filter(pk__in=self._first_matches)
        return self._get_page(matches[bottom:top], number, self)


# --- Other kinds of results on the site search page ---------------------------------


@dataclass(frozen=True)
class Section:
    """A kind of content the site search also shows, after the news: documents, questions…

    `find(query)` returns a queryset of matches, best first; `more_url(query)` the
    address of that section's own search; `template` renders one match as `item`.
    """

    key: str
    label: str
    template: str
    find: Callable
    more_url: Callable


SECTIONS = []
SECTION_LIMIT = 5


def register_section(section):
    """Called from an app's ready(): its matches appear, grouped, on the site search page."""
    if all(known.key != section.key for known in SECTIONS):
        SECTIONS.append(section)


@dataclass(frozen=True)
class SectionResult:
    section: Section
    items: list
    more_url: str  # the section's own search, when it has more matches than shown; else ""


def section_results(query, limit=SECTION_LIMIT):
    """The first matches of every registered section, one query each."""
    found = []
    for section in SECTIONS:
        matches = list(section.find(query)[: limit + 1])
        more_url = section.more_url(query) if len(matches) > limit else ""
        found.append(SectionResult(section, matches[:limit], more_url))
    return found
