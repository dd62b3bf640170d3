"""One cell at a time: text, dates, money, choices, phase numbers and authors as a user types them."""

import re
from datetime import date, datetime, time
from functools import lru_cache

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from news.search import fold

from .. import rules, workflow

MAX_BENEFIT = 10**15


class CellError(ValueError):
    """One cell's value is not acceptable; the message is for the user."""


def parse_text(value):
    """A cell as stripped text ("" for empty); whole numbers lose Excel's ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def parse_date(value):
    """A date from an XLSX date cell or text "dd/mm/yyyy" (also d/m/yyyy, dd.mm.yyyy, yyyy-mm-dd); None if empty."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = parse_text(value)
    if not text:
        return None
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _YMD.match(text)
        if not match:
            raise CellError(_("“%(value)s” không phải ngày dạng dd/mm/yyyy.") % {"value": text})
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise CellError(_("ngày “%(value)s” không tồn tại.") % {"value": text}) from exc


_MONEY_UNITS = re.compile(r"(vnđ|vnd|đồng|dong|đ)$", re.IGNORECASE)
# Whole numbers as people type them: 1200, 1.200, 1,200 or 1 200 (a minus sign is read as written).
_NUMBER_FORMS = (
    re.compile(r"^-?\d+$"),
    re.compile(r"^-?\d{1,3}(?:\.\d{3})+$"),
    re.compile(r"^-?\d{1,3}(?:,\d{3})+$"),
    re.compile(r"^-?\d{1,3}(?: \d{3})+$"),
)


def parse_money(value):
    """A whole number of đồng: 15000000, "15.000.000", "15,000,000", "15 000 000 đồng"; None if empty.

    A negative amount is read as written: whether it is allowed is `rules.whole_amount`'s to say."""
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” không phải số tiền (đồng) hợp lệ.") % {"value": value})
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            raise CellError(_("“%(value)s” không phải số đồng nguyên.") % {"value": value})
        amount = int(value)
    else:
        text = parse_text(value).replace("\u00a0", " ")
        if not text:
            return None
        number = _MONEY_UNITS.sub("", text).strip()
        if not any(form.match(number) for form in _NUMBER_FORMS):
            raise CellError(_("“%(value)s” không phải số tiền (đồng) hợp lệ.") % {"value": text})
        amount = int(re.sub(r"[., ]", "", number))
    if amount > MAX_BENEFIT:
        raise CellError(_("số tiền quá lớn."))
    return amount


MAX_COUNT = 100_000_000


def parse_count(value):
    """A whole number of people: 1200, "1.200", "1 200", 1200.0; None if empty. A negative number is read as
    written (whether it is allowed is `rules.head_count`'s to say)."""
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” không phải số nguyên.") % {"value": value})
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            raise CellError(_("“%(value)s” không phải số nguyên.") % {"value": value})
        number = int(value)
    else:
        text = parse_text(value).replace("\u00a0", " ")
        if not text:
            return None
        if not any(form.match(text) for form in _NUMBER_FORMS):
            raise CellError(_("“%(value)s” không phải số nguyên.") % {"value": text})
        number = int(re.sub(r"[., ]", "", text))
    if number > MAX_COUNT:
        raise CellError(_("số quá lớn."))
    return number


def choice_lookup(choices):
    """{folded code or label: code} for a TextChoices class (built once per class and language)."""
    return _choice_lookup(choices, translation.get_language())


@lru_cache(maxsize=64)
def _choice_lookup(choices, language):
    lookup = {}
    for code, label in choices.choices:
        lookup[fold(code)] = code
        lookup[fold(code.replace("_", " "))] = code
        lookup[fold(str(label))] = code
    return lookup


def parse_choice(value, choices, *, what):
    """The code of a TextChoices member given its code or its label, in any case, with or without accents."""
    text = parse_text(value)
    if not text:
        return ""
    code = choice_lookup(choices).get(fold(text))
    if code is None:
        allowed = ", ".join(str(label) for label in choices.labels)
        raise CellError(
            _("“%(value)s” không phải %(what)s hợp lệ; dùng một trong: %(allowed)s.")
            % {"value": text, "what": what, "allowed": allowed}
        )
    return code


def parse_phase_number(value):
    """1 from 1, "1", 1.0 or "Giai đoạn 1"; None if empty."""
    text = parse_text(value)
    if not text:
        return None
    match = re.fullmatch(r"(?:giai doan\s*)?(\d{1,3})", fold(text))
    if not match:
        raise CellError(_("“%(value)s” không phải số giai đoạn (1, 2 …).") % {"value": text})
    return int(match.group(1))


_AUTHOR_SEPARATOR = re.compile(r"(?:^|\s+)[-–—]\s+")


def parse_authors(value, *, name_length=200, position_length=200):
    """[(name, position)] from "Họ tên - Chức vụ; Họ tên - Chức vụ" (one per line works too); [] when the cell
    names nobody (whether that is allowed is `rules.authors_given`'s to say)."""
    text = parse_text(value)
    authors = []
    for part in re.split(r"[;\n]", text):
        part = part.strip()
        if not part:
            continue
        pieces = _AUTHOR_SEPARATOR.split(part, maxsplit=1)
        name = pieces[0].strip(" -–—")
        position = pieces[1].strip() if len(pieces) > 1 else ""
        if not name:
            raise CellError(_("thiếu họ tên tác giả trong “%(part)s”.") % {"part": part})
        if len(name) > name_length:
            raise CellError(_("họ tên tác giả quá dài (tối đa %(n)s ký tự).") % {"n": name_length})
        if len(position) > position_length:
            raise CellError(_("chức vụ quá dài (tối đa %(n)s ký tự).") % {"n": position_length})
        authors.append((name, position))
    if len(authors) > rules.MAX_AUTHORS:
        raise CellError(_("tối đa %(n)s tác giả.") % {"n": rules.MAX_AUTHORS})
    return authors


def status_path(from_status, to_status):
    """The workflow steps from one status to another ([] if equal, None if the workflow cannot get there)."""
    try:
        return workflow.steps_to(from_status, to_status)
    except workflow.TransitionNotAllowed:
        return None


def local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def moment_on(day):
    """The datetime stored for a date given in a file: 08:00 local time that day."""
    return timezone.make_aware(datetime.combine(day, time(8, 0))) if day else None
