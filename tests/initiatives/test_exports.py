"""The tally as JSON, CSV and XLSX: schema, values against campaign_tally, spreadsheet details, downloads."""

import csv
import io
import json
from datetime import datetime
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from initiatives import exports
from initiatives.tallies import campaign_tally

pytestmark = pytest.mark.django_db

UNIT_KEYS = {
    "code",
    "name",
    "short_name",
    "kind",
    "kind_label",
    "parent_code",
    "depth",
    "registered",
    "submitted",
    "approved",
    "awarded",
    "benefit_total",
    "targets",
    "percentages",
    "delta",
    "rank",
    "members",
    "per_100_members",
    "cluster",
    "rank_in_cluster",
    "rank_change",
    "needed_per_week",
    "pending",
}


@pytest.fixture
def tally(province):
    return campaign_tally(province["campaign"], province["phase1"])


def download(client, province, name, phase=True):
    url = reverse(f"initiatives:{name}", kwargs={"slug": province["campaign"].slug})
    return client.get(f"{url}?giai-doan=1" if phase else url)


# --- JSON ---------------------------------------------------------------------------------------------------------


def test_json_has_the_documented_shape(tally):
    data = exports.tally_json(tally)

    assert set(data) == {
        "campaign",
        "phase",
        "as_of",
        "totals",
        "targets",
        "percentages",
        "delta",
        "units",
        "by_kind",
        "by_sector",
        "weekly",
    }
    assert set(data["campaign"]) == {"slug", "name", "issuer", "starts_on", "ends_on", "national_target"}
    assert set(data["phase"]) == {"number", "name", "opens_on", "closes_on"}
    assert set(data["totals"]) == {"registered", "submitted", "approved", "awarded", "benefit_total"}
    assert set(data["targets"]) == set(data["percentages"]) == {"chi_tieu", "ke_hoach"}
    for unit in data["units"]:
        assert set(unit) == UNIT_KEYS
    assert all(set(item) == {"kind", "label", "submitted", "share"} for item in data["by_kind"])
    assert all(set(item) == {"sector", "label", "submitted", "share"} for item in data["by_sector"])
    assert all(set(item) == {"week_start", "registered", "submitted"} for item in data["weekly"])
    json.dumps(data)  # plain JSON values only


def test_json_values_are_the_tally(tally):
    data = exports.tally_json(tally)
    root = tally.root

    assert data["campaign"]["starts_on"] == "2022-01-08" and data["campaign"]["ends_on"] == "2023-09-01"
    assert data["campaign"]["national_target"] == 1_000_000
    assert data["phase"] == {"number": 1, "name": "Giai đoạn 1", "opens_on": "2022-01-08", "closes_on": "2022-05-31"}
    assert datetime.fromisoformat(data["as_of"]).utcoffset().total_seconds() == 7 * 3600
    assert data["totals"] == {
        "registered": root.registered,
        "submitted": 2822,
        "approved": root.approved,
        "awarded": root.awarded,
        "benefit_total": root.benefit_total,
    }
    assert data["targets"] == {"chi_tieu": 1000, "ke_hoach": 2000}
    assert data["percentages"] == {"chi_tieu": 282.2, "ke_hoach": 141.1}
    assert data["delta"] == {"chi_tieu": 1822, "ke_hoach": 822}
    assert [unit["code"] for unit in data["units"]] == [row.code for row in tally.rows]
    for unit, row in zip(data["units"], tally.rows, strict=True):
        assert unit["parent_code"] == row.parent_code and unit["depth"] == row.depth and unit["rank"] == row.rank
        assert (unit["registered"], unit["submitted"], unit["approved"], unit["awarded"]) == (
            row.registered,
            row.submitted,
            row.approved,
            row.awarded,
        )
        assert unit["benefit_total"] == row.benefit_total
        assert unit["targets"] == row.targets
        assert unit["percentages"] == {k: None if v is None else float(v) for k, v in row.percent.items()}
        assert unit["delta"] == row.delta
    vinh_chau = next(unit for unit in data["units"] if unit["code"] == "st-vinh-chau")
    assert vinh_chau["parent_code"] == "soc-trang"
    assert vinh_chau["kind_label"] == "LĐLĐ huyện, thị xã, thành phố"
    assert vinh_chau["percentages"] == {"chi_tieu": 169.0, "ke_hoach": None}
    assert data["units"][0]["parent_code"] is None


def test_json_breakdowns_and_weeks(tally):
    data = exports.tally_json(tally)

    assert sum(item["submitted"] for item in data["by_kind"]) == 2822
    assert sum(item["submitted"] for item in data["by_sector"]) == 2822
    assert [(item["kind"], item["label"], item["submitted"]) for item in data["by_kind"]] == tally.by_kind
    assert sum(item["share"] for item in data["by_kind"]) == pytest.approx(100, abs=0.3)
    assert [item["week_start"] for item in data["weekly"]] == [monday.isoformat() for monday, _r, _s in tally.weekly]
    assert sum(item["submitted"] for item in data["weekly"]) == 2822


