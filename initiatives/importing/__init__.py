"""Bulk import of initiatives from a spreadsheet (XLSX or CSV) into one campaign.

- `columns`: the columns a file may have; `reading`: the file into rows; `cells`: one value at a time;
  `rows`: whole rows checked against the campaign and the importer's scope; `writing`: checked rows written
  in one transaction; `templates`: the files users download to fill in.
- `clusters` imports emulation clusters with their units, and `units` the union unit tree (with clusters);
  both read files with `reading` and cells with `cells`, and report errors as `rows.RowError`.

Rules
=====
- Every row is checked and every error is reported, as "Dòng 7, cột ma_don_vi:
  không có đơn vị mã “st-xyz”." (row numbers as the spreadsheet shows them; the
  header is row 1).
- All or nothing: if any row has an error, nothing is written. Otherwise all
  rows are written in one transaction.
- The key is (campaign, ma_sang_kien). A row whose key is new is added; a row
  whose key exists and whose data are identical is left untouched; a row whose
  key exists with different data updates that initiative. A status change on an
  existing initiative must go forward along the workflow (each step is recorded
  as a status change, as if made by hand); a step back, or out of "Không được
  thông qua", is refused as a row error. Importing the same file twice therefore
  changes nothing the second time.
- A file larger than `INITIATIVES_IMPORT_MAX_BYTES` (5 MB) or with more than
  `INITIATIVES_IMPORT_MAX_ROWS` (5.000) data rows is refused as a whole, as is a
  file that is not a readable XLSX/CSV.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError
from django.utils import formats
from django.utils.translation import gettext as _

from .cells import CellError, parse_authors, parse_choice, parse_date, parse_money, parse_text
from .columns import COLUMN_NAMES, COLUMNS, REQUIRED_COLUMNS, Column
from .reading import ImportFileError, max_bytes, max_rows, read_table
from .rows import CleanRow, RowError, check_rows
from .templates import write_template_csv, write_template_xlsx
from .writing import RowWriteError, changes_of, write_rows

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "REQUIRED_COLUMNS",
    "CellError",
    "CleanRow",
    "Column",
    "ImportFileError",
    "ImportResult",
    "RowError",
    "check_rows",
    "import_initiatives",
    "max_bytes",
    "max_rows",
    "parse_authors",
    "parse_choice",
    "parse_date",
    "parse_money",
    "parse_text",
    "read_table",
    "write_rows",
    "write_template_csv",
    "write_template_xlsx",
]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    dry_run: bool = False
    errors: list = field(default_factory=list)
    ignored_columns: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        """ "thêm mới N, cập nhật M, không đổi K" (with "kiểm tra" wording for a dry run)."""
        counts = {
            "created": formats.number_format(self.created, force_grouping=True),
            "updated": formats.number_format(self.updated, force_grouping=True),
            "unchanged": formats.number_format(self.unchanged, force_grouping=True),
        }
        if self.dry_run:
            return (
                _("Kiểm tra xong, chưa ghi gì: sẽ thêm mới %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s.")
                % counts
            )
        return _("Thêm mới %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s.") % counts


def import_initiatives(*, fp, filename, campaign, by, dry_run=False, today=None):
    """Check a whole file and, when every row is valid and it is not a dry run, write it all.

    `by` is the importing user; their scope (`scopes.units_for`) limits the units rows may name. `by=None` is
    a system import (the command without --user) that may name any unit. Raises ImportFileError for a file
    that cannot be read at all; row errors come back in `ImportResult.errors`, with nothing written.
    """
    _columns, ignored, raw_rows = read_table(fp, filename=filename)
    result = ImportResult(rows=len(raw_rows), dry_run=dry_run, ignored_columns=ignored)
    if not raw_rows:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề)."))
    rows, errors = check_rows(raw_rows, campaign=campaign, user=by, today=today)
    if errors:
        result.errors = sorted(
            errors, key=lambda e: (e.line, COLUMN_NAMES.index(e.column) if e.column in COLUMN_NAMES else 99)
        )
        return result
    if dry_run:
        result.created = sum(1 for r in rows if r.existing is None)
        for row in rows:
            if row.existing is not None:
                if changes_of(row) or row.steps:
                    result.updated += 1
                else:
                    result.unchanged += 1
        return result
    note = _("Nhập từ tệp %(name)s") % {"name": filename} if filename else _("Nhập từ tệp")
    try:
        result.created, result.updated, result.unchanged = write_rows(rows, campaign=campaign, by=by, note=note)
    except RowWriteError as exc:
        result.created = result.updated = result.unchanged = 0
        result.errors = [RowError(exc.line, "—", exc.message)]
    except IntegrityError as exc:
        raise ImportFileError(
            _("Dữ liệu vừa được người khác thay đổi trong lúc nhập; không có gì được ghi, hãy nhập lại.")
        ) from exc
    return result
