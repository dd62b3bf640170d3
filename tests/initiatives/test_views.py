"""Public pages of the initiatives campaigns: list, progress, unit, phase filter, hidden campaigns."""

import re
from datetime import datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives import services
from initiatives.models import Campaign
from tests.factories import (
    CampaignFactory,
    PhaseFactory,
    StaffFactory,
    UnitFactory,
    bulk_initiatives,
)

pytestmark = pytest.mark.django_db


def text_of(response):
    """The page's visible text, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def progress_url(campaign, phase=None):
    url = reverse("initiatives:campaign", kwargs={"slug": campaign.slug})
    return f"{url}?giai-doan={phase.number}" if phase else url


def unit_url(campaign, code, phase=None):
    url = reverse("initiatives:unit", kwargs={"slug": campaign.slug, "code": code})
    return f"{url}?giai-doan={phase.number}" if phase else url


def ranked_names(response):
    """Unit names of the ranked table, top to bottom."""
    table = response.content.decode().split('class="rank-table"', 1)[1].split("</table>", 1)[0]
    return [unescape(name) for name in re.findall(r'<th scope="row" class="unit"><a [^>]*>([^<]+)</a>', table)]


class TestProvincePages:
    """Pages of one province's campaign (2.822 initiatives in phase 1), read by every test here."""

    def test_list_shows_public_campaigns_with_their_headline_figures(self, client, province):
        CampaignFactory(name="Phong trào nội bộ chưa công bố", is_public=False)

        response = client.get(reverse("initiatives:campaign_list"))

        assert response.status_code == 200
        text = text_of(response)
        assert "1 triệu sáng kiến nỗ lực vượt khó" in text
        assert "2.862" in text  # submitted over the whole campaign: 2.822 in phase 1, 40 in phase 2
        assert "Phong trào nội bộ chưa công bố" not in text
        assert province["campaign"].get_absolute_url() in response.content.decode()

    def test_progress_page_reports_the_province_as_the_federation_does(self, client, province):
        campaign, phase1 = province["campaign"], province["phase1"]

        response = client.get(progress_url(campaign, phase1))

        assert response.status_code == 200
        text = text_of(response)
        assert "2.822 sáng kiến đã nộp" in text
        assert "Chỉ tiêu: 1.000 282,2%" in text
        assert "vượt 1.822 sáng kiến" in text
        assert "Kế hoạch: 2.000 141,1%" in text
        assert "vượt 822 sáng kiến" in text
        assert "Từ 08/01/2022 đến 01/09/2023" in text
        assert "Liên đoàn Lao động tỉnh Sóc Trăng" in text
        assert "Số liệu cập nhật lúc" in text

    def test_progress_bars_are_accessible_and_capped_at_full_width(self, client, province):
        html = client.get(progress_url(province["campaign"], province["phase1"])).content.decode()

        bars = re.findall(r'<div class="bar" role="progressbar"[^>]*>', html)
        assert len(bars) == 2
        quota_bar = bars[0]
        assert 'aria-valuenow="100.0"' in quota_bar and 'aria-valuemax="100"' in quota_bar
        assert 'aria-valuetext="282,2%, vượt 1.822"' in quota_bar
        assert 'aria-labelledby="gauge-chi_tieu"' in quota_bar
        assert '<span style="width: 100.0%">' in html

    def test_units_directly_under_the_root_are_ranked_with_their_figures(self, client, province):
        campaign, phase1 = province["campaign"], province["phase1"]

        response = client.get(progress_url(campaign, phase1))

        names = ranked_names(response)
        assert names[:6] == [
            "LĐLĐ thị xã Vĩnh Châu",
            "LĐLĐ huyện Trần Đề",
            "Công đoàn Ngành Giáo dục tỉnh Sóc Trăng",
            "LĐLĐ thành phố Sóc Trăng",
            "Công đoàn Viên chức tỉnh Sóc Trăng",
            "LĐLĐ thị xã Ngã Năm",
        ]
        assert names[-1] == "CĐCS Công ty Cổ phần Công trình Đô thị"
        assert "CĐCS Trường THPT" not in " ".join(names)  # a grandchild is on its parent's page, not here
        html = response.content.decode()
        assert f'href="{unit_url(campaign, "st-vinh-chau", phase1)}"' in html
        # Vĩnh Châu: 507 submitted against a quota of 300.
        row = html.split(unit_url(campaign, "st-vinh-chau", phase1), 1)[1].split("</tr>", 1)[0]
        row_text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", row)))
        assert "507" in row_text and "300" in row_text and "169,0%" in row_text and "vượt 207" in row_text
        # Giáo dục: 337 against 400.
        row = html.split(unit_url(campaign, "st-giao-duc", phase1), 1)[1].split("</tr>", 1)[0]
        assert "còn thiếu 63" in unescape(row)

    def test_breakdowns_by_kind_and_sector_with_shares(self, client, province):
        text = text_of(client.get(progress_url(province["campaign"], province["phase1"])))

        assert "Theo loại giải pháp" in text and "Theo khu vực" in text
        assert "Giải pháp kỹ thuật" in text and "Sản xuất kinh doanh" in text
        # bulk_initiatives cycles five kinds: in phase 1 each unit's first kind gets the extra one.
        assert re.search(r"Giải pháp kỹ thuật \d\d\d \d\d?,\d%", text)

    def test_chart_is_inline_svg_with_caption_and_data_table(self, client, province):
        response = client.get(progress_url(province["campaign"], province["phase1"]))

        html = response.content.decode()
        assert "Lượt đăng ký và lượt nộp sáng kiến theo tuần" in html
        assert html.count('<svg class="chart"') == 1
        assert "<polyline" in html
        assert "Xem số liệu theo tuần" in html
        assert "<script" not in html.split('<main id="main"', 1)[1].split("</main>", 1)[0]

    def test_cumulative_chart_on_request(self, client, province):
        url = progress_url(province["campaign"], province["phase1"]) + "&bieu-do=luy-ke"

        html = client.get(url).content.decode()

        assert "Lượt đăng ký và lượt nộp sáng kiến, cộng dồn theo tuần" in html

    def test_download_links_keep_the_chosen_phase(self, client, province):
        campaign, phase1 = province["campaign"], province["phase1"]

        html = client.get(progress_url(campaign, phase1)).content.decode()

        for name in ("tally_json", "tally_csv", "tally_xlsx"):
            assert f'href="{reverse(f"initiatives:{name}", kwargs={"slug": campaign.slug})}?giai-doan=1"' in html

    def test_phase_filter_counts_each_phase_on_its_own(self, client, province):
        campaign, phase1, phase2 = province["campaign"], province["phase1"], province["phase2"]

        whole = text_of(client.get(progress_url(campaign)))
        first = text_of(client.get(progress_url(campaign, phase1)))
        second = text_of(client.get(progress_url(campaign, phase2)))

        assert "2.862 sáng kiến đã nộp" in whole
        assert "2.822 sáng kiến đã nộp" in first
        assert "40 sáng kiến đã nộp" in second
        # Quota and plan were set for phase 1 only.
        assert "282,2%" in first and "282,2%" not in whole and "282,2%" not in second
        assert "Đơn vị chưa được giao chỉ tiêu hay kế hoạch." in whole

    def test_phase_links_mark_the_current_one(self, client, province):
        campaign = province["campaign"]

        html = client.get(progress_url(campaign, province["phase2"])).content.decode()

        nav = html.split('class="phase-filter"', 1)[1].split("</nav>", 1)[0]
        links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)
        assert [(href, bool(current), label) for href, current, label in links] == [
            (progress_url(campaign), False, "Toàn phong trào"),
            (progress_url(campaign) + "?giai-doan=1", False, "Giai đoạn 1"),
            (progress_url(campaign) + "?giai-doan=2", True, "Giai đoạn 2"),
        ]
        assert "nhận sáng kiến từ 01/06/2022 đến 01/09/2023" in text_of(
            client.get(progress_url(campaign, province["phase2"]))
        )

    def test_unit_page_shows_its_figures_children_and_path(self, client, province):
        campaign, phase1 = province["campaign"], province["phase1"]

        response = client.get(unit_url(campaign, "st-vinh-chau", phase1))

        assert response.status_code == 200
        text = text_of(response)
        assert "LĐLĐ thị xã Vĩnh Châu" in text
        assert "507 sáng kiến đã nộp" in text
        assert "Chỉ tiêu: 300 169,0%" in text and "vượt 207 sáng kiến" in text
        assert "Hạng 1/10 trong đơn vị cấp trên" in text
        assert ranked_names(response) == ["CĐCS Trường THPT thuộc LĐLĐ thị xã Vĩnh Châu"]
        html = response.content.decode()
        crumbs = html.split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
        assert reverse("initiatives:campaign_list") in crumbs
        assert progress_url(campaign, phase1) in crumbs
        assert unit_url(campaign, "soc-trang", phase1) in crumbs  # the root, on the way back up
        assert 'aria-current="page">LĐLĐ TX Vĩnh Châu<' in crumbs

    def test_grassroots_unit_page_has_a_path_of_three_and_no_children(self, client, province):
        campaign, phase1 = province["campaign"], province["phase1"]

        response = client.get(unit_url(campaign, "st-vinh-chau-cdcs", phase1))

        text = text_of(response)
        assert "126 sáng kiến đã nộp" in text  # a quarter of Vĩnh Châu's 507
        assert "Không có đơn vị trực thuộc." in text
        crumbs = response.content.decode().split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
        assert crumbs.index(unit_url(campaign, "soc-trang", phase1)) < crumbs.index(
            unit_url(campaign, "st-vinh-chau", phase1)
        )

    def test_unit_page_breakdowns_cover_only_its_subtree(self, client, province):
        campaign, phase1 = province["campaign"], province["phase1"]

        text = text_of(client.get(unit_url(campaign, "st-ctdt", phase1)))

        # 87 initiatives cycle through 5 kinds: 18, 18, 17, 17, 17.
        assert "Giải pháp kỹ thuật 18 20,7%" in text
        assert "Đề tài nghiên cứu khoa học 17 19,5%" in text

    def test_unknown_unit_is_not_found(self, client, province):
        campaign = province["campaign"]

        assert client.get(unit_url(campaign, "khong-co-don-vi-nay")).status_code == 404

    def test_unit_outside_the_campaign_tree_is_not_found(self, client, province):
        UnitFactory(code="can-tho", name="LĐLĐ thành phố Cần Thơ", valid_from="2025-07-01")

        assert client.get(unit_url(province["campaign"], "can-tho")).status_code == 404


