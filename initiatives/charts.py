"""Server-rendered SVG chart of registrations and submissions over time.

`weekly_chart(weekly, cumulative=False)` turns the tally's weekly series
(`[(monday, registered, submitted), ...]`) into one self-contained inline
`<svg>`: axes with rounded ticks, one line per series, a legend, and
`<title>`/`<desc>` so screen readers announce what the picture shows. The
picture is drawn on a fixed coordinate grid (`viewBox`) and stretches to the
width of its container, so it fits a phone as well as a desktop; no script and
no chart library are involved.

Coordinates are written with Python's `repr` of floats (a dot, never the
locale's comma); labels on the axes go through Django's localisation
(`2.822`, `14/03/2022`).
"""

from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from math import ceil, floor, log10

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
HEIGHT = 360
MARGIN_LEFT = 64
MARGIN_RIGHT = 20
MARGIN_TOP = 52
MARGIN_BOTTOM = 40
FONT_SIZE = 15
MAX_X_LABELS = 4
REGISTERED_COLOR = "#0b4f9c"
SUBMITTED_COLOR = "#b3121b"
GRID_COLOR = "#e3e3e3"
AXIS_COLOR = "#5f6368"
MAX_MARKERS = 26  # above this many weeks the dots would crowd the lines


@dataclass(frozen=True)
class Series:
    key: str  # CSS hook: "registered" or "submitted"
    label: str
    values: list[int]
    color: str


def nice_ceiling(value):
    """The smallest whole "round" number (1, 2 or 5 × 10ⁿ) at or above `value`; at least 1."""
    if value <= 1:
        return 1
    magnitude = 10 ** floor(log10(value))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def y_ticks(maximum, count=4):
    """Whole-number ticks from 0 to a round top at or above `maximum`, at most about `count` steps."""
    if maximum <= 0:
        return [0, 1]
    step = nice_ceiling(maximum / count)
    return list(range(0, step * ceil(maximum / step) + 1, step))


def x_label_indexes(count, limit=MAX_X_LABELS):
    """Which of `count` points get a date label: the first, the last and evenly spread ones between."""
    if count <= 0:
        return []
    if count <= limit:
        return list(range(count))
    slots = limit - 1
    return sorted({round(i * (count - 1) / slots) for i in range(limit)})