def test_json_download_is_the_tally(client, province, tally):
    response = download(client, province, "tally_json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "Sóc Trăng".encode() in response.content  # Vietnamese letters as they are
    served = json.loads(response.content)
    expected = exports.tally_json(tally)
    served.pop("as_of"), expected.pop("as_of")
    assert served == expected


def test_json_for_the_whole_campaign_has_no_phase(client, province):
    data = json.loads(download(client, province, "tally_json", phase=False).content)

    assert data["phase"] is None
    assert data["totals"]["submitted"] == 2862
    assert data["targets"] == {"chi_tieu": None, "ke_hoach": None}
    assert data["percentages"] == {"chi_tieu": None, "ke_hoach": None}


# --- The spreadsheet table ----------------------------------------------------------------------------------------


def test_table_has_one_row_per_unit_with_numbers_as_numbers(tally):
    header, rows = exports.tally_table(tally)

    assert header[:2] == ["Mã đơn vị", "Đơn vị"]
    assert len(rows) == len(tally.rows) == 12
    record = dict(zip(header, rows[1], strict=True))
    assert record["Mã đơn vị"] == "st-vinh-chau"
    assert record["Đã nộp"] == 507 and record["Chỉ tiêu"] == 300 and record["% chỉ tiêu"] == 169.0
    assert record["Vượt (+) / thiếu (−) so với chỉ tiêu"] == 207
    assert record["Kế hoạch"] is None and record["% kế hoạch"] is None
    assert record["Mã đơn vị cấp trên"] == "soc-trang" and record["Hạng"] == 1


# --- CSV ----------------------------------------------------------------------------------------------------------


def test_csv_download_opens_in_excel_and_holds_the_table(client, province, tally):
    response = download(client, province, "tally_csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, table = exports.tally_table(tally)
    assert rows[0] == header
    assert rows[1:] == [["" if value is None else str(value) for value in row] for row in table]
    root = dict(zip(header, rows[1], strict=True))
    assert root["Đơn vị"] == "Liên đoàn Lao động tỉnh Sóc Trăng"
    assert root["Đã nộp"] == "2822" and root["% chỉ tiêu"] == "282.2" and root["% kế hoạch"] == "141.1"


def test_csv_writer_writes_bytes_to_any_binary_file(tally, tmp_path):
    buffer = io.BytesIO()
    exports.write_csv(tally, buffer)
    path = tmp_path / "tong-hop.csv"
    with path.open("wb") as fp:
        exports.write_csv(tally, fp)

    assert path.read_bytes() == buffer.getvalue()
    assert buffer.getvalue().count(b"\xef\xbb\xbf") == 1


def test_downloads_carry_an_ascii_name_and_the_vietnamese_one(client, province):
    disposition = download(client, province, "tally_csv")["Content-Disposition"]

    slug = province["campaign"].slug
    assert disposition.startswith(f'attachment; filename="tong-hop-{slug}-giai-doan-1.csv"; ')
    assert disposition.isascii()
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == (
        "Tổng hợp sáng kiến - 1 triệu sáng kiến nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng "
        "đại dịch Covid-19 - Giai đoạn 1.csv"
    )
    whole = download(client, province, "tally_xlsx", phase=False)["Content-Disposition"]
    assert f'filename="tong-hop-{slug}.xlsx"' in whole


# --- XLSX ---------------------------------------------------------------------------------------------------------


def test_xlsx_download_reads_back_as_the_same_table(client, province, tally):
    response = download(client, province, "tally_xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, table = exports.tally_table(tally)
    rows = list(sheet.iter_rows(min_row=exports.XLSX_HEADER_ROW, values_only=True))
    assert list(rows[0]) == header
    assert [list(row) for row in rows[1:]] == table
    assert sheet["A1"].value == province["campaign"].name
    assert "Giai đoạn 1" in sheet["A2"].value


def test_xlsx_header_is_bold_and_frozen_with_number_formats(tally):
    buffer = io.BytesIO()
    exports.write_xlsx(tally, buffer)
    sheet = load_workbook(buffer).active
    header, _rows = exports.tally_table(tally)
    head = exports.XLSX_HEADER_ROW
    column = {title: index + 1 for index, title in enumerate(header)}

    assert all(sheet.cell(row=head, column=index).font.bold for index in column.values())
    assert sheet.freeze_panes == f"C{head + 1}"
    assert sheet.auto_filter.ref == f"A{head}:AB{head + len(tally.rows)}"
    first = head + 1
    assert sheet.cell(row=first, column=column["Đã nộp"]).number_format == "#,##0"
    assert sheet.cell(row=first, column=column["Giá trị làm lợi (đồng)"]).number_format == "#,##0"
    percent = sheet.cell(row=first, column=column["% chỉ tiêu"])
    assert percent.value == 282.2 and percent.number_format == '0.0"%"'
    assert sheet.column_dimensions["B"].width >= 40
