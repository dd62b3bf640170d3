"""Importing emulation clusters (cụm, khối thi đua) of a campaign from a spreadsheet, with their units.

Columns (first row; any order): `ma_cum` (the cluster's code, e.g. `cum-2`), `ten_cum` (its name, e.g. "Cụm thi
đua số 2"; needed for a new cluster, updates an existing one's name when given), `ma_don_vi` (a unit's code).
One row puts one unit in one cluster; a unit already in another cluster of the campaign is moved. Every error
is reported by row and column, and one error means nothing is written.

`Placements` checks and writes the cluster columns; the unit import (`importing/units.py`) uses it too, for
its optional `ma_cum`, `ten_cum` columns.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import tallies
from ..models import Cluster, ClusterMember, Unit
from .cells import parse_text
from .reading import ImportFileError, read_table
from .rows import RowError

COLUMNS = ("ma_cum", "ten_cum", "ma_don_vi")
REQUIRED = ("ma_cum", "ma_don_vi")
CODE_LENGTH = Cluster._meta.get_field("code").max_length
NAME_LENGTH = Cluster._meta.get_field("name").max_length


@dataclass
class ClusterImport:
    clusters_created: int = 0
    placed: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        return _("Thêm %(clusters)s cụm thi đua, xếp %(units)s đơn vị vào cụm.") % {
            "clusters": self.clusters_created,
            "units": self.placed,
        }


@dataclass
class PlacementCounts:
    clusters_created: int = 0
    clusters_renamed: int = 0
    moved: int = 0  # units put into a cluster they were not in
    placements: int = 0  # every unit the file places, moved or already there


class Placements:
    """Rows that put units into clusters of one campaign: checked one by one, then written together.

    `check` reads a row's cluster code and name cells and records its errors; `write` creates the new clusters,
    renames those given a new name, moves the units (leaving alone those already where the file puts them) and
    moves the campaign's tally generation on.
    """

    def __init__(self, campaign):
        self.campaign = campaign
        self.existing = {c.code: c for c in Cluster.objects.filter(campaign=campaign)}
        self.names = {}
        self.placements = []  # (cluster code, unit code)
        self.seen = {}  # unit code: the line that placed it

    def check(self, line, code_cell, name_cell, unit_code, *, unit_column="ma_don_vi"):
        """The row's errors (a list of RowError); `unit_code` is None when the row's unit is itself in error."""
        errors = []
        code = slugify(parse_text(code_cell))[:CODE_LENGTH]
        name = parse_text(name_cell)[:NAME_LENGTH]
        if not code:
            errors.append(RowError(line, "ma_cum", _("bắt buộc, không được bỏ trống.")))
        elif name:
            if self.names.get(code, name) != name:
                errors.append(
                    RowError(line, "ten_cum", _("cụm “%(code)s” đã có tên khác ở dòng trước.") % {"code": code})
                )
            self.names[code] = name
        elif code not in self.existing and code not in self.names:
            errors.append(RowError(line, "ten_cum", _("cần tên cho cụm mới “%(code)s”.") % {"code": code}))
        if unit_code is not None:
            if unit_code in self.seen:
                errors.append(
                    RowError(
                        line,
                        unit_column,
                        _("đơn vị “%(code)s” đã được xếp ở dòng %(other)s.")
                        % {"code": unit_code, "other": self.seen[unit_code]},
                    )
                )
            else:
                self.seen[unit_code] = line
                if code:
                    self.placements.append((code, unit_code))
        return errors

    def write(self, units):
        """Write the checked placements; `units` maps each placed unit's code to the saved Unit. Call inside the
        import's transaction."""
        counts = PlacementCounts(placements=len(self.placements))
        for code, name in self.names.items():
            cluster = self.existing.get(code)
            if cluster is None:
                self.existing[code] = Cluster.objects.create(
                    campaign=self.campaign, code=code, name=name, order=len(self.existing)
                )
                counts.clusters_created += 1
            elif cluster.name != name:
                cluster.name = name
                cluster.save(update_fields=["name"])
                counts.clusters_renamed += 1
        wanted = {units[unit_code].pk: self.existing[code].pk for code, unit_code in self.placements}
        current = dict(
            ClusterMember.objects.filter(campaign=self.campaign, unit__in=list(wanted)).values_list(
                "unit_id", "cluster_id"
            )
        )
        moving = [unit_id for unit_id, cluster_id in wanted.items() if current.get(unit_id) != cluster_id]
        if moving:
            ClusterMember.objects.filter(campaign=self.campaign, unit__in=moving).delete()
            ClusterMember.objects.bulk_create(
                ClusterMember(cluster_id=wanted[unit_id], campaign=self.campaign, unit_id=unit_id) for unit_id in moving
            )
        counts.moved = len(moving)
        if moving or counts.clusters_created or counts.clusters_renamed:
            tallies.tally_changed(self.campaign.pk)
        return counts


def import_clusters(*, fp, filename, campaign):
    """Read and check the whole file, then write it in one transaction (or nothing, with the errors)."""
    _found, _ignored, rows = read_table(fp, filename=filename, columns=COLUMNS, required=REQUIRED)
    if not rows:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề)."))
    result = ClusterImport()
    placements = Placements(campaign)
    codes = {parse_text(values.get("ma_don_vi")) for _line, values in rows}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    for line, values in rows:
        unit_code = parse_text(values.get("ma_don_vi"))
        if not unit_code:
            result.errors.append(RowError(line, "ma_don_vi", _("bắt buộc, không được bỏ trống.")))
        elif unit_code not in units:
            result.errors.append(RowError(line, "ma_don_vi", _("không có đơn vị mã “%(code)s”.") % {"code": unit_code}))
        known = unit_code if unit_code in units else None
        result.errors += placements.check(line, values.get("ma_cum"), values.get("ten_cum"), known)
    if result.errors:
        result.errors.sort(key=lambda e: (e.line, COLUMNS.index(e.column)))
        return result
    with transaction.atomic():
        counts = placements.write(units)
    result.clusters_created, result.placed = counts.clusters_created, counts.placements
    return result
