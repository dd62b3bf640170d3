"""Who sees what in the initiatives admin: rows tied to a unit, and rows only provincial administrators write."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.utils.translation import gettext as _

from .. import scopes
from ..models import StaffScope, Unit


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


@admin.register(StaffScope)
class StaffScopeAdmin(ProvincialAdmin):
    """Only those who see everything hand out scopes (a scoped officer must not widen their own)."""

    list_display = ["user", "unit"]
    search_fields = ["user__username", "unit__name", "unit__code"]
    autocomplete_fields = []
    list_select_related = ["user", "unit"]

    read_needs_everything = True
