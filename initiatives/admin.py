"""Staff screens for the initiatives campaigns, scoped by union unit (see initiatives/scopes.py).

- Superusers and the group "Quản trị sáng kiến tỉnh" see and change everything.
- A staff account with a StaffScope sees and changes only its unit's subtree: lists are filtered, unit choices
  are limited, and an object outside the subtree answers 404 (as if it did not exist), never its data.
- A staff account with neither sees nothing of the initiatives.

Every write goes through initiatives/services.py. An initiative form is saved in `save_related` (so that the
authors from the inline arrive with it); when the services refuse it, the whole save is rolled back and the
form is shown again with the services' messages on it.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import importer, scopes, services
from .models import Author as AuthorModel
from .models import Campaign, Initiative, Phase, StaffScope, StatusChange, Target, Unit

Status = Initiative.Status
SERVICE_ERRORS_ATTR = "_initiative_service_errors"
MAX_LISTED_REFUSALS = 20


class _ServiceRefused(Exception):
    def __init__(self, error):
        super().__init__(error)
        self.error = error


# --- scoping --------------------------------------------------------------------------------------------------


class ScopedUnitListFilter(admin.RelatedFieldListFilter):
    """The unit filter offers only the units the user may see."""

    def field_choices(self, field, request, model_admin):
        return [(u.pk, _indented(u)) for u in scopes.units_for(request.user).order_by("path")]


def _indented(unit):
    return "— " * unit.depth + str(unit)


class ScopedAdmin(admin.ModelAdmin):
    """Rows tied to a union unit through `unit_field`: visible and changeable only inside the user's units."""

    unit_field = "unit"

    def unit_of(self, obj):
        return getattr(obj, self.unit_field)

    def get_queryset(self, request):
        return scopes.restrict(super().get_queryset(request), request.user, field=self.unit_field)

    def in_scope(self, request, obj):
        return obj is None or scopes.can_manage(request.user, self.unit_of(obj))

    def has_module_permission(self, request):
        return scopes.has_any_scope(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return (
            scopes.has_any_scope(request.user)
            and super().has_view_permission(request, obj)
            and self.in_scope(request, obj)
        )

    def has_add_permission(self, request):
        return scopes.has_any_scope(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return (
            scopes.has_any_scope(request.user)
            and super().has_change_permission(request, obj)
            and self.in_scope(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return (
            scopes.has_any_scope(request.user)
            and super().has_delete_permission(request, obj)
            and self.in_scope(request, obj)
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Unit:
            kwargs["queryset"] = scopes.units_for(request.user).order_by("path")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _object_or_404(self, request, object_id):
        if object_id is not None and self.get_object(request, unquote(object_id)) is None:
            raise Http404(_("Không tìm thấy mục này."))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._object_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._object_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)


# --- units ----------------------------------------------------------------------------------------------------


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "name",
            "short_name",
            "code",
            "kind",
            "parent",
            "order",
            "member_count",
            "worker_count",
            "valid_from",
            "valid_to",
            "merged_into",
        ]

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is None and not self.sees_everything:
            raise ValidationError(_("Chọn đơn vị cấp trên trong phạm vi quản lý của tài khoản."))
        return parent


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    form = UnitForm
    list_display = ["tree_name", "code", "kind", "member_count", "worker_count", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "short_name"]
    ordering = ["path"]
    list_per_page = 200
    fields = UnitForm.Meta.fields

    def unit_of(self, obj):
        return obj

    def get_queryset(self, request):
        return scopes.restrict(admin.ModelAdmin.get_queryset(self, request), request.user, field=None)

    @admin.display(description=gettext_lazy("đơn vị"), ordering="path")
    def tree_name(self, obj):
        return format_html('<span style="padding-left:{}em">{}</span>', obj.depth * 1.5, obj.name)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.sees_everything = scopes.sees_everything(request.user)
        return form

    def has_change_permission(self, request, obj=None):
        # A unit officer never edits the unit that bounds their own scope (it belongs to the level above).
        if obj is not None and not scopes.sees_everything(request.user) and obj == scopes.scope_unit(request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not scopes.sees_everything(request.user) and obj == scopes.scope_unit(request.user):
            return False
        return super().has_delete_permission(request, obj)


# --- campaigns ------------------------------------------------------------------------------------------------


class ProvincialAdmin(admin.ModelAdmin):
    """Written only by those who see every unit; read by every initiatives staff account
    (or, with `read_needs_everything`, only by those who see every unit)."""

    read_needs_everything = False

    def _may_read(self, request):
        user = request.user
        return scopes.sees_everything(user) if self.read_needs_everything else scopes.has_any_scope(user)

    def has_module_permission(self, request):
        return self._may_read(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._may_read(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return scopes.sees_everything(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return scopes.sees_everything(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return scopes.sees_everything(request.user) and super().has_delete_permission(request, obj)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["number", "name", "opens_on", "closes_on"]


@admin.register(Campaign)
class CampaignAdmin(ProvincialAdmin):
    """Campaigns are shared by every unit: anyone with a scope reads them; changing them is for the province."""

    inlines = [PhaseInline]
    list_display = ["name", "issuer", "starts_on", "ends_on", "national_target", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {}
    fields = [
        "name",
        "slug",
        "issuer",
        "description",
        "starts_on",
        "ends_on",
        "national_target",
        "root_unit",
        "is_public",
    ]


# --- targets --------------------------------------------------------------------------------------------------


@admin.register(Target)
class TargetAdmin(ScopedAdmin):
    list_display = ["unit", "campaign", "phase", "kind", "value"]
    list_editable = ["value"]
    list_filter = ["campaign", "kind", ("unit", ScopedUnitListFilter)]
    list_select_related = ["unit", "campaign", "phase"]
    search_fields = ["unit__name", "unit__code"]
    fields = ["unit", "campaign", "phase", "kind", "value"]

    def get_readonly_fields(self, request, obj=None):
        # What a target is for never changes; only its value does (set_target keys on the rest).
        return ["unit", "campaign", "phase", "kind"] if obj is not None else []

    def in_scope(self, request, obj):
        return obj is None or scopes.can_set_target(request.user, obj.unit, obj.kind)

    def has_view_permission(self, request, obj=None):
        # Reading a target only needs the unit in scope (an officer reads the quota handed down to them).
        if obj is not None and not scopes.can_manage(request.user, obj.unit):
            return False
        return scopes.has_any_scope(request.user) and admin.ModelAdmin.has_view_permission(self, request, obj)

    def save_model(self, request, obj, form, change):
        if not scopes.can_set_target(request.user, obj.unit, obj.kind):
            raise PermissionDenied
        saved = services.set_target(
            unit=obj.unit, campaign=obj.campaign, phase=obj.phase, kind=obj.kind, value=obj.value
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        obj.delete()


# --- initiatives ----------------------------------------------------------------------------------------------


class AuthorInline(admin.TabularInline):
    model = AuthorModel
    extra = 1
    min_num = 1
    fields = ["name", "position", "order"]


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


class TransitionActionForm(ActionForm):
    reason = forms.CharField(
        label=gettext_lazy("Lý do (khi không thông qua)"),
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
class InitiativeAdmin(ScopedAdmin):
    change_list_template = "admin/initiatives/initiative/change_list.html"
    action_form = TransitionActionForm
    inlines = [AuthorInline, StatusChangeInline]
    list_display = ["key", "title", "unit", "phase", "status_badge", "kind", "sector", "registered_on", "submitted_on"]
    list_display_links = ["key", "title"]
    list_filter = [
        "campaign",
        PhaseNumberFilter,
        "status",
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
        (gettext_lazy("Công nhận"), {"fields": ["recognized_by", "recognized_on"]}),
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
        readonly = ["status", "submitted_at", "rejection_reason"]
        if obj is not None:
            readonly.append("campaign")
        return readonly

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    name,
                    {"fields": [f for f in opts["fields"] if f not in {"status", "submitted_at", "rejection_reason"}]},
                )
                for name, opts in self.fieldsets
            ]
        return self.fieldsets

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

    # Import from a spreadsheet --------------------------------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("nhap-tu-tep/", self.admin_site.admin_view(self.import_view), name=f"{prefix}_import"),
            path(
                "nhap-tu-tep/mau.<str:extension>",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{prefix}_import_template",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        result = file_error = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    result = importer.import_initiatives(
                        fp=upload,
                        filename=upload.name,
                        campaign=form.cleaned_data["campaign"],
                        by=request.user,
                        dry_run=form.cleaned_data["dry_run"],
                    )
                except importer.ImportFileError as error:
                    file_error = str(error)
                if result is not None and result.ok:
                    self.message_user(request, result.summary(), messages.SUCCESS)
        else:
            form = ImportForm(initial={"campaign": Campaign.objects.first()})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Nhập sáng kiến từ tệp"),
            "form": form,
            "result": result,
            "file_error": file_error,
            "columns": importer.COLUMNS,
            "max_rows": importer.max_rows(),
            "max_megabytes": importer.max_bytes() // (1024 * 1024),
            "shown_errors": result.errors[: importer.MAX_SHOWN_ERRORS] if result else [],
            "hidden_errors": max(0, len(result.errors) - importer.MAX_SHOWN_ERRORS) if result else 0,
            "changelist_url": reverse("admin:initiatives_initiative_changelist"),
        }
        return TemplateResponse(request, "admin/initiatives/initiative/import.html", context)

    def import_template_view(self, request, extension):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if extension == "xlsx":
            response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            importer.write_template_xlsx(response, units=scopes.units_for(request.user).order_by("path"))
        elif extension == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            importer.write_template_csv(response)
        else:
            raise Http404
        response["Content-Disposition"] = f'attachment; filename="mau-nhap-sang-kien.{extension}"'
        return response


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
            rows.append((data.get("order") or 0, len(rows), data["name"].strip(), (data.get("position") or "").strip()))
        authors += [(name, position) for _order, _i, name, position in sorted(rows)]
    return authors


class ImportForm(forms.Form):
    campaign = forms.ModelChoiceField(label=gettext_lazy("Phong trào"), queryset=Campaign.objects.all())
    file = forms.FileField(
        label=gettext_lazy("Tệp XLSX hoặc CSV"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Chỉ kiểm tra (không ghi)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = importer.max_bytes()
        if upload.size > limit:
            raise ValidationError(
                _("Tệp quá lớn: tối đa %(mb)s MB. Hãy chia thành nhiều tệp nhỏ hơn.") % {"mb": limit // (1024 * 1024)}
            )
        return upload


# --- who manages which unit -----------------------------------------------------------------------------------


@admin.register(StaffScope)
class StaffScopeAdmin(ProvincialAdmin):
    """Only those who see everything hand out scopes (a scoped officer must not widen their own)."""

    list_display = ["user", "unit"]
    search_fields = ["user__username", "unit__name", "unit__code"]
    autocomplete_fields = []
    list_select_related = ["user", "unit"]

    read_needs_everything = True
