"""Public pages of the initiatives campaigns: the list, a campaign's progress, one unit, and the downloads.

Every figure comes from `tallies.campaign_tally`; the views only pick the
campaign, the phase (`?giai-doan=<n>`) and the unit, and hand plain data to the
templates. Campaigns that are not public exist only for staff.

What visitors who are not signed in get is cached per state of the tally: the
JSON, CSV and XLSX bodies, and the parts of a page that show the tally (title,
description, main content and the campaign's sidebar boxes), are kept under the
tally's generation (`tallies.tally_generation`), which moves on with every committed
write. A write is thus on the page at the next request, and a hit costs the
campaign's query and one cache read. The site's sidebar beneath (live visit
statistics) is rendered on every request, never cached here.
"""

import hashlib
import io
import json
from urllib.parse import quote

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView, View

from news.slugs import vietnamese_slugify

from . import backlog, exports, fragments, scopes, standings
from .charts import rank_chart, weekly_chart
from .models import Campaign, Target, Unit
from .tallies import CACHE_TIMEOUT, campaign_tally, tally_generation, unit_breakdowns
from .tallies.history import sibling_ranks
from .tallies.once import computed_once

PHASE_PARAM = "giai-doan"
CHART_PARAM = "bieu-do"
CUMULATIVE = "luy-ke"
SORT_PARAM = "xep-theo"
QUARTER_PARAM = "quy"
# How the ranked table can be ordered: {value of ?xep-theo=: (label, UnitRow attribute holding the place)}.
SORTS = {
    "da-nop": (gettext_lazy("Số đã nộp"), "rank"),
    "moi-100-doan-vien": (gettext_lazy("Trên 100 đoàn viên"), "rank_per_100"),
}
DEFAULT_SORT = "da-nop"


def visible_campaigns(user):
    """Public campaigns; one not yet public only for staff whose scope covers it (initiatives/scopes.py)."""
    return scopes.campaigns_for(user, Campaign.objects.all())


class CampaignMixin:
    """Finds the campaign of the URL's slug (404 when the reader may not see it) and its phases."""

    def get_campaign(self):
        if not hasattr(self, "campaign"):
            self.campaign = get_object_or_404(visible_campaigns(self.request.user), slug=self.kwargs["slug"])
        return self.campaign

    def get_phases(self):
        if not hasattr(self, "phases"):
            self.phases = list(self.get_campaign().phases.order_by("number"))
        return self.phases


class CampaignTallyMixin(CampaignMixin):
    """The campaign and its phases, the phase of `?giai-doan=` (404 when unknown) and the tally."""

    def get_phase(self):
        raw = self.request.GET.get(PHASE_PARAM)
        if raw in (None, ""):
            return None
        for phase in self.get_phases():
            if str(phase.number) == raw.strip():
                return phase
        raise Http404(_("Phong trào không có giai đoạn này."))

    def cached_for_visitors(self, name, build, *variant):
        """`build()`, kept in the cache per state of the campaign's tally for visitors who are not signed in.

        The key holds the tally's generation, the campaign, the phase asked for and `variant` (whatever else the
        answer depends on). `build()` raises Http404 for a phase or unit that does not exist, so only answers
        about existing ones are stored, and a hit needs neither the phase nor the tally.
        """
        phase = (self.request.GET.get(PHASE_PARAM) or "").strip()
        if self.request.user.is_authenticated or not (phase == "" or (phase.isascii() and phase.isdigit())):
            return build()
        campaign = self.get_campaign()
        generation = tally_generation(campaign)  # taken before any figure is read
        if generation is None:
            return build()
        asked = hashlib.md5("\n".join([get_language(), phase, *variant]).encode(), usedforsecurity=False).hexdigest()
        key = f"initiatives:{name}:{campaign.pk}:{generation}:{asked}"
        value = cache.get(key)
        if value is None:  # one request builds it; the others missing it meanwhile wait for its result
            value, _computed = computed_once(key, build, CACHE_TIMEOUT)
        return value

    def get_tally(self):
        if not hasattr(self, "tally"):
            self.tally = campaign_tally(self.get_campaign(), self.get_phase())
        return self.tally

    def phase_query(self):
        """The query string that keeps the chosen phase in a link ("?giai-doan=2"), or an empty string."""
        phase = self.get_phase()
        return f"?{PHASE_PARAM}={phase.number}" if phase else ""


def gauges(row):
    """The progress bars of a unit: one per target kind it has (quota first, then plan)."""
    labels = dict(Target.Kind.choices)
    return [
        {
            "kind": kind,
            "label": labels[kind],
            "target": row.targets.get(kind),
            "percent": row.percent.get(kind),
            "delta": row.delta.get(kind),
        }
        for kind in exports.TARGET_KINDS
        if row.targets.get(kind) is not None
    ]


def breakdown(items, total):
    """(value, label, count) rows with their share of `total` in percent."""
    return [
        {"value": value, "label": label, "count": count, "share": exports.share(count, total)}
        for value, label, count in items
    ]


