"""The rules of the campaign, each written once: the services, the importer, the workflow and the admin forms
call these functions.

Each rule is a function that returns what is wrong as a Vietnamese message fragment ("ngày nộp 02/06/2022 nằm
ngoài …"), or None when the rule holds; it reads nothing from the database and writes nothing. The importer
puts the fragment after "Dòng 7, cột ngay_nop: "; forms and services show it as a sentence (`sentence`).
`initiative_errors` applies every rule to an initiative about to be saved.
"""

from collections import defaultdict
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import Initiative, Target, Unit

Status = Initiative.Status

KEY_LENGTH = Initiative._meta.get_field("key").max_length


def sentence(fragment):
    """A rule's message as a sentence on its own."""
    return capfirst(fragment)


# --- Campaigns and phases ---------------------------------------------------------------------------------------


def phase_of_campaign(phase, campaign_id):
    """A phase belongs to the campaign it is used with."""
    if phase is not None and phase.campaign_id != campaign_id:
        return _("giai đoạn “%(phase)s” không thuộc phong trào này.") % {"phase": phase}
    return None


def phase_chosen(phase, campaign_has_phases):
    """In a campaign split into phases, every initiative names its phase."""
    if phase is None and campaign_has_phases:
        return _("phong trào này chia giai đoạn: cần chọn giai đoạn.")
    return None


# --- Dates ------------------------------------------------------------------------------------------------------


def not_in_future(day, today):
    if today is not None and day > today:
        return _("ngày %(day)s ở tương lai.") % {"day": short_date(day)}
    return None


def registration_day(day, campaign, phase=None, *, today=None):
    """Registered inside the campaign, not after the phase closes (and not in the future, when `today` is given)."""
    if message := not_in_future(day, today):
        return message
    if not campaign.starts_on <= day <= campaign.ends_on:
        return _("ngày đăng ký %(day)s nằm ngoài thời gian phong trào (%(start)s – %(end)s).") % {
            "day": short_date(day),
            "start": short_date(campaign.starts_on),
            "end": short_date(campaign.ends_on),
        }
    if phase is not None and day > phase.closes_on:
        return _("ngày đăng ký %(day)s sau ngày đóng nhận giai đoạn %(number)s (%(closes)s).") % {
            "day": short_date(day),
            "number": phase.number,
            "closes": short_date(phase.closes_on),
        }
    return None


def submission_day(day, campaign, phase=None, *, today=None):
    """Submitted inside the phase's window (the campaign's when it has no phases)."""
    if message := not_in_future(day, today):
        return message
    if phase is not None:
        if not phase.opens_on <= day <= phase.closes_on:
            return _("ngày nộp %(day)s nằm ngoài thời gian giai đoạn %(number)s (%(opens)s – %(closes)s).") % {
                "day": short_date(day),
                "number": phase.number,
                "opens": short_date(phase.opens_on),
                "closes": short_date(phase.closes_on),
            }
    elif not campaign.starts_on <= day <= campaign.ends_on:
        return _("ngày nộp %(day)s nằm ngoài thời gian phong trào (%(start)s – %(end)s).") % {
            "day": short_date(day),
            "start": short_date(campaign.starts_on),
            "end": short_date(campaign.ends_on),
        }
    return None


def submitted_after_registered(submitted, registered):
    """Submission does not come before registration (dates or moments)."""
    if submitted is not None and registered is not None and submitted < registered:
        return _("ngày nộp %(submitted)s trước ngày đăng ký %(registered)s.") % {
            "submitted": short_date(local_day(submitted)),
            "registered": short_date(local_day(registered)),
        }
    return None


def submission_date_for_status(status, submitted_on):
    """An initiative from "đã nộp" on has a submission date; one only registered has none."""
    if status == Status.DANG_KY and submitted_on is not None:
        return _("sáng kiến mới đăng ký (chưa nộp) thì bỏ trống ngày nộp.")
    if status != Status.DANG_KY and submitted_on is None:
        return _("ngày nộp bắt buộc với trạng thái “%(status)s”.") % {"status": Status(status).label}
    return None


