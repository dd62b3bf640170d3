"""Campaigns, their phases and the units' targets in the admin."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from .. import scopes, services
from ..models import Campaign, Phase, Target
from .scoping import ProvincialAdmin, ScopedAdmin, ScopedUnitListFilter


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
