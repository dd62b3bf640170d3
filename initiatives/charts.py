"""Server-rendered SVG chart of registrations and submissions over time.

`weekly_chart(weekly, cumulative=False)` turns the tally's weekly series
(`[(monday, registered, submitted), ...]`) into one self-contained inline
`<svg>`: a grid with rounded ticks, one line per series, a legend, date labels,
and `<title>`/`<desc>` so screen readers announce what the picture shows. No
script and no chart library are involved.

How it fits a phone as well as a desktop: the outer `<svg>` has no `viewBox`,
so its text is drawn at its real size in CSS pixels, and every position in it is
a percentage of the box, which CSS sizes (`width: 100%`). The lines themselves
sit in an inner `<svg>` whose `viewBox` (0–1000 both ways) is stretched to the
plot area (`preserveAspectRatio="none"`), with strokes that keep their width.
A narrow screen thus gets the same legible labels, just a narrower plot.

Numbers in attributes are written with a dot, never the locale's comma; labels
go through Django's localisation (`2.822`, `14/03/2022`).
"""

from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from math import ceil, floor, log10

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# Plot area inside the outer box, in percent of its width and height.
PLOT_LEFT, PLOT_WIDTH = 1.5, 97.0
PLOT_TOP, PLOT_HEIGHT = 18.0, 68.0
# The inner drawing's coordinate space (both axes).
SCALE = 1000
DEFAULT_HEIGHT = 300  # pixels, when no stylesheet sets the height
FONT_SIZE = 13
MAX_X_LABELS = 3  # dates of 10 characters; more would collide on a phone
MAX_MARKERS = 26  # above this many weeks the dots would crowd the lines
REGISTERED_COLOR = "#0b4f9c"
SUBMITTED_COLOR = "#b3121b"
GRID_COLOR = "#e3e3e3"
AXIS_COLOR = "#5f6368"
TEXT_COLOR = "#1d1d1f"


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