def recognition_day(recognized_on, registered_on, *, today=None):
    """Staff record an initiative's recognition on or after its registration, never in the future."""
    if recognized_on is None:
        return None
    if message := not_in_future(recognized_on, today):
        return message
    if registered_on is not None and recognized_on < registered_on:
        return _("ngày công nhận %(day)s trước ngày đăng ký %(registered)s.") % {
            "day": short_date(recognized_on),
            "registered": short_date(registered_on),
        }
    return None


def member_recognition_day(recognized_on, campaign, *, today=None):
    """A member files an initiative online once it has been recognised, so its recognition may come before its
    registration here; it still falls inside the campaign and not in the future."""
    if recognized_on is None:
        return None
    if message := not_in_future(recognized_on, today):
        return message
    if recognized_on < campaign.starts_on:
        return _("ngày công nhận %(day)s trước ngày bắt đầu phong trào %(start)s.") % {
            "day": short_date(recognized_on),
            "start": short_date(campaign.starts_on),
        }
    return None


# --- Units ------------------------------------------------------------------------------------------------------


def unit_active(unit, day):
    """An initiative is filed under a unit that existed on the day it was registered."""
    if not unit.existed_on(day):
        return _("đơn vị “%(unit)s” (mã %(code)s) không hoạt động vào ngày đăng ký %(day)s.") % {
            "unit": unit.name,
            "code": unit.code,
            "day": short_date(day),
        }
    return None


# --- The initiative's own fields --------------------------------------------------------------------------------


def title_given(title):
    """An initiative has a title."""
    if not (title or "").strip():
        return _("cần nhập tên sáng kiến.")
    return None


def key_length(key):
    """An initiative's key (mã sáng kiến) fits the column it is stored in."""
    if len(key or "") > KEY_LENGTH:
        return _("mã sáng kiến dài tối đa %(n)s ký tự.") % {"n": KEY_LENGTH}
    return None


# Authors an initiative may name, whoever enters it (the staff's import, the member's form).
MAX_AUTHORS = 20


def authors_given(count):
    """An initiative has at least one author."""
    if count < 1:
        return _("sáng kiến cần ít nhất một tác giả.")
    return None


def rejection_reason(status, reason):
    """ "Không được thông qua" needs a written reason."""
    if status == Status.KHONG_THONG_QUA and not (reason or "").strip():
        return _("cần ghi lý do không thông qua.")
    return None


def return_note(status, note):
    """ "Trả lại để bổ sung" needs a note of what the author must add."""
    if status == Status.TRA_LAI and not (note or "").strip():
        return _("cần ghi những gì tác giả phải bổ sung.")
    return None


def choice(value, choices, what):
    if value not in choices.values:
        return _("%(what)s “%(value)s” không hợp lệ.") % {"what": what, "value": value}
    return None


def whole_amount(value):
    """A benefit value is a whole, non-negative number of đồng."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        return _("giá trị làm lợi phải là số nguyên không âm (đồng).")
    return None


# --- Union units ------------------------------------------------------------------------------------------------


def unit_code(code):
    """A unit's code is what the model's `code` field accepts (a slug of at most 40 characters): the field's own
    validators are the rule, so the admin form and the importer cannot disagree."""
    field = Unit._meta.get_field("code")
    try:
        field.run_validators(code)
    except ValidationError:
        return _("mã “%(code)s” chỉ gồm chữ cái không dấu, chữ số, gạch ngang hoặc gạch dưới, tối đa %(n)s ký tự.") % {
            "code": code,
            "n": field.max_length,
        }
    return None


def unit_dates(valid_from, valid_to):
    """A unit stops existing on or after the day it started (the database holds the same rule as a constraint)."""
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        return _("ngày ngừng hoạt động %(to)s trước ngày bắt đầu hoạt động %(from)s.") % {
            "to": short_date(valid_to),
            "from": short_date(valid_from),
        }
    return None


def unit_not_beneath_itself(unit, parent_and_above):
    """A unit is never placed beneath itself: `parent_and_above` is the proposed parent and every unit above it
    (primary keys or codes, the same kind as `unit`; None for a unit not saved yet)."""
    if unit is not None and unit in parent_and_above:
        return _("không thể đặt đơn vị làm cấp dưới của chính nó.")
    return None


def head_count(value):
    """Numbers of members and workers are whole and not negative."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return _("phải là số nguyên không âm.")
    return None


