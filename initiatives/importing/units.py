"""Importing the union unit tree from a spreadsheet (XLSX or CSV), optionally with the units' emulation clusters.

One row is one unit, keyed by its code (`ma_don_vi`). A new code adds a unit; an existing code whose data are the
same changes nothing; different data update that unit. A unit moved to another parent is saved through
`Unit.save()`, which rewrites the `path` and `depth` of its whole subtree. Units the file does not name are left
as they are (nothing is ever deleted), and so is a field whose optional column the file does not have.

The parent (`ma_don_vi_cap_tren`) is a unit already in the database or one in the same file, above or below;
the tree the file leaves must have no cycle. `ma_cum`, `ten_cum` put the unit into that cluster of the campaign
chosen on the import page (`importing/clusters.py`'s `Placements`, the cluster import's own checks and writes).

All or nothing, like the initiatives import: every row is checked, every error reported as "Dòng N, cột X: …"
(row numbers as the spreadsheet shows them), one error and nothing is written; otherwise everything is written
in one transaction. The domain rules (code format, dates, no unit beneath itself, head counts) are those of
`initiatives/rules.py`, which the unit model asks as well.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import rules
from ..models import Unit
from .cells import CellError, parse_choice, parse_count, parse_date, parse_text
from .clusters import Placements
from .columns import Column
from .reading import ImportFileError, read_table
from .rows import RowError

COLUMNS = (
    Column(
        "ma_don_vi",
        True,
        gettext_lazy("Mã đơn vị: chữ cái không dấu, chữ số, gạch ngang; tối đa 40 ký tự. Mã đã có thì cập nhật."),
        "st-vinh-chau",
    ),
    Column("ten_don_vi", True, gettext_lazy("Tên đơn vị"), "LĐLĐ thị xã Vĩnh Châu"),
    Column("ten_viet_tat", False, gettext_lazy("Tên viết tắt"), "LĐLĐ TX Vĩnh Châu"),
    Column(
        "loai_don_vi",
        True,
        gettext_lazy(
            "Loại đơn vị (mã hoặc tên): tong_ldld, ldld_tinh, ldld_huyen, cd_nganh, cd_vien_chuc, cd_kcn, cdcs, khac"
        ),
        "ldld_huyen",
    ),
    Column(
        "ma_don_vi_cap_tren",
        False,
        gettext_lazy(
            "Mã đơn vị cấp trên: đã có trong hệ thống hoặc ở dòng khác của tệp; để trống nếu là đơn vị cấp cao nhất. "
            "Cột phải có trong tệp."
        ),
        "soc-trang",
    ),
    Column("so_doan_vien", False, gettext_lazy("Số đoàn viên, số nguyên không âm; để trống là chưa rõ (0)"), "1250"),
    Column("so_cnvcld", False, gettext_lazy("Số CNVCLĐ, số nguyên không âm; để trống là chưa rõ (0)"), "1800"),
    Column("hoat_dong_tu_ngay", False, gettext_lazy("Hoạt động từ ngày, dd/mm/yyyy; để trống nếu không rõ"), ""),
    Column(
        "hoat_dong_den_ngay",
        False,
        gettext_lazy("Hoạt động đến ngày, dd/mm/yyyy, không trước ngày bắt đầu; để trống nếu còn hoạt động"),
        "",
    ),
    Column(
        "ma_cum",
        False,
        gettext_lazy("Mã cụm, khối thi đua của phong trào chọn ở trang nhập; cụm chưa có thì được thêm"),
        "cum-2",
    ),
    Column("ten_cum", False, gettext_lazy("Tên cụm; bắt buộc với cụm mới, đổi tên cụm đã có"), "Cụm thi đua số 2"),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
# The parent column must be in the header even though its cells may be empty: a file without it would make
# every new unit a root of its own tree.
REQUIRED_HEADER = ("ma_don_vi", "ten_don_vi", "loai_don_vi", "ma_don_vi_cap_tren")
CLUSTER_COLUMNS = ("ma_cum", "ten_cum")

# Optional columns and the Unit field each sets (a column missing from the file leaves its field alone).
FIELD_OF = {
    "ten_don_vi": "name",
    "ten_viet_tat": "short_name",
    "loai_don_vi": "kind",
    "so_doan_vien": "member_count",
    "so_cnvcld": "worker_count",
    "hoat_dong_tu_ngay": "valid_from",
    "hoat_dong_den_ngay": "valid_to",
}
UNIT_KIND_WORD = gettext_lazy("loại đơn vị")


@dataclass
class UnitImport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    clusters_created: int = 0
    placed: int = 0
    rows: int = 0
    errors: list = field(default_factory=list)
    ignored_columns: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        counts = {
            name: formats.number_format(getattr(self, name), force_grouping=True)
            for name in ("created", "updated", "unchanged", "clusters_created", "placed")
        }
        return (
            _(
                "Đơn vị: thêm mới %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s. "
                "Cụm thi đua: thêm %(clusters_created)s cụm, xếp %(placed)s đơn vị vào cụm mới."
            )
            % counts
        )


@dataclass
class UnitRow:
    """One checked row: the unit's code, the fields its columns set, and its parent's code (None: a root)."""

    line: int
    code: str
    fields: dict
    parent_code: str | None
    existing: Unit | None = None


class _UnitChecker:
    def __init__(self, rows, *, columns, campaign):
        self.rows = rows
        self.columns = set(columns)
        self.campaign = campaign
        self.errors = []
        self.error_cells = set()
        # Every unit's code and its parent's code, as the database has them now (a thousand or so rows).
        self.parent_in_db = dict(Unit.objects.values_list("code", "parent__code"))
        codes = {parse_text(values.get("ma_don_vi")) for _line, values in rows} - {""}
        self.existing = {u.code: u for u in Unit.objects.filter(code__in=codes)}
        self.codes_in_file = codes
        self.placements = Placements(campaign) if campaign is not None else None

    def error(self, line, column, message):
        self.errors.append(RowError(line, column, message))
        self.error_cells.add((line, column))

    def cell(self, line, column, parse, *args, **kwargs):
        try:
            return parse(*args, **kwargs)
        except CellError as exc:
            self.error(line, column, str(exc))
            return None

    def check(self):
        clean, first_line = [], {}
        for line, values in self.rows:
            before = len(self.errors)
            row = self.check_row(line, values, first_line)
            if row is not None and len(self.errors) == before:
                clean.append(row)
        if not self.errors:
            self.check_tree(clean)
        return clean

    def check_row(self, line, values, first_line):
        code = parse_text(values.get("ma_don_vi"))
        if not code:
            self.error(line, "ma_don_vi", _("bắt buộc, không được bỏ trống."))
            code = None
        elif message := rules.unit_code(code):
            self.error(line, "ma_don_vi", message)
            code = None
        elif code in first_line:
            self.error(
                line,
                "ma_don_vi",
                _("mã “%(code)s” trùng với dòng %(other)s.") % {"code": code, "other": first_line[code]},
            )
            code = None
        else:
            first_line[code] = line
        existing = self.existing.get(code)
        fields = {}

        name = parse_text(values.get("ten_don_vi"))
        if not name:
            self.error(line, "ten_don_vi", _("bắt buộc, không được bỏ trống."))
        else:
            self.within(line, "ten_don_vi", name, "name")
            fields["name"] = name
        if "ten_viet_tat" in self.columns:
            short_name = parse_text(values.get("ten_viet_tat"))
            self.within(line, "ten_viet_tat", short_name, "short_name")
            fields["short_name"] = short_name

        kind = self.cell(line, "loai_don_vi", parse_choice, values.get("loai_don_vi"), Unit.Kind, what=UNIT_KIND_WORD)
        if kind == "":
            self.error(line, "loai_don_vi", _("bắt buộc, không được bỏ trống."))
        elif kind is not None:
            fields["kind"] = kind

        parent_code = parse_text(values.get("ma_don_vi_cap_tren")) or None
        if parent_code is not None and parent_code not in self.parent_in_db and parent_code not in self.codes_in_file:
            self.error(
                line,
                "ma_don_vi_cap_tren",
                _("không có đơn vị mã “%(code)s” trong hệ thống hay trong tệp.") % {"code": parent_code},
            )

        for column in ("so_doan_vien", "so_cnvcld"):
            if column not in self.columns:
                continue
            number = self.cell(line, column, parse_count, values.get(column))
            if number is not None and (message := rules.head_count(number)):
                self.error(line, column, message)
            elif not self.errors_on(line, column):
                fields[FIELD_OF[column]] = number or 0

        dates = {}
        for column in ("hoat_dong_tu_ngay", "hoat_dong_den_ngay"):
            if column in self.columns:
                day = self.cell(line, column, parse_date, values.get(column))
                if not self.errors_on(line, column):
                    fields[FIELD_OF[column]] = dates[column] = day
            else:  # the column is not in the file: the unit keeps its date
                dates[column] = getattr(existing, FIELD_OF[column]) if existing else None
        if len(dates) == 2 and (message := rules.unit_dates(dates["hoat_dong_tu_ngay"], dates["hoat_dong_den_ngay"])):
            self.error(line, "hoat_dong_den_ngay", message)

        self.check_cluster(line, values, code)
        if code is None:
            return None
        return UnitRow(line=line, code=code, fields=fields, parent_code=parent_code, existing=existing)

    def check_cluster(self, line, values, code):
        if not any(parse_text(values.get(column)) for column in CLUSTER_COLUMNS):
            return
        if self.placements is None:
            column = "ma_cum" if parse_text(values.get("ma_cum")) else "ten_cum"
            self.error(line, column, _("chọn phong trào ở trang nhập để xếp đơn vị vào cụm thi đua của phong trào đó."))
            return
        for error in self.placements.check(line, values.get("ma_cum"), values.get("ten_cum"), code):
            self.error(error.line, error.column, error.message)

    def within(self, line, column, text, field_name):
        limit = Unit._meta.get_field(field_name).max_length
        if len(text) > limit:
            self.error(line, column, _("tối đa %(n)s ký tự.") % {"n": limit})

    def errors_on(self, line, column):
        return (line, column) in self.error_cells

    def check_tree(self, rows):
        """No unit may end up beneath itself in the tree the file leaves (database links overridden by the file)."""
        parent_of = dict(self.parent_in_db)
        parent_of.update({row.code: row.parent_code for row in rows})
        for row in rows:
            above, node = [], row.parent_code
            while node is not None and node not in above:
                above.append(node)
                if node == row.code:
                    break
                node = parent_of.get(node)
            if message := rules.unit_not_beneath_itself(row.code, above):
                cycle = " → ".join([row.code, *above])
                self.error(
                    row.line,
                    "ma_don_vi_cap_tren",
                    f"{message} " + _("Vòng lặp: %(cycle)s.") % {"cycle": cycle},
                )
        self.final_parent = parent_of


def _depth(code, parent_of, memo):
    if code not in memo:
        parent = parent_of.get(code)
        memo[code] = 0 if parent is None else _depth(parent, parent_of, memo) + 1
    return memo[code]


def _changes(row, current_parent_code):
    """{field: value} the row changes on its existing unit (the parent's code under "parent")."""
    changes = {name: value for name, value in row.fields.items() if getattr(row.existing, name) != value}
    if current_parent_code != row.parent_code:
        changes["parent"] = row.parent_code
    return changes


def import_units(*, fp, filename, campaign=None):
    """Check a whole file of units and, when every row is valid, write it all in one transaction.

    `campaign` is where the `ma_cum` column places units (None: the file may not use the cluster columns).
    Raises ImportFileError for a file that cannot be read at all; row errors come back in `UnitImport.errors`,
    with nothing written.
    """
    found, ignored, raw_rows = read_table(fp, filename=filename, columns=COLUMN_NAMES, required=REQUIRED_HEADER)
    if not raw_rows:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề)."))
    result = UnitImport(rows=len(raw_rows), ignored_columns=ignored)
    checker = _UnitChecker(raw_rows, columns=found, campaign=campaign)
    rows = checker.check()
    if checker.errors:
        result.errors = sorted(checker.errors, key=lambda e: (e.line, COLUMN_NAMES.index(e.column)))
        return result
    memo = {}
    rows.sort(key=lambda row: _depth(row.code, checker.final_parent, memo))
    try:
        with transaction.atomic():
            _write(rows, checker, result)
    except IntegrityError as exc:
        raise ImportFileError(
            _("Dữ liệu vừa được người khác thay đổi trong lúc nhập; không có gì được ghi, hãy nhập lại.")
        ) from exc
    except ValidationError as exc:  # the tree changed under the import (Unit.save refuses a cycle)
        raise ImportFileError(" ".join(exc.messages)) from exc
    return result


def _write(rows, checker, result):
    """Parents first (rows sorted by depth in the new tree), so every parent is in place before its children."""
    parent_codes = {row.parent_code for row in rows} - {None}
    units = {u.code: u for u in Unit.objects.filter(code__in=parent_codes | {row.code for row in rows})}
    for row in rows:
        parent = units[row.parent_code] if row.parent_code else None
        if row.existing is None:
            unit = Unit(code=row.code, parent=parent, **row.fields)
            unit.save()
            result.created += 1
        else:
            unit = units[row.code]
            changes = _changes(row, checker.parent_in_db.get(row.code))
            if not changes:
                result.unchanged += 1
                continue
            for name, value in row.fields.items():
                setattr(unit, name, value)
            unit.parent = parent
            unit.save()
            result.updated += 1
        units[row.code] = unit
    if checker.placements is not None:
        counts = checker.placements.write(units)
        result.clusters_created, result.placed = counts.clusters_created, counts.moved