def _number(value):
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _num(value):
    """A number for an SVG attribute: at most two decimals, a dot as separator."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


class _Plot:
    """Where a week and a value land, in the inner space (0–SCALE) and in percent of the outer box."""

    def __init__(self, count, top):
        self.count, self.top = count, top

    def fraction_x(self, index):
        return 0.5 if self.count == 1 else index / (self.count - 1)

    def fraction_y(self, value):
        return 1 - value / self.top

    def inner(self, index, value):
        return f"{_num(SCALE * self.fraction_x(index))},{_num(SCALE * self.fraction_y(value))}"

    def outer_x(self, index):
        return f"{_num(PLOT_LEFT + PLOT_WIDTH * self.fraction_x(index))}%"

    def outer_y(self, value):
        return f"{_num(PLOT_TOP + PLOT_HEIGHT * self.fraction_y(value))}%"


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
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" xmlns="http://www.w3.org/2000/svg" '
        f'width="100%" height="{DEFAULT_HEIGHT}" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'font-size="{FONT_SIZE}" font-family="inherit" fill="{AXIS_COLOR}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(_describe(weeks, series, cumulative=cumulative))}</desc>',
        _legend(series),
    ]
    if not weeks:
        parts.append(_baseline())
        parts.append(
            f'<text class="chart-empty" x="50%" y="{_num(PLOT_TOP + PLOT_HEIGHT / 2)}%" text-anchor="middle">'
            f"{escape(_('Chưa có số liệu'))}</text>"
        )
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped

    ticks = y_ticks(max(max(s.values) for s in series))
    plot = _Plot(len(weeks), ticks[-1])
    parts.append(_grid(plot, ticks))
    parts.append(_baseline())
    parts.append(_date_labels(plot, weeks))
    parts.append(
        f'<svg class="chart-plot" x="{_num(PLOT_LEFT)}%" y="{_num(PLOT_TOP)}%" width="{_num(PLOT_WIDTH)}%" '
        f'height="{_num(PLOT_HEIGHT)}%" viewBox="0 0 {SCALE} {SCALE}" preserveAspectRatio="none" overflow="visible">'
    )
    for line in series:
        points = " ".join(plot.inner(i, value) for i, value in enumerate(line.values))
        parts.append(
            f'<polyline class="chart-{line.key}" fill="none" stroke="{line.color}" stroke-width="2.5" '
            f'stroke-linejoin="round" vector-effect="non-scaling-stroke" points="{points}">'
            f"<title>{escape(line.label)}</title></polyline>"
        )
    parts.append("</svg>")
    if len(weeks) <= MAX_MARKERS:
        parts.append(_markers(plot, weeks, series))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _legend(series):
    """Legend along the top: a short coloured line and the series name for each series."""
    parts = ['<g class="chart-legend">']
    x = 4
    for line in series:
        parts.append(
            f'<g class="chart-{line.key}"><line x1="{x}" x2="{x + 22}" y1="12" y2="12" stroke="{line.color}" '
            f'stroke-width="4"/><text x="{x + 28}" y="12" dy="0.35em" fill="{TEXT_COLOR}">{escape(line.label)}</text></g>'
        )
        x += 44 + 8 * len(line.label)
    parts.append("</g>")
    return "".join(parts)


def _grid(plot, ticks):
    """Horizontal grid lines, each with its value written just above it at the left."""
    parts = ['<g class="chart-grid" aria-hidden="true">']
    right = f"{_num(PLOT_LEFT + PLOT_WIDTH)}%"
    for tick in ticks[1:]:
        y = plot.outer_y(tick)
        parts.append(f'<line x1="{_num(PLOT_LEFT)}%" x2="{right}" y1="{y}" y2="{y}" stroke="{GRID_COLOR}"/>')
        parts.append(f'<text class="chart-tick" x="{_num(PLOT_LEFT)}%" y="{y}" dy="-4">{escape(_number(tick))}</text>')
    parts.append("</g>")
    return "".join(parts)


def _baseline():
    y = f"{_num(PLOT_TOP + PLOT_HEIGHT)}%"
    return (
        f'<line class="chart-axis" aria-hidden="true" x1="{_num(PLOT_LEFT)}%" x2="{_num(PLOT_LEFT + PLOT_WIDTH)}%" '
        f'y1="{y}" y2="{y}" stroke="{AXIS_COLOR}"/>'
    )


def _date_labels(plot, weeks):
    """The Monday of a few weeks under the baseline: the first, the last and some between."""
    indexes = x_label_indexes(len(weeks))
    parts = ['<g class="chart-dates" aria-hidden="true">']
    y = f"{_num(PLOT_TOP + PLOT_HEIGHT)}%"
    for position, index in enumerate(indexes):
        anchor = "middle"
        if len(indexes) > 1 and position == 0:
            anchor = "start"
        elif len(indexes) > 1 and position == len(indexes) - 1:
            anchor = "end"
        parts.append(
            f'<text class="chart-tick" x="{plot.outer_x(index)}" y="{y}" dy="1.4em" text-anchor="{anchor}">'
            f"{escape(_date(weeks[index]))}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def _markers(plot, weeks, series):
    """A dot per week and series, with its figure as a tooltip (only when there are few weeks)."""
    parts = []
    for line in series:
        parts.append(f'<g class="chart-points chart-{line.key}" fill="{line.color}">')
        for i, value in enumerate(line.values):
            label = _("%(series)s, tuần từ %(monday)s: %(count)s") % {
                "series": line.label,
                "monday": _date(weeks[i]),
                "count": _number(value),
            }
            parts.append(
                f'<circle cx="{plot.outer_x(i)}" cy="{plot.outer_y(value)}" r="3.5"><title>{escape(label)}</title></circle>'
            )
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


def rank_chart(weeks, places, count, *, title, chart_id="bieu-do-hang"):
    """Inline SVG of a unit's place among `count` siblings at the end of each week (1 at the top).

    `weeks` are Mondays and `places` the ranks (None where the unit had no place yet), in the same order. The
    same layout as `weekly_chart`: an outer box in percent, the line drawn in an inner coordinate space.
    """
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    known = [(i, place) for i, place in enumerate(places) if place is not None]
    if known:
        description = _("Hạng %(first)s ở tuần đầu, hạng %(last)s ở tuần gần nhất, trong %(count)s đơn vị.") % {
            "first": known[0][1],
            "last": known[-1][1],
            "count": count,
        }
    else:
        description = _("Chưa có số liệu")
    parts = [
        f'<svg class="chart rank-chart" id="{escape(chart_id)}" xmlns="http://www.w3.org/2000/svg" width="100%" '
        f'height="{DEFAULT_HEIGHT // 2}" role="img" aria-labelledby="{title_id} {desc_id}" font-size="{FONT_SIZE}" '
        f'font-family="inherit" fill="{AXIS_COLOR}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    lowest = max(count, 2)
    plot = _Plot(len(weeks), lowest - 1)
    for place, label in ((1, _("Hạng 1")), (lowest, _("Hạng %(place)s") % {"place": lowest})):
        y = plot.outer_y(lowest - place)
        parts.append(
            f'<line x1="{_num(PLOT_LEFT)}%" x2="{_num(PLOT_LEFT + PLOT_WIDTH)}%" y1="{y}" y2="{y}" '
            f'stroke="{GRID_COLOR}"/>'
        )
        parts.append(f'<text x="{_num(PLOT_LEFT)}%" y="{y}" dy="-4">{escape(label)}</text>')
    if weeks:
        parts.append(_date_labels(plot, weeks))
    if known:
        points = " ".join(plot.inner(i, lowest - place) for i, place in known)
        parts.append(
            f'<svg class="chart-plot" x="{_num(PLOT_LEFT)}%" y="{_num(PLOT_TOP)}%" width="{_num(PLOT_WIDTH)}%" '
            f'height="{_num(PLOT_HEIGHT)}%" viewBox="0 0 {SCALE} {SCALE}" preserveAspectRatio="none" '
            f'overflow="visible"><polyline fill="none" stroke="{SUBMITTED_COLOR}" stroke-width="2.5" '
            f'stroke-linejoin="round" vector-effect="non-scaling-stroke" points="{points}"/></svg>'
        )
        last_index, last_place = known[-1]
        parts.append(
            f'<circle cx="{plot.outer_x(last_index)}" cy="{plot.outer_y(lowest - last_place)}" r="4" '
            f'fill="{SUBMITTED_COLOR}"><title>{escape(_("Hạng %(place)s") % {"place": last_place})}</title></circle>'
        )
    else:
        parts.append(
            f'<text x="50%" y="{_num(PLOT_TOP + PLOT_HEIGHT / 2)}%" text-anchor="middle">'
            f"{escape(_('Chưa có số liệu'))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
