"""The cache's generations: a number per campaign and one for the unit tree, moved on when a write commits."""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from ..models import Campaign, Cluster, ClusterMember, Phase, Target, Unit

# How long a computed tally, and what the pages render from it, stays in the cache (seconds). Generations move on
# with every write, so this only bounds the memory old entries hold.
CACHE_TIMEOUT = 24 * 60 * 60
_GENERATION_TIMEOUT = 30 * 24 * 60 * 60
UNITS_GENERATION_KEY = "initiatives:tally-generation:units"


def _campaign_generation_key(campaign_id):
    return f"initiatives:tally-generation:{campaign_id}"


# Generations stay below 2**53: Redis answers an increment through a double, exact only up to there.
_EXACT_UP_TO = 2**53


def _fresh_generation():
    """A starting number no earlier generation of the key used (they count up from an earlier moment, in
    microseconds)."""
    return time.time_ns() // 1000


def _bump(key):
    """Move the generation of `key` on; the new number, or None when it started afresh (or the cache failed)."""
    try:
        generation = cache.incr(key)
    except ValueError:  # not in the cache (never set, expired or evicted)
        cache.set(key, _fresh_generation(), _GENERATION_TIMEOUT)
        return None
    return generation if isinstance(generation, int) and generation < _EXACT_UP_TO else None


# What a step of a campaign's generation changed: the ids of the units whose own figures (running totals, weekly
# figures, waiting initiatives) it touched, or EVERYTHING. Read by `changed_units`; a missing entry counts as
# everything, so losing one costs a full recount, never a wrong figure.
EVERYTHING = "*"
MAX_STEPS = 100


def _changes_key(key, generation):
    return f"{key}:changes:{generation}"


class _GenerationBump:
    """The on-commit callback that moves one generation on; it remembers having run, and which units changed."""

    def __init__(self, key, units):
        self.key = key
        self.units = None if units is None else set(units)
        self.done = False
        self.__qualname__ = f"{type(self).__qualname__}({key})"  # Django names a failed callback by this

    def merge(self, units):
        if self.units is not None:
            self.units = None if units is None else self.units | set(units)

    def __call__(self):
        self.done = True
        generation = _bump(self.key)
        if generation is not None and self.key != UNITS_GENERATION_KEY:
            changes = EVERYTHING if self.units is None else sorted(self.units)
            cache.set(_changes_key(self.key, generation), changes, _GENERATION_TIMEOUT)


def _pending_callbacks():
    """{generation key: its callback} the current transaction will run when it commits (nothing outside one).

    Django drops the callbacks of a transaction or savepoint that is rolled back, so what is left here is exactly
    what the data seen by this connection has changed and other connections do not see yet.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return {}
    return {
        callback.key: callback
        for _savepoints, callback, *_robust in connection.run_on_commit
        if isinstance(callback, _GenerationBump) and not callback.done
    }


def tally_changed(campaign_id=None, *, units=None):
    """Say that `campaign_id`'s tally (None: every campaign's, e.g. the unit tree) changes with this transaction.

    `units`, when known, are the ids of the only units whose own figures change (the initiatives' services name
    them); then the next tally re-reads just those units' figures. The generation moves on once the transaction
    commits (at once outside a transaction); until then this transaction bypasses the cache for that campaign.
    """
    key = UNITS_GENERATION_KEY if campaign_id is None else _campaign_generation_key(campaign_id)
    pending = _pending_callbacks().get(key)
    if pending is None:
        transaction.on_commit(_GenerationBump(key, None if campaign_id is None else units), robust=True)
    else:
        pending.merge(units)


def generations(campaign):
    """(unit tree's generation, campaign's generation), or None inside a transaction that changed either and has
    not committed: nothing computed there may be cached, nor anything cached be read."""
    keys = [UNITS_GENERATION_KEY, _campaign_generation_key(campaign.pk)]
    if _pending_callbacks().keys() & set(keys):
        return None
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _fresh_generation(), _GENERATION_TIMEOUT)
            found[key] = cache.get(key)
        elif isinstance(found[key], int) and found[key] >= _EXACT_UP_TO:  # counted in nanoseconds before
            found[key] = _fresh_generation()
            cache.set(key, found[key], _GENERATION_TIMEOUT)
    return tuple(found[key] for key in keys)


def changed_units(campaign_id, since, now):
    """The ids of the units whose own figures changed from the campaign's generation `since` to `now`, read
    from what each step recorded; None when it is not known (a step lost or not recorded, too many steps, a
    generation started afresh) or when a step may have changed anything."""
    if not (isinstance(since, int) and isinstance(now, int) and 0 <= now - since <= MAX_STEPS):
        return None
    key = _campaign_generation_key(campaign_id)
    steps = [_changes_key(key, generation) for generation in range(since + 1, now + 1)]
    recorded = cache.get_many(steps) if steps else {}
    units = set()
    for step in steps:
        changes = recorded.get(step)
        if changes is None or changes == EVERYTHING:
            return None
        units.update(changes)
    return units


def tally_generation(campaign, *, daily=True):
    """A token naming the current state of `campaign`'s tally, to key what is cached from it.

    With `daily` (what the pages and downloads are keyed by) the token also names today's date, since the
    pace and the waiting times shown depend on the day; the tally itself is keyed without it and brought to the
    day when read (`campaign_tally`). None inside a transaction that changed the campaign (or the unit tree)
    and has not committed: nothing computed there may be cached, nor anything cached be read.
    """
    current = generations(campaign)
    if current is None:
        return None
    token = "{}.{}".format(*current)
    return f"{token}.{timezone.localdate().isoformat()}" if daily else token


def _unit_changed(sender, **kwargs):
    tally_changed(None)


def _campaign_changed(sender, instance, **kwargs):
    tally_changed(instance.pk)


def _campaign_part_changed(sender, instance, **kwargs):
    tally_changed(instance.campaign_id)


def connect_signals():
    """Called from InitiativesConfig.ready(): saves and deletes that bypass the services still move the generations.

    Units (names, tree, dates) show in every campaign; a campaign's own fields, phases, targets and clusters in its own.
    This is cache invalidation only: the rules of what is counted live in the services and in this module.
    """
    for signal in (post_save, post_delete):
        signal.connect(_unit_changed, sender=Unit, dispatch_uid=f"tally-unit-{signal is post_save}")
        signal.connect(_campaign_changed, sender=Campaign, dispatch_uid=f"tally-campaign-{signal is post_save}")
        for model in (Phase, Target, Cluster, ClusterMember):
            signal.connect(
                _campaign_part_changed,
                sender=model,
                dispatch_uid=f"tally-{model._meta.model_name}-{signal is post_save}",
            )
