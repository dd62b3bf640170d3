"""Creating many initiatives at once: with their authors and their history, then the running totals rebuilt.

The importer (files of 100 rows and more), the demo data, the test factories and the benchmark generator all
write through `create_in_bulk`. It checks nothing: its callers either checked every row against
`initiatives/rules.py` (the importer) or generate data that keeps the rules (demo, tests, benchmark).

On PostgreSQL, chunks of `COPY_THRESHOLD` initiatives and more go through COPY (primary keys taken from the
table's sequence first, so authors and history can point at them); everything else through `bulk_create` in
batches. Either way one call is one transaction, and the running totals are rebuilt once at the end
(`after_bulk_change`), so the tallies are exact when it returns.
"""

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils import timezone

from ..models import Author, Initiative, StatusChange
from ..models.initiatives import library_text_of
from .totals import after_bulk_change

Status = Initiative.Status

CHUNK = 50_000
BATCH = 1_000
COPY_THRESHOLD = 5_000


@dataclass
class NewInitiative:
    """One initiative to create. `history` is [(from status, to status, at, note)]; when empty, an initiative
    created past "đăng ký" gets one step from "đăng ký" to its status, dated its submission."""

    phase: object
    unit: object
    key: str
    title: str
    kind: str
    sector: str
    registered_at: datetime
    status: str = Status.DANG_KY
    submitted_at: datetime | None = None
    authors: list = field(default_factory=list)
    summary: str = ""
    effect: str = ""
    benefit_value: int | None = None
    recognized_by: str = ""
    recognized_on: date | None = None
    rejection_reason: str = ""
    history: list = field(default_factory=list)


@transaction.atomic
def create_in_bulk(*, campaign, by=None, initiatives, note="", rebuild_totals=True):
    """Create every `NewInitiative` of the iterable `initiatives` in `campaign`; returns how many.

    `by` (a user or None) is recorded as creator and as author of the history; `note` goes on the history
    steps that have none (a rejection's step carries its reason). `rebuild_totals=False` leaves the running
    totals to the caller, who must call `after_bulk_change` before its transaction ends.
    """
    by = by if by is not None and getattr(by, "pk", None) is not None else None
    created = 0
    items = iter(initiatives)
    while chunk := list(islice(items, CHUNK)):
        if connection.vendor == "postgresql" and len(chunk) >= COPY_THRESHOLD:
            _copy(chunk, campaign=campaign, by=by, note=note)
        else:
            _insert(chunk, campaign=campaign, by=by, note=note)
        created += len(chunk)
    if created and rebuild_totals:
        after_bulk_change(campaign=campaign)
    return created


def _history(item, note):
    if item.history:
        return item.history
    if item.status == Status.DANG_KY:
        return []
    reason = item.rejection_reason if item.status == Status.KHONG_THONG_QUA else ""
    return [(Status.DANG_KY, item.status, item.submitted_at or item.registered_at, reason or note)]


def _initiative_values(item, campaign, by, now):
    """{attribute name: value} of the initiative row `item` becomes."""
    return {
        "campaign_id": campaign.pk,
        "phase_id": item.phase.pk if item.phase is not None else None,
        "unit_id": item.unit.pk,
        "key": item.key,
        "title": item.title,
        "kind": item.kind,
        "sector": item.sector,
        "summary": item.summary,
        "effect": item.effect,
        "benefit_value": item.benefit_value,
        "recognized_by": item.recognized_by,
        "recognized_on": item.recognized_on,
        "recognition_number": "",
        "confidential": False,
        "library_text": library_text_of(title=item.title, summary=item.summary, effect=item.effect, confidential=False),
        "status": item.status,
        "rejection_reason": item.rejection_reason,
        "registered_at": item.registered_at,
        "submitted_at": item.submitted_at,
        "created_by_id": by.pk if by is not None else None,
        "created_at": now,
        "updated_at": now,
    }


def _author_values(initiative_id, item):
    return [
        {"initiative_id": initiative_id, "name": name, "position": position, "workplace": "", "order": i}
        for i, (name, position) in enumerate(item.authors)
    ]


def _history_values(initiative_id, item, by, note):
    return [
        {
            "initiative_id": initiative_id,
            "from_status": a,
            "to_status": b,
            "changed_at": at,
            "changed_by_id": by.pk if by is not None else None,
            "note": text or note,
        }
        for a, b, at, text in _history(item, note)
    ]


def _insert(chunk, *, campaign, by, note):
    now = timezone.now()
    objects = Initiative.objects.bulk_create(
        [Initiative(**_initiative_values(item, campaign, by, now)) for item in chunk], batch_size=BATCH
    )
    authors, history = [], []
    for initiative, item in zip(objects, chunk, strict=True):
        authors += [Author(**values) for values in _author_values(initiative.pk, item)]
        history += [StatusChange(**values) for values in _history_values(initiative.pk, item, by, note)]
    Author.objects.bulk_create(authors, batch_size=BATCH)
    StatusChange.objects.bulk_create(history, batch_size=BATCH)


# --- PostgreSQL's COPY ------------------------------------------------------------------------------------------


def _copy(chunk, *, campaign, by, note):
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Initiative._meta.db_table, len(chunk)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        initiatives, authors, history = [], [], []
        for pk, item in zip(ids, chunk, strict=True):
            row = SimpleNamespace(id=pk, **_initiative_values(item, campaign, by, now))
            row.confidential = False
            Initiative.refresh_library_text(row)  # what save() and bulk_create() keep for the library's search
            initiatives.append(vars(row))
            authors += _author_values(pk, item)
            history += _history_values(pk, item, by, note)
        _copy_rows(cursor, Initiative, initiatives, with_pk=True)
        _copy_rows(cursor, Author, authors, with_pk=False)
        _copy_rows(cursor, StatusChange, history, with_pk=False)


def _copy_rows(cursor, model, rows, *, with_pk):
    """Write `rows` ({attribute name: value}) to `model`'s table with COPY; fields a row leaves out get the
    model's defaults, as an instance would."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    defaults = {f.attname: None if f.primary_key else f.get_default() for f in fields}
    names = list(defaults)
    buffer = io.StringIO()
    for row in rows:
        values = {**defaults, **row}
        buffer.write("\t".join(_copy_value(values[name]) for name in names))
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    cursor.cursor.copy_expert(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN", buffer)


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value):
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).translate(_ESCAPES)
