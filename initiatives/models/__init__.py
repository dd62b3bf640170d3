"""Initiative campaigns: union units, campaigns and their phases, targets, initiatives and their history, and the
running totals the tallies read; clusters (cụm, khối thi đua) group units within a campaign. One module per
aggregate; import them from here."""

from .campaigns import Campaign, Phase
from .clusters import Cluster, ClusterMember
from .initiatives import Attachment, Author, Initiative, InitiativeQuerySet, StatusChange
from .targets import Target
from .totals import (
    StatusCounts,
    TallyCampaignWeek,
    TallyCount,
    TallyMix,
    TallyUnit,
    TallyWeek,
    WeekCounts,
    week_start,
)
from .units import PATH_SEGMENT_WIDTH, PATH_SEPARATOR, StaffScope, Unit, UnitQuerySet, path_ids, path_segment

__all__ = [
    "PATH_SEGMENT_WIDTH",
    "PATH_SEPARATOR",
    "Attachment",
    "Author",
    "Campaign",
    "Cluster",
    "ClusterMember",
    "Initiative",
    "InitiativeQuerySet",
    "Phase",
    "StaffScope",
    "StatusChange",
    "StatusCounts",
    "TallyCampaignWeek",
    "TallyCount",
    "TallyMix",
    "TallyUnit",
    "TallyWeek",
    "Target",
    "Unit",
    "UnitQuerySet",
    "WeekCounts",
    "path_ids",
    "path_segment",
    "week_start",
]
