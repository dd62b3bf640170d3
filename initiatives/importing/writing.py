"""Writing checked rows in one transaction: new initiatives, changed ones and their workflow steps."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import services
from ..models import Initiative
from .cells import local_date, moment_on
from .columns import COMPARED_FIELDS

# Fewer new rows than this are created one by one through `services.create_initiative` (which keeps the running
# totals incrementally); more are bulk-created, then `services.after_bulk_change` rebuilds the campaign's totals.
BULK_THRESHOLD = 100


class RowWriteError(Exception):
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


def _new_initiative(row):
    return services.NewInitiative(
        phase=row.phase,
        unit=row.unit,
        key=row.key,
        status=row.status,
        registered_at=moment_on(row.registered_on),
        submitted_at=moment_on(row.submitted_on),
        authors=list(row.authors),
        **row.fields,
    )


def _create_in_bulk(rows, *, campaign, by, note):
    services.create_in_bulk(
        campaign=campaign, by=by, initiatives=(_new_initiative(r) for r in rows), note=note, rebuild_totals=False
    )


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
                    raise RowWriteError(row.line, _messages(exc)) from exc
        for row, changes in changed:
            try:
                _update_one(row, changes, by=by)
            except ValidationError as exc:
                raise RowWriteError(row.line, _messages(exc)) from exc
        if len(new) >= BULK_THRESHOLD:
            services.after_bulk_change(campaign=campaign)
    return len(new), len(changed), unchanged