def _number(value):
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _coord(value):
    """A coordinate for SVG attributes: one decimal, a dot as separator."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def weekly_series(weekly, *, cumulative=False):
    """The two series the chart draws, weekly counts or running totals."""
    registered = [int(row[1]) for row in weekly]
    submitted = [int(row[2]) for row in weekly]
    if cumulative:
        registered = list(accumulate(registered))
        submitted = list(accumulate(submitted))
    return [
        Series("registered", _("Lượt đăng ký"), registered, REGISTERED_COLOR),
        Series("submitted", _("Lượt nộp"), submitted, SUBMITTED_COLOR),
    ]


def weekly_chart(weekly, *, cumulative=False, title=None, chart_id="bieu-do-sang-kien"):
    """Inline SVG markup (safe to put in a template) for the tally's weekly series."""
    weeks: list[date] = [row[0] for row in weekly]
    series = weekly_series(weekly, cumulative=cumulative)
    if title is None:
        title = (
            _("Lượt đăng ký và lượt nộp sáng kiến, cộng dồn theo tuần")
            if cumulative
            else _("Lượt đăng ký và lượt nộp sáng kiến theo tuần")
        )
    desc = _describe(weeks, series, cumulative=cumulative)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'preserveAspectRatio="xMidYMid meet" font-size="{FONT_SIZE}" font-family="inherit" fill="{AXIS_COLOR}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
    ]
    parts.append(_legend(series))
    if not weeks:
        parts.append(_frame())
        parts.append(
            f'<text class="chart-empty" x="{WIDTH / 2:g}" y="{(MARGIN_TOP + HEIGHT - MARGIN_BOTTOM) / 2:g}" '
            f'text-anchor="middle">{escape(_("Chưa có số liệu"))}</text>'
        )
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped

    maximum = max(max(s.values) for s in series)
    ticks = y_ticks(maximum)
    top = ticks[-1]
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x_at(index):
        if len(weeks) == 1:
            return MARGIN_LEFT + plot_w / 2
        return MARGIN_LEFT + plot_w * index / (len(weeks) - 1)

    def y_at(value):
        return MARGIN_TOP + plot_h - plot_h * value / top

    parts.append(f'<g class="chart-grid" aria-hidden="true" stroke="{GRID_COLOR}">')
    for tick in ticks:
        y = _coord(y_at(tick))
        parts.append(f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y}" y2="{y}"/>')
        parts.append(
            f'<text class="chart-tick" stroke="none" x="{MARGIN_LEFT - 8}" y="{y}" dy="0.35em" text-anchor="end">'
            f"{escape(_number(tick))}</text>"
        )
    parts.append("</g>")

    parts.append(f'<g class="chart-axis" aria-hidden="true" stroke="{AXIS_COLOR}">')
    base = _coord(y_at(0))
    parts.append(f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{base}" y2="{base}"/>')
    parts.append(f'<line x1="{MARGIN_LEFT}" x2="{MARGIN_LEFT}" y1="{MARGIN_TOP}" y2="{base}"/>')
    label_indexes = x_label_indexes(len(weeks))
    for position, index in enumerate(label_indexes):
        x = x_at(index)
        anchor = "middle"
        if len(label_indexes) > 1 and position == 0:
            anchor = "start"
        elif len(label_indexes) > 1 and position == len(label_indexes) - 1:
            anchor = "end"
        parts.append(f'<line x1="{_coord(x)}" x2="{_coord(x)}" y1="{base}" y2="{_coord(y_at(0) + 5)}"/>')
        parts.append(
            f'<text class="chart-tick" stroke="none" x="{_coord(x)}" y="{HEIGHT - MARGIN_BOTTOM + 24}" text-anchor="{anchor}">'
            f"{escape(_date(weeks[index]))}</text>"
        )
    parts.append("</g>")

    for line in series:
        points = " ".join(f"{_coord(x_at(i))},{_coord(y_at(v))}" for i, v in enumerate(line.values))
        parts.append(f'<g class="chart-series chart-{line.key}" stroke="{line.color}" fill="{line.color}">')
        parts.append(
            f'<polyline fill="none" stroke-width="2.5" stroke-linejoin="round" points="{points}"><title>{escape(line.label)}</title></polyline>'
        )
        if len(weeks) <= MAX_MARKERS:
            for i, value in enumerate(line.values):
                label = f"{line.label}, {_('tuần từ')} {_date(weeks[i])}: {_number(value)}"
                parts.append(
                    f'<circle cx="{_coord(x_at(i))}" cy="{_coord(y_at(value))}" r="3.5">'
                    f"<title>{escape(label)}</title></circle>"
                )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _frame():
    base = HEIGHT - MARGIN_BOTTOM
    return (
        f'<g class="chart-axis" aria-hidden="true" stroke="{AXIS_COLOR}">'
        f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{base}" y2="{base}"/>'
        f'<line x1="{MARGIN_LEFT}" x2="{MARGIN_LEFT}" y1="{MARGIN_TOP}" y2="{base}"/>'
        "</g>"
    )


def _legend(series):
    """Legend along the top: a short coloured line and the series name for each series."""
    parts = ['<g class="chart-legend">']
    x = MARGIN_LEFT
    for line in series:
        parts.append(
            f'<g class="chart-{line.key}"><line x1="{x}" x2="{x + 24}" y1="20" y2="20" '
            f'stroke="{line.color}" stroke-width="4"/>'
            f'<text x="{x + 30}" y="20" dy="0.35em" fill="#1d1d1f" stroke="none">{escape(line.label)}</text></g>'
        )
        x += 40 + 9 * len(line.label)
    parts.append("</g>")
    return "".join(parts)


def _describe(weeks, series, *, cumulative):
    """One sentence a screen reader reads in place of the picture."""
    if not weeks:
        return _("Chưa có lượt đăng ký hay lượt nộp sáng kiến nào.")
    registered, submitted = series
    if cumulative:
        registered_total, submitted_total = registered.values[-1], submitted.values[-1]
    else:
        registered_total, submitted_total = sum(registered.values), sum(submitted.values)
    return _(
        "%(weeks)s tuần, từ tuần bắt đầu %(first)s đến tuần bắt đầu %(last)s: "
        "tổng cộng %(registered)s lượt đăng ký và %(submitted)s lượt nộp."
    ) % {
        "weeks": _number(len(weeks)),
        "first": _date(weeks[0]),
        "last": _date(weeks[-1]),
        "registered": _number(registered_total),
        "submitted": _number(submitted_total),
    }
