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


def write_unit_template_csv(fp):
    """The unit import's header row as CSV (UTF-8 with BOM)."""
    from .units import COLUMN_NAMES as UNIT_COLUMN_NAMES

    spreadsheets.write_csv(fp, [UNIT_COLUMN_NAMES])


def write_unit_template_xlsx(fp, *, units=()):
    """The unit import's XLSX template: the header row on the first sheet (the one imported), a guide to the
    columns, then `units` (the tree as it is) in the same columns, to copy rows from."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..models import Unit
    from .units import CLUSTER_COLUMNS, REQUIRED_HEADER
    from .units import COLUMN_NAMES as UNIT_COLUMN_NAMES
    from .units import COLUMNS as UNIT_COLUMNS

    def bold_header(sheet):
        for cell in sheet[1]:
            cell.font = Font(bold=True)

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Đơn vị")
    spreadsheets.append_row(sheet, list(UNIT_COLUMN_NAMES))
    bold_header(sheet)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(UNIT_COLUMN_NAMES, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, len(name) + 4)
        sheet.column_dimensions[letter].number_format = "@"

    guide = workbook.create_sheet(_("Hướng dẫn"))
    spreadsheets.append_row(guide, [_("Cột"), _("Bắt buộc"), _("Nội dung"), _("Ví dụ")])
    bold_header(guide)
    for column in UNIT_COLUMNS:
        required = (
            _("có")
            if column.required
            else (_("cột bắt buộc, ô có thể trống") if column.name in REQUIRED_HEADER else _("không"))
        )
        spreadsheets.append_row(guide, [column.name, required, str(column.description), column.example])
    spreadsheets.append_row(guide, [])
    spreadsheets.append_row(guide, [_("Mỗi dòng ở trang “Đơn vị” là một đơn vị; dòng đầu giữ nguyên tên cột.")])
    spreadsheets.append_row(
        guide, [_("Nhập lại cùng mã đơn vị sẽ cập nhật đơn vị đó; đơn vị không có trong tệp giữ nguyên.")]
    )
    spreadsheets.append_row(guide, [_("Có một dòng lỗi thì cả tệp không được ghi; sửa theo thông báo rồi nhập lại.")])
    spreadsheets.append_row(guide, [_("Loại đơn vị:")])
    for code, label in Unit.Kind.choices:
        spreadsheets.append_row(guide, [code, "", str(label)])
    for letter, width in zip("ABCD", (24, 10, 70, 30), strict=True):
        guide.column_dimensions[letter].width = width

    current = workbook.create_sheet(_("Đơn vị hiện có"))
    spreadsheets.append_row(current, [name for name in UNIT_COLUMN_NAMES if name not in CLUSTER_COLUMNS])
    bold_header(current)
    for unit in units:
        spreadsheets.append_row(
            current,
            [
                unit.code,
                unit.name,
                unit.short_name,
                unit.kind,
                unit.parent.code if unit.parent_id else "",
                unit.member_count,
                unit.worker_count,
                unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else "",
                unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "",
            ],
        )
    current.column_dimensions["A"].width = 30
    current.column_dimensions["B"].width = 60
    workbook.save(fp)
