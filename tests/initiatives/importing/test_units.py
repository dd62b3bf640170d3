"""Importing the union unit tree, with clusters: adds, updates, moves, no-ops, all-or-nothing, the admin page."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from initiatives.importing import ImportFileError
from initiatives.importing.units import COLUMN_NAMES, import_units
from initiatives.models import Cluster, ClusterMember, Unit
from initiatives.tallies import tally_generation

from ..fixtures.world import build_world, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def unit_row(code, name, parent="", kind="cdcs", **extra):
    return {"ma_don_vi": code, "ten_don_vi": name, "loai_don_vi": kind, "ma_don_vi_cap_tren": parent, **extra}


def run(world, rows, *, campaign=True, columns=COLUMN_NAMES):
    data = csv_bytes(rows, columns=columns)
    return import_units(fp=io.BytesIO(data), filename="don-vi.csv", campaign=world.campaign if campaign else None)


def messages(result):
    return [str(error) for error in result.errors]


def members(world):
    return {
        (m.cluster.code, m.unit.code)
        for m in ClusterMember.objects.filter(campaign=world.campaign).select_related("cluster", "unit")
    }


def tree():
    """{code: (parent code, depth)} read from the stored paths, and the paths checked against the parent links."""
    assert Unit.objects.rebuild_paths() == 0, "a path or depth disagrees with the parent links"
    return {u.code: (u.parent.code if u.parent_id else None, u.depth) for u in Unit.objects.select_related("parent")}


NEW_TREE = [
    # a child listed before its parent: the file's order does not matter
    unit_row(
        "st-my-xuyen-hoa-tu",
        "CĐCS UBND xã Hòa Tú 1",
        "st-my-xuyen",
        so_doan_vien="1.250",
        ma_cum="cum-2",
        ten_cum="Cụm thi đua số 2",
    ),
    unit_row(
        "st-my-xuyen",
        "LĐLĐ huyện Mỹ Xuyên",
        "soc-trang",
        kind="LĐLĐ huyện, thị xã, thành phố",
        ten_viet_tat="LĐLĐ Mỹ Xuyên",
        so_doan_vien="4200",
        hoat_dong_tu_ngay="01/01/2010",
        ma_cum="cum-1",
        ten_cum="Cụm thi đua số 1",
    ),
    unit_row(
        "st-vinh-chau",
        "LĐLĐ TX Vĩnh Châu",
        "soc-trang",
        kind="ldld_huyen",
        hoat_dong_tu_ngay="01/01/2010",
        ten_viet_tat="LĐLĐ TX Vĩnh Châu",
        so_doan_vien="120",
        so_cnvcld="150",
        ma_cum="cum-1",
    ),
]


def test_a_tree_with_clusters_is_added(world):
    result = run(world, NEW_TREE)
    assert result.ok, messages(result)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 1)
    assert (result.clusters_created, result.placed) == (2, 3)
    assert result.summary() == (
        "Đơn vị: thêm mới 2, cập nhật 0, không đổi 1. Cụm thi đua: thêm 2 cụm, xếp 3 đơn vị vào cụm mới."
    )
    my_xuyen = Unit.objects.get(code="st-my-xuyen")
    assert (my_xuyen.name, my_xuyen.short_name, my_xuyen.kind) == ("LĐLĐ huyện Mỹ Xuyên", "LĐLĐ Mỹ Xuyên", "ldld_huyen")
    assert (my_xuyen.member_count, my_xuyen.valid_from, my_xuyen.valid_to) == (4200, date(2010, 1, 1), None)
    assert Unit.objects.get(code="st-my-xuyen-hoa-tu").member_count == 1250
    assert tree()["st-my-xuyen-hoa-tu"] == ("st-my-xuyen", 2)
    assert tree()["st-my-xuyen"] == ("soc-trang", 1)
    assert members(world) == {("cum-1", "st-my-xuyen"), ("cum-1", "st-vinh-chau"), ("cum-2", "st-my-xuyen-hoa-tu")}
    assert dict(Cluster.objects.values_list("code", "name")) == {
        "cum-1": "Cụm thi đua số 1",
        "cum-2": "Cụm thi đua số 2",
    }


def test_the_same_file_twice_changes_nothing(world):
    assert run(world, NEW_TREE).ok
    before = list(ClusterMember.objects.values_list("pk", "cluster_id", "unit_id").order_by("pk"))
    units_before = list(Unit.objects.values().order_by("pk"))
    result = run(world, NEW_TREE)
    assert result.ok, messages(result)
    assert (result.created, result.updated, result.unchanged, result.clusters_created, result.placed) == (0, 0, 3, 0, 0)
    assert list(ClusterMember.objects.values_list("pk", "cluster_id", "unit_id").order_by("pk")) == before
    assert list(Unit.objects.values().order_by("pk")) == units_before


def test_changed_rows_update_and_a_moved_unit_takes_its_subtree(world):
    result = run(
        world,
        [
            unit_row("st-vinh-chau", "LĐLĐ thị xã Vĩnh Châu", "st-tran-de", kind="ldld_huyen", so_doan_vien="900"),
            unit_row("st-tran-de", "LĐLĐ huyện Trần Đề", "soc-trang", kind="ldld_huyen", so_doan_vien="120"),
        ],
        columns=("ma_don_vi", "ten_don_vi", "loai_don_vi", "ma_don_vi_cap_tren", "so_doan_vien"),
    )
    assert result.ok, messages(result)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    vinh_chau = Unit.objects.get(code="st-vinh-chau")
    assert (vinh_chau.name, vinh_chau.member_count) == ("LĐLĐ thị xã Vĩnh Châu", 900)
    # columns missing from the file leave their fields alone
    assert (vinh_chau.short_name, vinh_chau.valid_from) == ("LĐLĐ TX Vĩnh Châu", date(2010, 1, 1))
    shape = tree()
    assert shape["st-vinh-chau"] == ("st-tran-de", 2)
    assert shape["st-vinh-chau-vinh-hai"] == ("st-vinh-chau", 3)
    assert Unit.objects.get(code="st-vinh-chau-vinh-hai").path.startswith(world.tran_de.path)


def test_a_whole_branch_turned_upside_down_in_one_file(world):
    """Vĩnh Hải goes to the top and Vĩnh Châu beneath it: parents are written before children of the new tree."""
    result = run(
        world,
        [
            unit_row("st-vinh-chau", "LĐLĐ TX Vĩnh Châu", "st-vinh-chau-vinh-hai", kind="ldld_huyen"),
            unit_row("st-vinh-chau-vinh-hai", "CĐCS UBND xã Vĩnh Hải", "soc-trang"),
        ],
    )
    assert result.ok, messages(result)
    shape = tree()
    assert shape["st-vinh-chau-vinh-hai"] == ("soc-trang", 1)
    assert shape["st-vinh-chau"] == ("st-vinh-chau-vinh-hai", 2)


def test_a_bad_row_anywhere_writes_nothing_and_every_error_is_reported(world):
    result = run(
        world,
        [
            unit_row("st-moi", "Đơn vị mới", "soc-trang", ma_cum="cum-1", ten_cum="Cụm 1"),
            unit_row("St Mới", "", "soc-trang", kind="huyện"),
            unit_row("st-moi", "Trùng mã", "soc-trang", so_doan_vien="-5"),
            unit_row("st-moi-2", "Đơn vị 2", "soc-trang", so_doan_vien="1,5", hoat_dong_tu_ngay="31/02/2020"),
            unit_row(
                "st-moi-3", "Đơn vị 3", "soc-trang", hoat_dong_tu_ngay="02/01/2020", hoat_dong_den_ngay="01/01/2020"
            ),
            unit_row("st-moi-4", "Đơn vị 4", "soc-trang", ma_cum="cum-9"),
        ],
    )
    assert messages(result) == [
        "Dòng 3, cột ma_don_vi: mã “St Mới” chỉ gồm chữ cái không dấu, chữ số, gạch ngang hoặc gạch dưới, "
        "tối đa 40 ký tự.",
        "Dòng 3, cột ten_don_vi: bắt buộc, không được bỏ trống.",
        "Dòng 3, cột loai_don_vi: “huyện” không phải loại đơn vị hợp lệ; dùng một trong: Tổng LĐLĐ Việt Nam, "
        "LĐLĐ tỉnh, thành phố, LĐLĐ huyện, thị xã, thành phố, Công đoàn ngành, Công đoàn Viên chức, "
        "Công đoàn các Khu công nghiệp, Công đoàn cơ sở, Khác.",
        "Dòng 4, cột ma_don_vi: mã “st-moi” trùng với dòng 2.",
        "Dòng 4, cột so_doan_vien: phải là số nguyên không âm.",
        "Dòng 5, cột so_doan_vien: “1,5” không phải số nguyên.",
        "Dòng 5, cột hoat_dong_tu_ngay: ngày “31/02/2020” không tồn tại.",
        "Dòng 6, cột hoat_dong_den_ngay: ngày ngừng hoạt động 01/01/2020 trước ngày bắt đầu hoạt động 02/01/2020.",
        "Dòng 7, cột ten_cum: cần tên cho cụm mới “cum-9”.",
    ]
    assert not Unit.objects.filter(code__startswith="st-moi").exists()
    assert not Cluster.objects.exists() and not ClusterMember.objects.exists()


def test_a_parent_neither_in_the_database_nor_in_the_file(world):
    result = run(world, [unit_row("st-moi", "Đơn vị mới", "st-khong-co")])
    assert messages(result) == [
        "Dòng 2, cột ma_don_vi_cap_tren: không có đơn vị mã “st-khong-co” trong hệ thống hay trong tệp."
    ]
    assert not Unit.objects.filter(code="st-moi").exists()


def test_a_cycle_is_refused(world):
    result = run(
        world,
        [
            unit_row("st-vinh-chau", "LĐLĐ TX Vĩnh Châu", "st-vinh-chau-vinh-hai", kind="ldld_huyen"),
            unit_row("st-a", "Đơn vị A", "st-b"),
            unit_row("st-b", "Đơn vị B", "st-a"),
            unit_row("st-c", "Đơn vị C", "st-c"),
        ],
    )
    assert messages(result) == [
        "Dòng 2, cột ma_don_vi_cap_tren: không thể đặt đơn vị làm cấp dưới của chính nó. "
        "Vòng lặp: st-vinh-chau → st-vinh-chau-vinh-hai → st-vinh-chau.",
        "Dòng 3, cột ma_don_vi_cap_tren: không thể đặt đơn vị làm cấp dưới của chính nó. Vòng lặp: st-a → st-b → st-a.",
        "Dòng 4, cột ma_don_vi_cap_tren: không thể đặt đơn vị làm cấp dưới của chính nó. Vòng lặp: st-b → st-a → st-b.",
        "Dòng 5, cột ma_don_vi_cap_tren: không thể đặt đơn vị làm cấp dưới của chính nó. Vòng lặp: st-c → st-c.",
    ]
    assert tree()["st-vinh-chau"] == ("soc-trang", 1)
    assert not Unit.objects.filter(code__in=["st-a", "st-b", "st-c"]).exists()


def test_cluster_columns_need_a_campaign(world):
    result = run(
        world,
        [
            unit_row("st-moi", "Đơn vị mới", "soc-trang", ma_cum="cum-1", ten_cum="Cụm 1"),
            unit_row("st-moi-2", "Đơn vị 2", "soc-trang", ten_cum="Cụm 1"),
            unit_row("st-moi-3", "Đơn vị 3", "soc-trang"),
        ],
        campaign=False,
    )
    assert messages(result) == [
        "Dòng 2, cột ma_cum: chọn phong trào ở trang nhập để xếp đơn vị vào cụm thi đua của phong trào đó.",
        "Dòng 3, cột ten_cum: chọn phong trào ở trang nhập để xếp đơn vị vào cụm thi đua của phong trào đó.",
    ]
    assert not Unit.objects.filter(code__startswith="st-moi").exists()


def test_without_cluster_columns_no_campaign_is_needed_and_xlsx_cells_are_read(world):
    columns = ("ma_don_vi", "ten_don_vi", "loai_don_vi", "ma_don_vi_cap_tren", "so_doan_vien", "hoat_dong_tu_ngay")
    data = xlsx_bytes(
        [unit_row("st-moi", "Đơn vị mới", "soc-trang", so_doan_vien="120", hoat_dong_tu_ngay="01/07/2025")],
        columns=columns,
        typed={"so_doan_vien": int, "hoat_dong_tu_ngay": lambda v: date(2025, 7, 1)},
    )
    result = import_units(fp=io.BytesIO(data), filename="don-vi.xlsx", campaign=None)
    assert result.ok, messages(result)
    unit = Unit.objects.get(code="st-moi")
    assert (unit.member_count, unit.valid_from, unit.parent) == (120, date(2025, 7, 1), world.province)


def test_a_file_without_the_parent_column_is_refused(world):
    data = b"ma_don_vi,ten_don_vi,loai_don_vi\nst-moi,A,cdcs\n"
    with pytest.raises(ImportFileError, match="Thiếu cột bắt buộc: ma_don_vi_cap_tren"):
        import_units(fp=io.BytesIO(data), filename="x.csv")


# --- the admin page ---------------------------------------------------------------------------------------------


def upload(rows):
    data = io.BytesIO(csv_bytes(rows, columns=COLUMN_NAMES))
    data.name = "don-vi.csv"
    return data


def test_only_provincial_administrators_import_units(world, client):
    url = reverse("admin:initiatives_unit_import")
    for name in ("vinh_chau", "no_scope"):
        client.force_login(world.users[name])
        assert client.get(url).status_code == 403
        assert client.get(reverse("admin:initiatives_unit_import_template", args=["csv"])).status_code == 403
        assert client.post(url, {"file": upload([unit_row("st-moi", "A", "st-vinh-chau")])}).status_code == 403
    client.force_login(world.users["vinh_chau"])
    assert url not in client.get(reverse("admin:initiatives_unit_changelist")).content.decode()
    assert not Unit.objects.filter(code="st-moi").exists()
    client.force_login(world.users["province"])
    assert url in client.get(reverse("admin:initiatives_unit_changelist")).content.decode()
    page = client.get(url).content.decode()
    assert "ma_don_vi_cap_tren" in page and "Mã đơn vị cấp trên" in page and "mau-nhap-don-vi.xlsx" in page


@pytest.fixture
def committed_world(db, django_capture_on_commit_callbacks):
    """The world as if committed: its cache generations have moved on, so the next tally is cached."""
    with django_capture_on_commit_callbacks(execute=True):
        return build_world()


def test_the_admin_form_imports_and_the_progress_pages_show_it_at_once(
    committed_world, client, django_capture_on_commit_callbacks
):
    world = committed_world
    client.force_login(world.users["province"])
    progress = reverse("initiatives:campaign", args=[world.campaign.slug])
    before = client.get(progress)
    assert before.status_code == 200 and "LĐLĐ TX Vĩnh Châu" in before.content.decode()
    assert "LĐLĐ huyện Mỹ Xuyên" not in before.content.decode()
    generation = tally_generation(world.campaign)
    assert generation is not None  # the page above is cached under it
    response = client.post(reverse("admin:initiatives_unit_import"), {"campaign": "", "file": upload(NEW_TREE)})
    assert "chọn phong trào ở trang nhập" in response.content.decode()
    assert not Unit.objects.filter(code="st-my-xuyen").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:initiatives_unit_import"), {"campaign": world.campaign.pk, "file": upload(NEW_TREE)}
        )
    assert "Đơn vị: thêm mới 2, cập nhật 0, không đổi 1." in response.content.decode()
    assert tally_generation(world.campaign) not in (None, generation)
    assert "LĐLĐ huyện Mỹ Xuyên" in client.get(progress).content.decode()
    unit_page = client.get(reverse("initiatives:unit", args=[world.campaign.slug, "st-my-xuyen"])).content.decode()
    assert "Cụm thi đua số 1" in unit_page


def test_the_templates_download_without_live_formulas(world, client):
    Unit.objects.filter(code="st-tran-de").update(name='=HYPERLINK("http://x.example","bấm")')
    client.force_login(world.users["superuser"])
    response = client.get(reverse("admin:initiatives_unit_import_template", args=["xlsx"]))
    assert response.status_code == 200
    assert 'filename="mau-nhap-don-vi.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert [c.value for c in workbook.worksheets[0][1]] == list(COLUMN_NAMES)
    current = {row[0]: row for row in workbook.worksheets[2].iter_rows(min_row=2, values_only=True)}
    assert current["st-tran-de"][1] == '=HYPERLINK("http://x.example","bấm")'
    assert current["st-tran-de"][4] == "soc-trang"
    response = client.get(reverse("admin:initiatives_unit_import_template", args=["csv"]))
    filled = io.BytesIO(response.content + "st-moi,Đơn vị mới,,cdcs,soc-trang\r\n".encode())
    assert import_units(fp=filled, filename="mau.csv").created == 1
