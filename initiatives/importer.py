"""Bulk import of initiatives from a spreadsheet (XLSX or CSV) into one campaign.

Column layout
=============

The first row holds the column names below (in any order; case, accents and
spaces do not matter; other columns such as "STT" are ignored). Every following
non-empty row is one initiative. XLSX: the first sheet is read. CSV: UTF-8 (with
or without BOM), separated by commas or semicolons (detected from the header).

=======================  ==========  =================================================================
Cột                      Bắt buộc    Nội dung
=======================  ==========  =================================================================
ma_sang_kien             có          Mã sáng kiến, duy nhất trong chiến dịch (tối đa 64 ký tự). Nhập
                                     lại cùng mã thì cập nhật sáng kiến đó, không thêm mới.
ma_don_vi                có          Mã đơn vị công đoàn, ví dụ ``st-vinh-chau``; phải thuộc phạm vi
                                     quản lý của người nhập và còn tồn tại vào ngày đăng ký.
giai_doan                có          Số giai đoạn của chiến dịch: 1, 2 …
ten_sang_kien            có          Tên sáng kiến.
tac_gia                  có          Tác giả: ``Họ tên - Chức vụ; Họ tên - Chức vụ`` (chức vụ có thể bỏ).
loai_giai_phap           có          Mã hoặc tên: ky_thuat (Giải pháp kỹ thuật), quan_ly (Giải pháp
                                     quản lý), tac_nghiep (Giải pháp tác nghiệp), ung_dung (Ứng dụng
                                     tiến bộ kỹ thuật - công nghệ), nghien_cuu (Đề tài nghiên cứu khoa
                                     học). Không phân biệt hoa thường, có dấu hay không dấu.
linh_vuc                 có          hanh_chinh (Hành chính nhà nước), su_nghiep (Sự nghiệp công lập),
                                     san_xuat (Sản xuất kinh doanh).
trang_thai               không       dang_ky (Đăng ký, mặc định khi bỏ trống), da_nop (Đã nộp),
                                     dang_xet (Đang xét), thong_qua (Được thông qua), khong_thong_qua
                                     (Không được thông qua), de_nghi_khen (Đề nghị khen thưởng),
                                     duoc_tang_bang (Được tặng Bằng lao động sáng tạo).
ngay_dang_ky             có          dd/mm/yyyy, trong thời gian chiến dịch, không sau ngày kết thúc
                                     giai đoạn, không sau hôm nay.
ngay_nop                 khi đã nộp  dd/mm/yyyy, trong thời gian của giai đoạn, không trước ngày đăng
                                     ký. Bắt buộc từ trạng thái "Đã nộp" trở đi, bỏ trống khi "Đăng ký".
tom_tat                  không       Tóm tắt nội dung.
hieu_qua                 không       Hiệu quả mang lại.
gia_tri_lam_loi          không       Giá trị làm lợi, số đồng, không âm: ``15000000`` hoặc ``15.000.000``.
cap_cong_nhan            không       hoi_dong (Hội đồng sáng kiến) hoặc thu_truong (Thủ trưởng đơn vị).
ngay_cong_nhan           cùng cột    dd/mm/yyyy; ghi cùng lúc với cap_cong_nhan.
                         trên
ly_do_khong_thong_qua    khi không   Bắt buộc khi trạng thái là "Không được thông qua", bỏ trống với
                         thông qua   trạng thái khác.
=======================  ==========  =================================================================

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

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import spreadsheets
from news.search import fold

from . import scopes, services, workflow
from .models import Author, Initiative, Phase, StatusChange, Unit

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 5000
MAX_COLUMNS = 60
# An XLSX is a zip; refuse one that would unpack to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_BENEFIT = 10**15
MAX_AUTHORS = 20


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str
    example: str = ""


COLUMNS = (
    Column("ma_sang_kien", True, gettext_lazy("Mã sáng kiến, duy nhất trong chiến dịch"), "VC-2022-0001"),
    Column("ma_don_vi", True, gettext_lazy("Mã đơn vị công đoàn"), "st-vinh-chau"),
    Column("giai_doan", True, gettext_lazy("Số giai đoạn: 1, 2 …"), "1"),
    Column("ten_sang_kien", True, gettext_lazy("Tên sáng kiến"), "Số hóa hồ sơ đoàn viên tại công đoàn cơ sở"),
    Column(
        "tac_gia",
        True,
        gettext_lazy("Họ tên - Chức vụ; Họ tên - Chức vụ"),
        "Nguyễn Văn An - Chủ tịch công đoàn; Trần Thị Bình - Kế toán",
    ),
    Column("loai_giai_phap", True, gettext_lazy("Loại giải pháp (mã hoặc tên)"), "Giải pháp quản lý"),
    Column("linh_vuc", True, gettext_lazy("Lĩnh vực (mã hoặc tên)"), "Hành chính nhà nước"),
    Column("trang_thai", False, gettext_lazy("Trạng thái (mã hoặc tên); bỏ trống là Đăng ký"), "Đã nộp"),
    Column("ngay_dang_ky", True, gettext_lazy("Ngày đăng ký, dd/mm/yyyy"), "10/01/2022"),
    Column("ngay_nop", False, gettext_lazy("Ngày nộp, dd/mm/yyyy; bắt buộc từ trạng thái Đã nộp"), "15/03/2022"),
    Column("tom_tat", False, gettext_lazy("Tóm tắt nội dung"), "Quét và lưu hồ sơ đoàn viên trên máy tính."),
    Column("hieu_qua", False, gettext_lazy("Hiệu quả"), "Giảm một nửa thời gian tra cứu hồ sơ."),
    Column("gia_tri_lam_loi", False, gettext_lazy("Giá trị làm lợi (đồng)"), "15.000.000"),
    Column("cap_cong_nhan", False, gettext_lazy("Hội đồng sáng kiến hoặc Thủ trưởng đơn vị"), "Hội đồng sáng kiến"),
    Column("ngay_cong_nhan", False, gettext_lazy("Ngày công nhận, dd/mm/yyyy"), "20/04/2022"),
    Column(
        "ly_do_khong_thong_qua",
        False,
        gettext_lazy("Bắt buộc khi trạng thái là Không được thông qua"),
        "",
    ),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
REQUIRED_COLUMNS = tuple(c.name for c in COLUMNS if c.required)

# Fields compared to decide whether an existing initiative changed.
COMPARED_FIELDS = (
    "unit_id",
    "phase_id",
    "title",
    "kind",
    "sector",
    "summary",
    "effect",
    "benefit_value",
    "recognized_by",
    "recognized_on",
    "rejection_reason",
)


KIND_WORD = gettext_lazy("loại giải pháp")
SECTOR_WORD = gettext_lazy("lĩnh vực")
STATUS_WORD = gettext_lazy("trạng thái")
RECOGNIZER_WORD = gettext_lazy("cấp công nhận")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (size, format, header); the message is for the user."""


