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


def _fresh_generation():
    """A starting number no earlier generation of the key used (they count up from an earlier moment)."""
    return time.time_ns()


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:  # not in the cache (never set, expired or evicted)
        cache.set(key, _fresh_generation(), _GENERATION_TIMEOUT)


class _GenerationBump:
    """The on-commit callback that moves one generation on; it remembers having run."""

    def __init__(self, key):
        self.key = key
        self.done = False
        self.__qualname__ = f"{type(self).__qualname__}({key})"  # Django names a failed callback by this

    def __call__(self):
        self.done = True
        _bump(self.key)


def _pending_bumps():
    """Generation keys the current transaction will move on when it commits (nothing outside a transaction).

    Django drops the callbacks of a transaction or savepoint that is rolled back, so what is left here is exactly
    what the data seen by this connection has changed and other connections do not see yet.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return set()
    return {
        callback.key
        for _savepoints, callback, *_robust in connection.run_on_commit
        if isinstance(callback, _GenerationBump) and not callback.done
    }


def tally_changed(campaign_id=None):
    """Say that `campaign_id`'s tally (None: every campaign's, e.g. the unit tree) changes with this transaction.

    The generation moves on once the transaction commits (at once outside a transaction); until then this
    transaction bypasses the cache for that campaign.
    """
    key = UNITS_GENERATION_KEY if campaign_id is None else _campaign_generation_key(campaign_id)
    if key not in _pending_bumps():
        transaction.on_commit(_GenerationBump(key), robust=True)


def tally_generation(campaign, *, daily=True):
    """A token naming the current state of `campaign`'s tally, to key what is cached from it.

    With `daily` (what the pages and downloads are keyed by) the token also names today's date, since the
    pace and the waiting times shown depend on the day; the tally itself is keyed without it and brought to the
    day when read (`campaign_tally`). None inside a transaction that changed the campaign (or the unit tree)
    and has not committed: nothing computed there may be cached, nor anything cached be read.
    """
    keys = [UNITS_GENERATION_KEY, _campaign_generation_key(campaign.pk)]
    if _pending_bumps().intersection(keys):
        return None
    generations = cache.get_many(keys)
    for key in keys:
        if key not in generations:
            cache.add(key, _fresh_generation(), _GENERATION_TIMEOUT)
            generations[key] = cache.get(key)
    token = "{}.{}".format(*(generations[key] for key in keys))
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
