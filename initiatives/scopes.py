"""Which union units a staff account may see and change.

- Superusers and members of the group "Quản trị sáng kiến tỉnh" see every unit.
- A staff account with a `StaffScope` sees its unit and everything beneath it.
- Anyone else (no scope, not staff, anonymous, inactive) sees no unit at all.

The admin, the importer and the management commands ask these functions and
nothing else, so the rule lives in one place.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import StaffScope, Target, Unit

PROVINCE_ADMIN_GROUP = "Quản trị sáng kiến tỉnh"
UNIT_OFFICER_GROUP = "Cán bộ sáng kiến đơn vị"

_CACHE_ATTR = "_initiative_scope_cache"

NO_SCOPE_MESSAGE = _("Tài khoản chưa được gán đơn vị quản lý sáng kiến.")


def sees_everything(user):
    """True for active superusers and active members of the provincial administrators' group."""
    if user is None or not getattr(user, "is_active", False) or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return _cached(user)["all"]


def scope_unit(user):
    """The unit whose subtree `user` manages, or None (no scope, or sees everything)."""
    if user is None or not getattr(user, "is_active", False) or not user.is_authenticated:
        return None
    if user.is_superuser:
        return None
    return _cached(user)["unit"]


def units_for(user):
    """A Unit QuerySet of the units `user` may see and change (possibly empty)."""
    if sees_everything(user):
        return Unit.objects.all()
    unit = scope_unit(user)
    if unit is None or not user.is_staff:
        return Unit.objects.none()
    return Unit.objects.subtree(unit)


def can_manage(user, unit):
    """May `user` see and change data of `unit`? (`unit` may be None: nobody manages "no unit".)"""
    if unit is None:
        return False
    if sees_everything(user):
        return True
    return units_for(user).filter(pk=unit.pk).exists()


def restrict(queryset, user, *, field="unit"):
    """`queryset` limited to rows whose `field` (a Unit foreign key) lies in `user`'s units.

    `field=None`: the queryset is of units itself.
    """
    if sees_everything(user):
        return queryset
    return queryset.filter(**{f"{field}__in" if field else "pk__in": units_for(user)})


def can_set_target(user, unit, kind):
    """May `user` set `unit`'s target of `kind`?

    Everywhere for those who see everything. A unit officer sets the targets of the units beneath theirs, and
    their own unit's plan (kế hoạch), but not their own unit's quota (chỉ tiêu), which comes from above.
    """
    if sees_everything(user):
        return True
    if not can_manage(user, unit):
        return False
    return unit != scope_unit(user) or kind == Target.Kind.PLAN


def campaigns_for(user, campaigns):
    """`campaigns` (a QuerySet) limited to those `user` may see on the public pages.

    Public campaigns for everyone; one that is not public only for those who see every unit and for
    staff whose unit lies in the campaign's tree (or under whom the campaign's root unit lies).
    """
    public = Q(is_public=True)
    if sees_everything(user):
        return campaigns
    unit = scope_unit(user) if getattr(user, "is_staff", False) else None
    if unit is None:
        return campaigns.filter(public)
    # The paths of the scope unit and of every unit above it ("0000001.", "0000001.0000007.", …).
    steps = unit.path.split(".")[:-1]
    own_and_above = [".".join(steps[: depth + 1]) + "." for depth in range(len(steps))]
    covers = Q(root_unit__isnull=True) | Q(root_unit__path__startswith=unit.path) | Q(root_unit__path__in=own_and_above)
    return campaigns.filter(public | covers)


def has_any_scope(user):
    """Does `user` manage at least one unit (all of them, or a subtree)?"""
    return sees_everything(user) or (bool(getattr(user, "is_staff", False)) and scope_unit(user) is not None)


def _cached(user):
    """The group membership and scope unit of `user`, read once per user object (one request)."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        in_group = user.groups.filter(name=PROVINCE_ADMIN_GROUP).exists()
        unit = None
        if not in_group:
            scope = StaffScope.objects.filter(user=user).select_related("unit").first()
            unit = scope.unit if scope else None
        cached = {"all": in_group, "unit": unit}
        setattr(user, _CACHE_ATTR, cached)
    return cached
