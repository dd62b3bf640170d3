"""Union units in the admin."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import scopes
from ..models import Unit
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
