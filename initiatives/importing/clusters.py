"""Importing emulation clusters (cụm, khối thi đua) of a campaign from a spreadsheet, with their units.

Columns (first row; any order): `ma_cum` (the cluster's code, e.g. `cum-2`), `ten_cum` (its name, e.g. "Cụm thi
đua số 2"; needed for a new cluster, updates an existing one's name when given), `ma_don_vi` (a unit's code).
One row puts one unit in one cluster; a unit already in another cluster of the campaign is moved. Every error
is reported by row and column, and one error means nothing is written.
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


def import_clusters(*, fp, filename, campaign):
    """Read and check the whole file, then write it in one transaction (or nothing, with the errors)."""
    _found, _ignored, rows = read_table(fp, filename=filename, columns=COLUMNS, required=REQUIRED)
    if not rows:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề)."))
    result = ClusterImport()
    existing = {c.code: c for c in Cluster.objects.filter(campaign=campaign)}
    codes = {parse_text(values.get("ma_don_vi")) for _line, values in rows}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    names, placements, seen = {}, [], {}
    for line, values in rows:
        code = slugify(parse_text(values.get("ma_cum")))[:40]
        name = parse_text(values.get("ten_cum"))[:200]
        unit_code = parse_text(values.get("ma_don_vi"))
        if not code:
            result.errors.append(RowError(line, "ma_cum", _("bắt buộc, không được bỏ trống.")))
        elif name:
            if names.get(code, name) != name:
                result.errors.append(
                    RowError(line, "ten_cum", _("cụm “%(code)s” đã có tên khác ở dòng trước.") % {"code": code})
                )
            names[code] = name
        elif code not in existing and code not in names:
            result.errors.append(RowError(line, "ten_cum", _("cần tên cho cụm mới “%(code)s”.") % {"code": code}))
        unit = units.get(unit_code)
        if not unit_code:
            result.errors.append(RowError(line, "ma_don_vi", _("bắt buộc, không được bỏ trống.")))
        elif unit is None:
            result.errors.append(RowError(line, "ma_don_vi", _("không có đơn vị mã “%(code)s”.") % {"code": unit_code}))
        elif unit.pk in seen:
            result.errors.append(
                RowError(
                    line,
                    "ma_don_vi",
                    _("đơn vị “%(code)s” đã được xếp ở dòng %(other)s.") % {"code": unit_code, "other": seen[unit.pk]},
                )
            )
        else:
            seen[unit.pk] = line
        if code and unit is not None:
            placements.append((code, unit))
    if result.errors:
        return result
    with transaction.atomic():
        for code, name in names.items():
            cluster = existing.get(code)
            if cluster is None:
                existing[code] = Cluster.objects.create(campaign=campaign, code=code, name=name, order=len(existing))
                result.clusters_created += 1
            elif cluster.name != name:
                cluster.name = name
                cluster.save(update_fields=["name"])
        ClusterMember.objects.filter(campaign=campaign, unit__in=[unit for _code, unit in placements]).delete()
        ClusterMember.objects.bulk_create(
            ClusterMember(cluster=existing[code], campaign=campaign, unit=unit) for code, unit in placements
        )
        result.placed = len(placements)
        tallies.tally_changed(campaign.pk)
    return result
