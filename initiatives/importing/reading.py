"""Reading an XLSX or CSV file into rows keyed by column name, within the size limits."""

import csv
import io
import re
import zipfile

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from news.search import fold

from .columns import COLUMN_NAMES, REQUIRED_COLUMNS

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 5000
MAX_COLUMNS = 60
# An XLSX is a zip; refuse one that would unpack to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be imported (size, format, header); the message is for the user."""


def max_bytes():
    return getattr(settings, "INITIATIVES_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows():
    return getattr(settings, "INITIATIVES_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def _n(number):
    return formats.number_format(number, force_grouping=True)


def read_table(fp, *, filename="", columns=COLUMN_NAMES, required=REQUIRED_COLUMNS):
    """(header columns found, ignored columns, rows) of an XLSX or CSV file.

    `columns` are the names a file may use (the initiatives' by default), `required` those it must have.
    Rows are `(line, {column: raw value})`, line as the spreadsheet numbers it;
    empty rows are skipped. Raises ImportFileError with a Vietnamese message.
    """
    limit = max_bytes()
    data = fp.read(limit + 1)
    if len(data) > limit:
        raise ImportFileError(
            _("Tệp quá lớn: tối đa %(mb)s MB. Hãy chia thành nhiều tệp nhỏ hơn.") % {"mb": _n(limit // (1024 * 1024))}
        )
    if not data.strip():
        raise ImportFileError(_("Tệp rỗng."))
    if data[:4] == b"PK\x03\x04":
        raw_rows = _xlsx_rows(data)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(_("Định dạng Excel .xls cũ không được hỗ trợ; hãy lưu lại thành .xlsx hoặc CSV (UTF-8)."))
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError(_("Tệp không phải bảng tính XLSX hợp lệ (tệp hỏng hoặc sai định dạng)."))
    else:
        raw_rows = _csv_rows(data)
    return _rows_by_header(raw_rows, columns, required)


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ImportFileError(_("Tệp không phải bảng tính XLSX hợp lệ (tệp hỏng hoặc sai định dạng).")) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(_("Bảng tính quá lớn khi giải nén; hãy chia thành nhiều tệp nhỏ hơn."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign zip
        raise ImportFileError(_("Tệp không phải bảng tính XLSX hợp lệ (tệp hỏng hoặc sai định dạng).")) from exc

    def rows():
        try:
            sheet = workbook.worksheets[0]
            yield from sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        except ImportFileError:
            raise
        except Exception as exc:
            raise ImportFileError(_("Không đọc được nội dung bảng tính (tệp hỏng).")) from exc
        finally:
            workbook.close()

    return rows()


def _csv_rows(data):
    if b"\x00" in data:
        raise ImportFileError(_("Tệp không phải bảng tính XLSX hay tệp CSV văn bản."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: Lưu thành “CSV UTF-8”).")
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows():
        try:
            for row in reader:
                yield row[:MAX_COLUMNS]
        except csv.Error as exc:
            raise ImportFileError(_("Tệp CSV sai định dạng: %(reason)s") % {"reason": exc}) from exc

    return rows()


def _column_name(value):
    return re.sub(r"[\s\-]+", "_", fold(value or "")).strip("_")


def _is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _rows_by_header(raw_rows, columns, required):
    lines = enumerate(raw_rows, start=1)
    header = None
    for _line, values in lines:
        if not all(_is_blank(v) for v in values):
            header = [_column_name(str(v)) if not _is_blank(v) else "" for v in values]
            break
    if header is None:
        raise ImportFileError(_("Tệp không có dòng tiêu đề (tên cột ở dòng đầu tiên)."))
    positions = {}
    ignored = []
    for index, name in enumerate(header):
        if name in columns:
            if name in positions:
                raise ImportFileError(_("Cột “%(column)s” xuất hiện hai lần ở dòng tiêu đề.") % {"column": name})
            positions[name] = index
        elif name:
            ignored.append(name)
    missing = [name for name in required if name not in positions]
    if missing:
        raise ImportFileError(_("Thiếu cột bắt buộc: %(columns)s. Hãy dùng tệp mẫu.") % {"columns": ", ".join(missing)})
    rows = []
    limit = max_rows()
    for line, values in lines:
        if all(_is_blank(v) for v in values):
            continue
        if len(rows) >= limit:
            raise ImportFileError(
                _("Tệp có hơn %(limit)s dòng dữ liệu; hãy chia thành nhiều tệp, mỗi tệp tối đa %(limit)s dòng.")
                % {"limit": _n(limit)}
            )
        rows.append((line, {name: values[i] if i < len(values) else None for name, i in positions.items()}))
    return list(positions), ignored, rows
