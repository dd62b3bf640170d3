"""The demo data reproduce the federation's published phase-1 figures exactly, and seeding twice adds nothing."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from initiatives import demo, scopes, tallies
from initiatives.models import Author, Campaign, Initiative, StaffScope, StatusChange, Target, Unit

pytestmark = pytest.mark.django_db

PUBLISHED = {
    "st-vinh-chau": 507,
    "st-tran-de": 441,
    "st-nganh-giao-duc": 337,
    "st-tp-soc-trang": 272,
    "st-vien-chuc": 259,
    "st-cdcs-cong-trinh-do-thi": 87,
}


def seed():
    out = io.StringIO()
    demo.seed_initiatives(stdout=out)
    return out.getvalue()


def test_phase_one_matches_the_published_figures():
    seed()
    campaign = Campaign.objects.get(slug="1-trieu-sang-kien")
    assert campaign.national_target == 1_000_000
    assert campaign.issuer == "Tổng Liên đoàn Lao động Việt Nam"
    phase1 = campaign.phases.get(number=1)
    assert (phase1.opens_on.isoformat(), phase1.closes_on.isoformat()) == ("2022-01-08", "2022-05-31")
    phase2 = campaign.phases.get(number=2)
    assert (phase2.opens_on.isoformat(), phase2.closes_on.isoformat()) == ("2022-06-01", "2023-09-01")

    tally = tallies.campaign_tally(campaign, phase1)
    province = tally.root
    assert province.code == "soc-trang" and province.name == "Liên đoàn Lao động tỉnh Sóc Trăng"
    assert province.submitted == 2822
    assert province.targets == {"chi_tieu": 1000, "ke_hoach": 2000}
    assert province.percent["chi_tieu"] == Decimal("282.2")
    assert province.delta["chi_tieu"] == 1822
    assert province.delta["ke_hoach"] == 822
    assert province.registered > province.submitted
    assert 0 < province.awarded < province.approved < province.submitted
    for code, submitted in PUBLISHED.items():
        assert tally.row(code).submitted == submitted, code

    children = tally.children("soc-trang")
    assert [row.code for row in children[:5]] == [
        "st-vinh-chau",
        "st-tran-de",
        "st-nganh-giao-duc",
        "st-tp-soc-trang",
        "st-vien-chuc",
    ]
    assert [row.rank for row in children[:5]] == [1, 2, 3, 4, 5]
    assert all(row.submitted < 259 for row in children[5:])
    grassroots = [row for row in children if row.kind == Unit.Kind.CDCS]
    assert grassroots[0].code == "st-cdcs-cong-trinh-do-thi"
    assert sum(row.submitted for row in children) == 2822

    assert sum(count for _kind, _label, count in tally.by_kind) == 2822
    assert sum(count for _sector, _label, count in tally.by_sector) == 2822
    assert sum(submitted for _week, _registered, submitted in tally.weekly) == 2822
    assert all(
        phase1.opens_on.toordinal() - 7 <= week.toordinal() <= phase1.closes_on.toordinal() for week, *_ in tally.weekly
    )

    second = tallies.campaign_tally(campaign, phase2)
    assert 0 < second.root.submitted < second.root.registered
    kcn = Unit.objects.get(code="st-kcn")
    assert (kcn.member_count, kcn.worker_count) == (25562, 26876)
    assert kcn.children.count() >= 3


def test_the_earlier_campaign_and_the_demo_accounts(settings):
    settings.DEMO_PASSWORD = "mat-khau-rieng"
    output = seed()
    earlier = Campaign.objects.get(slug="75-nghin-sang-kien")
    assert earlier.name == "75 nghìn sáng kiến, vượt khó, phát triển"
    assert tallies.campaign_tally(earlier).root.submitted > 0
    User = get_user_model()
    province = User.objects.get(username="sangkien_tinh")
    officer = User.objects.get(username="sangkien_vinhchau")
    assert province.is_staff and officer.is_staff and not officer.is_superuser
    assert province.check_password("mat-khau-rieng") and officer.check_password("mat-khau-rieng")
    assert scopes.sees_everything(province)
    assert StaffScope.objects.get(user=officer).unit.code == "st-vinh-chau"
    assert not scopes.can_manage(officer, Unit.objects.get(code="st-tran-de"))
    assert "Tài khoản quản trị sáng kiến tỉnh: sangkien_tinh / mat-khau-rieng" in output
    assert "Tài khoản cán bộ LĐLĐ TX Vĩnh Châu: sangkien_vinhchau / mat-khau-rieng" in output
    reviewer = User.objects.get(username="duyet_vinhchau")
    assert not reviewer.is_staff and scopes.is_reviewer(reviewer)
    assert list(scopes.review_units(reviewer)) == list(Unit.objects.subtree(Unit.objects.get(code="st-vinh-chau")))
    assert "Tài khoản duyệt sáng kiến Vĩnh Châu: duyet_vinhchau / mat-khau-rieng" in output
    assert "sangkien_tinh / (đã có, giữ nguyên mật khẩu)" in seed()


def test_seeding_twice_changes_nothing():
    seed()
    counts = [model.objects.count() for model in (Unit, Campaign, Target, Initiative, Author, StatusChange)]
    campaign = Campaign.objects.get(slug="1-trieu-sang-kien")
    before = tallies.campaign_tally(campaign, campaign.phases.get(number=1)).rows
    assert "thêm 0 sáng kiến" in seed()
    assert [model.objects.count() for model in (Unit, Campaign, Target, Initiative, Author, StatusChange)] == counts
    after = tallies.campaign_tally(campaign, campaign.phases.get(number=1)).rows
    assert [(r.code, r.registered, r.submitted, r.approved) for r in after] == [
        (r.code, r.registered, r.submitted, r.approved) for r in before
    ]
    assert get_user_model().objects.filter(username__startswith="sangkien_").count() == 2
