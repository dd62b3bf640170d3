"""A campaign tally as JSON, CSV and XLSX: the public downloads and `export_tallies` both use these.

All three read one `tallies.CampaignTally` and never touch the database, so a
download holds exactly the figures the progress page shows.

`tally_table(tally)` is the spreadsheet table (one row per unit, depth-first in
tree order); `write_csv` and `write_xlsx` write that same table to a binary
file object (a file opened with "wb", an `HttpResponse`, a `BytesIO`).

JSON schema of `tally_json(tally)` (`/sang-kien/<slug>/tong-hop.json`)
----------------------------------------------------------------------
Dates are ISO 8601 strings ("2022-01-08"), `as_of` an ISO date-time with the
offset of Asia/Ho_Chi_Minh; counts are JSON integers, percentages JSON numbers
with one decimal (282.2 means 282,2 %); a missing target gives `null` for its
target, percentage and delta.

    {
      "campaign": {"slug", "name", "issuer", "starts_on", "ends_on", "national_target"},
      "phase": {"number", "name", "opens_on", "closes_on"} | null,   # null: the whole campaign
      "as_of": "2022-06-01T08:00:00+07:00",                       # when the figures were computed (see below)
      "totals": {"registered", "submitted", "approved", "awarded", "benefit_total"},  # the root unit
      "targets": {"chi_tieu": int | null, "ke_hoach": int | null},   # the root unit's quota and plan
      "percentages": {"chi_tieu": number | null, "ke_hoach": number | null},
      "delta": {"chi_tieu": int | null, "ke_hoach": int | null},     # submitted - target; > 0 is "vượt"
      "units": [                                                     # every unit, depth-first in tree order
        {"code", "name", "short_name", "kind", "kind_label", "parent_code" (null for the root), "depth" (root 0),
         "registered", "submitted", "approved", "awarded", "benefit_total",
         "targets": {"chi_tieu", "ke_hoach"}, "percentages": {"chi_tieu", "ke_hoach"},
         "delta": {"chi_tieu", "ke_hoach"}, "rank",                  # rank among siblings by submitted, 1 = first
         "members": int | null,                                      # union members; null when unknown
         "per_100_members": number | null,                           # submitted per 100 members, one decimal
         "cluster": {"code", "name"} | null,                         # the unit's emulation cluster (cụm, khối)
         "rank_in_cluster": int | null,                              # place in the cluster by submitted
         "rank_change": int | null,                                  # places gained since the end of last week
                                                                     # (negative: lost); null in the first week
         "needed_per_week": int | null,                              # to reach the quota by the period's last
                                                                     # day; null outside an open phase or
                                                                     # without a quota
         "pending": {"count", "oldest_days"}}                        # waiting for review (đã nộp, đang xét);
                                                                     # oldest_days null when none waits
      ],
      "by_kind": [{"kind", "label", "submitted", "share"}],          # share: percent of all submitted, one decimal
      "by_sector": [{"sector", "label", "submitted", "share"}],
      "weekly": [{"week_start", "registered", "submitted"}]          # week_start: the Monday of the week
    }

`as_of` is the moment the figures were read from the database. Tallies are cached
until the next write commits (see `initiatives/tallies/`), so it may be earlier
than the request; the figures are still the current ones.

Counts are rolled up: a unit's figures include everything beneath it.
`registered` counts every initiative, `submitted` those from "đã nộp" on,
`approved` those passed by the organising committee (thông qua, đề nghị khen
thưởng, được tặng Bằng), `awarded` those given the Bằng lao động sáng tạo,
`benefit_total` the benefit values (đồng) of the approved ones added up.
Targets are the unit's own for the chosen phase (or those set for the whole
campaign when no phase is chosen). The first unit is the root of the table;
when no single unit heads the campaign it is a row "Tất cả đơn vị" with code
"" and depth -1, and the top units name "" as their parent.
"""

import io
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _

import spreadsheets

from .models import Target, Unit

TARGET_KINDS = tuple(Target.Kind.values)
QUOTA, PLAN = Target.Kind.QUOTA, Target.Kind.PLAN
# The spreadsheet table starts on this row of the XLSX sheet (rows above it hold the title).
XLSX_HEADER_ROW = 4

INTEGER_FORMAT = "#,##0"
PERCENT_FORMAT = '0.0"%"'
DECIMAL_FORMAT = "0.0"


