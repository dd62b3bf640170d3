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


@pytest.fixture
def league():
    """A campaign open today: four district unions in two emulation clusters, one of them at risk."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from initiatives import services
    from initiatives.models import Cluster, ClusterMember
    from tests.factories import CampaignFactory, PhaseFactory, UnitFactory

    today = timezone.localdate()
    root = UnitFactory(code="tinh", name="LĐLĐ tỉnh Sóc Trăng", kind="ldld_tinh", member_count=12_000)
    campaign = CampaignFactory(
        name="1 triệu sáng kiến",
        starts_on=today - timedelta(days=70),
        ends_on=today + timedelta(days=50),
        root_unit=root,
    )
    phase = PhaseFactory(campaign=campaign, number=1, opens_on=campaign.starts_on, closes_on=campaign.ends_on)
    specs = [
        ("st-vinh-chau", "LĐLĐ thị xã Vĩnh Châu", 900, 40, 35, "cum-1"),
        ("st-tran-de", "LĐLĐ huyện Trần Đề", 2400, 60, 48, "cum-1"),
        ("st-giao-duc", "Công đoàn Ngành Giáo dục", 0, 10, 12, "cum-2"),
        ("st-nga-nam", "LĐLĐ thị xã Ngã Năm", 500, 20, 21, "cum-2"),
    ]
    clusters = {
        code: Cluster.objects.create(
            campaign=campaign, code=code, name=f"Cụm thi đua số {code[-1]}", order=int(code[-1])
        )
        for code in ("cum-1", "cum-2")
    }
    items = []
    for n, (code, name, members, quota, filed, cluster) in enumerate(specs):
        unit = UnitFactory(code=code, name=name, short_name=name, parent=root, order=n, member_count=members)
        ClusterMember.objects.create(cluster=clusters[cluster], unit=unit)
        services.set_target(unit=unit, campaign=campaign, phase=phase, kind="chi_tieu", value=quota)
        for i in range(filed):
            day = campaign.starts_on + timedelta(days=i % 40)  # nothing in the last four weeks
            at = timezone.make_aware(datetime.combine(day, time(9)))
            items.append(
                services.NewInitiative(
                    phase=phase,
                    unit=unit,
                    key=f"{code}-{i}",
                    title=f"Sáng kiến {i}",
                    kind="quan_ly",
                    sector="san_xuat",
                    status="da_nop" if i % 2 else "thong_qua",
                    registered_at=at,
                    submitted_at=at,
                    authors=[("Nguyễn Văn An", "")],
                )
            )
    services.create_in_bulk(campaign=campaign, initiatives=items)
    return campaign


@pytest.mark.parametrize(("viewport", "name"), [(PHONE, "390"), (DESKTOP, "1280")])
def test_standings_on_the_progress_and_unit_pages(live_server, new_page, screenshot, league, viewport, name):
    page = new_page(viewport)
    page.goto(f"{live_server.url}{league.get_absolute_url()}?giai-doan=1")

    roll = page.locator(".honour-roll")
    assert roll.is_visible()
    assert "Cụm thi đua số 1: chưa có đơn vị vượt chỉ tiêu" in " ".join(roll.inner_text().split())
    assert roll.get_by_role("link", name="LĐLĐ thị xã Ngã Năm").is_visible()
    assert page.locator(".pace .backlog").is_visible()
    assert page.locator(".at-risk-list").get_by_role("link", name="LĐLĐ huyện Trần Đề").is_visible()
    first = page.locator(".rank-table tbody tr").first
    assert first.locator("th a").inner_text() == "LĐLĐ huyện Trần Đề"
    assert_no_horizontal_scroll(page)
    screenshot(page, f"initiatives-standings-progress-{name}")

    page.get_by_role("link", name="Trên 100 đoàn viên").click()
    assert "xep-theo=moi-100-doan-vien" in page.url
    assert page.locator(".rank-table tbody tr").first.locator("th a").inner_text() == "LĐLĐ thị xã Ngã Năm"
    assert page.locator(".rank-table tbody tr").last.locator("td.per-100").inner_text().endswith("—")

    page.locator(".rank-table").get_by_role("link", name="LĐLĐ thị xã Vĩnh Châu").click()
    assert page.locator("h1").inner_text() == "LĐLĐ thị xã Vĩnh Châu"
    chart = page.locator("svg.rank-chart")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] <= viewport["width"]
    assert "trong Cụm thi đua số 1" in page.locator(".report-header .meta").inner_text()
    assert page.locator(".pace").get_by_text("Cần thêm").is_visible()
    assert_no_horizontal_scroll(page)
    screenshot(page, f"initiatives-standings-unit-{name}")
