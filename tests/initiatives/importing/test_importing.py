"""The spreadsheet importer: good files, every kind of bad row (nothing written), re-imports, limits."""

import io
from datetime import date, datetime

import pytest
from django.utils import timezone

from initiatives import importing, tallies
from initiatives.models import Author, Initiative, StatusChange
from tests.factories import InitiativeFactory

from ..fixtures.world import csv_bytes, row, rows, xlsx_bytes

pytestmark = pytest.mark.django_db

TODAY = date(2024, 1, 15)


def run(world, data, *, user="superuser", dry_run=False, filename="sang-kien.csv"):
    by = world.users[user] if user else None
    return importing.import_initiatives(
        fp=io.BytesIO(data), filename=filename, campaign=world.campaign, by=by, dry_run=dry_run, today=TODAY
    )


def messages(result):
    return [str(e) for e in result.errors]


# --- good files -------------------------------------------------------------------------------------------------


def test_good_csv_is_written_with_authors_dates_status_and_history(world):
    data = csv_bytes([row(), row(ma_sang_kien="VC-0002", trang_thai="", ngay_nop="", gia_tri_lam_loi="")])
    result = run(world, data)
    assert result.ok, messages(result)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert result.summary() == "Thêm mới 2, cập nhật 0, không đổi 0."
    first = Initiative.objects.get(key="VC-0001")
    assert first.unit == world.vinh_chau and first.phase == world.phase1 and first.campaign == world.campaign
    assert (first.kind, first.sector, first.status) == ("quan_ly", "hanh_chinh", "da_nop")
    assert first.benefit_value == 15_000_000
    assert timezone.localtime(first.registered_at).date() == date(2022, 1, 10)
    assert timezone.localtime(first.submitted_at).date() == date(2022, 3, 15)
    assert first.created_by == world.users["superuser"]
    assert [(a.name, a.position) for a in first.authors.all()] == [
        ("Nguyễn Văn An", "Chủ tịch công đoàn"),
        ("Trần Thị Bình", "Kế toán"),
    ]
    assert list(first.status_changes.values_list("from_status", "to_status")) == [("dang_ky", "da_nop")]
    second = Initiative.objects.get(key="VC-0002")
    assert second.status == "dang_ky" and second.submitted_at is None and second.benefit_value is None


def test_semicolon_csv_with_bom_and_codes_instead_of_labels(world):
    data = csv_bytes(
        [row(loai_giai_phap="KY_THUAT", linh_vuc="san xuat kinh doanh", trang_thai="da_nop")], delimiter=";", bom=True
    )
    result = run(world, data)
    assert result.ok, messages(result)
    initiative = Initiative.objects.get(key="VC-0001")
    assert (initiative.kind, initiative.sector) == ("ky_thuat", "san_xuat")


def test_good_xlsx_with_date_and_number_cells(world):
    typed = {
        "ngay_dang_ky": lambda v: datetime.strptime(v, "%d/%m/%Y"),
        "ngay_nop": lambda v: datetime.strptime(v, "%d/%m/%Y"),
        "gia_tri_lam_loi": lambda v: int(v.replace(".", "")),
        "giai_doan": int,
    }
    data = xlsx_bytes(
        [row(), row(ma_sang_kien="VC-0002", ma_don_vi="st-vinh-chau-vinh-hai", gia_tri_lam_loi="2.500.000")],
        typed=typed,
    )
    result = run(world, data, filename="sang-kien.xlsx")
    assert result.ok, messages(result)
    assert result.created == 2
    assert Initiative.objects.get(key="VC-0002").benefit_value == 2_500_000
    assert Initiative.objects.get(key="VC-0002").unit == world.vinh_hai


def test_unknown_columns_are_ignored_and_reported(world):
    columns = ("stt", *importing.COLUMN_NAMES)
    result = run(world, csv_bytes([{**row(), "stt": "1"}], columns=columns))
    assert result.ok and result.created == 1
    assert result.ignored_columns == ["stt"]