def breakdown_groups(breakdowns, total):
    """The two breakdown tables of a page: by kind of solution and by sector."""
    return [
        (_("Theo loại giải pháp"), breakdown(breakdowns.by_kind, total)),
        (_("Theo khu vực"), breakdown(breakdowns.by_sector, total)),
    ]


class CampaignListView(ListView):
    template_name = "initiatives/campaign_list.html"
    context_object_name = "campaigns"

    def get_queryset(self):
        return visible_campaigns(self.request.user).prefetch_related("phases")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = [(campaign, campaign_tally(campaign).root) for campaign in context["campaigns"]]
        return context


class ProgressPageMixin(CampaignTallyMixin):
    """What the campaign page and a unit page share: phase links, chart, downloads, the cached report."""

    template_name = "initiatives/report_page.html"
    # The parts of the page that show the tally: {context name in report_page.html: template}.
    report_templates = {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.cached_for_visitors("page", self.render_report, *self.report_variant())
        return context

    def report_variant(self):
        """What the report depends on besides the campaign and the phase (the cache key's last parts)."""
        quarter = (self.request.GET.get(QUARTER_PARAM) or "")[:10]
        return [self.request.path, "luy-ke" if self.cumulative() else "", self.sort(), quarter]

    def sort(self):
        wanted = self.request.GET.get(SORT_PARAM, "")
        return wanted if wanted in SORTS else DEFAULT_SORT

    def sort_links(self):
        """The ways to order the table, each a link that keeps the phase (no script needed)."""
        phase = self.get_phase()
        links = []
        for value, (label, _attribute) in SORTS.items():
            query = [f"{PHASE_PARAM}={phase.number}"] if phase else []
            if value != DEFAULT_SORT:
                query.append(f"{SORT_PARAM}={value}")
            links.append(
                {
                    "label": label,
                    "url": f"{self.request.path}{'?' + '&'.join(query) if query else ''}#xep-hang",
                    "current": value == self.sort(),
                }
            )
        return links

    def ranked(self, rows):
        """`rows` in the chosen order: by place (no place last), then in tree order."""
        attribute = SORTS[self.sort()][1]
        return sorted(rows, key=lambda row: (getattr(row, attribute) is None, getattr(row, attribute) or 0))

    def backlog_of(self, row):
        tally = self.get_tally()
        campaign, phase = self.get_campaign(), self.get_phase()
        # The root holding every unit with initiatives needs no filter; any other subtree is read unit by unit.
        everything = row is tally.root and tally.root_holds_all
        # The median's position comes from this tally's count: it is kept under the generation the tally was read at.
        read_at = ".".join(map(str, tally.generations)) if tally.generations else None
        return backlog.subtree_backlog(
            campaign,
            unit_ids=None if everything else tally.subtree_unit_ids(row),
            count=row.pending,
            oldest=row.pending_since,
            phase=phase,
            median_key=read_at
            and f"initiatives:backlog-median:{campaign.pk}:{phase.pk if phase else 0}:{read_at}:{row.code}",
        )

    def render_report(self):
        context = self.report_context()
        return {
            part: render_to_string(template, context, self.request) for part, template in self.report_templates.items()
        }

    def cumulative(self):
        return self.request.GET.get(CHART_PARAM) == CUMULATIVE

    def chart_context(self, weekly):
        cumulative = self.cumulative()
        return {
            "chart": weekly_chart(weekly, cumulative=cumulative),
            "cumulative": cumulative,
            "weekly": weekly,
            "week_rows": fragments.rendered_rows("initiatives/_week_row.html", weekly, {}, name="week"),
        }

    def page_context(self, row):
        tally = self.get_tally()
        units = self.ranked(tally.children(row.code))
        at_risk = tally.at_risk(tally.children(row.code))
        # What the rows show besides their own figures: the key of each row's cached HTML (see fragments.py).
        shown = {"campaign_slug": self.get_campaign().slug, "phase_query": self.phase_query()}
        table = {**shown, "by_per_100": SORTS[self.sort()][1] == "rank_per_100", "is_open": tally.period.is_open}
        context = {
            "campaign": self.get_campaign(),
            "phases": self.get_phases(),
            "phase": self.get_phase(),
            "phase_query": self.phase_query(),
            "tally": tally,
            "row": row,
            "gauges": gauges(row),
            "units": units,
            "unit_rows": fragments.rendered_rows("initiatives/_unit_row.html", units, table),
            "path": tally.path(row.code),
            "sort_links": self.sort_links(),
            "period": tally.period,
            "at_risk": at_risk,
            "at_risk_items": fragments.rendered_rows("initiatives/_at_risk_item.html", at_risk, shown),
            "waiting_days": tally.waiting_days(row),
        }
        return context


class CampaignProgressView(ProgressPageMixin, TemplateView):
    report_templates = {
        "title": "initiatives/_campaign_title.html",
        "description": "initiatives/_campaign_description.html",
        "content": "initiatives/_campaign_report.html",
        "sidebar": "initiatives/_report_sidebar.html",
    }

    def report_context(self):
        tally = self.get_tally()
        context = self.page_context(tally.root)
        context.update(self.chart_context(tally.weekly))
        context["breakdown_groups"] = breakdown_groups(tally, tally.root.submitted)
        context["backlog"] = self.backlog_of(tally.root)
        context.update(self.honour_context())
        return context

    def honour_context(self):
        """The honour roll of the period asked for: the phase shown (or the whole campaign), or a quarter."""
        tally = self.get_tally()
        quarters = standings.quarters_of(self.get_campaign(), tally.period.today) if tally.clusters() else []
        quarter = standings.Quarter.from_slug(self.request.GET.get(QUARTER_PARAM))
        if quarter not in quarters:
            quarter = None
        phase = self.get_phase()
        base = f"{self.request.path}?{PHASE_PARAM}={phase.number}&" if phase else f"{self.request.path}?"
        roll = standings.quarter_honour_roll(tally, quarter) if quarter else tally.honour_roll()
        shown = {"campaign_slug": self.get_campaign().slug, "phase_query": self.phase_query()}
        return {
            "honour_roll": roll,
            "honour_items": fragments.rendered_rows("initiatives/_honour_cluster.html", roll, shown, name="cluster"),
            "honour_quarter": quarter,
            "honour_periods": [
                {"label": None, "url": base.rstrip("?&") + "#dan-dau-cum", "current": quarter is None},
                *(
                    {
                        "label": q,
                        "url": f"{base}{QUARTER_PARAM}={q.slug}#dan-dau-cum",
                        "current": q == quarter,
                    }
                    for q in quarters
                ),
            ],
        }


class UnitProgressView(ProgressPageMixin, TemplateView):
    report_templates = {
        "title": "initiatives/_unit_title.html",
        "description": "initiatives/_unit_description.html",
        "content": "initiatives/_unit_report.html",
        "sidebar": "initiatives/_report_sidebar.html",
    }

    def report_context(self):
        tally = self.get_tally()
        try:
            row = tally.row(self.kwargs["code"])
        except (KeyError, LookupError) as exc:
            raise Http404(_("Không có đơn vị này trong phong trào.")) from exc
        context = self.page_context(row)
        context["backlog"] = self.backlog_of(row)
        if row is not tally.root:
            breakdowns = unit_breakdowns(self.get_campaign(), row, self.get_phase())
            context["rank_chart"] = self.rank_history_chart(row)
        else:
            breakdowns = tally
        context.update(self.chart_context(breakdowns.weekly))
        context["breakdown_groups"] = breakdown_groups(breakdowns, row.submitted)
        context["kind_label"] = dict(Unit.Kind.choices).get(row.kind, row.kind)
        context["siblings_count"] = len(tally.children(row.parent_code)) if row.parent_code is not None else 1
        if row.cluster_code is not None:
            context["cluster_count"] = sum(1 for other in tally.rows if other.cluster_code == row.cluster_code)
        return context

    def rank_history_chart(self, row):
        """The unit's place among its siblings at the end of every week of the period, as a small chart."""
        history, siblings = sibling_ranks(self.get_tally(), row)
        weeks = sorted(history)
        return rank_chart(
            weeks,
            [history[week].get(row.unit_id) for week in weeks],
            len(siblings),
            title=_("Hạng của %(unit)s trong đơn vị cấp trên, theo tuần") % {"unit": row.short_name or row.name},
        )


# --- Downloads ----------------------------------------------------------------


def attachment(campaign, phase, extension):
    """Content-Disposition with an ASCII name for old clients and the Vietnamese one (RFC 5987) for the rest."""
    phase_part = f"-giai-doan-{phase.number}" if phase else ""
    ascii_name = f"tong-hop-{vietnamese_slugify(campaign.slug)}{phase_part}.{extension}"
    title = _("Tổng hợp sáng kiến - %(campaign)s") % {"campaign": campaign.name}
    if phase:
        title += " - " + _("Giai đoạn %(number)s") % {"number": phase.number}
    full_name = f"{title}.{extension}".replace("/", "-").replace("\\", "-")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(full_name, safe='')}"


class TallyJsonView(CampaignTallyMixin, View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(self.cached_for_visitors("json", self.render), content_type="application/json")

    def render(self):
        data = exports.tally_json(self.get_tally())
        # Compact: with an indent Python's json falls back to its pure-Python encoder, five times slower here.
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()


class TallyCsvView(CampaignTallyMixin, View):
    def get(self, request, *args, **kwargs):
        body, disposition = self.cached_for_visitors("csv", self.render)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = disposition
        return response

    def render(self):
        body = io.BytesIO()
        exports.write_csv(self.get_tally(), body)
        return body.getvalue(), attachment(self.get_campaign(), self.get_phase(), "csv")


class TallyXlsxView(CampaignTallyMixin, View):
    def get(self, request, *args, **kwargs):
        body, disposition = self.cached_for_visitors("xlsx", self.render)
        response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = disposition
        return response

    def render(self):
        body = io.BytesIO()
        exports.write_xlsx(self.get_tally(), body)
        return body.getvalue(), attachment(self.get_campaign(), self.get_phase(), "xlsx")
