"""Accent-insensitive search text, the same on SQLite and PostgreSQL.

Each article keeps `search_text`: its title, sapo and body as plain, lower-case
text without Vietnamese diacritics ("Công Đoàn" → "cong doan"). Queries are
folded the same way, so "cong doan" and "Công Đoàn" find "công đoàn".
"""

import re
import unicodedata

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
    """Folded words of a user's query, at most 8, each at least one character."""
    return [t for t in re.split(r"[^\w]+", fold(query)) if t][:8]
