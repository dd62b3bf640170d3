"""One small world for members' submissions: a province with two districts, a campaign whose phase is open
today, a member, reviewers of each district and a provincial administrator."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from initiatives import services
from initiatives.models import StaffScope
from tests.factories import CampaignFactory, MemberFactory, PhaseFactory, UnitFactory, UserFactory
from tests.privatefiles import samples


@dataclass
class World:
    campaign: object
    phase: object
    province: object
    district_a: object
    grassroots_a: object
    district_b: object
    member: object
    other_member: object
    reviewer_a: object
    reviewer_b: object
    province_admin: object


def reviewer(unit, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name="Duyệt sáng kiến"))
    StaffScope.objects.create(user=user, unit=unit)
    return user


@pytest.fixture
def world(db):
    today = timezone.localdate()
    campaign = CampaignFactory(
        name="Phong trào 1 triệu sáng kiến", starts_on=today - timedelta(days=60), ends_on=today + timedelta(days=300)
    )
    PhaseFactory(campaign=campaign, opens_on=today - timedelta(days=60), closes_on=today - timedelta(days=31))
    phase = PhaseFactory(campaign=campaign, opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=30))
    province = UnitFactory(code="tinh", name="LĐLĐ tỉnh Sóc Trăng", kind="ldld_tinh")
    district_a = UnitFactory(code="vinh-chau", name="LĐLĐ TX Vĩnh Châu", kind="ldld_huyen", parent=province)
    grassroots_a = UnitFactory(code="cdcs-vc", name="CĐCS Trường THPT Vĩnh Châu", parent=district_a)
    district_b = UnitFactory(code="tran-de", name="LĐLĐ huyện Trần Đề", kind="ldld_huyen", parent=province)
    admin = UserFactory(username="tinh", is_staff=True)
    admin.groups.add(Group.objects.get(name="Quản trị sáng kiến tỉnh"))
    return World(
        campaign=campaign,
        phase=phase,
        province=province,
        district_a=district_a,
        grassroots_a=grassroots_a,
        district_b=district_b,
        member=MemberFactory(unit=grassroots_a, full_name="Nguyễn Thị Mai", user__email="mai@example.vn"),
        other_member=MemberFactory(unit=grassroots_a, user__email="lan@example.vn"),
        reviewer_a=reviewer(district_a, username="duyet-vc", email="duyet.vc@example.vn"),
        reviewer_b=reviewer(district_b, username="duyet-td", email="duyet.td@example.vn"),
        province_admin=admin,
    )


def checked(code="pdf", name=None):
    from privatefiles.checks import check_attachment

    default_name, make = samples.GOOD[code]
    return check_attachment(samples.upload(name or default_name, make()))


def file_one(world, *, send=True, confidential=False, title="Máy bóc vỏ tôm cải tiến", by=None, **fields):
    values = {
        "title": title,
        "kind": "ky_thuat",
        "sector": "san_xuat",
        "summary": "Thay lưỡi dao thép bằng lưỡi hợp kim, bóc nhanh gấp đôi.",
        "effect": "Tiết kiệm 120 giờ công mỗi tháng.",
        "benefit_value": 15_000_000,
        "recognized_by": "hoi_dong",
        "recognition_number": "15/QĐ-HĐSK",
        "recognized_on": timezone.localdate() - timedelta(days=5),
        "confidential": confidential,
        **fields,
    }
    user = by or world.member.user
    return services.file_initiative(
        by=user,
        campaign=world.campaign,
        unit=world.grassroots_a,
        authors=[{"name": "Nguyễn Thị Mai", "position": "Giáo viên", "workplace": "Trường THPT Vĩnh Châu"}],
        attachments=[checked()],
        send=send,
        **values,
    )
