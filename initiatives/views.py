"""Public pages of the initiatives campaigns: the list, a campaign's progress, one unit, and the downloads.

Every figure comes from `tallies.campaign_tally`; the views only pick the
campaign, the phase (`?giai-doan=<n>`) and the unit, and hand plain data to the
templates. Campaigns that are not public exist only for staff.
"""

from urllib.parse import quote

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView, View

from news.slugs import vietnamese_slugify

from . import exports
from .charts import weekly_chart
from .models import Campaign, Target, Unit
from .tallies import campaign_tally, unit_breakdowns

PHASE_PARAM = "giai-doan"
CHART_PARAM = "bieu-do"
CUMULATIVE = "luy-ke"


def visible_campaigns(user):
    """Public campaigns; staff also see the ones not yet published."""
    campaigns = Campaign.objects.all()
    if not user.is_staff:
        campaigns = campaigns.filter(is_public=True)
    return campaigns


class CampaignTallyMixin:
    """Finds the campaign (404 when hidden), the phase of `?giai-doan=` (404 when unknown) and the tally."""

    def get_campaign(self):
        if not hasattr(self, "campaign"):
            self.campaign = get_object_or_404(visible_campaigns(self.request.user), slug=self.kwargs["slug"])
        return self.campaign

    def get_phases(self):
        if not hasattr(self, "phases"):
            self.phases = list(self.get_campaign().phases.order_by("number"))
        return self.phases

    def get_phase(self):
        raw = self.request.GET.get(PHASE_PARAM)
        if raw in (None, ""):
            return None
        for phase in self.get_phases():
            if str(phase.number) == raw.strip():
                return phase
        raise Http404(_("Chương trình không có giai đoạn này."))

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
    """What the campaign page and a unit page share: phase links, chart, downloads."""

    def chart_context(self, weekly):
        cumulative = self.request.GET.get(CHART_PARAM) == CUMULATIVE
        return {
            "chart": weekly_chart(weekly, cumulative=cumulative),
            "cumulative": cumulative,
            "weekly": weekly,
        }

    def page_context(self, row):
        tally = self.get_tally()
        context = {
            "campaign": self.get_campaign(),
            "phases": self.get_phases(),
            "phase": self.get_phase(),
            "phase_query": self.phase_query(),
            "tally": tally,
            "row": row,
            "gauges": gauges(row),
            "units": tally.children(row.code),
            "path": tally.path(row.code),
        }
        return context


class CampaignProgressView(ProgressPageMixin, TemplateView):
    template_name = "initiatives/campaign_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tally = self.get_tally()
        context.update(self.page_context(tally.root))
        context.update(self.chart_context(tally.weekly))
        context["breakdown_groups"] = breakdown_groups(tally, tally.root.submitted)
        return context


class UnitProgressView(ProgressPageMixin, TemplateView):
    template_name = "initiatives/unit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tally = self.get_tally()
        try:
            row = tally.row(self.kwargs["code"])
        except (KeyError, LookupError) as exc:
            raise Http404(_("Không có đơn vị này trong chương trình.")) from exc
        context.update(self.page_context(row))
        if row is not tally.root:
            unit = get_object_or_404(Unit.objects.only("pk", "path"), pk=row.unit_id)
            breakdowns = unit_breakdowns(self.get_campaign(), unit, self.get_phase())
        else:
            breakdowns = tally
        context.update(self.chart_context(breakdowns.weekly))
        context["breakdown_groups"] = breakdown_groups(breakdowns, row.submitted)
        context["kind_label"] = dict(Unit.Kind.choices).get(row.kind, row.kind)
        context["siblings_count"] = len(tally.children(row.parent_code)) if row.parent_code is not None else 1
        return context


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
        data = exports.tally_json(self.get_tally())
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})


class TallyCsvView(CampaignTallyMixin, View):
    def get(self, request, *args, **kwargs):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        exports.write_csv(self.get_tally(), response)
        response["Content-Disposition"] = attachment(self.get_campaign(), self.get_phase(), "csv")
        return response


class TallyXlsxView(CampaignTallyMixin, View):
    def get(self, request, *args, **kwargs):
        response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        exports.write_xlsx(self.get_tally(), response)
        response["Content-Disposition"] = attachment(self.get_campaign(), self.get_phase(), "xlsx")
        return response