# --- Targets ----------------------------------------------------------------------------------------------------


def target_kind(kind):
    """Target kinds are those of `Target.Kind` (chỉ tiêu, kế hoạch)."""
    return choice(kind, Target.Kind, _("loại chỉ tiêu"))


def target_value(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return _("chỉ tiêu phải là số nguyên không âm.")
    return None


# --- All of them for one initiative -----------------------------------------------------------------------------

# Fields whose rules depend on each other: changing one re-checks them all.
DATE_RULE_FIELDS = frozenset({"phase", "unit", "registered_at", "submitted_at", "recognized_on"})


def initiative_errors(initiative, *, campaign_has_phases):
    """Every rule applied to an initiative about to be saved, as {field: [sentence, …]}."""
    errors = defaultdict(list)
    campaign, phase = initiative.campaign, initiative.phase

    def add(field, fragment):
        if fragment:
            errors[field].append(sentence(fragment))

    add("title", title_given(initiative.title))
    add("key", key_length(initiative.key))
    add("kind", choice(initiative.kind, Initiative.Kind, _("loại giải pháp")))
    add("sector", choice(initiative.sector, Initiative.Sector, _("khu vực")))
    if initiative.recognized_by:
        add("recognized_by", choice(initiative.recognized_by, Initiative.Recognizer, _("cấp công nhận")))
    add("benefit_value", whole_amount(initiative.benefit_value))
    add("rejection_reason", rejection_reason(initiative.status, initiative.rejection_reason))
    add("phase", phase_of_campaign(phase, campaign.pk) or phase_chosen(phase, campaign_has_phases))
    for field, messages in date_errors(initiative).items():
        errors[field].extend(messages)
    return dict(errors)


def date_errors(initiative):
    """The date rules of an initiative, as {field: [sentence, …]}."""
    errors = defaultdict(list)
    campaign, unit = initiative.campaign, initiative.unit
    phase = initiative.phase if phase_of_campaign(initiative.phase, campaign.pk) is None else None
    registered = local_day(initiative.registered_at)

    def add(field, fragment):
        if fragment:
            errors[field].append(sentence(fragment))

    add("registered_at", registration_day(registered, campaign))
    add("unit", unit_active(unit, registered))
    if initiative.submitted_at is not None:
        add(
            "submitted_at",
            submission_day(local_day(initiative.submitted_at), campaign, phase)
            or submitted_after_registered(
                local_moment(initiative.submitted_at), local_moment(initiative.registered_at)
            ),
        )
    if initiative.submitted_by_id is None:
        add("recognized_on", recognition_day(initiative.recognized_on, registered))
    else:
        add("recognized_on", member_recognition_day(initiative.recognized_on, campaign))
    return dict(errors)


def errors_about(errors, changed):
    """Only the errors a change is responsible for: an edit is not refused for a flaw it did not touch."""
    relevant = set(changed)
    if relevant & DATE_RULE_FIELDS:
        relevant |= DATE_RULE_FIELDS
    return {field: messages for field, messages in errors.items() if field in relevant}


# --- Reading dates ----------------------------------------------------------------------------------------------


def local_moment(moment):
    """A moment in the site's time zone (a naive one is taken as local time); a date stays a date."""
    if isinstance(moment, datetime):
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.get_default_timezone())
        return timezone.localtime(moment, timezone.get_default_timezone())
    return moment


def local_day(moment):
    moment = local_moment(moment)
    return moment.date() if isinstance(moment, datetime) else moment


def short_date(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def recognition_errors(fields):
    """A member's initiative counts only once recognised: by whom, the decision's number and its date."""
    errors = {}
    if fields.get("recognized_by") not in Initiative.Recognizer.values:
        errors["recognized_by"] = [_("Chọn cấp công nhận sáng kiến.")]
    if not (fields.get("recognition_number") or "").strip():
        errors["recognition_number"] = [_("Nhập số quyết định công nhận.")]
    if fields.get("recognized_on") is None:
        errors["recognized_on"] = [_("Nhập ngày công nhận.")]
    return errors
