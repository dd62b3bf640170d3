"""Initiatives in the admin: every save and every workflow step goes through the services.

An initiative form is saved in `save_related` (so that the authors from the inline arrive with it); when the
services refuse it, the whole save is rolled back and the form is shown again with the services' messages on it.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import backlog, scopes, services
from ..models import Author as AuthorModel
from ..models import Initiative, Phase, StatusChange
from .importing import ImportingMixin
from .scoping import ScopedAdmin, ScopedUnitListFilter

Status = Initiative.Status


SERVICE_ERRORS_ATTR = "_initiative_service_errors"
MAX_LISTED_REFUSALS = 20


class _ServiceRefused(Exception):
    def __init__(self, error):
        super().__init__(error)
        self.error = error


class AuthorInline(admin.TabularInline):
    model = AuthorModel
    extra = 1
    min_num = 1
    fields = ["name", "position", "workplace", "order"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields
    ordering = ["changed_at", "id"]
    verbose_name_plural = gettext_lazy("lịch sử trạng thái")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PhaseNumberFilter(admin.SimpleListFilter):
    title = gettext_lazy("giai đoạn")
    parameter_name = "giai_doan"

    def lookups(self, request, model_admin):
        numbers = Phase.objects.order_by("number").values_list("number", flat=True).distinct()
        return [(str(n), _("Giai đoạn %(number)s") % {"number": n}) for n in numbers]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(phase__number=int(self.value()))
        return queryset


class WaitingFilter(admin.SimpleListFilter):
    """Initiatives waiting for review in the units the user manages; "aged" ones first waited longest."""

    title = gettext_lazy("chờ xét")
    parameter_name = "cho-xet"

    def lookups(self, request, model_admin):
        return [
            ("dang-cho", _("Đang chờ xét (đã nộp, đang xét)")),
            ("qua-han", _("Chờ quá %(days)s ngày") % {"days": backlog.aged_days()}),
        ]

    def queryset(self, request, queryset):
        if self.value() == "dang-cho":
            return queryset.awaiting_review().order_by("submitted_at")
        if self.value() == "qua-han":
            return queryset.awaiting_review().filter(submitted_at__lt=backlog.aged_before()).order_by("submitted_at")
        return queryset


class TransitionActionForm(ActionForm):
    reason = forms.CharField(
        label=gettext_lazy("Lý do (khi không thông qua hoặc trả lại để bổ sung)"),
        required=False,
        widget=forms.TextInput(attrs={"size": 40}),
    )


def _transition_action(to_status):
    label = Status(to_status).label

    @admin.action(permissions=["change"], description=format_lazy(gettext_lazy("Chuyển sang “{}”"), label))
    def action(modeladmin, request, queryset):
        modeladmin.transition_selected(request, queryset, to_status)

    action.__name__ = f"chuyen_{to_status}"
    return action


@admin.register(Initiative)
class InitiativeAdmin(ImportingMixin, ScopedAdmin):
    change_list_template = "admin/initiatives/initiative/change_list.html"
    action_form = TransitionActionForm
    inlines = [AuthorInline, StatusChangeInline]
    list_display = ["key", "title", "unit", "phase", "status_badge", "kind", "sector", "registered_on", "submitted_on"]
    list_display_links = ["key", "title"]
    list_filter = [
        "campaign",
        PhaseNumberFilter,
        "status",
        WaitingFilter,
        "kind",
        "sector",
        ("unit", ScopedUnitListFilter),
    ]
    list_select_related = ["unit", "phase", "campaign"]
    search_fields = ["key", "title", "authors__name"]
    date_hierarchy = None
    list_per_page = 50
    actions = [_transition_action(status) for status in Status.values if status != Status.DANG_KY]
    fieldsets = [
        (None, {"fields": ["campaign", "phase", "unit", "key", "title", "kind", "sector"]}),
        (gettext_lazy("Nội dung"), {"fields": ["summary", "effect", "benefit_value"]}),
        (
            gettext_lazy("Công nhận"),
            {"fields": ["recognized_by", "recognition_number", "recognized_on", "confidential", "attachment_links"]},
        ),
        (
            gettext_lazy("Trạng thái"),
            {"fields": ["status", "registered_at", "submitted_at", "rejection_reason"]},
        ),
    ]

    def get_inlines(self, request, obj):
        return [AuthorInline] if obj is None else [AuthorInline, StatusChangeInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "phase":
            kwargs["queryset"] = Phase.objects.select_related("campaign").order_by("-campaign__starts_on", "number")
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda phase: f"{phase.campaign} — {phase}"
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # Status, submission time and reason move only through the workflow actions.
        readonly = ["status", "submitted_at", "rejection_reason", "attachment_links"]
        if obj is not None:
            readonly.append("campaign")
        return readonly

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    name,
                    {
                        "fields": [
                            f
                            for f in opts["fields"]
                            if f not in {"status", "submitted_at", "rejection_reason", "attachment_links"}
                        ]
                    },
                )
                for name, opts in self.fieldsets
            ]
        return self.fieldsets

    @admin.display(description=gettext_lazy("tệp đính kèm"))
    def attachment_links(self, obj):
        """The files a member filed with it; each link checks who asks (`scopes.may_read_attachment`)."""
        files = list(obj.attachments.all()) if obj and obj.pk else []
        if not files:
            return "—"
        return format_html_join(
            format_html("<br>"), '<a href="{}">{}</a>', ((f.get_absolute_url(), f.name) for f in files)
        )

    @admin.display(description=gettext_lazy("trạng thái"), ordering="status")
    def status_badge(self, obj):
        return obj.get_status_display()

    @admin.display(description=gettext_lazy("ngày đăng ký"), ordering="registered_at")
    def registered_on(self, obj):
        return timezone.localtime(obj.registered_at).date() if obj.registered_at else None

    @admin.display(description=gettext_lazy("ngày nộp"), ordering="submitted_at")
    def submitted_on(self, obj):
        return timezone.localtime(obj.submitted_at).date() if obj.submitted_at else None

    # Saving through the services ------------------------------------------------------------------------------

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None and "key" in form.base_fields:
            form.base_fields["key"].required = False
            form.base_fields["key"].help_text = _("Để trống: hệ thống tự đặt mã.")
        refused = getattr(request, SERVICE_ERRORS_ATTR, None)
        if refused is None:
            return form

        class RefusedForm(form):
            def clean(self):
                cleaned = super().clean()
                if hasattr(refused, "error_dict"):
                    for field, errors in refused.error_dict.items():
                        self.add_error(field if field in self.fields else None, errors)
                else:
                    self.add_error(None, refused)
                return cleaned

        return RefusedForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _ServiceRefused as refused:
            # The save was rolled back; show the same form again with the services' reasons.
            setattr(request, SERVICE_ERRORS_ATTR, refused.error)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Nothing yet: the initiative is written with its authors in `save_related`."""
        if not scopes.can_manage(request.user, obj.unit):
            raise PermissionDenied

    def save_related(self, request, form, formsets, change):
        authors = _authors_from(formsets)
        fields = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in services.EDITABLE_FIELDS and name in form.cleaned_data
        }
        try:
            if change:
                author_changed = any(fs.has_changed() for fs in formsets if fs.model is AuthorModel)
                saved = services.update_initiative(
                    by=request.user,
                    initiative=form.instance,
                    authors=authors if author_changed else None,
                    **fields,
                )
            else:
                data = form.cleaned_data
                extra = {
                    name: data[name]
                    for name in (
                        "summary",
                        "effect",
                        "benefit_value",
                        "recognized_by",
                        "recognized_on",
                        "recognition_number",
                        "confidential",
                        "registered_at",
                    )
                    if name in data and data[name] not in (None, "")
                }
                saved = services.create_initiative(
                    by=request.user,
                    campaign=data["campaign"],
                    phase=data.get("phase"),
                    unit=data["unit"],
                    key=data.get("key", ""),
                    title=data["title"],
                    kind=data["kind"],
                    sector=data["sector"],
                    authors=authors,
                    **extra,
                )
        except ValidationError as error:
            raise _ServiceRefused(error) from error
        for formset in formsets:
            # The authors were written by the services; the admin's change message reads these lists.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for field in Initiative._meta.concrete_fields:
            setattr(form.instance, field.attname, getattr(saved, field.attname))

    def delete_model(self, request, obj):
        services.delete_initiative(by=request.user, initiative=obj)

    def delete_queryset(self, request, queryset):
        for initiative in queryset:
            services.delete_initiative(by=request.user, initiative=initiative)

    # Workflow actions -----------------------------------------------------------------------------------------

    def transition_selected(self, request, queryset, to_status):
        reason = request.POST.get("reason", "").strip()
        moved, refused = 0, []
        for initiative in queryset.select_related("unit"):
            if not scopes.can_manage(request.user, initiative.unit):
                continue
            try:
                services.transition(by=request.user, initiative=initiative, to_status=to_status, reason=reason)
                moved += 1
            except ValidationError as error:
                refused.append((initiative, " ".join(error.messages)))
        label = Status(to_status).label
        if moved:
            self.message_user(
                request,
                _("Đã chuyển %(count)s sáng kiến sang “%(status)s”.") % {"count": moved, "status": label},
                messages.SUCCESS,
            )
        for initiative, message in refused[:MAX_LISTED_REFUSALS]:
            self.message_user(
                request,
                _("Không chuyển “%(key)s – %(title)s”: %(reason)s")
                % {"key": initiative.key, "title": initiative.title, "reason": message},
                messages.ERROR,
            )
        if len(refused) > MAX_LISTED_REFUSALS:
            self.message_user(
                request,
                _("… và %(count)s sáng kiến khác cũng không chuyển được.")
                % {"count": len(refused) - MAX_LISTED_REFUSALS},
                messages.ERROR,
            )


def _authors_from(formsets):
    authors = []
    for formset in formsets:
        if formset.model is not AuthorModel:
            continue
        rows = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not (data.get("name") or "").strip():
                continue
            rows.append(
                (
                    data.get("order") or 0,
                    len(rows),
                    data["name"].strip(),
                    (data.get("position") or "").strip(),
                    (data.get("workplace") or "").strip(),
                )
            )
        authors += [(name, position, workplace) for _order, _i, name, position, workplace in sorted(rows)]
    return authors
