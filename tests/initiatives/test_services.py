"""The write services: validation in Vietnamese, history, and running totals kept in step with every write."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from initiatives import services
from initiatives.models import Initiative, StatusChange, TallyUnit, Target
from initiatives.tallies import campaign_tally
from tests.factories import CampaignFactory, InitiativeFactory, PhaseFactory, TargetFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    campaign = CampaignFactory(starts_on=date(2022, 1, 8), ends_on=date(2023, 9, 1))
    phase1 = PhaseFactory(campaign=campaign, opens_on=date(2022, 1, 8), closes_on=date(2022, 5, 31))
    phase2 = PhaseFactory(campaign=campaign, opens_on=date(2022, 6, 1), closes_on=date(2023, 9, 1))
    province = UnitFactory(code="soc-trang", kind="ldld_tinh")
    unit = UnitFactory(code="st-vinh-chau", parent=province)
    return campaign, phase1, phase2, province, unit


def moment(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def create(setting, **overrides):
    campaign, phase1, _phase2, _province, unit = setting
    fields = {
        "by": None,
        "campaign": campaign,
        "phase": phase1,
        "unit": unit,
        "key": "SK-1",
        "title": "Máy bóc vỏ tôm cải tiến",
        "kind": "ky_thuat",
        "sector": "san_xuat",
        "authors": [("Nguyễn Văn An", "Tổ trưởng"), ("Lê Thị Hoa", "Kỹ sư")],
        "registered_at": moment(date(2022, 2, 1)),
        **overrides,
    }
    return services.create_initiative(**fields)


def errors_of(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def test_create_saves_initiative_authors_and_counts_it(setting):
    user = UserFactory()
    initiative = create(setting, by=user, benefit_value=15_000_000)

    assert initiative.created_by == user and initiative.status == "dang_ky"
    assert [(a.name, a.position) for a in initiative.authors.all()] == [
        ("Nguyễn Văn An", "Tổ trưởng"),
        ("Lê Thị Hoa", "Kỹ sư"),
    ]
    assert campaign_tally(setting[0]).row("st-vinh-chau").registered == 1


def test_create_with_a_later_status_records_it_and_fills_submitted_at(setting):
    initiative = create(setting, status="thong_qua", benefit_value=2_000_000)

    assert initiative.submitted_at == initiative.registered_at
    change = StatusChange.objects.get(initiative=initiative)
    assert (change.from_status, change.to_status) == ("dang_ky", "thong_qua")
    row = campaign_tally(setting[0]).row("st-vinh-chau")
    assert (row.submitted, row.approved, row.benefit_total) == (1, 1, 2_000_000)


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"title": "  "}, "title", "tên sáng kiến"),
        ({"kind": "khac"}, "kind", "Loại giải pháp"),
        ({"sector": "nong_nghiep"}, "sector", "Khu vực"),
        ({"benefit_value": -1}, "benefit_value", "không âm"),
        ({"authors": []}, "authors", "tác giả"),
        ({"phase": None}, "phase", "chia giai đoạn"),
        ({"registered_at": moment(date(2021, 12, 31))}, "registered_at", "ngoài thời gian phong trào"),
        ({"status": "da_nop", "submitted_at": moment(date(2022, 6, 2))}, "submitted_at", "ngoài thời gian giai đoạn"),
        ({"status": "khong_thong_qua"}, "rejection_reason", "lý do"),
        ({"status": "da_huy"}, "status", "không hợp lệ"),
    ],
)
def test_create_refuses_bad_data_in_vietnamese_and_writes_nothing(setting, overrides, field, words):
    errors = errors_of(lambda: create(setting, **overrides))
    assert words in " ".join(errors[field])
    assert not Initiative.objects.exists() and not TallyUnit.objects.exists()


def test_create_refuses_a_phase_of_another_campaign(setting):
    other_phase = PhaseFactory()
    assert "không thuộc phong trào" in errors_of(lambda: create(setting, phase=other_phase))["phase"][0]


def test_create_refuses_a_unit_that_did_not_exist_then(setting):
    merged = UnitFactory(code="st-cu", valid_to=date(2021, 12, 31))
    founded = UnitFactory(code="ct-moi", valid_from=date(2025, 7, 1))
    assert "không hoạt động" in errors_of(lambda: create(setting, unit=merged))["unit"][0]
    assert "không hoạt động" in errors_of(lambda: create(setting, unit=founded, key="SK-2"))["unit"][0]


def test_create_refuses_a_key_already_used_in_the_campaign(setting):
    create(setting)
    assert "đã có" in errors_of(lambda: create(setting))["key"][0]
    assert create(setting, campaign=CampaignFactory(), phase=None).key == "SK-1"


def test_create_makes_up_a_key_when_none_is_given(setting):
    assert create(setting, key="").key.startswith("SK-")


def test_update_moves_the_counts_to_the_new_unit_phase_and_kind(setting):
    campaign, phase1, phase2, province, unit = setting
    other = UnitFactory(code="st-tran-de", parent=province)
    initiative = create(setting, status="thong_qua", benefit_value=500)

    services.update_initiative(
        by=None,
        initiative=initiative,
        unit=other,
        phase=phase2,
        kind="quan_ly",
        benefit_value=700,
        submitted_at=moment(date(2022, 6, 5)),
        authors=[("Phạm Minh", "")],
    )

    assert campaign_tally(campaign, phase1).root.registered == 0
    tally = campaign_tally(campaign, phase2)
    assert tally.row("st-tran-de").registered == 1 and tally.row("st-vinh-chau").registered == 0
    assert tally.root.benefit_total == 700
    assert {k: n for k, _l, n in tally.by_kind} == {
        "ky_thuat": 0,
        "quan_ly": 1,
        "tac_nghiep": 0,
        "ung_dung": 0,
        "nghien_cuu": 0,
    }
    assert [a.name for a in initiative.authors.all()] == ["Phạm Minh"]
    assert initiative.unit == other  # the object passed in is refreshed


def test_update_does_not_change_status_or_campaign(setting):
    initiative = create(setting)
    assert "status" in errors_of(lambda: services.update_initiative(by=None, initiative=initiative, status="da_nop"))
    assert "campaign" in errors_of(
        lambda: services.update_initiative(by=None, initiative=initiative, campaign=CampaignFactory())
    )


def test_update_refuses_a_negative_benefit_and_leaves_totals_alone(setting):
    initiative = create(setting, status="thong_qua", benefit_value=500)
    errors_of(lambda: services.update_initiative(by=None, initiative=initiative, benefit_value=-3))
    assert campaign_tally(setting[0]).root.benefit_total == 500


def test_delete_takes_the_initiative_out_of_the_totals(setting):
    initiative = create(setting, status="da_nop")
    services.delete_initiative(by=None, initiative=initiative)
    assert campaign_tally(setting[0]).root.registered == 0
    assert not Initiative.objects.exists()


def test_set_target_creates_then_updates_and_validates(setting):
    campaign, phase1, _phase2, province, _unit = setting
    target = services.set_target(unit=province, campaign=campaign, phase=phase1, kind="chi_tieu", value=1000)
    again = services.set_target(unit=province, campaign=campaign, phase=phase1, kind="chi_tieu", value=1200)
    assert again.pk == target.pk and Target.objects.get().value == 1200

    assert "value" in errors_of(
        lambda: services.set_target(unit=province, campaign=campaign, kind="chi_tieu", value=-1)
    )
    assert "kind" in errors_of(lambda: services.set_target(unit=province, campaign=campaign, kind="muc_tieu", value=1))
    assert "phase" in errors_of(
        lambda: services.set_target(unit=province, campaign=campaign, phase=PhaseFactory(), kind="chi_tieu", value=1)
    )


def test_after_bulk_change_counts_bulk_rows_and_heals_drifted_totals(setting):
    campaign, phase1, _phase2, _province, unit = setting
    InitiativeFactory(campaign=campaign, phase=phase1, unit=unit, status="da_nop")
    Initiative.objects.bulk_create(
        Initiative(
            campaign=campaign,
            phase=phase1,
            unit=unit,
            key=f"B{n}",
            title="Nhập hàng loạt",
            kind="ung_dung",
            sector="su_nghiep",
            registered_at=moment(date(2022, 3, 1)) + timedelta(days=n),
        )
        for n in range(4)
    )
    TallyUnit.objects.update(n_da_nop=99)  # drifted

    services.after_bulk_change(campaign=campaign)

    root = campaign_tally(campaign).root
    assert (root.registered, root.submitted) == (5, 1)


def test_targets_of_the_tally_come_from_set_target(setting):
    campaign, phase1, _phase2, province, _unit = setting
    TargetFactory(unit=province, campaign=campaign, phase=phase1, kind="ke_hoach", value=2000)
    for n in range(3):
        create(setting, key=f"SK-{n}", status="da_nop")
    root = campaign_tally(campaign, phase1).root
    assert root.targets["ke_hoach"] == 2000 and root.delta["ke_hoach"] == -1997