def test_header_names_ignore_case_accents_and_spaces(world):
    columns = [name.upper().replace("_", " ") for name in importing.COLUMN_NAMES]
    data = csv_bytes([row()])
    data = data.replace(",".join(importing.COLUMN_NAMES).encode(), ",".join(columns).encode(), 1)
    assert run(world, data).created == 1


def test_the_imported_rows_count_in_the_tallies(world):
    data = csv_bytes(rows(3) + rows(2, prefix="TD", unit_code="st-tran-de", trang_thai="Đăng ký", ngay_nop=""))
    assert run(world, data).ok
    tally = tallies.campaign_tally(world.campaign, world.phase1)
    assert tally.row("soc-trang").submitted == 3
    assert tally.row("soc-trang").registered == 5
    assert tally.row("st-tran-de").registered == 2


def test_bulk_path_gives_the_same_tallies_as_row_by_row(world, monkeypatch):
    data = csv_bytes(rows(12) + rows(5, prefix="TD", unit_code="st-tran-de", trang_thai="Được thông qua"))
    monkeypatch.setattr(importing.writing, "BULK_THRESHOLD", 5)
    assert run(world, data).created == 17
    bulk = tallies.campaign_tally(world.campaign, world.phase1)
    assert StatusChange.objects.filter(to_status="thong_qua").count() == 5
    Initiative.objects.all().delete()
    from initiatives import services

    services.after_bulk_change(campaign=world.campaign)
    monkeypatch.setattr(importing.writing, "BULK_THRESHOLD", 1000)
    assert run(world, data).created == 17
    one_by_one = tallies.campaign_tally(world.campaign, world.phase1)
    assert [(r.code, r.registered, r.submitted, r.approved, r.benefit_total) for r in bulk.rows] == [
        (r.code, r.registered, r.submitted, r.approved, r.benefit_total) for r in one_by_one.rows
    ]
    assert one_by_one.row("soc-trang").approved == 5


