"""Every write to initiatives, targets and their running totals goes through these functions.

The admin, the spreadsheet importer, the demo data and the workflow all call them; the rules they enforce live
in `initiatives/rules.py`: the phase belongs to the campaign, dates fall inside the campaign and phase windows,
the unit existed when the initiative was filed, numbers are not negative, and every status change is recorded.

- `initiatives`: filing, editing, moving along the workflow and deleting one initiative;
- `submissions`: members filing their own initiatives, sending them for review, reviewers' decisions;
- `targets`: quotas and plans;
- `bulk`: many initiatives at once (importer, demo, test factories, benchmark);
- `totals`: the running totals.

Running totals. The tallies (`initiatives/tallies/`) read `TallyCount` and `TallyWeek`, never the million
initiative rows. Each write here computes the initiative's *contribution* to those tables before and after
the change and applies the difference in the same transaction, with race-safe upserts (insert-if-missing,
then `F()` increments; rows are touched in a fixed order so concurrent writers cannot deadlock). Bulk creation and
writes that bypass these functions call `after_bulk_change(campaign=…)`, which rebuilds a campaign's totals exactly
from the initiatives with one INSERT … SELECT … GROUP BY per table.

Cached tallies. Each function here also calls `tallies.tally_changed()`, so the campaign's cached tally and the
pages rendered from it are replaced once the transaction commits (see "The cache" in `initiatives/tallies/`).
"""

from .bulk import NewInitiative, create_in_bulk
from .initiatives import (
    CREATE_ONLY_FIELDS,
    EDITABLE_FIELDS,
    create_initiative,
    delete_initiative,
    transition,
    update_initiative,
)
from .submissions import Decision, edit_own_initiative, file_initiative, review, send_for_review
from .targets import set_target
from .totals import TALLY_TABLES, after_bulk_change

__all__ = [
    "CREATE_ONLY_FIELDS",
    "Decision",
    "EDITABLE_FIELDS",
    "TALLY_TABLES",
    "NewInitiative",
    "after_bulk_change",
    "create_in_bulk",
    "create_initiative",
    "delete_initiative",
    "edit_own_initiative",
    "file_initiative",
    "review",
    "send_for_review",
    "set_target",
    "transition",
    "update_initiative",
]
