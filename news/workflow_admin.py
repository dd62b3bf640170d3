"""The admin side of the publishing workflow, shared by articles, videos and web links.

`ReviewedAdmin` keeps the forms, buttons, list actions and filters in line with
`news/services.py`, which decides: editors save and send for review; publishers
publish (or schedule), return with a note, unpublish and restore versions. The
status filter shows the publisher's queue with its count; the "Lịch sử" page
lists the versions, compares two and offers a restore.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from news import revisions, services
from news.models import Status

WORKFLOW_FIELDS = ["submitted_by", "submitted_at", "reviewed_by", "reviewed_at", "created_by"]
ACTION_KEY = "_workflow"
SCHEDULED = "scheduled"
STATUS_PARAMETER = "trang_thai"


class ReviewedForm(forms.ModelForm):
    """Returning something to its editor needs the note that says what to change."""

    def clean(self):
        data = super().clean()
        if "review_note" not in self.fields:
            return data
        if self.data.get(ACTION_KEY) == "return" and not (data.get("review_note") or "").strip():
            self.add_error("review_note", _("Khi trả lại, hãy ghi điều biên tập viên cần sửa."))
        return data


class StatusFilter(admin.SimpleListFilter):
    """Nháp, Chờ duyệt (with how many), Trả lại, Hẹn giờ đăng (for what has a publish time), Đã xuất bản."""

    title = _("trạng thái")
    parameter_name = STATUS_PARAMETER

    def lookups(self, request, model_admin):
        model = model_admin.model
        counts = dict(model._default_manager.values_list("status").annotate(n=Count("pk")).order_by())
        choices = []
        for value, label in Status.choices:
            if value == Status.REVIEW:
                label = _t("%(label)s (%(count)s)") % {"label": label, "count": counts.get(value, 0)}
            choices.append((value, label))
            if value == Status.REVIEW and hasattr(model._default_manager.none(), "scheduled"):
                choices.append((SCHEDULED, _("Hẹn giờ đăng")))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == SCHEDULED:
            return queryset.scheduled()
        if value == Status.PUBLISHED and hasattr(queryset, "scheduled"):
            return queryset.published()
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


class ReviewedAdmin(admin.ModelAdmin):
    form = ReviewedForm
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    object_history_template = "admin/news/versions.html"

    # --- who sees what ------------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "status", *WORKFLOW_FIELDS]
        if not services.can_publish(request.user, self.model):
            fields.append("review_note")
        return list(dict.fromkeys(fields))

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return services.can_publish(request.user, self.model)

    def get_ordering(self, request):
        if request.GET.get(STATUS_PARAMETER) == Status.REVIEW:
            return ["submitted_at", "pk"]  # the queue: oldest first
        return super().get_ordering(request)

    # --- saving -------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        """Save, then make the step the pressed button asks for ("Lưu và gửi duyệt", "Lưu và xuất bản", …)."""
        note = obj.review_note
        action = request.POST.get(ACTION_KEY)
        services.save(obj=obj, by=request.user)
        try:
            message = self._transition(request, obj, action, note=note)
        except ValidationError as error:
            message = None
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        if message is None and not services.can_publish(request.user, obj):
            message = _t("Đã lưu “%(title)s” (%(status)s). Bấm “Lưu và gửi duyệt” khi xong.") % {
                "title": obj,
                "status": obj.status_label(),
            }
        request.workflow_message = message

    def message_user(self, request, message, level=messages.INFO, **kwargs):
        """The form's own "…đã được thay đổi thành công" gives way to what the workflow did."""
        workflow_message = getattr(request, "workflow_message", None)
        if workflow_message and level == messages.SUCCESS:
            request.workflow_message = None
            message = workflow_message
        super().message_user(request, message, level, **kwargs)

    def _transition(self, request, obj, action, *, note=""):
        by = request.user
        if action == "submit":
            services.submit_for_review(obj=obj, by=by)
            return _t("Đã gửi “%(title)s” cho người duyệt.") % {"title": obj}
        if action == "publish":
            services.publish(obj=obj, by=by)
            return published_message(obj)
        if action == "return":
            services.return_to_editor(obj=obj, by=by, note=note)
            return _t("Đã trả lại cho biên tập viên %(name)s.") % {"name": _name(obj.editor)}
        if action == "unpublish":
            if obj.status == Status.PUBLISHED:
                services.unpublish(obj=obj, by=by)
                return _t("Đã gỡ “%(title)s” khỏi trang; bài trở về nháp.") % {"title": obj}
        return None

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_buttons"] = self._buttons(request, obj)
        context["workflow_object"] = obj
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _buttons(self, request, obj):
        status = obj.status if obj is not None and obj.pk else Status.DRAFT
        if services.can_publish(request.user, self.model):
            buttons = [("publish", _("Lưu và xuất bản") if status != Status.PUBLISHED else _("Lưu và cập nhật"))]
            if status == Status.REVIEW:
                buttons.append(("return", _("Trả lại biên tập viên")))
            if status == Status.PUBLISHED:
                buttons.append(("unpublish", _("Gỡ xuống")))
            return buttons
        if status in (Status.DRAFT, Status.RETURNED):
            return [("submit", _("Lưu và gửi duyệt"))]
        return []

    # --- list actions -------------------------------------------------------------

    @admin.action(description=_("Gửi duyệt các mục đã chọn"), permissions=["change"])
    def submit_selected(self, request, queryset):
        done = services.submit_all(objects=queryset, by=request.user)
        self.message_user(request, ngettext("Đã gửi duyệt %d mục.", "Đã gửi duyệt %d mục.", len(done)) % len(done))

    @admin.action(description=_("Xuất bản các mục đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        done = services.publish_all(objects=queryset, by=request.user, model=self.model)
        if len(done) == 1:
            self.message_user(request, published_message(done[0]))
        else:
            self.message_user(request, ngettext("Đã xuất bản %d mục.", "Đã xuất bản %d mục.", len(done)) % len(done))

    @admin.action(description=_("Gỡ các mục đã chọn về nháp"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        done = services.unpublish_all(objects=queryset, by=request.user, model=self.model)
        self.message_user(request, ngettext("Đã gỡ %d mục về nháp.", "Đã gỡ %d mục về nháp.", len(done)) % len(done))

    # --- versions -----------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        records = list(revisions.versions(obj)[:200])
        by_id = {record.history_id: record for record in records}
        newer = by_id.get(_int(request.GET.get("moi"))) or (records[0] if records else None)
        older = by_id.get(_int(request.GET.get("cu"))) or (records[1] if len(records) > 1 else None)
        context = {
            **self.admin_site.each_context(request),
            "title": _t("Các phiên bản: %(title)s") % {"title": obj},
            "subtitle": None,
            "opts": self.model._meta,
            "object": obj,
            "versions": records,
            "newer": newer,
            "older": older,
            "changes": revisions.changes(older, newer) if older and newer else [],
            "can_restore": services.can_publish(request.user, obj),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def restore_view(self, request, object_id, history_id):
        return require_POST(self._restore)(request, object_id, history_id)

    def _restore(self, request, object_id, history_id):
        obj = self.get_object(request, object_id)
        if obj is None or not services.can_publish(request.user, obj):
            raise PermissionDenied
        record = get_object_or_404(obj.history.all(), history_id=history_id)
        was_live = obj.status == Status.PUBLISHED
        services.restore(obj=obj, record=record, by=request.user)
        when = timezone.localtime(record.history_date).strftime("%H:%M %d/%m/%Y")
        if was_live:
            text = _t("Đã khôi phục phiên bản lúc %(when)s; bài chuyển sang Chờ duyệt.") % {"when": when}
        else:
            text = _t("Đã khôi phục phiên bản lúc %(when)s.") % {"when": when}
        self.message_user(request, text, messages.SUCCESS)
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))


def published_message(obj):
    if getattr(obj, "is_scheduled", lambda: False)():
        when = timezone.localtime(obj.published_at).strftime("%H:%M %d/%m/%Y")
        return _t("Đã hẹn giờ đăng lúc %(when)s.") % {"when": when}
    return _t("Đã xuất bản bài “%(title)s”.") % {"title": obj}


def _name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
