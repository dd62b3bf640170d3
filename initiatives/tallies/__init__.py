"""How every unit of a campaign stands: counts rolled up the unit tree, targets, percentages, ranks, breakdowns.

`campaign_tally(campaign, phase=None)` returns plain data (`CampaignTally`, `UnitRow`) that the pages, the JSON,
CSV and XLSX outputs and the `export_tallies` command all read.

Where the numbers come from. The tally never scans the initiatives: it reads the running totals, which
`initiatives/services/` keeps exact in the same transaction as every write and `services.after_bulk_change()`
rebuilds: `TallyUnit` (one row per campaign × phase × unit, a column per status), `TallyMix` (campaign × phase ×
kind × sector) and `TallyCampaignWeek` (campaign × phase × week). When some initiatives lie outside the root's
subtree (an explicit `Campaign.root_unit`), the breakdowns read the finer `TallyCount` and `TallyWeek` filtered
by the root's path instead. A tally read from scratch is eight queries whatever the number of units and
initiatives (units, per-unit counts, targets, cluster members, per-unit weekly submissions for pace and rank
moves, the oldest waiting submission per unit, kind × sector, weeks), a few thousand rows at most; the roll-up
is done in Python, in one pass up the tree (`rows.build_rows`). After a write to initiatives only the units it
touched are read again: five queries (see `compute`). The standings each row carries (per 100 members, ranks
in clusters, rank moves, pace) are explained in `initiatives/standings.py`; the waiting initiatives in
`initiatives/backlog.py`.

The package by job: `rows` (what a tally is made of, the tree arithmetic, the pace of a day), `compute`
(`campaign_tally`, the inputs it is computed from and their cache), `breakdowns` (by kind, sector and week),
`columns` (which running-total columns each figure adds up), `generation` (the cache's generations, what each
write changed, and the signal receivers).

What the columns count (an initiative belongs to the phase in its `phase` field):
- registered: every initiative, whatever its status;
- submitted: status đã nộp or any later one (đang xét, được thông qua, không được thông qua, đề nghị khen
  thưởng, được tặng Bằng lao động sáng tạo); the percentages, deltas, ranks and breakdowns use this column;
- approved: được thông qua, đề nghị khen thưởng, được tặng Bằng; awarded: được tặng Bằng;
- benefit_total: the sum of `benefit_value` of the approved initiatives;
- weekly: initiatives registered in the week (by `registered_at`) and submitted in it (by `submitted_at`),
  weeks starting on Monday in the site's time zone, every week from the first to the last one with data.

Which units a campaign shows (the same for the whole campaign and for each phase, so tables line up):
every unit whose validity (`valid_from`…`valid_to`) overlaps the campaign's dates, every unit holding
initiatives or targets of the campaign (initiatives always stay with the unit they were filed under, even if it
was merged away since), and the units above those. Old campaigns thus keep showing units as they were.

The root is `campaign.root_unit` when set. Otherwise it is the single top unit of those, followed down as long
as it has exactly one child and neither initiatives nor targets of its own in the campaign (so a national
"Tổng LĐLĐ" unit above a single province leaves the province at the top). When several top units remain, the
root is a synthetic "all units" row with code "" and unit_id 0.

Targets are each unit's own: for a phase, the targets of that phase; for the whole campaign, the targets set
without a phase. percent = submitted / target × 100 rounded half up to one decimal (None without a target
or when it is 0); delta = submitted − target (None without a target). rank: among siblings by submitted,
highest first; ties share a rank (1, 1, 3).

The cache. A tally is computed once per state of its campaign and kept in the cache (pickled) under the
campaign, the phase and a *generation*: a number per campaign, and one for the unit tree that all campaigns share.
Every write that can change what a tally shows moves the generation on when its transaction commits
(`tally_changed`): the write services in `initiatives/services/`, and saves and deletes of units, campaigns,
phases and targets (signal receivers in `generation.py`, connected from `InitiativesConfig.ready()`). The
initiatives' services also name the units whose own figures the write touched; the step of the generation
records them, so the next tally re-reads only those (a lost record means a full read, never a wrong figure).
A reader takes the generation before it reads any figure, so once a write has committed, no reader is handed a
tally from before it. Inside a transaction that has changed a campaign and not committed yet, the cache is
neither read nor written for that campaign: the tally is computed from the transaction's own data and kept by
nobody. The cache failing (Redis down) reads as an empty cache: every tally is then computed, slower but the
same.

The day. Only the pace of a row (needed per week, at risk, the last four weeks, the rank move since last week)
depends on the date. A tally is keyed without it; read on a later day, it is brought to that day by
recomputing the pace alone (`rows.for_day`), from the units' own weekly figures it keeps (read again, one
query, when the week has changed), and cached again. What the pages and downloads cache from a tally is keyed by
the day too (`tally_generation`), so the first request of a day renders them again but recounts nothing.
`as_of` is the moment the figures were read from the database, which for a cached tally is earlier than the
request; the figures are still exactly the current ones, since no write has committed since then. Waiting times
are counted to the tally's day.
"""

from .breakdowns import unit_breakdowns
from .columns import ALL_UNITS_CODE
from .compute import campaign_tally
from .generation import (
    CACHE_TIMEOUT,
    UNITS_GENERATION_KEY,
    connect_signals,
    generations,
    tally_changed,
    tally_generation,
)
from .rows import Breakdowns, CampaignTally, UnitRow, percent_of

__all__ = [
    "ALL_UNITS_CODE",
    "CACHE_TIMEOUT",
    "UNITS_GENERATION_KEY",
    "Breakdowns",
    "CampaignTally",
    "UnitRow",
    "campaign_tally",
    "connect_signals",
    "generations",
    "percent_of",
    "tally_changed",
    "tally_generation",
    "unit_breakdowns",
]