def test_query_count_does_not_grow_with_rows(world, monkeypatch):
    """Reads and the totals rebuild are a fixed number of statements; inserts go in batches (SQLite caps a batch
    at 999 parameters, PostgreSQL takes 500 rows per statement), never one statement per row."""
    monkeypatch.setattr(importing.writing, "BULK_THRESHOLD", 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    other, inserts = [], []
    for n, prefix in ((30, "A"), (300, "B")):
        with CaptureQueriesContext(connection) as captured:
            assert run(world, csv_bytes(rows(n, prefix=prefix))).created == n
        statements = [q["sql"] for q in captured.captured_queries]
        inserts.append(sum(1 for sql in statements if sql.startswith('INSERT INTO "initiatives_initiative"')))
        other.append(sum(1 for sql in statements if not sql.startswith("INSERT")))
    assert other[0] == other[1]
    assert inserts[1] <= 300 / 40


# --- the same file twice, changes, dry runs ------------------------------------------------------------------------


def test_the_same_file_twice_changes_nothing(world):
    data = csv_bytes(
        rows(4) + [row(ma_sang_kien="X-1", trang_thai="Không được thông qua", ly_do_khong_thong_qua="Trùng")]
    )
    assert run(world, data).created == 5
    before = list(Initiative.objects.order_by("key").values())
    history = StatusChange.objects.count()
    authors = list(Author.objects.order_by("pk").values_list("pk", flat=True))
    again = run(world, data)
    assert again.ok
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert again.summary() == "Thêm mới 0, cập nhật 0, không đổi 5."
    assert list(Initiative.objects.order_by("key").values()) == before
    assert StatusChange.objects.count() == history
    assert list(Author.objects.order_by("pk").values_list("pk", flat=True)) == authors


def test_changed_rows_are_updated_and_status_moves_forward_through_the_workflow(world):
    assert run(world, csv_bytes(rows(3, trang_thai="Đăng ký", ngay_nop=""))).created == 3
    changed = rows(3, trang_thai="Đăng ký", ngay_nop="")
    changed[0] = {**changed[0], "ten_sang_kien": "Tên mới", "tac_gia": "Lê Văn Cường - Kỹ sư"}
    changed[1] = {**changed[1], "trang_thai": "Được thông qua", "ngay_nop": "01/04/2022"}
    result = run(world, csv_bytes(changed), user="vinh_chau")
    assert result.ok, messages(result)
    assert (result.created, result.updated, result.unchanged) == (0, 2, 1)
    first = Initiative.objects.get(key="VC-0001")
    assert first.title == "Tên mới"
    assert [a.name for a in first.authors.all()] == ["Lê Văn Cường"]
    second = Initiative.objects.get(key="VC-0002")
    assert second.status == "thong_qua"
    assert timezone.localtime(second.submitted_at).date() == date(2022, 4, 1)
    assert list(second.status_changes.values_list("to_status", flat=True)) == ["da_nop", "dang_xet", "thong_qua"]
    assert set(second.status_changes.values_list("changed_by", flat=True)) == {world.users["vinh_chau"].pk}
    assert run(world, csv_bytes(changed), user="vinh_chau").unchanged == 3


def test_a_status_cannot_go_back(world):
    assert run(world, csv_bytes([row(trang_thai="Được thông qua")])).created == 1
    result = run(world, csv_bytes([row(trang_thai="Đã nộp")]))
    assert messages(result) == [
        "Dòng 2, cột trang_thai: sáng kiến “VC-0001” đang ở trạng thái “Được thông qua”, "
        "không chuyển được sang “Đã nộp”."
    ]
    assert Initiative.objects.get().status == "thong_qua"


def test_dry_run_writes_nothing_and_reports_what_would_happen(world):
    assert run(world, csv_bytes(rows(2))).created == 2
    changed = rows(3)
    changed[1] = {**changed[1], "ten_sang_kien": "Khác"}
    result = run(world, csv_bytes(changed), dry_run=True)
    assert result.ok and result.dry_run
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert result.summary() == "Kiểm tra xong, chưa ghi gì: sẽ thêm mới 1, cập nhật 1, không đổi 1."
    assert Initiative.objects.count() == 2
    assert not Initiative.objects.filter(title="Khác").exists()


# --- bad rows: the exact message, and nothing written ----------------------------------------------------------


BAD_ROWS = [
    ({"ma_don_vi": "st-xyz"}, "Dòng 3, cột ma_don_vi: không có đơn vị mã “st-xyz”."),
    (
        {"ma_don_vi": "st-tran-de"},
        "Dòng 3, cột ma_don_vi: đơn vị mã “st-tran-de” nằm ngoài phạm vi quản lý của tài khoản.",
    ),
    (
        {"loai_giai_phap": "Sáng chế"},
        "Dòng 3, cột loai_giai_phap: “Sáng chế” không phải loại giải pháp hợp lệ; dùng một trong: Giải pháp kỹ thuật, "
        "Giải pháp quản lý, Giải pháp tác nghiệp, Ứng dụng tiến bộ kỹ thuật - công nghệ, Đề tài nghiên cứu khoa học.",
    ),
    (
        {"linh_vuc": "Nông nghiệp"},
        "Dòng 3, cột linh_vuc: “Nông nghiệp” không phải lĩnh vực hợp lệ; dùng một trong: Hành chính nhà nước, "
        "Sự nghiệp công lập, Sản xuất kinh doanh.",
    ),
    (
        {"trang_thai": "Đã duyệt"},
        "Dòng 3, cột trang_thai: “Đã duyệt” không phải trạng thái hợp lệ; dùng một trong: Đăng ký, Đã nộp, Đang xét, "
        "Được thông qua, Không được thông qua, Đề nghị khen thưởng, Được tặng Bằng lao động sáng tạo.",
    ),
    (
        {"ngay_dang_ky": "05/01/2022", "ngay_nop": "20/01/2022"},
        "Dòng 3, cột ngay_dang_ky: ngày đăng ký 05/01/2022 nằm ngoài thời gian phong trào (08/01/2022 – 01/09/2023).",
    ),
    (
        {"ngay_nop": "02/06/2022"},
        "Dòng 3, cột ngay_nop: ngày nộp 02/06/2022 nằm ngoài thời gian giai đoạn 1 (08/01/2022 – 31/05/2022).",
    ),
    ({"ngay_nop": "31/02/2022"}, "Dòng 3, cột ngay_nop: ngày “31/02/2022” không tồn tại."),
    ({"ngay_dang_ky": "hôm qua"}, "Dòng 3, cột ngay_dang_ky: “hôm qua” không phải ngày dạng dd/mm/yyyy."),
    ({"giai_doan": "3"}, "Dòng 3, cột giai_doan: phong trào không có giai đoạn 3 (có: 1, 2)."),
    ({"giai_doan": "một"}, "Dòng 3, cột giai_doan: “một” không phải số giai đoạn (1, 2 …)."),
    ({"gia_tri_lam_loi": "-5.000"}, "Dòng 3, cột gia_tri_lam_loi: số tiền không được âm."),
    ({"gia_tri_lam_loi": "mười triệu"}, "Dòng 3, cột gia_tri_lam_loi: “mười triệu” không phải số tiền (đồng) hợp lệ."),
    ({"gia_tri_lam_loi": "1,5"}, "Dòng 3, cột gia_tri_lam_loi: “1,5” không phải số tiền (đồng) hợp lệ."),
    ({"ma_sang_kien": "VC-0001"}, "Dòng 3, cột ma_sang_kien: mã “VC-0001” trùng với dòng 2."),
    ({"ten_sang_kien": ""}, "Dòng 3, cột ten_sang_kien: bắt buộc, không được bỏ trống."),
    ({"ma_don_vi": " "}, "Dòng 3, cột ma_don_vi: bắt buộc, không được bỏ trống."),
    ({"tac_gia": ""}, "Dòng 3, cột tac_gia: bắt buộc, không được bỏ trống."),
    ({"giai_doan": ""}, "Dòng 3, cột giai_doan: bắt buộc, không được bỏ trống."),
    (
        {"trang_thai": "Không được thông qua"},
        "Dòng 3, cột ly_do_khong_thong_qua: cần ghi lý do không thông qua.",
    ),
    (
        {"ly_do_khong_thong_qua": "Trùng"},
        "Dòng 3, cột ly_do_khong_thong_qua: chỉ ghi khi trạng thái là “Không được thông qua”.",
    ),
    ({"trang_thai": "Đăng ký"}, "Dòng 3, cột ngay_nop: sáng kiến mới đăng ký (chưa nộp) thì bỏ trống ngày nộp."),
    ({"ngay_nop": ""}, "Dòng 3, cột ngay_nop: ngày nộp bắt buộc với trạng thái “Đã nộp”."),
    (
        {"ngay_nop": "09/01/2022"},
        "Dòng 3, cột ngay_nop: ngày nộp 09/01/2022 trước ngày đăng ký 10/01/2022.",
    ),
    ({"cap_cong_nhan": "Hội đồng sáng kiến"}, "Dòng 3, cột ngay_cong_nhan: bắt buộc khi có cấp công nhận."),
    (
        {"cap_cong_nhan": "Hội đồng sáng kiến", "ngay_cong_nhan": "01/01/2022"},
        "Dòng 3, cột ngay_cong_nhan: ngày công nhận 01/01/2022 trước ngày đăng ký 10/01/2022.",
    ),
    (
        {"ngay_dang_ky": "20/01/2024", "giai_doan": "2", "trang_thai": "Đăng ký", "ngay_nop": ""},
        "Dòng 3, cột ngay_dang_ky: ngày 20/01/2024 ở tương lai.",
    ),
]


@pytest.mark.parametrize(
    ("override", "message"), BAD_ROWS, ids=[m.split(":")[0] + " " + m.split(":")[1][:40] for _o, m in BAD_ROWS]
)
def test_a_bad_row_is_reported_exactly_and_nothing_is_written(world, override, message):
    data = csv_bytes(
        [
            row(),
            row(ma_sang_kien="VC-0002", **override) if "ma_sang_kien" not in override else row(**override),
            row(ma_sang_kien="VC-0003"),
        ]
    )
    result = run(world, data, user="vinh_chau")
    assert messages(result) == [message]
    assert result.created == 0
    assert not Initiative.objects.exists()


def test_a_unit_that_no_longer_existed_on_the_registration_date(world):
    world.vinh_hai.valid_to = date(2021, 12, 31)
    world.vinh_hai.save()
    result = run(world, csv_bytes([row(ma_don_vi="st-vinh-chau-vinh-hai")]))
    assert messages(result) == [
        "Dòng 2, cột ma_don_vi: đơn vị “CĐCS UBND xã Vĩnh Hải” (mã st-vinh-chau-vinh-hai) không hoạt động vào ngày đăng ký 10/01/2022."
    ]


def test_every_error_of_every_row_is_collected(world):
    data = csv_bytes(
        [
            row(ma_don_vi="st-xyz", loai_giai_phap="?", gia_tri_lam_loi="abc"),
            row(ma_sang_kien="VC-0002"),
            row(ma_sang_kien="", ten_sang_kien="", ngay_dang_ky="32/01/2022"),
        ]
    )
    result = run(world, data)
    assert [(e.line, e.column) for e in result.errors] == [
        (2, "ma_don_vi"),
        (2, "loai_giai_phap"),
        (2, "gia_tri_lam_loi"),
        (4, "ma_sang_kien"),
        (4, "ten_sang_kien"),
        (4, "ngay_dang_ky"),
    ]
    assert not Initiative.objects.exists()


def test_a_key_of_an_initiative_outside_the_scope_is_refused(world):
    InitiativeFactory(campaign=world.campaign, phase=world.phase1, unit=world.tran_de, key="VC-0001")
    result = run(world, csv_bytes([row()]), user="vinh_chau")
    assert messages(result) == [
        "Dòng 2, cột ma_sang_kien: mã “VC-0001” đã dùng cho một sáng kiến ngoài phạm vi quản lý của tài khoản."
    ]
    assert Initiative.objects.get().unit == world.tran_de


def test_a_failure_while_writing_rolls_everything_back(world, monkeypatch):
    from initiatives import services

    def explode(**kwargs):
        raise RuntimeError("mất kết nối")

    monkeypatch.setattr(importing.writing, "BULK_THRESHOLD", 2)
    monkeypatch.setattr(services, "after_bulk_change", explode)
    with pytest.raises(RuntimeError):
        run(world, csv_bytes(rows(5)))
    assert not Initiative.objects.exists()
    assert not Author.objects.exists()


# --- whole-file problems ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "a.csv", "Tệp rỗng."),
        (
            b"PK\x03\x04garbage-not-a-zip",
            "a.xlsx",
            "Tệp không phải bảng tính XLSX hợp lệ (tệp hỏng hoặc sai định dạng).",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a.xls", "Định dạng Excel .xls cũ không được hỗ trợ"),
        (b"\x89PNG\r\n\x1a\n\0\0\0", "anh.png", "Tệp không phải bảng tính XLSX hay tệp CSV văn bản."),
        ("ma_sang_kien,ten_sang_kien\nA,Tên".encode("utf-16"), "a.csv", "Tệp không phải bảng tính XLSX hay tệp CSV"),
        ("ma_sang_kien;tên\nSK;Đoàn".encode("cp1258"), "a.csv", "Tệp CSV phải được lưu với bảng mã UTF-8"),
        (
            b"ma_sang_kien,ten_sang_kien\nA,B\n",
            "a.csv",
            "Thiếu cột bắt buộc: ma_don_vi, giai_doan, tac_gia, loai_giai_phap",
        ),
        (b"\n\n", "a.csv", "Tệp rỗng."),
        (b"just some text without header columns", "a.txt", "Thiếu cột bắt buộc"),
    ],
)
def test_unreadable_files_are_refused_in_vietnamese(world, data, filename, message):
    with pytest.raises(importing.ImportFileError) as refused:
        run(world, data, filename=filename)
    assert str(refused.value).startswith(message)
    assert not Initiative.objects.exists()


