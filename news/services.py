"""The editing workflow: the writes that move an article, a video or a web link through review.

Every object with the `Reviewed` fields (news/models/workflow.py) goes the same way:
Nháp → Chờ duyệt → Đã xuất bản, or back to the editor as Trả lại with the
publisher's note. Two groups are created by migration 0002: "Biên tập viên" write
and send for review; "Duyệt bài" also hold the `publish_<model>` permissions
(`news.publish_article`, `news.publish_video`, `news.publish_weblink`). The rules,
enforced here whatever route a request took (change form, list action, a
hand-made POST, the shell):

- only a publisher publishes (now or scheduled), unpublishes, returns or restores;
- an editor's save never changes the state, and an editor cannot change what is
  live or scheduled (its content is what was approved);
- "Xuất bản" on an article whose publish time has passed sets it to now, so a
  draft written last week does not appear back-dated; a future time is kept
  and the article is scheduled ("Hẹn giờ");
- restoring an earlier version of something live takes it back to review;
- e-mails go out only once the change is committed (news/notifications.py).

Each function locks the object's row first, so two people acting on it at the
same moment are served one after the other.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news import notifications
from news.models import Article, Status

EDITORS_GROUP = "Biên tập viên"
PUBLISHERS_GROUP = "Duyệt bài"
PUBLISH_PERMISSION = "news.publish_article"


def publish_permission(obj_or_model):
    meta = obj_or_model._meta
    return f"{meta.app_label}.publish_{meta.model_name}"


def can_publish(user, obj_or_model=Article):
    return bool(user and user.is_active and user.has_perm(publish_permission(obj_or_model)))


def can_edit(user, obj):
    """Whether `user` may change `obj`: anything not live with the change permission; live ones only as publisher."""
    meta = type(obj)._meta
    if not (user and user.is_active and user.has_perm(f"{meta.app_label}.change_{meta.model_name}")):
        return False
    if obj is None or obj.pk is None:
        return True
    return can_publish(user, obj) or _stored_status(obj) != Status.PUBLISHED


@transaction.atomic
def save(*, obj, by):
    """Save `obj` as edited by `by`, in the state it was in: states change only through the transitions below."""
    stored = _lock(obj)
    if obj.pk and not can_edit(by, obj):
        raise PermissionDenied(_("Nội dung đang được đăng; chỉ người duyệt bài được sửa."))
    obj.status = stored if stored is not None else Status.DRAFT
    if obj.pk is None and obj.created_by_id is None:
        obj.created_by = by
    obj.save()
    return obj


@transaction.atomic
def submit_for_review(*, obj, by):
    """Send `obj` to the publishers' queue ("Chờ duyệt") and tell them."""
    stored = _lock(obj)
    if not can_edit(by, obj):
        raise PermissionDenied(_("Bạn không có quyền gửi duyệt nội dung này."))
    if stored not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError(_("Chỉ gửi duyệt được bài nháp hoặc bài bị trả lại."))
    obj.status = Status.REVIEW
    obj.submitted_at = timezone.now()
    obj.submitted_by = by
    obj._change_reason = _("Gửi duyệt")
    obj.save()
    notifications.review_requested(obj)
    return obj


@transaction.atomic
def publish(*, obj, by):
    """Publish `obj` now, or at its publish time if that is still to come; tell its editor."""
    stored = _lock(obj)
    _require_publisher(by, obj)
    if hasattr(obj, "published_at") and stored != Status.PUBLISHED:
        now = timezone.now()
        if obj.published_at is None or obj.published_at <= now:
            obj.published_at = now
    obj.status = Status.PUBLISHED
    obj.reviewed_at = timezone.now()
    obj.reviewed_by = by
    obj.review_note = ""
    obj._change_reason = _("Hẹn giờ đăng") if _is_scheduled(obj) else _("Xuất bản")
    obj.save()
    if stored != Status.PUBLISHED and obj.editor is not None and obj.editor != by:
        notifications.published(obj)
    return obj


@transaction.atomic
def unpublish(*, obj, by):
    """Take `obj` off the site: it becomes a draft again."""
    _lock(obj)
    _require_publisher(by, obj)
    obj.status = Status.DRAFT
    obj._change_reason = _("Gỡ xuống")
    obj.save()
    return obj


@transaction.atomic
def return_to_editor(*, obj, by, note):
    """Send `obj` back to its editor with the publisher's `note` (required)."""
    _lock(obj)
    _require_publisher(by, obj)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"review_note": _("Khi trả lại, hãy ghi điều biên tập viên cần sửa.")})
    obj.status = Status.RETURNED
    obj.review_note = note
    obj.reviewed_at = timezone.now()
    obj.reviewed_by = by
    obj._change_reason = _("Trả lại")
    obj.save()
    if obj.editor is not None and obj.editor != by:
        notifications.returned(obj)
    return obj


@transaction.atomic
def restore(*, obj, record, by):
    """Bring back the content `record` (a version from `obj.history`) kept; something live goes back to review."""
    stored = _lock(obj)
    _require_publisher(by, obj)
    if record.instance.pk != obj.pk:
        raise ValidationError(_("Phiên bản này không thuộc nội dung đang sửa."))
    old = record.instance
    for field in restorable_fields(obj):
        setattr(obj, field, getattr(old, field))
    if stored == Status.PUBLISHED:
        obj.status = Status.REVIEW
        obj.submitted_at = timezone.now()
        obj.submitted_by = by
    obj._change_reason = _("Khôi phục phiên bản lúc %(time)s") % {
        "time": timezone.localtime(record.history_date).strftime("%H:%M %d/%m/%Y")
    }
    obj.save()
    if stored == Status.PUBLISHED:
        notifications.review_requested(obj)
    return obj


def restorable_fields(obj):
    """The content an editor writes: every editable field but the workflow's own."""
    workflow = {"status", "review_note", "slug", "published_at"}
    return [
        field.name
        for field in type(obj)._meta.concrete_fields
        if field.editable and field.name not in workflow and not field.primary_key
    ]


# --- lists of objects (the admin's list actions) -------------------------------------


@transaction.atomic
def publish_all(*, objects, by, model=Article):
    """Publish each of `objects` not yet published; returns them."""
    _require_publisher(by, model)
    return [publish(obj=obj, by=by) for obj in objects if obj.status != Status.PUBLISHED]


@transaction.atomic
def unpublish_all(*, objects, by, model=Article):
    """Withdraw each of `objects` that is published; returns them."""
    _require_publisher(by, model)
    return [unpublish(obj=obj, by=by) for obj in objects if obj.status == Status.PUBLISHED]


@transaction.atomic
def submit_all(*, objects, by):
    """Send each draft or returned one of `objects` for review; returns them."""
    return [submit_for_review(obj=obj, by=by) for obj in objects if obj.status in (Status.DRAFT, Status.RETURNED)]


def _require_publisher(user, obj_or_model):
    if not can_publish(user, obj_or_model):
        raise PermissionDenied(_("Bạn không có quyền duyệt và xuất bản."))


def _lock(obj):
    """Lock `obj`'s row (if saved) and return the state stored in the database, not what an edit says."""
    if obj.pk is None:
        return None
    return type(obj)._default_manager.select_for_update().filter(pk=obj.pk).values_list("status", flat=True).first()


def _stored_status(obj):
    return type(obj)._default_manager.filter(pk=obj.pk).values_list("status", flat=True).first()


def _is_scheduled(obj):
    return getattr(obj, "is_scheduled", lambda: False)()
