"""The server-rendered SVG chart of registrations and submissions."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.utils import translation

from initiatives.charts import nice_ceiling, weekly_chart, weekly_series, x_label_indexes, y_ticks

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def weeks(count, start=date(2022, 1, 10)):
    return [(start + timedelta(weeks=i), 10 * i + 3, 7 * i) for i in range(count)]


def parse(markup):
    return ET.fromstring(str(markup))  # noqa: S314 - our own markup, not untrusted input


def polylines(root):
    return root.findall(f".//{SVG}polyline")


def point_pairs(polyline):
    return [tuple(float(n) for n in pair.split(",")) for pair in polyline.get("points").split()]


@pytest.mark.parametrize("count", [1, 2, 7, 26, 87])
def test_each_series_has_one_point_per_week(count):
    root = parse(weekly_chart(weeks(count)))

    lines = polylines(root)
    assert len(lines) == 2
    for line in lines:
        assert len(point_pairs(line)) == count


def test_svg_is_well_formed_and_accessible():
    root = parse(weekly_chart(weeks(5)))

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Lượt đăng ký và lượt nộp sáng kiến theo tuần"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    # Week 1 … 5 register 3, 13, 23, 33, 43 (115 in all) and submit 0, 7, 14, 21, 28 (70).
    assert "5 tuần" in desc.text
    assert "10/01/2022" in desc.text and "07/02/2022" in desc.text
    assert "115 lượt đăng ký" in desc.text and "70 lượt nộp" in desc.text


def test_labels_keep_their_size_while_the_plot_stretches_to_the_width():
    root = parse(weekly_chart(weeks(3)))

    assert root.get("width") == "100%"
    assert root.get("viewBox") is None  # text is drawn in real pixels, whatever the width
    plot = root.find(f"{SVG}svg")
    assert plot.get("viewBox") == "0 0 1000 1000"
    assert plot.get("preserveAspectRatio") == "none"
    for line in polylines(root):
        assert line.get("vector-effect") == "non-scaling-stroke"


def test_legend_names_both_series():
    root = parse(weekly_chart(weeks(3)))

    legend = root.find(f".//{SVG}g[@class='chart-legend']")
    assert [t.text for t in legend.iter(f"{SVG}text")] == ["Lượt đăng ký", "Lượt nộp"]


def test_axis_labels_are_localised():
    data = [(date(2022, 1, 10), 2822, 1500), (date(2022, 1, 17), 100, 50)]
    root = parse(weekly_chart(data))

    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart-tick"]
    assert "3.000" in labels  # y ticks grouped with a dot
    assert "10/01/2022" in labels and "17/01/2022" in labels


def test_coordinates_use_a_dot_whatever_the_locale():
    root = parse(weekly_chart(weeks(4)))

    for line in polylines(root):
        assert "," in line.get("points")  # x,y pairs …
        for x, y in point_pairs(line):  # … each a float written with a dot
            assert 0 <= x <= 1000 and 0 <= y <= 1000


def test_higher_values_are_drawn_higher():
    data = [(date(2022, 1, 10), 0, 0), (date(2022, 1, 17), 50, 10), (date(2022, 1, 24), 100, 20)]
    registered = point_pairs(polylines(parse(weekly_chart(data)))[0])

    ys = [y for _x, y in registered]
    assert ys[0] > ys[1] > ys[2]
    xs = [x for x, _y in registered]
    assert xs == sorted(xs)


def test_cumulative_lines_are_running_totals():
    data = weeks(4)
    series = weekly_series(data, cumulative=True)

    assert series[0].values == [3, 16, 39, 72]
    assert series[1].values == [0, 7, 21, 42]
    root = parse(weekly_chart(data, cumulative=True))
    assert root.find(f"{SVG}title").text == "Lượt đăng ký và lượt nộp sáng kiến, cộng dồn theo tuần"
    ys = [y for _x, y in point_pairs(polylines(root)[0])]
    assert ys == sorted(ys, reverse=True)


def test_empty_data_still_gives_a_valid_picture():
    root = parse(weekly_chart([]))

    assert polylines(root) == []
    assert any(t.text == "Chưa có số liệu" for t in root.iter(f"{SVG}text"))
    assert root.find(f"{SVG}desc").text == "Chưa có lượt đăng ký hay lượt nộp sáng kiến nào."


def test_weeks_without_any_initiative_draw_a_flat_line():
    root = parse(weekly_chart([(date(2022, 1, 10), 0, 0), (date(2022, 1, 17), 0, 0)]))

    for line in polylines(root):
        assert len({y for _x, y in point_pairs(line)}) == 1


def test_text_is_escaped():
    root = parse(weekly_chart(weeks(2), title='Sáng kiến <"A & B">'))

    assert root.find(f"{SVG}title").text == 'Sáng kiến <"A & B">'


@pytest.mark.parametrize(
    ("maximum", "expected"),
    [(0, [0, 1]), (1, [0, 1]), (7, [0, 2, 4, 6, 8]), (100, [0, 50, 100]), (2822, [0, 1000, 2000, 3000])],
)
def test_y_ticks_are_round_and_cover_the_maximum(maximum, expected):
    assert y_ticks(maximum) == expected


@pytest.mark.parametrize(("value", "expected"), [(0.3, 1), (1, 1), (3, 5), (12, 20), (705.5, 1000), (2000, 2000)])
def test_nice_ceiling(value, expected):
    assert nice_ceiling(value) == expected


def test_x_labels_include_both_ends():
    assert x_label_indexes(0) == []
    assert x_label_indexes(3) == [0, 1, 2]
    indexes = x_label_indexes(87)
    assert indexes == [0, 43, 86]
