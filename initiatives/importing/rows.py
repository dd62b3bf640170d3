"""Whole rows: every row of a file checked against one campaign and the importer's scope, without writing.

The campaign's rules are asked of `initiatives/rules.py`, as the services and the forms ask them. Where a rule
fails on what is, for the spreadsheet, a cell problem (an empty required cell, a text too long, a negative
amount), the importer says so in its own cell-level words ("bắt buộc, không được bỏ trống.") so that every
column reads alike; otherwise it shows the rule's own words after "Dòng N, cột X: ".
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules, scopes
from ..models import Author, Initiative, Phase, Unit
from .cells import (
    CellError,
    parse_authors,
    parse_choice,
    parse_date,
    parse_money,
    parse_phase_number,
    parse_text,
    status_path,
)
from .columns import KIND_WORD, RECOGNIZER_WORD, SECTOR_WORD, STATUS_WORD, ImportedStatus


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
            self.missing(line, column)
            return False
        return True

    def missing(self, line, column):
        self.error(line, column, _("bắt buộc, không được bỏ trống."))

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
            if rules.key_length(key):
                self.error(line, "ma_sang_kien", _("tối đa %(n)s ký tự.") % {"n": rules.KEY_LENGTH})
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
            if rules.phase_chosen(None, campaign_has_phases=bool(self.phases)):
                self.missing(line, "giai_doan")
        elif number is not None:
            phase = self.phases.get(number)
            if phase is None:
                known = ", ".join(str(n) for n in sorted(self.phases)) or "—"
                self.error(
                    line,
                    "giai_doan",
                    _("phong trào không có giai đoạn %(number)s (có: %(known)s).") % {"number": number, "known": known},
                )

        title = parse_text(values.get("ten_sang_kien"))
        if rules.title_given(title):
            self.missing(line, "ten_sang_kien")
        elif len(title) > self.title_length:
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
            if authors is not None and rules.authors_given(len(authors)):
                self.error(line, "tac_gia", _("cần ít nhất một tác giả."))
                authors = None

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
        status = self.cell(line, "trang_thai", parse_choice, values.get("trang_thai"), ImportedStatus, what=STATUS_WORD)
        if status == "":
            status = Initiative.Status.DANG_KY

        registered_on = self.cell(line, "ngay_dang_ky", parse_date, values.get("ngay_dang_ky"))
        if registered_on is None and not self.errors_on(line, "ngay_dang_ky"):
            self.required(line, "ngay_dang_ky", None)
        elif registered_on is not None:
            self.rule(
                line, "ngay_dang_ky", rules.registration_day(registered_on, self.campaign, phase, today=self.today)
            )
            if unit is not None:
                self.rule(line, "ma_don_vi", rules.unit_active(unit, registered_on))

        submitted_on = self.cell(line, "ngay_nop", parse_date, values.get("ngay_nop"))
        if status is not None and not self.errors_on(line, "ngay_nop"):
            self.rule(line, "ngay_nop", rules.submission_date_for_status(status, submitted_on))
        if submitted_on is not None:
            self.rule(
                line,
                "ngay_nop",
                rules.submission_day(submitted_on, self.campaign, phase, today=self.today)
                or rules.submitted_after_registered(submitted_on, registered_on),
            )

        summary = parse_text(values.get("tom_tat"))
        effect = parse_text(values.get("hieu_qua"))
        benefit = self.cell(line, "gia_tri_lam_loi", parse_money, values.get("gia_tri_lam_loi"))
        if benefit is not None and rules.whole_amount(benefit):
            self.error(line, "gia_tri_lam_loi", _("số tiền không được âm."))

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
            self.rule(line, "ngay_cong_nhan", rules.recognition_day(recognized_on, registered_on, today=self.today))
            if recognized_by == "":
                self.error(line, "cap_cong_nhan", _("bắt buộc khi có ngày công nhận."))
        elif recognized_by and not self.errors_on(line, "ngay_cong_nhan"):
            self.error(line, "ngay_cong_nhan", _("bắt buộc khi có cấp công nhận."))

        reason = parse_text(values.get("ly_do_khong_thong_qua"))
        if status is not None and (message := rules.rejection_reason(status, reason)):
            self.error(line, "ly_do_khong_thong_qua", message)
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

    def rule(self, line, column, message):
        """Record what a rule of `initiatives/rules.py` found wrong (nothing when it holds)."""
        if message:
            self.error(line, column, message)

    def errors_on(self, line, column):
        return (line, column) in self.error_cells


def check_rows(rows, *, campaign, user, today=None):
    """(clean rows, row errors) for rows read by `read_table`; reads the database, writes nothing."""
    return _RowChecker(rows, campaign=campaign, user=user, today=today).check()
