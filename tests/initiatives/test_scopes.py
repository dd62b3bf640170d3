"""Which units each kind of account sees and changes (initiatives/scopes.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from initiatives import scopes
from initiatives.models import Initiative, Target
from tests.factories import InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


def test_superuser_and_provincial_administrators_see_every_unit(world):
    everything = ["soc-trang", "st-tran-de", "st-tran-de-trung-binh", "st-vinh-chau", "st-vinh-chau-vinh-hai"]
    for role in ("superuser", "province"):
        user = world.users[role]
        assert scopes.sees_everything(user)
        assert codes(scopes.units_for(user)) == everything
        assert scopes.can_manage(user, world.tran_de)


def test_a_unit_officer_sees_their_subtree_only(world):
    user = world.users["vinh_chau"]
    assert not scopes.sees_everything(user)
    assert scopes.scope_unit(user) == world.vinh_chau
    assert codes(scopes.units_for(user)) == ["st-vinh-chau", "st-vinh-chau-vinh-hai"]
    assert scopes.can_manage(user, world.vinh_hai)
    assert not scopes.can_manage(user, world.province)
    assert not scopes.can_manage(user, world.tran_de)
    assert not scopes.can_manage(user, world.trung_binh)


def test_no_scope_no_staff_inactive_and_anonymous_see_nothing(world):
    inactive = UserFactory(username="nghi", is_staff=True, is_active=False)
    inactive.groups.add(*world.users["province"].groups.all())
    scoped_not_staff = UserFactory(username="khongstaff", is_staff=False)
    scoped_not_staff.groups.add(*world.users["vinh_chau"].groups.all())
    from initiatives.models import StaffScope

    StaffScope.objects.create(user=scoped_not_staff, unit=world.vinh_chau)
    for user in (world.users["no_scope"], inactive, scoped_not_staff, AnonymousUser(), None):
        assert not scopes.sees_everything(user)
        assert not scopes.units_for(user).exists()
        assert not scopes.can_manage(user, world.vinh_chau)
        assert not scopes.has_any_scope(user)


def test_restrict_filters_any_queryset_by_its_unit(world):
    mine = InitiativeFactory(campaign=world.campaign, phase=world.phase1, unit=world.vinh_hai)
    InitiativeFactory(campaign=world.campaign, phase=world.phase1, unit=world.trung_binh)
    assert list(scopes.restrict(Initiative.objects.all(), world.users["vinh_chau"])) == [mine]
    assert scopes.restrict(Initiative.objects.all(), world.users["province"]).count() == 2
    assert not scopes.restrict(Initiative.objects.all(), world.users["no_scope"]).exists()


def test_an_officer_sets_targets_below_and_their_own_plan_but_not_their_own_quota(world):
    user = world.users["vinh_chau"]
    assert scopes.can_set_target(user, world.vinh_hai, Target.Kind.QUOTA)
    assert scopes.can_set_target(user, world.vinh_chau, Target.Kind.PLAN)
    assert not scopes.can_set_target(user, world.vinh_chau, Target.Kind.QUOTA)
    assert not scopes.can_set_target(user, world.tran_de, Target.Kind.PLAN)
    assert scopes.can_set_target(world.users["province"], world.province, Target.Kind.QUOTA)


def test_scope_lookups_are_read_once_per_user_object(world, django_assert_max_num_queries):
    user = world.users["vinh_chau"]
    scopes.units_for(user)
    with django_assert_max_num_queries(0):
        scopes.sees_everything(user)
        scopes.scope_unit(user)
        scopes.units_for(user)
