"""The rows of the pages' long lists (the ranked table, the units at risk, the honour roll's
clusters, the weeks of the chart's data table), rendered once per state of the row.

A progress page lists up to a hundred units, and rendering each row through the template engine (links, localized
numbers, translated labels) is most of what the page costs. A write changes the figures of a handful of rows
(the units above the one written to, and those whose rank moved), so each row's HTML is kept in the cache under a
digest of everything it is rendered from: the row template's source, the language, the row's own fields (every
figure a `UnitRow` holds, so any change of a figure is a new key) and the few page settings the row shows
(`context`: the campaign's slug, the phase's query string, the order of the table, whether the period is open).
A page fetches all its rows in one cache read and renders only those not found. Nothing here is keyed by a
generation: a row whose figures did not change is the same HTML whatever happened to the others.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .tallies import CACHE_TIMEOUT

_templates = {}  # template name → (template, digest of its source), per process


def _template(name):
    if name not in _templates:
        template = get_template(name)
        source = getattr(template.template, "source", "")
        _templates[name] = (template, hashlib.md5(source.encode(), usedforsecurity=False).hexdigest()[:12])
    return _templates[name]


def row_keys(template_name, rows, context):
    """The cache keys of `rows` rendered by `template_name` with `context` (a dict of str, int, bool or None)."""
    _template_object, digest = _template(template_name)
    shared = repr((get_language(), sorted(context.items())))
    return [
        f"initiatives:row:{digest}:{hashlib.md5(f'{shared}{row!r}'.encode(), usedforsecurity=False).hexdigest()}"
        for row in rows
    ]


def rendered_rows(template_name, rows, context, name="unit"):
    """The HTML of each of `rows` (safe strings, in order), rendered by `template_name` with `context` and the row
    as `name`; read from the cache when a row with the same inputs was rendered before, else rendered and kept.

    A row is a `UnitRow` or a tuple of plain values (its repr names all it holds)."""
    template, _digest = _template(template_name)
    keys = row_keys(template_name, rows, context)
    found = cache.get_many(keys) if keys else {}
    missing = {}
    html = []
    for key, row in zip(keys, rows, strict=True):
        fragment = found.get(key)
        if not isinstance(fragment, str):
            fragment = missing[key] = str(template.render({**context, name: row}))
        html.append(mark_safe(fragment))  # noqa: S308 - the template's own autoescaped output
    if missing:
        cache.set_many(missing, CACHE_TIMEOUT)
    return html
