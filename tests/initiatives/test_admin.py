"""The staff screens, for every role against every unit scope: lists, change pages, adds, actions, imports, targets.

Roles: superuser, provincial administrator (group), officer scoped to Vĩnh Châu, officer scoped to Trần Đề,
staff with no scope, anonymous. Outside the scope an object answers 404 and the page shows none of its data.
"""

import io
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from initiatives import services
from initiatives.models import Initiative, StaffScope, StatusChange, TallyCount, Target
from tests.factories import InitiativeFactory

from .fixtures.world import csv_bytes, row

pytestmark = pytest.mark.django_db

ROLES = ["superuser", "province", "vinh_chau", "tran_de", "no_scope", "anonymous"]


@pytest.fixture
def world(world):
    """The shared world with one initiative in each district's grassroots union."""
    world.vc = InitiativeFactory(
        campaign=world.campaign, phase=world.phase1, unit=world.vinh_hai, key="VC-1", title="Sáng kiến Vĩnh Hải bí mật"
    )
    world.td = InitiativeFactory(
        campaign=world.campaign,
        phase=world.phase1,
        unit=world.trung_binh,
        key="TD-1",
        title="Sáng kiến Trung Bình bí mật",
    )
    return world


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def url(name, *args):
    return reverse(f"admin:initiatives_{name}", args=args)


# --- lists and change pages ------------------------------------------------------------------------------------

LIST_EXPECTED = {
    "superuser": (200, {"VC-1", "TD-1"}),
    "province": (200, {"VC-1", "TD-1"}),
    "vinh_chau": (200, {"VC-1"}),
    "tran_de": (200, {"TD-1"}),
    "no_scope": (403, set()),
    "anonymous": (302, set()),
}


@pytest.mark.parametrize("role", ROLES)
def test_initiative_list_shows_only_the_scope(client, world, role):
    response = login(client, world, role).get(url("initiative_changelist"))
    status, keys = LIST_EXPECTED[role]
    assert response.status_code == status
    content = response.content.decode() if status == 200 else ""
    for key, title in (("VC-1", world.vc.title), ("TD-1", world.td.title)):
        assert (title in content) == (key in keys)


@pytest.mark.parametrize("role", ROLES)
def test_filters_and_search_stay_in_the_scope(client, world, role):
    response = login(client, world, role).get(
        url("initiative_changelist"), {"q": "Nguyễn Văn An", "status__exact": "dang_ky", "giai_doan": "1"}
    )
    status, keys = LIST_EXPECTED[role]
    assert response.status_code == status
    if status == 200:
        content = response.content.decode()
        assert ("TD-1" in keys) == (world.td.title in content)
        assert ("Trần Đề" in content) == ("TD-1" in keys)  # the unit filter offers only units in the scope


CHANGE_EXPECTED = {
    # role: (own-or-visible VC page, TD page)
    "superuser": (200, 200),
    "province": (200, 200),
    "vinh_chau": (200, 404),
    "tran_de": (404, 200),
    "no_scope": (404, 404),
    "anonymous": (302, 302),
}


@pytest.mark.parametrize("role", ROLES)
def test_change_pages_answer_404_outside_the_scope_and_leak_nothing(client, world, role):
    login(client, world, role)
    for initiative, expected in zip((world.vc, world.td), CHANGE_EXPECTED[role], strict=True):
        response = client.get(url("initiative_change", initiative.pk))
        assert response.status_code == expected
        if expected != 200:
            assert initiative.title not in response.content.decode(errors="ignore")
        for view in ("initiative_history", "initiative_delete"):
            response = client.get(url(view, initiative.pk))
            if expected == 404:
                assert response.status_code == 404


def change_post(initiative, **overrides):
    authors = list(initiative.authors.all())
    history = list(initiative.status_changes.all())
    data = {
        "phase": initiative.phase_id,
        "unit": initiative.unit_id,
        "key": initiative.key,
        "title": initiative.title,
        "kind": initiative.kind,
        "sector": initiative.sector,
        "summary": initiative.summary,
        "effect": initiative.effect,
        "benefit_value": "",
        "recognized_by": "",
        "recognized_on": "",
        "registered_at_0": "08/01/2022",
        "registered_at_1": "09:00:00",
        "authors-TOTAL_FORMS": str(len(authors)),
        "authors-INITIAL_FORMS": str(len(authors)),
        "authors-MIN_NUM_FORMS": "1",
        "authors-MAX_NUM_FORMS": "1000",
        "status_changes-TOTAL_FORMS": str(len(history)),
        "status_changes-INITIAL_FORMS": str(len(history)),
        "status_changes-MIN_NUM_FORMS": "0",
        "status_changes-MAX_NUM_FORMS": "1000",
    }
    for i, author in enumerate(authors):
        data |= {
            f"authors-{i}-id": author.pk,
            f"authors-{i}-initiative": initiative.pk,
            f"authors-{i}-name": author.name,
            f"authors-{i}-position": author.position,
            f"authors-{i}-order": author.order,
        }
    for i, change in enumerate(history):
        data |= {f"status_changes-{i}-id": change.pk, f"status_changes-{i}-initiative": initiative.pk}
    data.update(overrides)
    return data