# --- Pages without the province ----------------------------------------------------------------------------------


def test_provincial_administrators_see_campaigns_not_yet_public(client):
    CampaignFactory(name="Phong trào nội bộ chưa công bố", is_public=False)
    client.force_login(StaffFactory(groups=["Quản trị sáng kiến tỉnh"]))

    text = text_of(client.get(reverse("initiatives:campaign_list")))

    assert "Phong trào nội bộ chưa công bố" in text
    assert "Chưa công khai" in text


@pytest.mark.parametrize("groups", [[], ["Biên tập viên"], ["Duyệt bài"]])
def test_staff_without_a_campaign_scope_do_not_see_campaigns_not_yet_public(client, groups):
    campaign = CampaignFactory(name="Phong trào nội bộ chưa công bố", is_public=False)
    client.force_login(StaffFactory(groups=groups))

    assert "Phong trào nội bộ chưa công bố" not in text_of(client.get(reverse("initiatives:campaign_list")))
    assert client.get(progress_url(campaign)).status_code == 404
    assert client.get(reverse("initiatives:tally_csv", kwargs={"slug": campaign.slug})).status_code == 404


def test_a_campaign_not_yet_public_shows_to_staff_scoped_inside_its_tree_only(client):
    from initiatives.models import StaffScope

    province = UnitFactory(code="tinh", name="LĐLĐ tỉnh")
    district = UnitFactory(code="huyen", name="LĐLĐ huyện", parent=province)
    other_root = UnitFactory(code="tinh-khac", name="LĐLĐ tỉnh khác")
    campaign = CampaignFactory(is_public=False, root_unit=province)
    inside, above, outside = StaffFactory(), StaffFactory(), StaffFactory()
    StaffScope.objects.create(user=inside, unit=district)
    StaffScope.objects.create(user=above, unit=province)
    StaffScope.objects.create(user=outside, unit=other_root)

    for user, status in ((inside, 200), (above, 200), (outside, 404)):
        client.force_login(user)
        assert client.get(progress_url(campaign)).status_code == status, user