def _number(value):
    """Decimal percentages become JSON/spreadsheet numbers; None stays None."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


def _iso(value):
    return value.isoformat() if value is not None else None


def share(count, total):
    """`count` as a percentage of `total`, one decimal (None when there is no total)."""
    if not total:
        return None
    return float((Decimal(count) * 100 / Decimal(total)).quantize(Decimal("0.1")))


def _kind_labels():
    return dict(Unit.Kind.choices)


def _phase_label(phase):
    if phase is None:
        return _("Toàn phong trào")
    return _("Giai đoạn %(number)s") % {"number": phase.number}


# --- JSON -------------------------------------------------------------------


def _waiting_days(tally):
    """`tally.waiting_days` for many rows: the time zone and today's date looked up once."""
    zone = timezone.get_current_timezone()
    today = tally.period.today
    return lambda row: None if row.pending_since is None else (today - row.pending_since.astimezone(zone).date()).days


def _unit_json(row, kind_labels, waiting_days):
    return {
        "code": row.code,
        "name": row.name,
        "short_name": row.short_name,
        "kind": row.kind,
        "kind_label": kind_labels.get(row.kind, row.kind),
        "parent_code": row.parent_code,
        "depth": row.depth,
        "registered": row.registered,
        "submitted": row.submitted,
        "approved": row.approved,
        "awarded": row.awarded,
        "benefit_total": row.benefit_total,
        "targets": {kind: row.targets.get(kind) for kind in TARGET_KINDS},
        "percentages": {kind: _number(row.percent.get(kind)) for kind in TARGET_KINDS},
        "delta": {kind: row.delta.get(kind) for kind in TARGET_KINDS},
        "rank": row.rank,
        "members": row.members,
        "per_100_members": _number(row.per_100),
        "cluster": None if row.cluster_code is None else {"code": row.cluster_code, "name": row.cluster_name},
        "rank_in_cluster": row.rank_in_cluster,
        "rank_change": row.rank_change,
        "needed_per_week": row.needed_per_week,
        "pending": {"count": row.pending, "oldest_days": waiting_days(row)},
    }


def _breakdown_json(items, key, total):
    return [
        {key: value, "label": str(label), "submitted": count, "share": share(count, total)}
        for value, label, count in items
    ]


def tally_json(tally):
    """The whole tally as a dict of JSON-ready values (see the schema in this module's docstring)."""
    campaign, phase, root = tally.campaign, tally.phase, tally.root
    kind_labels = {kind: str(label) for kind, label in _kind_labels().items()}  # translated once, not per row
    waiting_days = _waiting_days(tally)
    root_json = _unit_json(root, kind_labels, waiting_days)
    return {
        "campaign": {
            "slug": campaign.slug,
            "name": campaign.name,
            "issuer": campaign.issuer,
            "starts_on": _iso(campaign.starts_on),
            "ends_on": _iso(campaign.ends_on),
            "national_target": campaign.national_target,
        },
        "phase": None
        if phase is None
        else {
            "number": phase.number,
            "name": phase.name,
            "opens_on": _iso(phase.opens_on),
            "closes_on": _iso(phase.closes_on),
        },
        "as_of": _iso(timezone.localtime(tally.as_of).replace(microsecond=0)) if tally.as_of else None,
        "totals": {key: root_json[key] for key in ("registered", "submitted", "approved", "awarded", "benefit_total")},
        "targets": root_json["targets"],
        "percentages": root_json["percentages"],
        "delta": root_json["delta"],
        "units": [_unit_json(row, kind_labels, waiting_days) for row in tally.rows],
        "by_kind": _breakdown_json(tally.by_kind, "kind", root.submitted),
        "by_sector": _breakdown_json(tally.by_sector, "sector", root.submitted),
        "weekly": [
            {"week_start": _iso(monday), "registered": registered, "submitted": submitted}
            for monday, registered, submitted in tally.weekly
        ],
    }


# --- The spreadsheet table --------------------------------------------------