def test_an_officer_edits_an_initiative_of_their_scope_through_the_services(client, world):
    login(client, world, "vinh_chau")
    data = change_post(world.vc, title="Tên đã sửa", **{"authors-0-name": "Lê Thị Hoa"})
    response = client.post(url("initiative_change", world.vc.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    world.vc.refresh_from_db()
    assert world.vc.title == "Tên đã sửa"
    assert [a.name for a in world.vc.authors.all()] == ["Lê Thị Hoa"]


def test_posting_a_change_to_another_units_initiative_is_refused(client, world):
    login(client, world, "vinh_chau")
    response = client.post(url("initiative_change", world.td.pk), change_post(world.td, title="Đã bị sửa"))
    assert response.status_code == 404
    world.td.refresh_from_db()
    assert world.td.title == "Sáng kiến Trung Bình bí mật"


def test_moving_an_initiative_to_a_unit_outside_the_scope_is_refused(client, world):
    login(client, world, "vinh_chau")
    response = client.post(url("initiative_change", world.vc.pk), change_post(world.vc, unit=world.trung_binh.pk))
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    world.vc.refresh_from_db()
    assert world.vc.unit == world.vinh_hai


def test_the_services_refusal_is_shown_on_the_form_and_nothing_is_saved(client, world):
    login(client, world, "province")
    data = change_post(world.vc, title="Tên mới", registered_at_0="01/01/2021")
    response = client.post(url("initiative_change", world.vc.pk), data)
    assert response.status_code == 200
    assert "nằm ngoài thời gian phong trào" in response.content.decode()
    world.vc.refresh_from_db()
    assert world.vc.title == "Sáng kiến Vĩnh Hải bí mật"


# --- adding ----------------------------------------------------------------------------------------------------


def add_post(world, unit, **overrides):
    data = {
        "campaign": world.campaign.pk,
        "phase": world.phase1.pk,
        "unit": unit.pk,
        "key": "",
        "title": "Ứng dụng mã QR khai báo y tế",
        "kind": "ung_dung",
        "sector": "hanh_chinh",
        "summary": "",
        "effect": "",
        "benefit_value": "2000000",
        "recognized_by": "",
        "recognized_on": "",
        "registered_at_0": "15/02/2022",
        "registered_at_1": "08:00:00",
        "authors-TOTAL_FORMS": "1",
        "authors-INITIAL_FORMS": "0",
        "authors-MIN_NUM_FORMS": "1",
        "authors-MAX_NUM_FORMS": "1000",
        "authors-0-name": "Trần Văn Sơn",
        "authors-0-position": "Chuyên viên",
        "authors-0-order": "0",
    }
    data.update(overrides)
    return data


ADD_EXPECTED = {
    # role: (add in Vĩnh Châu, add in Trần Đề) → "ok", "invalid" (unit not offered), 403, 302 (login)
    "superuser": ("ok", "ok"),
    "province": ("ok", "ok"),
    "vinh_chau": ("ok", "invalid"),
    "tran_de": ("invalid", "ok"),
    "no_scope": (403, 403),
    "anonymous": (302, 302),
}


@pytest.mark.parametrize("role", ROLES)
def test_adding_an_initiative_in_and_out_of_the_scope(client, world, role):
    login(client, world, role)
    for unit, expected in zip((world.vinh_chau, world.tran_de), ADD_EXPECTED[role], strict=True):
        before = Initiative.objects.count()
        response = client.post(url("initiative_add"), add_post(world, unit, title=f"Sáng kiến mới {unit.code}"))
        created = Initiative.objects.filter(title=f"Sáng kiến mới {unit.code}").first()
        if expected == "ok":
            assert response.status_code == 302
            assert created.unit == unit and created.key.startswith("SK-")
            assert created.created_by == world.users[role]
            assert [(a.name, a.position) for a in created.authors.all()] == [("Trần Văn Sơn", "Chuyên viên")]
        elif expected == "invalid":
            assert response.status_code == 200 and "errornote" in response.content.decode()
            assert Initiative.objects.count() == before
        else:
            assert response.status_code == expected
            assert Initiative.objects.count() == before


def test_an_added_initiative_is_counted_in_the_running_totals(client, world):
    login(client, world, "vinh_chau")
    client.post(url("initiative_add"), add_post(world, world.vinh_chau))
    total = sum(row.n_dang_ky for row in TallyCount.objects.filter(campaign=world.campaign))
    assert total == 3


def test_an_add_without_an_author_is_refused(client, world):
    login(client, world, "province")
    response = client.post(url("initiative_add"), add_post(world, world.vinh_chau, **{"authors-0-name": ""}))
    assert response.status_code == 200
    assert Initiative.objects.count() == 2


# --- workflow actions ------------------------------------------------------------------------------------------


def action(client, name, *initiatives, reason=""):
    return client.post(
        url("initiative_changelist"),
        {"action": name, "_selected_action": [i.pk for i in initiatives], "reason": reason, "index": 0},
        follow=True,
    )


def keep_phase_open(world):
    """Submitting now needs an open phase: stretch the campaign and phase 1 past today."""
    world.campaign.ends_on = world.phase1.closes_on = date(2100, 1, 1)
    world.campaign.save()
    world.phase1.save()


def test_a_transition_action_moves_only_what_is_in_the_scope(client, world):
    keep_phase_open(world)
    login(client, world, "vinh_chau")
    response = action(client, "chuyen_da_nop", world.vc, world.td)
    world.vc.refresh_from_db()
    world.td.refresh_from_db()
    assert world.vc.status == "da_nop" and world.td.status == "dang_ky"
    assert "Đã chuyển 1 sáng kiến sang “Đã nộp”." in response.content.decode()
    change = StatusChange.objects.get(initiative=world.vc)
    assert (change.from_status, change.to_status, change.changed_by) == ("dang_ky", "da_nop", world.users["vinh_chau"])


def test_refused_transitions_are_reported_one_by_one(client, world):
    other = InitiativeFactory(campaign=world.campaign, phase=world.phase1, unit=world.vinh_chau, key="VC-2")
    services.transition(by=None, initiative=other, to_status="da_nop", at=world.vc.registered_at.replace(month=3))
    services.transition(by=None, initiative=other, to_status="dang_xet")
    login(client, world, "province")
    response = action(client, "chuyen_khong_thong_qua", world.vc, other)
    content = response.content.decode()
    assert "Không chuyển “VC-1 – Sáng kiến Vĩnh Hải bí mật”: Không thể chuyển sáng kiến từ “Đăng ký” sang" in content
    assert "Không chuyển “VC-2 – " in content and "Cần ghi lý do" in content
    response = action(client, "chuyen_khong_thong_qua", other, reason="Trùng với sáng kiến đã công nhận")
    other.refresh_from_db()
    assert other.status == "khong_thong_qua" and other.rejection_reason == "Trùng với sáng kiến đã công nhận"


def test_the_status_history_is_shown_read_only(client, world):
    services.transition(by=world.users["province"], initiative=world.vc, to_status="da_nop", at=world.vc.registered_at)
    login(client, world, "vinh_chau")
    content = client.get(url("initiative_change", world.vc.pk)).content.decode()
    assert "Lịch sử trạng thái" in content or "lịch sử trạng thái" in content
    assert 'name="status_changes-0-note"' not in content
    assert 'name="status"' not in content


# --- import ----------------------------------------------------------------------------------------------------


IMPORT_EXPECTED = {
    "superuser": (200, "ok", "ok"),
    "province": (200, "ok", "ok"),
    "vinh_chau": (200, "ok", "refused"),
    "tran_de": (200, "refused", "ok"),
    "no_scope": (403, None, None),
    "anonymous": (302, None, None),
}


@pytest.mark.parametrize("role", ROLES)
def test_import_page_and_rows_for_each_scope(client, world, role):
    login(client, world, role)
    page, vinh_chau, tran_de = IMPORT_EXPECTED[role]
    assert client.get(url("initiative_import")).status_code == page
    for code, expected in (("st-vinh-chau", vinh_chau), ("st-tran-de", tran_de)):
        key = f"IMP-{code}"
        upload = io.BytesIO(csv_bytes([row(ma_sang_kien=key, ma_don_vi=code)]))
        upload.name = "sang-kien.csv"
        response = client.post(url("initiative_import"), {"campaign": world.campaign.pk, "file": upload})
        if expected is None:
            assert response.status_code == page
        elif expected == "ok":
            assert response.status_code == 200
            assert "Thêm mới 1, cập nhật 0, không đổi 0." in response.content.decode()
        else:
            assert "Dòng 2, cột" in response.content.decode() or "ma_don_vi" in response.content.decode()
            assert f"đơn vị mã “{code}” nằm ngoài phạm vi quản lý của tài khoản." in response.content.decode()
        assert Initiative.objects.filter(key=key).exists() == (expected == "ok")


def test_import_dry_run_and_errors_in_the_admin(client, world):
    login(client, world, "province")
    upload = io.BytesIO(csv_bytes([row(), row(ma_sang_kien="VC-0002", ma_don_vi="st-xyz")]))
    upload.name = "loi.csv"
    content = client.post(url("initiative_import"), {"campaign": world.campaign.pk, "file": upload}).content.decode()
    assert "Tệp có 2 lỗi" not in content and "Tệp có 1 lỗi" in content
    assert "không có đơn vị mã “st-xyz”." in content
    upload = io.BytesIO(csv_bytes([row()]))
    upload.name = "tot.csv"
    content = client.post(
        url("initiative_import"), {"campaign": world.campaign.pk, "file": upload, "dry_run": "on"}
    ).content.decode()
    assert "Kiểm tra xong, chưa ghi gì: sẽ thêm mới 1, cập nhật 0, không đổi 0." in content
    assert Initiative.objects.count() == 2


def test_import_refuses_a_corrupt_file_in_vietnamese(client, world):
    login(client, world, "province")
    upload = io.BytesIO(b"PK\x03\x04 not really a workbook")
    upload.name = "hong.xlsx"
    content = client.post(url("initiative_import"), {"campaign": world.campaign.pk, "file": upload}).content.decode()
    assert "Tệp không phải bảng tính XLSX hợp lệ" in content
    assert Initiative.objects.count() == 2


def test_the_changelist_links_to_the_import_page(client, world):
    login(client, world, "vinh_chau")
    assert url("initiative_import") in client.get(url("initiative_changelist")).content.decode()


def test_templates_download_with_the_units_of_the_scope(client, world):
    login(client, world, "vinh_chau")
    response = client.get(url("initiative_import_template", "xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-sang-kien.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    first = workbook.worksheets[0]
    assert [c.value for c in first[1]][:3] == ["ma_sang_kien", "ma_don_vi", "giai_doan"]
    units = [r[0] for r in workbook.worksheets[2].iter_rows(min_row=2, values_only=True)]
    assert units == ["st-vinh-chau", "st-vinh-chau-vinh-hai"]
    csv_response = client.get(url("initiative_import_template", "csv"))
    assert csv_response.content.startswith("\ufeffma_sang_kien,ma_don_vi,".encode())
    assert client.get(url("initiative_import_template", "pdf")).status_code == 404
    login(client, world, "no_scope")
    assert client.get(url("initiative_import_template", "xlsx")).status_code == 403


def test_the_downloaded_template_filled_in_imports(client, world):
    login(client, world, "province")
    workbook = load_workbook(io.BytesIO(client.get(url("initiative_import_template", "xlsx")).content))
    sheet = workbook.worksheets[0]
    values = row(ma_sang_kien="TPL-1")
    sheet.append([values[c.value] for c in sheet[1]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "mau.xlsx"
    content = client.post(url("initiative_import"), {"campaign": world.campaign.pk, "file": buffer}).content.decode()
    assert "Thêm mới 1" in content
    assert Initiative.objects.filter(key="TPL-1").exists()


# --- units, targets, scopes ------------------------------------------------------------------------------------


UNIT_LIST_EXPECTED = {
    "superuser": {"soc-trang", "st-vinh-chau", "st-tran-de"},
    "province": {"soc-trang", "st-vinh-chau", "st-tran-de"},
    "vinh_chau": {"st-vinh-chau"},
    "tran_de": {"st-tran-de"},
}


@pytest.mark.parametrize("role", ROLES)
def test_unit_list_and_pages_by_scope(client, world, role):
    login(client, world, role)
    response = client.get(url("unit_changelist"))
    if role not in UNIT_LIST_EXPECTED:
        assert response.status_code in (302, 403)
        return
    content = response.content.decode()
    for code in ("soc-trang", "st-vinh-chau", "st-tran-de"):
        assert (f">{code}<" in content) == (code in UNIT_LIST_EXPECTED[role])
    tran_de_page = client.get(url("unit_change", world.tran_de.pk))
    assert tran_de_page.status_code == (200 if "st-tran-de" in UNIT_LIST_EXPECTED[role] else 404)


def test_unit_list_is_a_tree_searchable_and_filterable(client, world):
    login(client, world, "province")
    content = client.get(url("unit_changelist"), {"q": "vinh-hai"}).content.decode()
    assert "CĐCS UBND xã Vĩnh Hải" in content and "LĐLĐ huyện Trần Đề" not in content
    content = client.get(url("unit_changelist"), {"kind__exact": "ldld_huyen"}).content.decode()
    assert "LĐLĐ TX Vĩnh Châu" in content and "CĐCS UBND xã Vĩnh Hải" not in content
    content = client.get(url("unit_changelist")).content.decode()
    assert 'padding-left:3.0em">CĐCS UBND xã Vĩnh Hải' in content


@pytest.fixture
def targets(world):
    made = {
        "vc_quota": services.set_target(
            unit=world.vinh_chau, campaign=world.campaign, phase=world.phase1, kind="chi_tieu", value=200
        ),
        "vc_plan": services.set_target(
            unit=world.vinh_chau, campaign=world.campaign, phase=world.phase1, kind="ke_hoach", value=250
        ),
        "vh_quota": services.set_target(
            unit=world.vinh_hai, campaign=world.campaign, phase=world.phase1, kind="chi_tieu", value=40
        ),
        "td_quota": services.set_target(
            unit=world.tran_de, campaign=world.campaign, phase=world.phase1, kind="chi_tieu", value=180
        ),
    }
    return made


def test_targets_are_listed_by_scope(client, world, targets):
    login(client, world, "vinh_chau")
    response = client.get(url("target_changelist"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "CĐCS UBND xã Vĩnh Hải" in content and "LĐLĐ huyện Trần Đề" not in content
    assert client.get(url("target_change", targets["td_quota"].pk)).status_code == 404
    assert client.get(url("target_change", targets["vc_quota"].pk)).status_code == 200


def test_an_officer_with_target_rights_sets_targets_below_and_their_plan_but_not_their_quota(client, world, targets):
    officer = world.users["vinh_chau"]
    officer.user_permissions.add(Permission.objects.get(codename="change_target"))
    login(client, world, "vinh_chau")
    assert client.post(url("target_change", targets["vh_quota"].pk), {"value": "55"}).status_code == 302
    assert client.post(url("target_change", targets["vc_plan"].pk), {"value": "300"}).status_code == 302
    assert client.post(url("target_change", targets["vc_quota"].pk), {"value": "1"}).status_code == 403
    assert client.post(url("target_change", targets["td_quota"].pk), {"value": "1"}).status_code == 404
    values = dict(Target.objects.values_list("pk", "value"))
    assert values[targets["vh_quota"].pk] == 55
    assert values[targets["vc_plan"].pk] == 300
    assert values[targets["vc_quota"].pk] == 200
    assert values[targets["td_quota"].pk] == 180


def test_province_edits_target_values_in_the_list(client, world, targets):
    login(client, world, "province")
    listed = list(Target.objects.order_by(*Target._meta.ordering))
    data = {"form-TOTAL_FORMS": str(len(listed)), "form-INITIAL_FORMS": str(len(listed)), "_save": "Lưu"}
    for i, target in enumerate(listed):
        data[f"form-{i}-id"] = target.pk
        data[f"form-{i}-value"] = "999" if target.pk == targets["td_quota"].pk else target.value
    response = client.post(url("target_changelist"), data)
    assert response.status_code == 302
    assert Target.objects.get(pk=targets["td_quota"].pk).value == 999


def test_only_those_who_see_everything_hand_out_scopes(client, world):
    for role, expected in (("province", 200), ("superuser", 200), ("vinh_chau", 403), ("no_scope", 403)):
        login(client, world, role)
        assert client.get(url("staffscope_changelist")).status_code == expected
    assert StaffScope.objects.count() == 2


def test_campaigns_are_read_by_officers_and_changed_by_the_province(client, world):
    login(client, world, "vinh_chau")
    assert client.get(url("campaign_change", world.campaign.pk)).status_code == 200
    response = client.post(url("campaign_change", world.campaign.pk), {"name": "Đổi tên"})
    assert response.status_code == 403
    login(client, world, "province")
    page = client.get(url("campaign_change", world.campaign.pk)).content.decode()
    assert "phases-TOTAL_FORMS" in page
    assert date(2022, 1, 8).strftime("%d/%m/%Y") in page


@pytest.mark.parametrize("role", ["province", "vinh_chau"])
def test_the_initiative_list_costs_the_same_queries_for_3_and_30_rows(client, world, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, world, role)
    counts = []
    for extra in (1, 27):
        for n in range(extra):
            InitiativeFactory(campaign=world.campaign, phase=world.phase1, unit=world.vinh_hai, key=f"Q{extra}-{n}")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("initiative_changelist")).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert counts[1] <= 20
