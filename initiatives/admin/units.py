"""Union units in the admin, and their import from a spreadsheet (provincial administrators only)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import scopes
from ..importing import templates as import_templates
from ..importing import units as unit_import
from ..models import Campaign, Unit
from .importing import ImportPageMixin, UploadForm, handle_upload, import_page
from .scoping import ScopedAdmin


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


class UnitImportForm(UploadForm):
    campaign = forms.ModelChoiceField(
        label=gettext_lazy("Phong trào (để xếp đơn vị vào cụm thi đua)"),
        queryset=Campaign.objects.all(),
        required=False,
        empty_label=gettext_lazy("— Không xếp cụm —"),
        help_text=gettext_lazy("Chỉ cần khi tệp có cột ma_cum, ten_cum."),
    )
    field_order = ["campaign", "file"]


class UnitImportMixin(ImportPageMixin):
    """The units' "Nhập từ tệp" page and its templates: the whole tree is the province's, so only those who see
    every unit (superusers, "Quản trị sáng kiến tỉnh") may import it, as they alone manage clusters."""

    def has_import_permission(self, request):
        return (
            scopes.sees_everything(request.user)
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "has_import_permission": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form, result, file_error = handle_upload(
            self,
            request,
            UnitImportForm,
            lambda upload, data: unit_import.import_units(fp=upload, filename=upload.name, campaign=data["campaign"]),
        )
        return import_page(
            self,
            request,
            "admin/initiatives/unit/import.html",
            title=_("Nhập đơn vị công đoàn từ tệp"),
            form=form,
            result=result,
            file_error=file_error,
            columns=unit_import.COLUMNS,
            required_header=unit_import.REQUIRED_HEADER,
        )

    template_name = "mau-nhap-don-vi"

    def write_template(self, request, response, extension):
        if extension == "xlsx":
            units = Unit.objects.select_related("parent").order_by("path")
            import_templates.write_unit_template_xlsx(response, units=units)
        else:
            import_templates.write_unit_template_csv(response)


@admin.register(Unit)
class UnitAdmin(UnitImportMixin, ScopedAdmin):
    form = UnitForm
    change_list_template = "admin/initiatives/unit/change_list.html"
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