def test_header_only_file_is_refused(world):
    with pytest.raises(importing.ImportFileError, match="không có dòng dữ liệu"):
        run(world, csv_bytes([]))


def test_row_limit(world, settings):
    settings.INITIATIVES_IMPORT_MAX_ROWS = 3
    assert run(world, csv_bytes(rows(3))).created == 3
    with pytest.raises(importing.ImportFileError) as refused:
        run(world, csv_bytes(rows(4, prefix="B")))
    assert str(refused.value) == "Tệp có hơn 3 dòng dữ liệu; hãy chia thành nhiều tệp, mỗi tệp tối đa 3 dòng."
    assert Initiative.objects.count() == 3


def test_size_limit(world, settings):
    settings.INITIATIVES_IMPORT_MAX_BYTES = 2 * 1024 * 1024
    data = csv_bytes(rows(1, tom_tat="x" * (2 * 1024 * 1024)))
    with pytest.raises(importing.ImportFileError, match="Tệp quá lớn: tối đa 2 MB"):
        run(world, data)


def test_thousands_are_grouped_in_the_summary(world):
    result = importing.ImportResult(created=3000, updated=1200, unchanged=0)
    assert result.summary() == "Thêm mới 3.000, cập nhật 1.200, không đổi 0."


# --- cell parsers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15.000.000", 15_000_000),
        ("15,000,000", 15_000_000),
        ("15 000 000 đồng", 15_000_000),
        ("2500000đ", 2_500_000),
        (15000000, 15_000_000),
        (15000000.0, 15_000_000),
        ("0", 0),
        ("", None),
        (None, None),
    ],
)
def test_money_forms(value, expected):
    assert importing.parse_money(value) == expected