class CellError(ValueError):
    """One cell's value is not acceptable; the message is for the user."""


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self):
        return _("Dòng %(line)s, cột %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class CleanRow:
    """One valid row, ready to be written."""

    line: int
    key: str
    unit: Unit
    phase: Phase | None
    status: str
    registered_on: date
    submitted_on: date | None
    authors: list
    fields: dict
    existing: Initiative | None = None
    steps: list = field(default_factory=list)


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


# --- reading the file --------------------------------------------------------


def max_bytes():
    return getattr(settings, "INITIATIVES_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows():
    return getattr(settings, "INITIATIVES_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def _n(number):
    return formats.number_format(number, force_grouping=True)


def read_table(fp, *, filename=""):
    """(header columns found, ignored columns, rows) of an XLSX or CSV file.

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
    return _rows_by_header(raw_rows)


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


def _rows_by_header(raw_rows):
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
        if name in COLUMN_NAMES:
            if name in positions:
                raise ImportFileError(_("Cột “%(column)s” xuất hiện hai lần ở dòng tiêu đề.") % {"column": name})
            positions[name] = index
        elif name:
            ignored.append(name)
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
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


# --- one cell at a time ------------------------------------------------------


def parse_text(value):
    """A cell as stripped text ("" for empty); whole numbers lose Excel's ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def parse_date(value):
    """A date from an XLSX date cell or text "dd/mm/yyyy" (also d/m/yyyy, dd.mm.yyyy, yyyy-mm-dd); None if empty."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = parse_text(value)
    if not text:
        return None
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _YMD.match(text)
        if not match:
            raise CellError(_("“%(value)s” không phải ngày dạng dd/mm/yyyy.") % {"value": text})
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise CellError(_("ngày “%(value)s” không tồn tại.") % {"value": text}) from exc


_MONEY_UNITS = re.compile(r"(vnđ|vnd|đồng|dong|đ)$", re.IGNORECASE)
_MONEY_FORMS = (
    re.compile(r"^-?\d+$"),
    re.compile(r"^-?\d{1,3}(?:\.\d{3})+$"),
    re.compile(r"^-?\d{1,3}(?:,\d{3})+$"),
    re.compile(r"^-?\d{1,3}(?: \d{3})+$"),
)


def parse_money(value):
    """A whole, non-negative number of đồng: 15000000, "15.000.000", "15,000,000", "15 000 000 đồng"; None if empty."""
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” không phải số tiền (đồng) hợp lệ.") % {"value": value})
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            raise CellError(_("“%(value)s” không phải số đồng nguyên.") % {"value": value})
        amount = int(value)
    else:
        text = parse_text(value).replace("\u00a0", " ")
        if not text:
            return None
        number = _MONEY_UNITS.sub("", text).strip()
        if not any(form.match(number) for form in _MONEY_FORMS):
            raise CellError(_("“%(value)s” không phải số tiền (đồng) hợp lệ.") % {"value": text})
        amount = int(re.sub(r"[., ]", "", number))
    if amount < 0:
        raise CellError(_("số tiền không được âm."))
    if amount > MAX_BENEFIT:
        raise CellError(_("số tiền quá lớn."))
    return amount


def choice_lookup(choices):
    """{folded code or label: code} for a TextChoices class (built once per class and language)."""
    return _choice_lookup(choices, translation.get_language())


@lru_cache(maxsize=64)
def _choice_lookup(choices, language):
    lookup = {}
    for code, label in choices.choices:
        lookup[fold(code)] = code
        lookup[fold(code.replace("_", " "))] = code
        lookup[fold(str(label))] = code
    return lookup


def parse_choice(value, choices, *, what):
    """The code of a TextChoices member given its code or its label, in any case, with or without accents."""
    text = parse_text(value)
    if not text:
        return ""
    code = choice_lookup(choices).get(fold(text))
    if code is None:
        allowed = ", ".join(str(label) for label in choices.labels)
        raise CellError(
            _("“%(value)s” không phải %(what)s hợp lệ; dùng một trong: %(allowed)s.")
            % {"value": text, "what": what, "allowed": allowed}
        )
    return code


def parse_phase_number(value):
    """1 from 1, "1", 1.0 or "Giai đoạn 1"; None if empty."""
    text = parse_text(value)
    if not text:
        return None
    match = re.fullmatch(r"(?:giai doan\s*)?(\d{1,3})", fold(text))
    if not match:
        raise CellError(_("“%(value)s” không phải số giai đoạn (1, 2 …).") % {"value": text})
    return int(match.group(1))


_AUTHOR_SEPARATOR = re.compile(r"(?:^|\s+)[-–—]\s+")


def parse_authors(value, *, name_length=200, position_length=200):
    """[(name, position)] from "Họ tên - Chức vụ; Họ tên - Chức vụ" (one per line works too)."""
    text = parse_text(value)
    authors = []
    for part in re.split(r"[;\n]", text):
        part = part.strip()
        if not part:
            continue
        pieces = _AUTHOR_SEPARATOR.split(part, maxsplit=1)
        name = pieces[0].strip(" -–—")
        position = pieces[1].strip() if len(pieces) > 1 else ""
        if not name:
            raise CellError(_("thiếu họ tên tác giả trong “%(part)s”.") % {"part": part})
        if len(name) > name_length:
            raise CellError(_("họ tên tác giả quá dài (tối đa %(n)s ký tự).") % {"n": name_length})
        if len(position) > position_length:
            raise CellError(_("chức vụ quá dài (tối đa %(n)s ký tự).") % {"n": position_length})
        authors.append((name, position))
    if not authors:
        raise CellError(_("cần ít nhất một tác giả."))
    if len(authors) > MAX_AUTHORS:
        raise CellError(_("tối đa %(n)s tác giả.") % {"n": MAX_AUTHORS})
    return authors


def status_path(from_status, to_status):
    """The workflow steps from one status to another ([] if equal, None if the workflow cannot get there)."""
    try:
        return workflow.steps_to(from_status, to_status)
    except workflow.TransitionNotAllowed:
        return None


def local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def moment_on(day):
    """The datetime stored for a date given in a file: 08:00 local time that day."""
    return timezone.make_aware(datetime.combine(day, time(8, 0))) if day else None


# --- whole rows --------------------------------------------------------------


def _fmt_date(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _chunks(items, size=500):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _RowChecker:
    """Checks the rows of one file against one campaign and one importer's scope; no writes."""

    def __init__(self, rows, *, campaign, user, today=None):
        self.rows = rows
        self.campaign = campaign
        self.user = user
        self.today = today or timezone.localdate()
        self.errors = []
        self.title_length = Initiative._meta.get_field("title").max_length
        self.key_length = Initiative._meta.get_field("key").max_length
        self.reason_length = getattr(Initiative._meta.get_field("rejection_reason"), "max_length", None)
        self.author_name_length = Author._meta.get_field("name").max_length
        self.author_position_length = Author._meta.get_field("position").max_length
        self.phases = {p.number: p for p in campaign.phases.all()}
        codes = {parse_text(values.get("ma_don_vi")) for _line, values in rows}
        codes.discard("")
        self.units = {u.code: u for u in Unit.objects.filter(code__in=codes)} if codes else {}
        keys = {parse_text(values.get("ma_sang_kien")) for _line, values in rows}
        keys.discard("")
        self.existing = {}
        for chunk in _chunks(keys):
            for initiative in Initiative.objects.filter(campaign=campaign, key__in=chunk).prefetch_related("authors"):
                self.existing[initiative.key] = initiative
        # Units this importer may write to, among those the file names and those existing initiatives are under.
        unit_ids = {u.pk for u in self.units.values()} | {i.unit_id for i in self.existing.values()}
        if user is None or scopes.sees_everything(user):
            self.managed = unit_ids
        else:
            self.managed = set(scopes.units_for(user).filter(pk__in=unit_ids).values_list("pk", flat=True))
        self.error_cells = set()

    def error(self, line, column, message):
        self.errors.append(RowError(line, column, message))
        self.error_cells.add((line, column))

    def cell(self, line, column, parse, value, *args, **kwargs):
        try:
            return parse(value, *args, **kwargs)
        except CellError as exc:
            self.error(line, column, str(exc))
            return None

    def required(self, line, column, value):
        if value in (None, "", []):
            self.error(line, column, _("bắt buộc, không được bỏ trống."))
            return False
        return True

    def check(self):
        clean = []
        first_line_of_key = {}
        for line, values in self.rows:
            before = len(self.errors)
            row = self.check_row(line, values, first_line_of_key)
            if row is not None and len(self.errors) == before:
                clean.append(row)
        return clean, self.errors

    def check_row(self, line, values, first_line_of_key):
        """A CleanRow, or None after recording this row's errors; the checks follow the column order."""
        key = parse_text(values.get("ma_sang_kien"))
        if self.required(line, "ma_sang_kien", key):
            if len(key) > self.key_length:
                self.error(line, "ma_sang_kien", _("tối đa %(n)s ký tự.") % {"n": self.key_length})
            elif key in first_line_of_key:
                self.error(
                    line,
                    "ma_sang_kien",
                    _("mã “%(key)s” trùng với dòng %(other)s.") % {"key": key, "other": first_line_of_key[key]},
                )
            else:
                first_line_of_key[key] = line

        unit = None
        code = parse_text(values.get("ma_don_vi"))
        if self.required(line, "ma_don_vi", code):
            unit = self.units.get(code)
            if unit is None:
                self.error(line, "ma_don_vi", _("không có đơn vị mã “%(code)s”.") % {"code": code})
            elif unit.pk not in self.managed:
                self.error(
                    line,
                    "ma_don_vi",
                    _("đơn vị mã “%(code)s” nằm ngoài phạm vi quản lý của tài khoản.") % {"code": code},
                )
                unit = None

        phase = None
        number = self.cell(line, "giai_doan", parse_phase_number, values.get("giai_doan"))
        if number is None and not self.errors_on(line, "giai_doan"):
            if self.phases:
                self.required(line, "giai_doan", None)
        elif number is not None:
            phase = self.phases.get(number)
            if phase is None:
                known = ", ".join(str(n) for n in sorted(self.phases)) or "—"
                self.error(
                    line,
                    "giai_doan",
                    _("chiến dịch không có giai đoạn %(number)s (có: %(known)s).") % {"number": number, "known": known},
                )

        title = parse_text(values.get("ten_sang_kien"))
        if self.required(line, "ten_sang_kien", title) and len(title) > self.title_length:
            self.error(line, "ten_sang_kien", _("tối đa %(n)s ký tự.") % {"n": self.title_length})

        authors = None
        if self.required(line, "tac_gia", parse_text(values.get("tac_gia"))):
            authors = self.cell(
                line,
                "tac_gia",
                parse_authors,
                values.get("tac_gia"),
                name_length=self.author_name_length,
                position_length=self.author_position_length,
            )

        kind = self.cell(
            line,
            "loai_giai_phap",
            parse_choice,
            values.get("loai_giai_phap"),
            Initiative.Kind,
            what=KIND_WORD,
        )
        if kind == "":
            self.required(line, "loai_giai_phap", kind)
        sector = self.cell(line, "linh_vuc", parse_choice, values.get("linh_vuc"), Initiative.Sector, what=SECTOR_WORD)
        if sector == "":
            self.required(line, "linh_vuc", sector)
        status = self.cell(
            line, "trang_thai", parse_choice, values.get("trang_thai"), Initiative.Status, what=STATUS_WORD
        )
        if status == "":
            status = Initiative.Status.DANG_KY

        registered_on = self.cell(line, "ngay_dang_ky", parse_date, values.get("ngay_dang_ky"))
        if registered_on is None and not self.errors_on(line, "ngay_dang_ky"):
            self.required(line, "ngay_dang_ky", None)
        elif registered_on is not None:
            self.check_day(line, "ngay_dang_ky", registered_on, phase=phase, opens=False)
            if unit is not None and not unit.existed_on(registered_on):
                self.error(
                    line,
                    "ma_don_vi",
                    _("đơn vị mã “%(code)s” không tồn tại vào ngày đăng ký %(day)s.")
                    % {"code": unit.code, "day": _fmt_date(registered_on)},
                )

        submitted_on = self.cell(line, "ngay_nop", parse_date, values.get("ngay_nop"))
        if status is not None and not self.errors_on(line, "ngay_nop"):
            if status == Initiative.Status.DANG_KY and submitted_on is not None:
                self.error(line, "ngay_nop", _("sáng kiến mới đăng ký (chưa nộp) thì bỏ trống ngày nộp."))
            elif status != Initiative.Status.DANG_KY and submitted_on is None:
                self.error(
                    line,
                    "ngay_nop",
                    _("bắt buộc với trạng thái “%(status)s”.") % {"status": Initiative.Status(status).label},
                )
        if submitted_on is not None:
            self.check_day(line, "ngay_nop", submitted_on, phase=phase, opens=True)
            if registered_on is not None and submitted_on < registered_on:
                self.error(
                    line,
                    "ngay_nop",
                    _("ngày nộp %(submitted)s trước ngày đăng ký %(registered)s.")
                    % {"submitted": _fmt_date(submitted_on), "registered": _fmt_date(registered_on)},
                )

        summary = parse_text(values.get("tom_tat"))
        effect = parse_text(values.get("hieu_qua"))
        benefit = self.cell(line, "gia_tri_lam_loi", parse_money, values.get("gia_tri_lam_loi"))

        recognized_by = self.cell(
            line,
            "cap_cong_nhan",
            parse_choice,
            values.get("cap_cong_nhan"),
            Initiative.Recognizer,
            what=RECOGNIZER_WORD,
        )
        recognized_on = self.cell(line, "ngay_cong_nhan", parse_date, values.get("ngay_cong_nhan"))
        if recognized_on is not None:
            if recognized_on > self.today:
                self.error(line, "ngay_cong_nhan", _("ngày %(day)s ở tương lai.") % {"day": _fmt_date(recognized_on)})
            elif registered_on is not None and recognized_on < registered_on:
                self.error(
                    line,
                    "ngay_cong_nhan",
                    _("ngày công nhận %(day)s trước ngày đăng ký %(registered)s.")
                    % {"day": _fmt_date(recognized_on), "registered": _fmt_date(registered_on)},
                )
            if recognized_by == "":
                self.error(line, "cap_cong_nhan", _("bắt buộc khi có ngày công nhận."))
        elif recognized_by and not self.errors_on(line, "ngay_cong_nhan"):
            self.error(line, "ngay_cong_nhan", _("bắt buộc khi có cấp công nhận."))

        reason = parse_text(values.get("ly_do_khong_thong_qua"))
        if status == Initiative.Status.KHONG_THONG_QUA and not reason:
            self.error(line, "ly_do_khong_thong_qua", _("bắt buộc khi sáng kiến không được thông qua."))
        elif reason and status is not None and status != Initiative.Status.KHONG_THONG_QUA:
            self.error(line, "ly_do_khong_thong_qua", _("chỉ ghi khi trạng thái là “Không được thông qua”."))
        elif self.reason_length and len(reason) > self.reason_length:
            self.error(line, "ly_do_khong_thong_qua", _("tối đa %(n)s ký tự.") % {"n": self.reason_length})

        existing = self.existing.get(key)
        steps = []
        if existing is not None:
            if existing.unit_id not in self.managed:
                self.error(
                    line,
                    "ma_sang_kien",
                    _("mã “%(key)s” đã dùng cho một sáng kiến ngoài phạm vi quản lý của tài khoản.") % {"key": key},
                )
            elif status is not None:
                steps = status_path(existing.status, status)
                if steps is None:
                    self.error(
                        line,
                        "trang_thai",
                        _("sáng kiến “%(key)s” đang ở trạng thái “%(current)s”, không chuyển được sang “%(wanted)s”.")
                        % {
                            "key": key,
                            "current": Initiative.Status(existing.status).label,
                            "wanted": Initiative.Status(status).label,
                        },
                    )

        if unit is None or status is None or registered_on is None or authors is None:
            return None
        return CleanRow(
            line=line,
            key=key,
            unit=unit,
            phase=phase,
            status=status,
            registered_on=registered_on,
            submitted_on=submitted_on,
            authors=authors,
            fields={
                "title": title,
                "kind": kind,
                "sector": sector,
                "summary": summary,
                "effect": effect,
                "benefit_value": benefit,
                "recognized_by": recognized_by or "",
                "recognized_on": recognized_on,
                "rejection_reason": reason,
            },
            existing=existing,
            steps=steps or [],
        )

    def errors_on(self, line, column):
        return (line, column) in self.error_cells

    def check_day(self, line, column, day, *, phase, opens):
        """`day` inside the campaign, not in the future; a submission inside the phase window, a registration
        not after the phase closes."""
        campaign = self.campaign
        if day > self.today:
            self.error(line, column, _("ngày %(day)s ở tương lai.") % {"day": _fmt_date(day)})
            return
        starts, ends = campaign.starts_on, campaign.ends_on
        if (starts and day < starts) or (ends and day > ends):
            self.error(
                line,
                column,
                _("ngày %(day)s nằm ngoài thời gian chiến dịch (%(starts)s – %(ends)s).")
                % {
                    "day": _fmt_date(day),
                    "starts": _fmt_date(starts) if starts else "…",
                    "ends": _fmt_date(ends) if ends else "…",
                },
            )
            return
        if phase is None:
            return
        if (opens and phase.opens_on and day < phase.opens_on) or (phase.closes_on and day > phase.closes_on):
            self.error(
                line,
                column,
                _("ngày %(day)s nằm ngoài thời gian giai đoạn %(number)s (%(opens)s – %(closes)s).")
                % {
                    "day": _fmt_date(day),
                    "number": phase.number,
                    "opens": _fmt_date(phase.opens_on) if phase.opens_on else "…",
                    "closes": _fmt_date(phase.closes_on) if phase.closes_on else "…",
                },
            )


def check_rows(rows, *, campaign, user, today=None):
    """(clean rows, row errors) for rows read by `read_table`; reads the database, writes nothing."""
    return _RowChecker(rows, campaign=campaign, user=user, today=today).check()


# --- writing -----------------------------------------------------------------

# Fewer new rows than this are created one by one through `services.create_initiative` (which keeps the running
# totals incrementally); more are bulk-created, then `services.after_bulk_change` rebuilds the campaign's totals.
BULK_THRESHOLD = 100


class _RowWriteError(Exception):
    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


def changes_of(row):
    """{field: new value} for an existing initiative that the row changes (authors under "authors")."""
    initiative = row.existing
    wanted = {
        "unit_id": row.unit.pk,
        "phase_id": row.phase.pk if row.phase else None,
        **row.fields,
    }
    changes = {}
    for name in COMPARED_FIELDS:
        if getattr(initiative, name) != wanted[name]:
            changes[name] = wanted[name]
    if local_date(initiative.registered_at) != row.registered_on:
        changes["registered_at"] = moment_on(row.registered_on)
    submitted_by_step = Initiative.Status.DA_NOP in row.steps
    if not submitted_by_step and local_date(initiative.submitted_at) != row.submitted_on:
        changes["submitted_at"] = moment_on(row.submitted_on)
    current_authors = [(a.name, a.position) for a in initiative.authors.all()]
    if current_authors != list(row.authors):
        changes["authors"] = list(row.authors)
    return changes


def _service_fields(changes, row):
    fields = dict(changes)
    if "unit_id" in fields:
        fields["unit"] = row.unit
        del fields["unit_id"]
    if "phase_id" in fields:
        fields["phase"] = row.phase
        del fields["phase_id"]
    if row.status == Initiative.Status.KHONG_THONG_QUA and Initiative.Status.KHONG_THONG_QUA in row.steps:
        # the reason arrives with the transition, after the other fields
        fields.pop("rejection_reason", None)
    return fields


def _new_initiative(row, *, campaign, by):
    return Initiative(
        campaign=campaign,
        phase=row.phase,
        unit=row.unit,
        key=row.key,
        status=row.status,
        registered_at=moment_on(row.registered_on),
        submitted_at=moment_on(row.submitted_on),
        created_by=by,
        **row.fields,
    )


def _create_in_bulk(rows, *, campaign, by, note):
    objects = Initiative.objects.bulk_create(
        [_new_initiative(r, campaign=campaign, by=by) for r in rows], batch_size=500
    )
    authors, history = [], []
    for initiative, row in zip(objects, rows, strict=True):
        authors += [
            Author(initiative=initiative, name=name, position=position, order=i)
            for i, (name, position) in enumerate(row.authors)
        ]
        if row.status != Initiative.Status.DANG_KY:
            history.append(
                StatusChange(
                    initiative=initiative,
                    from_status=Initiative.Status.DANG_KY,
                    to_status=row.status,
                    changed_at=initiative.submitted_at or initiative.registered_at,
                    changed_by=by,
                    note=row.fields["rejection_reason"] or note,
                )
            )
    Author.objects.bulk_create(authors, batch_size=1000)
    StatusChange.objects.bulk_create(history, batch_size=1000)


def _create_one(row, *, campaign, by):
    fields = dict(row.fields)
    services.create_initiative(
        by=by,
        campaign=campaign,
        phase=row.phase,
        unit=row.unit,
        key=row.key,
        authors=row.authors,
        status=row.status,
        registered_at=moment_on(row.registered_on),
        submitted_at=moment_on(row.submitted_on),
        **fields,
    )


def _update_one(row, changes, *, by):
    fields = _service_fields(changes, row)
    initiative = row.existing
    if fields:
        initiative = services.update_initiative(by=by, initiative=initiative, **fields)
    for step in row.steps:
        at = moment_on(row.submitted_on) if step == Initiative.Status.DA_NOP else None
        reason = row.fields["rejection_reason"] if step == Initiative.Status.KHONG_THONG_QUA else ""
        initiative = services.transition(by=by, initiative=initiative, to_status=step, reason=reason, at=at)


def _messages(error):
    if hasattr(error, "message_dict"):
        return "; ".join(m for messages in error.message_dict.values() for m in messages)
    return "; ".join(getattr(error, "messages", [str(error)]))


def write_rows(rows, *, campaign, by, note=""):
    """Write checked rows in one transaction: (created, updated, unchanged). Any failure rolls everything back."""
    by = by if by is not None and getattr(by, "pk", None) is not None else None
    new = [r for r in rows if r.existing is None]
    changed = []
    unchanged = 0
    for row in rows:
        if row.existing is None:
            continue
        changes = changes_of(row)
        if changes or row.steps:
            changed.append((row, changes))
        else:
            unchanged += 1
    with transaction.atomic():
        if len(new) >= BULK_THRESHOLD:
            _create_in_bulk(new, campaign=campaign, by=by, note=note)
        else:
            for row in new:
                try:
                    _create_one(row, campaign=campaign, by=by)
                except ValidationError as exc:
                    raise _RowWriteError(row.line, _messages(exc)) from exc
        for row, changes in changed:
            try:
                _update_one(row, changes, by=by)
            except ValidationError as exc:
                raise _RowWriteError(row.line, _messages(exc)) from exc
        if len(new) >= BULK_THRESHOLD:
            services.after_bulk_change(campaign=campaign)
    return len(new), len(changed), unchanged


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
    except _RowWriteError as exc:
        result.created = result.updated = result.unchanged = 0
        result.errors = [RowError(exc.line, "—", exc.message)]
    except IntegrityError as exc:
        raise ImportFileError(
            _("Dữ liệu vừa được người khác thay đổi trong lúc nhập; không có gì được ghi, hãy nhập lại.")
        ) from exc
    return result


# --- the template --------------------------------------------------------------

# The admin page lists at most this many row errors (the command prints them all).
MAX_SHOWN_ERRORS = 500


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
        "trang_thai": Initiative.Status,
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
