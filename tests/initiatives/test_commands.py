"""`import_initiatives` and `export_tallies`: results, exit codes, messages, file contents."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from initiatives import exports, services
from initiatives.models import Initiative

from .fixtures.world import csv_bytes, row, rows, xlsx_bytes

pytestmark = pytest.mark.django_db


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- import_initiatives -----------------------------------------------------------------------------------------


def test_import_command_imports_and_reports_counts(world, tmp_path):
    path = write(tmp_path, "sk.csv", csv_bytes(rows(3)))
    out, err = run("import_initiatives", path, "--campaign", world.campaign.slug)
    assert "Thêm mới 3, cập nhật 0, không đổi 0." in out and err == ""
    assert Initiative.objects.count() == 3
    out, _err = run("import_initiatives", path, "--campaign", world.campaign.slug)
    assert "Thêm mới 0, cập nhật 0, không đổi 3." in out


def test_import_command_dry_run_writes_nothing(world, tmp_path):
    path = write(tmp_path, "sk.xlsx", xlsx_bytes(rows(2)))
    out, _err = run("import_initiatives", path, "--campaign", world.campaign.slug, "--dry-run")
    assert "Kiểm tra xong, chưa ghi gì: sẽ thêm mới 2" in out
    assert not Initiative.objects.exists()


def test_import_command_with_a_user_uses_their_scope(world, tmp_path):
    path = write(tmp_path, "sk.csv", csv_bytes([row(), row(ma_sang_kien="TD-1", ma_don_vi="st-tran-de")]))
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_initiatives", path, "--campaign", world.campaign.slug, "--user", "vinhchau", stderr=err)
    assert str(failed.value) == "Tệp có 1 lỗi; không có gì được ghi."
    assert err.getvalue().strip() == (
        "Dòng 3, cột ma_don_vi: đơn vị mã “st-tran-de” nằm ngoài phạm vi quản lý của tài khoản."
    )
    assert not Initiative.objects.exists()
    out, _err = run("import_initiatives", path, "--campaign", world.campaign.slug, "--user", "tinh")
    assert "Thêm mới 2" in out
    assert Initiative.objects.get(key="TD-1").created_by == world.users["province"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--campaign", "khong-co"], "Không có phong trào “khong-co”."),
        (["--campaign", "1-trieu-sang-kien", "--user", "ai-do"], "Không có tài khoản đang hoạt động “ai-do”."),
        (
            ["--campaign", "1-trieu-sang-kien", "--user", "khongphamvi"],
            "Tài khoản “khongphamvi” chưa được gán đơn vị quản lý sáng kiến.",
        ),
    ],
)
def test_import_command_bad_arguments(world, tmp_path, args, message):
    path = write(tmp_path, "sk.csv", csv_bytes(rows(1)))
    with pytest.raises(CommandError, match=message):
        run("import_initiatives", path, *args)


def test_import_command_missing_or_corrupt_file(world, tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run("import_initiatives", str(tmp_path / "khong-co.csv"), "--campaign", world.campaign.slug)
    path = write(tmp_path, "hong.xlsx", b"PK\x03\x04 hong")
    with pytest.raises(CommandError, match="Tệp không phải bảng tính XLSX hợp lệ"):
        run("import_initiatives", path, "--campaign", world.campaign.slug)


def run_from_argv(*argv):
    """Run a command as `manage.py` does (output goes to sys.stdout/sys.stderr); returns the exit status."""
    from django.core.management import load_command_class

    try:
        load_command_class("initiatives", argv[0]).run_from_argv(["manage.py", *argv, "--skip-checks"])
    except SystemExit as exit_:
        return exit_.code
    return 0


def test_import_command_exit_codes(world, tmp_path, capsys, monkeypatch):
    # run_from_argv closes the database connections when done, which would end the test's transaction
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    good = write(tmp_path, "tot.csv", csv_bytes(rows(1)))
    bad = write(tmp_path, "loi.csv", csv_bytes([row(ma_don_vi="st-xyz"), row(ma_sang_kien="B", giai_doan="9")]))
    assert run_from_argv("import_initiatives", good, "--campaign", "1-trieu-sang-kien") == 0
    assert "Thêm mới 1" in capsys.readouterr().out
    assert run_from_argv("import_initiatives", bad, "--campaign", "1-trieu-sang-kien") == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "Dòng 2, cột ma_don_vi: không có đơn vị mã “st-xyz”.",
        "Dòng 3, cột giai_doan: phong trào không có giai đoạn 9 (có: 1, 2).",
        "CommandError: Tệp có 2 lỗi; không có gì được ghi.",
    ]
    assert run_from_argv("import_initiatives", good, "--campaign", "khong-co") == 1
    assert capsys.readouterr().err.strip() == "CommandError: Không có phong trào “khong-co”."


def test_import_command_help_is_vietnamese():
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_initiatives", "--help", stdout=out)


# --- export_tallies --------------------------------------------------------------------------------------------


@pytest.fixture
def tallied(world):
    services.set_target(unit=world.province, campaign=world.campaign, phase=world.phase1, kind="chi_tieu", value=2)
    services.set_target(unit=world.province, campaign=world.campaign, phase=world.phase1, kind="ke_hoach", value=4)
    from initiatives import importing

    data = csv_bytes(
        rows(3)
        + rows(2, prefix="TD", unit_code="st-tran-de-trung-binh")
        + [row(ma_sang_kien="P2", giai_doan="2", ngay_dang_ky="10/06/2022", ngay_nop="20/06/2022")]
    )
    result = importing.import_initiatives(fp=io.BytesIO(data), filename="a.csv", campaign=world.campaign, by=None)
    assert result.ok
    return world


def test_export_csv_for_a_phase(tallied, tmp_path):
    target = tmp_path / "tong-hop.csv"
    out, _err = run(
        "export_tallies", "--campaign", "1-trieu-sang-kien", "--phase", "1", "--format", "csv", "-o", str(target)
    )
    assert "Đã ghi" in out
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = table[0], table[1:]
    assert header[:2] == ["Mã đơn vị", "Đơn vị"]
    by_code = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    assert by_code["soc-trang"]["Đã nộp"] == "5"
    assert by_code["soc-trang"]["Chỉ tiêu"] == "2"
    assert by_code["soc-trang"]["% chỉ tiêu"] == "250.0"
    assert by_code["st-vinh-chau"]["Đã nộp"] == "3"
    assert by_code["st-tran-de"]["Đã nộp"] == "2"
    expected = io.BytesIO()
    from initiatives import tallies

    exports.write_csv(tallies.campaign_tally(tallied.campaign, tallied.phase1), expected)
    assert data == expected.getvalue()


def test_export_xlsx_for_the_whole_campaign(tallied, tmp_path):
    target = tmp_path / "tong-hop.xlsx"
    run("export_tallies", "--campaign", "1-trieu-sang-kien", "--format", "xlsx", "-o", str(target))
    sheet = load_workbook(target).worksheets[0]
    header = [c.value for c in sheet[exports.XLSX_HEADER_ROW]]
    values = {
        r[0]: dict(zip(header, r, strict=False))
        for r in sheet.iter_rows(min_row=exports.XLSX_HEADER_ROW + 1, values_only=True)
    }
    assert values["soc-trang"]["Đã nộp"] == 6
    assert values["soc-trang"]["Chỉ tiêu"] is None  # no whole-campaign quota was set


def test_export_csv_to_standard_output(tallied, capfdbinary):
    call_command("export_tallies", "--campaign", "1-trieu-sang-kien", "--format", "csv", "-o", "-")
    assert b"soc-trang" in capfdbinary.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--campaign", "khong-co", "--format", "csv", "-o", "x.csv"], "Không có phong trào “khong-co”."),
        (
            ["--campaign", "1-trieu-sang-kien", "--phase", "7", "--format", "csv", "-o", "x.csv"],
            r"Phong trào không có giai đoạn 7 \(có: 1, 2\).",
        ),
        (["--campaign", "1-trieu-sang-kien", "--format", "xlsx", "-o", "-"], "Chỉ ghi được CSV ra màn hình"),
        (["--campaign", "1-trieu-sang-kien", "--format", "csv", "-o", "/khong/co/thu-muc/x.csv"], "Không có thư mục"),
    ],
)
def test_export_bad_arguments(world, args, message):
    with pytest.raises(CommandError, match=message):
        run("export_tallies", *args)