@pytest.mark.parametrize("value", ["1.5", "15.00.000", "1,500.000", "12abc", 1.5, True])
def test_money_garbage(value):
    with pytest.raises(importing.CellError):
        importing.parse_money(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("08/01/2022", date(2022, 1, 8)),
        ("8/1/2022", date(2022, 1, 8)),
        ("08.01.2022", date(2022, 1, 8)),
        ("2022-01-08", date(2022, 1, 8)),
        (datetime(2022, 1, 8, 0, 0), date(2022, 1, 8)),
        (date(2022, 1, 8), date(2022, 1, 8)),
        ("", None),
    ],
)
def test_date_forms(value, expected):
    assert importing.parse_date(value) == expected


def test_authors_forms():
    assert importing.parse_authors("Nguyễn Văn An - Giáo viên - Tổ trưởng;Lê Thị B\nThạch Sa Rươne – Công nhân") == [
        ("Nguyễn Văn An", "Giáo viên - Tổ trưởng"),
        ("Lê Thị B", ""),
        ("Thạch Sa Rươne", "Công nhân"),
    ]
    with pytest.raises(importing.CellError, match="thiếu họ tên"):
        importing.parse_authors(" - Giáo viên")


def test_choices_accept_code_label_any_case_with_or_without_accents():
    for text in (
        "ung_dung",
        "UNG DUNG",
        "Ứng dụng tiến bộ kỹ thuật - công nghệ",
        "ung dung tien bo ky thuat - cong nghe",
    ):
        assert importing.parse_choice(text, Initiative.Kind, what="loại") == "ung_dung"
