"""A reader's browser on a campaign's progress page: the province's standing on a phone and on a desktop."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import province_campaign

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def province():
    return province_campaign()


def progress_url(live_server, province):
    return f"{live_server.url}{province['campaign'].get_absolute_url()}?giai-doan=1"


def assert_no_horizontal_scroll(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"


@pytest.mark.parametrize(("viewport", "name"), [(PHONE, "390"), (DESKTOP, "1280")])
def test_progress_page_shows_the_province_standing(live_server, new_page, screenshot, province, viewport, name):
    page = new_page(viewport)

    page.goto(progress_url(live_server, province))

    headline = page.locator(".headline-total")
    assert headline.is_visible()
    assert " ".join(headline.inner_text().split()) == "2.822 sáng kiến đã nộp"
    quota = page.locator(".gauge", has_text="Chỉ tiêu")
    assert quota.locator(".gauge-percent").inner_text() == "282,2%"
    assert quota.locator(".gauge-percent").is_visible()
    assert quota.get_by_text("vượt 1.822 sáng kiến").is_visible()
    assert page.locator(".gauge", has_text="Kế hoạch").get_by_text("vượt 822 sáng kiến").is_visible()
    bar = quota.get_by_role("progressbar")
    assert bar.get_attribute("aria-valuetext") == "282,2%, vượt 1.822"
    # The bar is full, not 282 % of its track.
    fill, track = bar.locator("span").bounding_box(), bar.bounding_box()
    assert fill["width"] == pytest.approx(track["width"], abs=1)
    chart = page.locator("svg.chart")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] <= viewport["width"]
    assert page.locator(".chart-caption").inner_text() == "Lượt đăng ký và lượt nộp sáng kiến theo tuần"
    first = page.locator(".rank-table tbody tr").first
    assert first.locator("th a").inner_text() == "LĐLĐ thị xã Vĩnh Châu"
    assert first.locator("td.submitted").inner_text().endswith("507")
    assert_no_horizontal_scroll(page)
    screenshot(page, f"initiatives-progress-{name}")


def test_a_reader_follows_a_unit_and_switches_phase(live_server, new_page, screenshot, province):
    page = new_page(PHONE)
    page.goto(progress_url(live_server, province))

    page.locator(".rank-table").get_by_role("link", name="LĐLĐ thị xã Vĩnh Châu").click()

    assert page.locator("h1").inner_text() == "LĐLĐ thị xã Vĩnh Châu"
    assert " ".join(page.locator(".headline-total").inner_text().split()) == "507 sáng kiến đã nộp"
    assert page.locator(".gauge-percent").inner_text() == "169,0%"
    assert_no_horizontal_scroll(page)
    screenshot(page, "initiatives-unit-390")

    page.get_by_role("link", name="Giai đoạn 2").click()

    assert " ".join(page.locator(".headline-total").inner_text().split()) == "40 sáng kiến đã nộp"
    assert "giai-doan=2" in page.url
