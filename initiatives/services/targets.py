"""Quotas (chỉ tiêu) and plans (kế hoạch)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import rules, tallies
from ..models import Target


@transaction.atomic
def set_target(*, unit, campaign, phase=None, kind, value):
    """Set `unit`'s quota (chỉ tiêu) or plan (kế hoạch) for `campaign`, or for one of its phases."""
    found = {
        "kind": rules.target_kind(kind),
        "value": rules.target_value(value),
        "phase": rules.phase_of_campaign(phase, campaign.pk),
    }
    errors = {field: [rules.sentence(message)] for field, message in found.items() if message}
    if errors:
        raise ValidationError(errors)
    target, _created = Target.objects.select_for_update().update_or_create(
        unit=unit, campaign=campaign, phase=phase, kind=kind, defaults={"value": value}
    )
    tallies.tally_changed(campaign.pk)
    return target
