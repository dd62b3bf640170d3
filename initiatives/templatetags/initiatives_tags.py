"""Presentation of tally figures: percentages, capped bar widths, "vượt 822" / "còn thiếu 120"."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()

NOTHING = "—"


@register.filter
def percent(value):
    """282.2 → "282,2%" in the reader's format; no target → "—"."""
    if value is None or value == "":
        return NOTHING
    return f"{floatformat(value, '1g')}%"


@register.filter
def bar_width(value):
    """The width of a progress bar in percent for CSS: capped at 100, a dot as decimal separator."""
    if value is None or value == "":
        return "0"
    width = min(max(Decimal(str(value)), Decimal(0)), Decimal(100))
    return f"{width:.1f}"


@register.filter
def delta_text(value):
    """Submitted minus target as the federation writes it: "vượt 822", "còn thiếu 120", "đạt đủ"."""
    if value is None or value == "":
        return NOTHING
    amount = formats.number_format(abs(value), use_l10n=True, force_grouping=True)
    if value > 0:
        return _("vượt %(amount)s") % {"amount": amount}
    if value < 0:
        return _("còn thiếu %(amount)s") % {"amount": amount}
    return _("đạt đủ")


@register.filter
def delta_class(value):
    """A CSS class for a delta: "ahead" when the target is met, "behind" when not, "" without a target."""
    if value is None or value == "":
        return ""
    return "ahead" if value >= 0 else "behind"


@register.filter
def decimal1(value):
    """12.3 → "12,3" in the reader's format; unknown → "—"."""
    if value is None or value == "":
        return NOTHING
    return floatformat(value, "1g")


@register.filter
def rank_move(value):
    """Places gained since last week: "▲ 2", "▼ 1", "=" when unchanged, "" when there is no earlier week."""
    if value is None or value == "":
        return ""
    if value > 0:
        return f"▲ {value}"
    if value < 0:
        return f"▼ {-value}"
    return "="


@register.filter
def rank_move_label(value):
    """The same move in words, for screen readers."""
    if value is None or value == "":
        return ""
    if value > 0:
        return _("lên %(n)s hạng so với tuần trước") % {"n": value}
    if value < 0:
        return _("xuống %(n)s hạng so với tuần trước") % {"n": -value}
    return _("giữ hạng so với tuần trước")


@register.filter
def rank_move_class(value):
    if value is None or value == "" or value == 0:
        return ""
    return "up" if value > 0 else "down"
