"""Units as a materialized-path tree, validity dates, and the database constraints of the initiatives models."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from initiatives.models import Campaign, Initiative, Phase, Target, Unit

pytestmark = pytest.mark.django_db


def make_unit(code, parent=None, **fields):
    return Unit.objects.create(code=code, name=code.upper(), parent=parent, **fields)


def make_campaign(**fields):
    fields = {"name": "1 triệu sáng kiến", "starts_on": date(2022, 1, 8), "ends_on": date(2023, 9, 1), **fields}
    return Campaign.objects.create(**fields)


def test_new_units_get_path_and_depth_from_their_parent():
    province = make_unit("soc-trang")
    district = make_unit("st-vinh-chau", province)
    grassroots = make_unit("st-vc-cdcs-1", district)

    assert province.depth == 0 and district.depth == 1 and grassroots.depth == 2
    assert grassroots.path == province.path + f"{district.pk:07d}." + f"{grassroots.pk:07d}."
    grassroots.refresh_from_db()
    assert grassroots.path.startswith(district.path)


def test_subtree_is_the_unit_and_everything_beneath_it_and_nothing_else():
    province = make_unit("soc-trang")
    district = make_unit("st-vinh-chau", province)
    under_district = make_unit("st-vc-cdcs-1", district)
    sibling = make_unit("st-tran-de", province)
    other_province = make_unit("can-tho")

    assert set(Unit.objects.subtree(district)) == {district, under_district}
    assert set(Unit.objects.subtree(province)) == {province, district, under_district, sibling}
    assert other_province not in Unit.objects.subtree(province)


def test_ancestors_are_listed_root_first():
    province = make_unit("soc-trang")
    district = make_unit("st-vinh-chau", province)
    grassroots = make_unit("st-vc-cdcs-1", district)

    assert grassroots.ancestors() == [province, district]
    assert province.ancestors() == []
    assert grassroots.is_descendant_of(province) and not province.is_descendant_of(grassroots)


def test_moving_a_unit_rewrites_its_whole_subtree():
    soc_trang = make_unit("soc-trang")
    can_tho = make_unit("can-tho")
    district = make_unit("st-vinh-chau", soc_trang)
    grassroots = make_unit("st-vc-cdcs-1", district)

    district.parent = can_tho
    district.save()

    grassroots.refresh_from_db()
    assert grassroots.path == can_tho.path + f"{district.pk:07d}." + f"{grassroots.pk:07d}."
    assert grassroots.depth == 2
    assert set(Unit.objects.subtree(can_tho)) == {can_tho, district, grassroots}
    assert set(Unit.objects.subtree(soc_trang)) == {soc_trang}


def test_a_unit_cannot_be_moved_beneath_itself():
    province = make_unit("soc-trang")
    district = make_unit("st-vinh-chau", province)

    province.parent = district
    with pytest.raises(ValidationError):
        province.save()
    with pytest.raises(ValidationError):
        province.full_clean()


def test_rebuild_paths_repairs_units_written_in_bulk():
    province = make_unit("soc-trang")
    Unit.objects.bulk_create([Unit(code="st-a", name="A", parent=province), Unit(code="st-b", name="B")])

    assert Unit.objects.rebuild_paths() == 2
    a = Unit.objects.get(code="st-a")
    assert a.path == province.path + f"{a.pk:07d}." and a.depth == 1
    assert Unit.objects.rebuild_paths() == 0


def test_active_on_and_overlapping_follow_the_validity_dates():
    old = make_unit("soc-trang", valid_to=date(2025, 6, 30))
    new = make_unit("can-tho", valid_from=date(2025, 7, 1))
    always = make_unit("tong-ldld")

    assert set(Unit.objects.active_on(date(2022, 3, 1))) == {old, always}
    assert set(Unit.objects.active_on(date(2025, 7, 1))) == {new, always}
    assert set(Unit.objects.overlapping(date(2025, 6, 1), date(2025, 7, 31))) == {old, new, always}
    assert old.existed_on(date(2025, 6, 30)) and not old.existed_on(date(2025, 7, 1))


def test_validity_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_unit("x", valid_from=date(2025, 1, 1), valid_to=date(2024, 1, 1))


def test_campaign_slug_keeps_vietnamese_d_and_url_uses_it():
    campaign = make_campaign(name="Đợt thi đua sáng kiến")
    assert campaign.slug == "dot-thi-dua-sang-kien"
    assert make_campaign(name="Đợt thi đua sáng kiến").slug == "dot-thi-dua-sang-kien-2"


def test_campaigns_are_listed_newest_first():
    older = make_campaign(name="75 nghìn sáng kiến", starts_on=date(2021, 1, 1), ends_on=date(2021, 12, 31))
    newer = make_campaign()
    assert list(Campaign.objects.all()) == [newer, older]


def test_phase_number_is_unique_per_campaign():
    campaign = make_campaign()
    Phase.objects.create(campaign=campaign, number=1, opens_on=date(2022, 1, 8), closes_on=date(2022, 5, 31))
    Phase.objects.create(campaign=make_campaign(), number=1, opens_on=date(2022, 1, 8), closes_on=date(2022, 5, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.create(campaign=campaign, number=1, opens_on=date(2022, 6, 1), closes_on=date(2023, 9, 1))


def test_one_target_per_unit_campaign_phase_and_kind_also_without_phase():
    unit, campaign = make_unit("soc-trang"), make_campaign()
    phase = Phase.objects.create(campaign=campaign, number=1, opens_on=date(2022, 1, 8), closes_on=date(2022, 5, 31))
    Target.objects.create(unit=unit, campaign=campaign, phase=phase, kind=Target.Kind.QUOTA, value=1000)
    Target.objects.create(unit=unit, campaign=campaign, phase=None, kind=Target.Kind.QUOTA, value=3000)
    Target.objects.create(unit=unit, campaign=campaign, phase=phase, kind=Target.Kind.PLAN, value=2000)

    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(unit=unit, campaign=campaign, phase=phase, kind=Target.Kind.QUOTA, value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(unit=unit, campaign=campaign, phase=None, kind=Target.Kind.QUOTA, value=1)


def test_target_value_cannot_be_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(unit=make_unit("a"), campaign=make_campaign(), kind=Target.Kind.QUOTA, value=-1)


def test_target_phase_must_belong_to_its_campaign():
    other = make_campaign(name="Khác")
    phase = Phase.objects.create(campaign=other, number=1, opens_on=date(2022, 1, 8), closes_on=date(2022, 5, 31))
    target = Target(unit=make_unit("a"), campaign=make_campaign(), phase=phase, kind=Target.Kind.QUOTA, value=1)
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "phase" in error.value.message_dict


def _initiative(campaign, unit, key, **fields):
    fields = {"title": "Cải tiến", "kind": "ky_thuat", "sector": "san_xuat", **fields}
    return Initiative.objects.create(campaign=campaign, unit=unit, key=key, **fields)


def test_initiative_key_is_unique_per_campaign_only():
    unit, campaign = make_unit("a"), make_campaign()
    _initiative(campaign, unit, "SK-1")
    _initiative(make_campaign(name="Khác"), unit, "SK-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        _initiative(campaign, unit, "SK-1")


def test_benefit_value_cannot_be_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        _initiative(make_campaign(), make_unit("a"), "SK-1", benefit_value=-5)


def test_a_rejected_initiative_carries_its_reason():
    unit, campaign = make_unit("a"), make_campaign()
    with pytest.raises(IntegrityError), transaction.atomic():
        _initiative(campaign, unit, "SK-1", status="khong_thong_qua")
    assert _initiative(campaign, unit, "SK-2", status="khong_thong_qua", rejection_reason="Trùng lặp").pk
