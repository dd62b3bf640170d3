"""The live parts of a public page, put in on every request: "Lượt xem", "Thống kê truy cập", "Đọc nhiều".

Pages are rendered and cached with markers in their place (news/pagecache.py); `parts(reading)`
gives what goes in for one request, after its reading has settled.
"""

import threading

from django.template.loader import render_to_string
from django.utils.formats import localize
from django.utils.translation import get_language

from news.counting import stats

STAT_NAMES = ("online", "today", "week", "total")
_block_lock = threading.Lock()
_blocks = {}
_formatted = {}


def parts(reading):
    """`part(name)` → bytes for each live part's marker name."""
    found = {}

    def part(name):
        value = found.get(name)
        if value is None:
            value = found[name] = _part(name, reading)
        return value

    return part


def _part(name, reading):
    if name == "views":
        return localize(reading.views or 0).encode()
    if name == "most_read":
        return most_read_html().encode()
    return _formatted_stats(stats.site_stats())[name]


def _formatted_stats(figures):
    """{name: the figure as shown (bytes)}, formatted once for each new set of figures (every few seconds)."""
    language = get_language()
    kept = _formatted.get(language)
    if kept is None or kept[0] is not figures:
        kept = (figures, {name: localize(figures[name]).encode() for name in STAT_NAMES})
        _formatted[language] = kept
    return kept[1]


def most_read_html():
    """The "Đọc nhiều" block, rendered once for each new list (the list itself is at most a minute old)."""
    articles = stats.most_read()
    key = tuple((entry["url"], entry["title"], entry["views"]) for entry in articles)
    html = _blocks.get(key)
    if html is None:
        html = render_to_string("includes/most_read.html", {"most_read": articles})
        with _block_lock:
            if len(_blocks) > 64:
                _blocks.clear()
            _blocks[key] = html
    return html
