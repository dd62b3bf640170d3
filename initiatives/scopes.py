"""Which union units a staff account may see and change.

- Superusers and members of the group "Quản trị sáng kiến tỉnh" see every unit.
- A staff account with a `StaffScope` sees its unit and everything beneath it.
- Anyone else (no scope, not staff, anonymous, inactive) sees no unit at all.

Members' own submissions add two rules, also here:
- reviewers (group "Duyệt sáng kiến") decide the submissions of their StaffScope's subtree on the site, staff or
  not; provincial administrators decide everywhere;
- an attachment is read by the initiative's author, its reviewers and provincial administrators, and by anyone
  once the author made it public, the initiative is approved and it is not confidential.

The admin, the importer and the management commands ask these functions and
nothing else, so the rule lives in one place.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import StaffScope, Target, Unit

PROVINCE_ADMIN_GROUP = "Quản trị sáng kiến tỉnh"
UNIT_OFFICER_GROUP = "Cán bộ sáng kiến đơn vị"
REVIEWER_GROUP = "Duyệt sáng kiến"

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


# --- Members' submissions -----------------------------------------------------------------------------------------


def review_units(user):
    """The units whose submissions `user` may review: all for provincial administrators, a reviewer's subtree."""
    if sees_everything(user):
        return Unit.objects.all()
    if not _is_reviewer(user):
        return Unit.objects.none()
    scope = StaffScope.objects.filter(user=user).select_related("unit").first()
    return Unit.objects.subtree(scope.unit) if scope else Unit.objects.none()


def is_reviewer(user):
    """Does `user` review submissions anywhere (provincial administrator, or reviewer with a scope)?"""
    return sees_everything(user) or (_is_reviewer(user) and StaffScope.objects.filter(user=user).exists())


def may_review(user, initiative):
    if sees_everything(user):
        return True
    return _is_reviewer(user) and review_units(user).filter(pk=initiative.unit_id).exists()


def may_edit_as_author(user, initiative):
    """The member who filed it, while it is registered or returned for changes."""
    return is_author(user, initiative) and initiative.is_editable_by_author


def is_author(user, initiative):
    return bool(user and user.is_authenticated and user.is_active and initiative.submitted_by_id == user.pk)


def may_read_attachment(user, attachment):
    initiative = attachment.initiative
    if attachment.is_public and initiative.is_approved and not initiative.confidential:
        return True
    return is_author(user, initiative) or may_review(user, initiative)


def _is_reviewer(user):
    if user is None or not getattr(user, "is_active", False) or not user.is_authenticated:
        return False
    cached = getattr(user, "_initiative_reviewer_cache", None)
    if cached is None:
        cached = user.groups.filter(name=REVIEWER_GROUP).exists()
        user._initiative_reviewer_cache = cached
    return cached