# (header, value of a UnitRow, number format in XLSX or None for text, column width in XLSX)
def _columns(kind_labels, tally):
    return [
        (_("Mã đơn vị"), lambda r: r.code, None, 18),
        (_("Đơn vị"), lambda r: r.name, None, 44),
        (_("Tên viết tắt"), lambda r: r.short_name, None, 24),
        (_("Loại đơn vị"), lambda r: str(kind_labels.get(r.kind, r.kind)), None, 26),
        (_("Mã đơn vị cấp trên"), lambda r: r.parent_code or None, None, 18),
        (_("Cấp"), lambda r: r.depth, "0", 6),
        (_("Hạng"), lambda r: r.rank, "0", 7),
        (_("Đăng ký"), lambda r: r.registered, INTEGER_FORMAT, 11),
        (_("Đã nộp"), lambda r: r.submitted, INTEGER_FORMAT, 11),
        (_("Được thông qua"), lambda r: r.approved, INTEGER_FORMAT, 11),
        (_("Được tặng Bằng lao động sáng tạo"), lambda r: r.awarded, INTEGER_FORMAT, 14),
        (_("Giá trị làm lợi (đồng)"), lambda r: r.benefit_total, INTEGER_FORMAT, 18),
        (_("Chỉ tiêu"), lambda r: r.targets.get(QUOTA), INTEGER_FORMAT, 11),
        (_("% chỉ tiêu"), lambda r: _number(r.percent.get(QUOTA)), PERCENT_FORMAT, 11),
        (_("Vượt (+) / thiếu (−) so với chỉ tiêu"), lambda r: r.delta.get(QUOTA), INTEGER_FORMAT, 14),
        (_("Kế hoạch"), lambda r: r.targets.get(PLAN), INTEGER_FORMAT, 11),
        (_("% kế hoạch"), lambda r: _number(r.percent.get(PLAN)), PERCENT_FORMAT, 11),
        (_("Vượt (+) / thiếu (−) so với kế hoạch"), lambda r: r.delta.get(PLAN), INTEGER_FORMAT, 14),
        (_("Số đoàn viên"), lambda r: r.members, INTEGER_FORMAT, 12),
        (_("Sáng kiến trên 100 đoàn viên"), lambda r: _number(r.per_100), DECIMAL_FORMAT, 12),
        (_("Hạng theo số trên 100 đoàn viên"), lambda r: r.rank_per_100, "0", 10),
        (_("Mã cụm thi đua"), lambda r: r.cluster_code, None, 14),
        (_("Cụm, khối thi đua"), lambda r: r.cluster_name, None, 24),
        (_("Hạng trong cụm"), lambda r: r.rank_in_cluster, "0", 9),
        (_("Thay đổi hạng so với tuần trước"), lambda r: r.rank_change, "+0;-0;0", 11),
        (_("Cần thêm mỗi tuần"), lambda r: r.needed_per_week, INTEGER_FORMAT, 11),
        (_("Đang chờ xét"), lambda r: r.pending, INTEGER_FORMAT, 10),
        (_("Chờ lâu nhất (ngày)"), lambda r: tally.waiting_days(r), INTEGER_FORMAT, 10),
    ]


def tally_table(tally):
    """(header, rows): one row per unit, depth-first in tree order; numbers stay numbers, no target is None."""
    columns = _columns(_kind_labels(), tally)
    header = [str(title) for title, _value, _fmt, _width in columns]
    rows = [[value(row) for _title, value, _fmt, _width in columns] for row in tally.rows]
    return header, rows


def title_lines(tally):
    """The lines above the XLSX table: campaign, phase and the time the figures were taken."""
    as_of = formats.date_format(timezone.localtime(tally.as_of), "SHORT_DATETIME_FORMAT") if tally.as_of else ""
    return [
        tally.campaign.name,
        _("%(phase)s · Số liệu đến %(as_of)s") % {"phase": _phase_label(tally.phase), "as_of": as_of},
    ]


def write_csv(tally, fp):
    """The table as CSV in UTF-8 with a byte-order mark (Excel then reads the Vietnamese letters), to a binary file."""
    header, rows = tally_table(tally)
    spreadsheets.write_csv(fp, [header, *rows])


def write_xlsx(tally, fp):
    """The table as an Excel workbook: a title, then a bold frozen header, number formats and column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = _columns(_kind_labels(), tally)
    header, rows = tally_table(tally)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tổng hợp")[:31]
    for number, line in enumerate(title_lines(tally), start=1):
        spreadsheets.set_cell(sheet, number, 1, line).font = Font(bold=number == 1, size=14 if number == 1 else 11)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, title in enumerate(header, start=1):
        cell = spreadsheets.set_cell(sheet, XLSX_HEADER_ROW, index, title)
        cell.font = bold
        cell.alignment = wrap
    for offset, values in enumerate(rows, start=1):
        for index, value in enumerate(values, start=1):
            spreadsheets.set_cell(sheet, XLSX_HEADER_ROW + offset, index, value, number_format=columns[index - 1][2])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column[3]
    sheet.freeze_panes = sheet.cell(row=XLSX_HEADER_ROW + 1, column=3)
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{XLSX_HEADER_ROW}:{last}{XLSX_HEADER_ROW + len(rows)}"
    buffer = io.BytesIO()  # a zip file is written with seeks; the target may not allow them
    workbook.save(buffer)
    fp.write(buffer.getvalue())