def test_list_without_public_campaigns_says_so(client):
    Campaign.objects.update(is_public=False)  # the module's shared province included (rolled back after)
    assert "Chưa có phong trào sáng kiến nào." in text_of(client.get(reverse("initiatives:campaign_list")))


def test_a_unit_below_its_quota_reads_con_thieu(client):
    root = UnitFactory(code="tinh", name="LĐLĐ tỉnh", kind="ldld_tinh")
    campaign = CampaignFactory(root_unit=root)
    services.set_target(unit=root, campaign=campaign, kind="chi_tieu", value=200)
    bulk_initiatives(campaign=campaign, phase=None, unit=root, submitted=80)
    services.after_bulk_change(campaign=campaign)

    response = client.get(progress_url(campaign))

    text = text_of(response)
    assert "80 sáng kiến đã nộp" in text
    assert "40,0%" in text and "còn thiếu 120 sáng kiến" in text
    assert '<span style="width: 40.0%">' in response.content.decode()


@pytest.mark.parametrize("value", ["9", "0", "abc", "1.0", "-1"])
def test_unknown_phase_is_not_found(client, value):
    campaign = CampaignFactory()
    PhaseFactory(campaign=campaign, number=1)

    base = reverse("initiatives:campaign", kwargs={"slug": campaign.slug})

    assert client.get(f"{base}?giai-doan={value}").status_code == 404
    assert client.get(f"{base}tong-hop.json?giai-doan={value}").status_code == 404


