"""The blank templates users download: CSV with the header row, XLSX with lists, a guide and the unit codes."""

from django.utils.translation import gettext as _

import spreadsheets

from ..models import Initiative
from .columns import COLUMN_NAMES, COLUMNS, ImportedStatus
from .reading import DEFAULT_MAX_ROWS


def write_template_csv(fp):
    """The header row as CSV (UTF-8 with BOM, so Excel opens it with the Vietnamese intact) to a binary file."""
    spreadsheets.write_csv(fp, [COLUMN_NAMES])


def write_template_xlsx(fp, *, units=()):
    """An XLSX template: the header row on the first sheet (the one imported), then a sheet explaining each
    column with an example, then the codes of `units` (the units the downloading user may import for)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Sáng kiến")
    spreadsheets.append_row(sheet, list(COLUMN_NAMES))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(14, len(column.name) + 4)
    lists = {
        "loai_giai_phap": Initiative.Kind,
        "linh_vuc": Initiative.Sector,
        "trang_thai": ImportedStatus,
        "cap_cong_nhan": Initiative.Recognizer,
    }
    for name, choices in lists.items():
        letter = sheet.cell(row=1, column=COLUMN_NAMES.index(name) + 1).column_letter
        formula = '"' + ",".join(str(label) for label in choices.labels) + '"'
        if len(formula) <= 255:
            validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False)
            validation.add(f"{letter}2:{letter}{DEFAULT_MAX_ROWS + 1}")
            sheet.add_data_validation(validation)
    for name in ("ngay_dang_ky", "ngay_nop", "ngay_cong_nhan", "ma_sang_kien", "ma_don_vi"):
        letter = sheet.cell(row=1, column=COLUMN_NAMES.index(name) + 1).column_letter
        sheet.column_dimensions[letter].number_format = "@"

    guide = workbook.create_sheet(_("Hướng dẫn"))
    spreadsheets.append_row(guide, [_("Cột"), _("Bắt buộc"), _("Nội dung"), _("Ví dụ")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        spreadsheets.append_row(
            guide, [column.name, _("có") if column.required else _("không"), str(column.description), column.example]
        )
    spreadsheets.append_row(guide, [])
    spreadsheets.append_row(guide, [_("Mỗi dòng ở trang “Sáng kiến” là một sáng kiến; dòng đầu giữ nguyên tên cột.")])
    spreadsheets.append_row(
        guide, [_("Ngày ghi dạng dd/mm/yyyy. Nhập lại cùng mã sáng kiến sẽ cập nhật, không thêm mới.")]
    )
    spreadsheets.append_row(guide, [_("Có một dòng lỗi thì cả tệp không được ghi; sửa theo thông báo rồi nhập lại.")])
    for letter, width in zip("ABCD", (24, 10, 60, 50), strict=True):
        guide.column_dimensions[letter].width = width

    codes = workbook.create_sheet(_("Mã đơn vị"))
    spreadsheets.append_row(codes, [_("ma_don_vi"), _("Tên đơn vị")])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    for unit in units:
        spreadsheets.append_row(codes, [unit.code, "  " * unit.depth + unit.name])
    codes.column_dimensions["A"].width = 36
    codes.column_dimensions["B"].width = 70
    workbook.save(fp)
