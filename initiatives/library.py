"""The public library of approved initiatives: which ones, how they are searched and filtered, and what of
each anyone may read.

- Approved only (được thông qua, đề nghị khen thưởng, được tặng Bằng), newest submitted first, read through
  the partial index `initiative_library_idx` a page at a time; like the news search, matches are counted up to
  1.000 ("hơn 1.000"), so a common word costs no more than a rare one.
- Search ignores accents and case on SQLite and PostgreSQL alike: every folded word of the query must occur in
  the initiative's folded `library_text` (title, summary, effect; see `Initiative.refresh_library_text`). On
  PostgreSQL a trigram index (pg_trgm, migration 0008_library_indexes) answers those LIKE '%word%' tests.
- Filters: a unit with everything beneath it, kind, sector, phase, awarded.
- A confidential initiative (bí mật công nghệ) shows only its title, unit, effect and award, on every page and in
  the JSON, and its hidden fields are not in `library_text`, so no search finds it by them. Its attachments are
  never public; another initiative's attachment is public only when its author marked it so.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from news.search import terms

from .models import Attachment, Initiative, Unit

PAGE_SIZE = 20
QUERY_PARAM = "q"
UNIT_PARAM = "don-vi"
KIND_PARAM = "loai"
SECTOR_PARAM = "khu-vuc"
PHASE_PARAM = "giai-doan"
AWARDED_PARAM = "khen-thuong"
AWARD_STATUSES = (Initiative.Status.DE_NGHI_KHEN, Initiative.Status.DUOC_TANG_BANG)


@dataclass(frozen=True)
class Filters:
    query: str = ""
    unit: Unit | None = None
    kind: str = ""
    sector: str = ""
    phase: object = None
    awarded: bool = False

    @property
    def active(self):
        return bool(self.query or self.unit or self.kind or self.sector or self.phase or self.awarded)

    def as_params(self):
        """The query string parameters that give these filters (for links and pagination)."""
        params = {
            QUERY_PARAM: self.query,
            UNIT_PARAM: self.unit.code if self.unit else "",
            KIND_PARAM: self.kind,
            SECTOR_PARAM: self.sector,
            PHASE_PARAM: str(self.phase.number) if self.phase else "",
            AWARDED_PARAM: "1" if self.awarded else "",
        }
        return {name: value for name, value in params.items() if value}


def read_filters(campaign, params, phases):
    """Filters from a request's query string; unknown values are dropped rather than refused."""
    unit_code = (params.get(UNIT_PARAM) or "").strip()
    unit = Unit.objects.filter(code=unit_code).only("pk", "code", "name", "path").first() if unit_code else None
    kind = params.get(KIND_PARAM, "")
    sector = params.get(SECTOR_PARAM, "")
    number = (params.get(PHASE_PARAM) or "").strip()
    return Filters(
        query=(params.get(QUERY_PARAM) or "").strip()[:200],
        unit=unit,
        kind=kind if kind in Initiative.Kind.values else "",
        sector=sector if sector in Initiative.Sector.values else "",
        phase=next((phase for phase in phases if str(phase.number) == number), None),
        awarded=params.get(AWARDED_PARAM) in {"1", "on", "true"},
    )


def entries(campaign, filters=Filters()):
    """The approved initiatives of `campaign` that match `filters`, newest submitted first."""
    queryset = Initiative.objects.approved().filter(campaign=campaign)
    if filters.query:
        queryset = queryset.matching(terms(filters.query))
    if filters.unit is not None:
        queryset = queryset.in_subtree(filters.unit)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.sector:
        queryset = queryset.filter(sector=filters.sector)
    if filters.phase is not None:
        queryset = queryset.filter(phase=filters.phase)
    if filters.awarded:
        queryset = queryset.filter(status__in=AWARD_STATUSES)
    return queryset.select_related("campaign", "unit", "phase").defer("library_text").order_by("-submitted_at", "-id")


def with_public_parts(queryset):
    """Authors and public attachments, read with the page (two queries whatever its length)."""
    return queryset.prefetch_related(
        "authors", Prefetch("attachments", queryset=Attachment.objects.filter(is_public=True), to_attr="public_files")
    )


def award_of(initiative):
    return initiative.get_status_display() if initiative.status in AWARD_STATUSES else ""


def public_entry(initiative, *, request=None):
    """What anyone may read of an approved initiative, as plain data (pages and JSON use it alike)."""
    entry = {
        "id": initiative.pk,
        "title": initiative.title,
        "unit": {"code": initiative.unit.code, "name": initiative.unit.name},
        "effect": initiative.effect,
        "award": award_of(initiative) or None,
        "confidential": initiative.confidential,
        "url": initiative.get_library_url(),
    }
    if initiative.confidential:
        return entry
    files = getattr(initiative, "public_files", None)
    entry.update(
        {
            "authors": [
                {"name": a.name, "position": a.position, "workplace": a.workplace} for a in initiative.authors.all()
            ],
            "kind": initiative.kind,
            "kind_label": initiative.get_kind_display(),
            "sector": initiative.sector,
            "sector_label": initiative.get_sector_display(),
            "phase": initiative.phase.number if initiative.phase else None,
            "summary": initiative.summary,
            "benefit_value": initiative.benefit_value,
            "attachments": [
                {"name": f.name, "url": f.get_absolute_url(), "size": f.size}
                for f in (files if files is not None else initiative.attachments.filter(is_public=True))
            ],
        }
    )
    if request is not None:
        entry["url"] = request.build_absolute_uri(entry["url"])
        for item in entry["attachments"]:
            item["url"] = request.build_absolute_uri(item["url"])
    return entry
