"""Quotas (chỉ tiêu) and plans (kế hoạch)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import tallies
from ..models import Target


@transaction.atomic
def set_target(*, unit, campaign, phase=None, kind, value):
    """Set `unit`'s quota (chỉ tiêu) or plan (kế hoạch) for `campaign`, or for one of its phases."""
    errors = {}
    if kind not in Target.Kind.values:
        errors["kind"] = [_("Loại chỉ tiêu “%(value)s” không hợp lệ.") % {"value": kind}]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        errors["value"] = [_("Chỉ tiêu phải là số nguyên không âm.")]
    if phase is not None and phase.campaign_id != campaign.pk:
        errors["phase"] = [_("Giai đoạn “%(phase)s” không thuộc phong trào này.") % {"phase": phase}]
    if errors:
        raise ValidationError(errors)
    target, _created = Target.objects.select_for_update().update_or_create(
        unit=unit, campaign=campaign, phase=phase, kind=kind, defaults={"value": value}
    )
    tallies.tally_changed(campaign.pk)
    return target


# --- Running totals ---------------------------------------------------------------------------------------------
