"""Versions of what editors write, as django-simple-history keeps them, and readable differences between two.

Every save of an article, a video or a web link adds a version (who, when, the
whole content). `changes()` compares two versions field by field; long text and
rich text are compared paragraph by paragraph, with words taken out and put in
marked, so a publisher reads what changed rather than two copies of the HTML.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join, strip_tags

_BLOCK_END = re.compile(r"(?i)</(p|h[1-6]|li|blockquote|figcaption|tr|div)>|<br\s*/?>")
_IGNORED = {"updated_at", "created_at", "cover_thumb", "cover_large", "cover_width", "cover_height", "search_text"}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str
    diff: str  # HTML: <del> and <ins> marks


def versions(obj):
    """`obj`'s versions, newest first, with who made them."""
    return obj.history.select_related("history_user").order_by("-history_date", "-history_id")


def changes(old, new):
    """What differs from version `old` to version `new`, field by field, in the model's order."""
    model = new.instance_type
    found = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in _IGNORED or not hasattr(new, field.attname):
            continue
        before, after = _shown(old, field), _shown(new, field)
        if before != after:
            found.append(Change(str(field.verbose_name), before, after, _marked(before, after)))
    return found


def _shown(record, field):
    if field.choices:
        value = getattr(record, field.attname)
        return str(dict(field.flatchoices).get(value, value) or "")
    if field.is_relation:
        related_id = getattr(record, field.attname)
        if related_id is None:
            return ""
        related = field.related_model._default_manager.filter(pk=related_id).first()
        return str(related) if related is not None else f"#{related_id}"
    value = getattr(record, field.attname)
    if value is None:
        return ""
    text = str(value)
    if "<" in text and ">" in text:
        text = strip_tags(_BLOCK_END.sub("\n", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _marked(before, after):
    """`after` with the words taken out of `before` in <del> and those put in in <ins>, paragraph by paragraph."""
    parts = []
    old_lines, new_lines = before.splitlines() or [""], after.splitlines() or [""]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.extend(format_html("<p>{}</p>", line) for line in new_lines[j1:j2])
        elif tag == "replace" and i2 - i1 == j2 - j1:
            pairs = zip(old_lines[i1:i2], new_lines[j1:j2], strict=True)
            parts.extend(format_html("<p>{}</p>", _words(a, b)) for a, b in pairs)
        else:
            parts.extend(format_html("<p><del>{}</del></p>", line) for line in old_lines[i1:i2] if line)
            parts.extend(format_html("<p><ins>{}</ins></p>", line) for line in new_lines[j1:j2] if line)
    return format_html_join("", "{}", ((part,) for part in parts))


def _words(before, after):
    old_words, new_words = before.split(), after.split()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            out.append(format_html("<del>{}</del>", " ".join(old_words[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(format_html("<ins>{}</ins>", " ".join(new_words[j1:j2])))
        if tag == "equal":
            out.append(format_html("{}", " ".join(new_words[j1:j2])))
    return format_html_join(" ", "{}", ((piece,) for piece in out))
