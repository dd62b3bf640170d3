"""Emulation clusters (cụm, khối thi đua) in the admin: provincial administrators name them, list their units,
or import them from a spreadsheet (columns ma_cum, ten_cum, ma_don_vi)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..importing import clusters as cluster_import
from ..models import Campaign, Cluster, ClusterMember, Unit
from .importing import UploadForm, handle_upload, import_page
from .scoping import ProvincialAdmin, _indented


class ClusterMemberFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            unit = data.get("unit")
            if unit is None or data.get("DELETE"):
                continue
            if unit.pk in seen:
                raise ValidationError(_("Đơn vị “%(unit)s” được chọn hai lần.") % {"unit": unit})
            seen.add(unit.pk)


class ClusterMemberInline(admin.TabularInline):
    model = ClusterMember
    formset = ClusterMemberFormSet
    extra = 3
    fields = ["unit"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = Unit.objects.order_by("path")
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = _indented
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ClusterImportForm(UploadForm):
    campaign = forms.ModelChoiceField(label=gettext_lazy("Phong trào"), queryset=Campaign.objects.all())
    field_order = ["campaign", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext_lazy("Các cột: ma_cum, ten_cum, ma_don_vi (mỗi dòng một đơn vị).")


@admin.register(Cluster)
class ClusterAdmin(ProvincialAdmin):
    change_list_template = "admin/initiatives/cluster/change_list.html"
    list_display = ["name", "code", "campaign", "member_count"]
    list_filter = ["campaign"]
    search_fields = ["name", "code", "members__unit__name"]
    fields = ["campaign", "code", "name", "order"]
    inlines = [ClusterMemberInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(n_members=Count("members"))

    @admin.display(description=gettext_lazy("số đơn vị"), ordering="n_members")
    def member_count(self, obj):
        return obj.n_members

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("nhap-tu-tep/", self.admin_site.admin_view(self.import_view), name=f"{prefix}_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form, result, file_error = handle_upload(
            self,
            request,
            ClusterImportForm,
            lambda upload, data: cluster_import.import_clusters(
                fp=upload, filename=upload.name, campaign=data["campaign"]
            ),
            initial={"campaign": Campaign.objects.first()},
        )
        return import_page(
            self,
            request,
            "admin/initiatives/cluster/import.html",
            title=_("Nhập cụm, khối thi đua từ tệp"),
            form=form,
            result=result,
            file_error=file_error,
        )
