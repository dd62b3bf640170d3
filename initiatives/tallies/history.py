"""The weekly rank history of a unit among its siblings (the unit page's chart), cached like a tally's inputs.

The weekly submissions under each sibling do not depend on the day; they are cached per campaign, phase and
parent with the generations they were read at. After a write that named the units it touched, only the
siblings above those units are read again; anything else reads them all (one query, see
`standings.weekly_submissions`).
"""

from django.core.cache import cache

from .. import standings
from ..models.units import PATH_SEGMENT_WIDTH, PATH_SEPARATOR
from .generation import CACHE_TIMEOUT, changed_units


def sibling_ranks(tally, row):
    """({Monday: {sibling unit id: rank}} for every week of the tally's period up to this one, the siblings of
    `row` ranked as in the tally, `row` among them)."""
    campaign, phase = tally.campaign, tally.phase
    siblings = tally.children(row.parent_code)
    parent_path = row.path[: -(PATH_SEGMENT_WIDTH + len(PATH_SEPARATOR))]
    child_ids = [sibling.unit_id for sibling in siblings]
    current = tally.generations  # what the rows were read at: every unit a recorded change names is among them
    if current is None:
        sums = standings.weekly_submissions(campaign, phase, parent_path=parent_path, child_ids=child_ids)
        return standings.ranks_by_week(sums, tally.period), siblings
    key = f"initiatives:tally-weekly:{campaign.pk}:{phase.pk if phase else 0}:{parent_path}"
    cached = cache.get(key)
    sums = None
    if isinstance(cached, tuple) and cached[0] and cached[0][0] == current[0] and set(cached[1]) == set(child_ids):
        changed = changed_units(campaign.pk, cached[0][1], current[1])
        if changed is not None:
            sums = dict(cached[1])
            stale = _siblings_above(tally, parent_path, set(child_ids), changed)
            if stale is None:
                sums = None
            elif stale:
                sums.update(
                    standings.weekly_submissions(
                        campaign, phase, parent_path=parent_path, child_ids=sorted(stale), only=True
                    )
                )
    if sums is None:
        sums = standings.weekly_submissions(campaign, phase, parent_path=parent_path, child_ids=child_ids)
    cache.set(key, (current, sums), CACHE_TIMEOUT)
    return standings.ranks_by_week(sums, tally.period), siblings


def _siblings_above(tally, parent_path, child_ids, unit_ids):
    """Those of the siblings `child_ids` (under `parent_path`) that hold one of the units `unit_ids`; None when
    one of those units is not in the tally (then where it lies is not known here)."""
    width = len(parent_path) + PATH_SEGMENT_WIDTH + len(PATH_SEPARATOR)
    child_of_prefix = {other.path: other.unit_id for other in tally.rows if other.unit_id in child_ids and other.path}
    paths = {other.unit_id: other.path for other in tally.rows if other.unit_id in unit_ids}
    if len(paths) < len(unit_ids):
        return None
    return {
        child_of_prefix[path[:width]]
        for path in paths.values()
        if path.startswith(parent_path) and path[:width] in child_of_prefix
    }
