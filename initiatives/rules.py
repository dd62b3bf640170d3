"""The rules an initiative must keep, in one place: services, the importer and the admin forms call them.

Each function returns field errors as {field: [message, …]} (empty when the rule holds) and writes nothing.
"""

from collections import defaultdict
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Initiative, Phase

Status = Initiative.Status


def _validate(initiative):
    """Field errors of an initiative about to be saved, as {field: [message, …]}."""
    errors = defaultdict(list)
    campaign = initiative.campaign
    if not initiative.title:
        errors["title"].append(_("Cần nhập tên sáng kiến."))
    if len(initiative.key) > 64:
        errors["key"].append(_("Mã sáng kiến dài tối đa 64 ký tự."))
    if initiative.kind not in Initiative.Kind.values:
        errors["kind"].append(_("Loại giải pháp “%(value)s” không hợp lệ.") % {"value": initiative.kind})
    if initiative.sector not in Initiative.Sector.values:
        errors["sector"].append(_("Khu vực “%(value)s” không hợp lệ.") % {"value": initiative.sector})
    if initiative.recognized_by and initiative.recognized_by not in Initiative.Recognizer.values:
        errors["recognized_by"].append(
            _("Cấp công nhận “%(value)s” không hợp lệ.") % {"value": initiative.recognized_by}
        )
    benefit = initiative.benefit_value
    if benefit is not None and (isinstance(benefit, bool) or not isinstance(benefit, int) or benefit < 0):
        errors["benefit_value"].append(_("Giá trị làm lợi phải là số nguyên không âm (đồng)."))
    if initiative.status == Status.KHONG_THONG_QUA and not (initiative.rejection_reason or "").strip():
        errors["rejection_reason"].append(_("Cần ghi lý do không thông qua."))
    phase = initiative.phase
    if phase is not None and phase.campaign_id != campaign.pk:
        errors["phase"].append(_("Giai đoạn “%(phase)s” không thuộc phong trào này.") % {"phase": phase})
    elif phase is None and Phase.objects.filter(campaign=campaign).exists():
        errors["phase"].append(_("Phong trào này chia giai đoạn: cần chọn giai đoạn."))
    for field, messages in _validate_dates(initiative).items():
        errors[field].extend(messages)
    return dict(errors)


DATE_RULE_FIELDS = frozenset({"phase", "unit", "registered_at", "submitted_at", "recognized_on"})


def _errors_about(errors, changed):
    """Only the errors a change is responsible for: an edit is not refused for a flaw it did not touch."""
    relevant = set(changed)
    if relevant & DATE_RULE_FIELDS:
        relevant |= DATE_RULE_FIELDS
    return {field: messages for field, messages in errors.items() if field in relevant}


def _validate_dates(initiative):
    errors = defaultdict(list)
    campaign, phase, unit = initiative.campaign, initiative.phase, initiative.unit
    registered = _local(initiative.registered_at).date()
    if not campaign.starts_on <= registered <= campaign.ends_on:
        errors["registered_at"].append(
            _("Ngày đăng ký %(day)s nằm ngoài thời gian phong trào (%(start)s – %(end)s).")
            % {"day": _d(registered), "start": _d(campaign.starts_on), "end": _d(campaign.ends_on)}
        )
    if not unit.existed_on(registered):
        errors["unit"].append(
            _("Đơn vị “%(unit)s” không hoạt động vào ngày đăng ký %(day)s.") % {"unit": unit, "day": _d(registered)}
        )
    if initiative.submitted_at is not None:
        submitted = _local(initiative.submitted_at).date()
        opens, closes = (phase.opens_on, phase.closes_on) if phase else (campaign.starts_on, campaign.ends_on)
        if not opens <= submitted <= closes:
            errors["submitted_at"].append(
                _("Ngày nộp %(day)s nằm ngoài thời gian nhận sáng kiến (%(start)s – %(end)s).")
                % {"day": _d(submitted), "start": _d(opens), "end": _d(closes)}
            )
        elif initiative.submitted_at < initiative.registered_at:
            errors["submitted_at"].append(_("Thời điểm nộp không thể trước thời điểm đăng ký."))
    if initiative.recognized_on is not None and initiative.recognized_on < registered:
        errors["recognized_on"].append(_("Ngày công nhận không thể trước ngày đăng ký."))
    return dict(errors)


def _local(moment):
    if isinstance(moment, datetime):
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.get_default_timezone())
        return timezone.localtime(moment, timezone.get_default_timezone())
    return moment


def _d(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")