def test_a_phase_of_another_campaign_is_not_found(client):
    campaign, other = CampaignFactory(), CampaignFactory()
    PhaseFactory(campaign=other, number=1)

    assert client.get(f"{progress_url(campaign)}?giai-doan=1").status_code == 404


def test_campaign_not_public_is_hidden_from_visitors_everywhere(client):
    campaign = CampaignFactory(is_public=False)
    unit = UnitFactory(code="tinh")
    bulk_initiatives(campaign=campaign, phase=None, unit=unit, submitted=3)
    services.after_bulk_change(campaign=campaign)

    for name in ("campaign", "tally_json", "tally_csv", "tally_xlsx"):
        assert client.get(reverse(f"initiatives:{name}", kwargs={"slug": campaign.slug})).status_code == 404
    assert client.get(unit_url(campaign, "tinh")).status_code == 404


def test_provincial_administrators_can_preview_a_campaign_not_yet_public(client):
    campaign = CampaignFactory(is_public=False)
    client.force_login(StaffFactory(groups=["Quản trị sáng kiến tỉnh"]))

    assert client.get(progress_url(campaign)).status_code == 200


def test_unknown_campaign_is_not_found(client):
    assert client.get(reverse("initiatives:campaign", kwargs={"slug": "khong-co"})).status_code == 404


def test_fresh_figures_show_at_once(client):
    """No cache stands between a new initiative and the page."""
    campaign = CampaignFactory()
    unit = UnitFactory(code="tinh", name="LĐLĐ tỉnh")
    bulk_initiatives(campaign=campaign, phase=None, unit=unit, submitted=5)
    services.after_bulk_change(campaign=campaign)
    assert "5 sáng kiến đã nộp" in text_of(client.get(progress_url(campaign)))

    services.create_initiative(
        by=None,
        campaign=campaign,
        phase=None,
        unit=unit,
        key="SK-MOI",
        title="Sáng kiến mới nộp",
        kind="quan_ly",
        sector="hanh_chinh",
        authors=[("Trần Thị Bình", "Kế toán")],
        status="da_nop",
        registered_at=timezone.make_aware(datetime(2022, 3, 1, 9)),
    )

    assert "6 sáng kiến đã nộp" in text_of(client.get(progress_url(campaign)))
