"""Query budgets of the public pages and downloads: fixed, whatever the number of units and initiatives."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives import services
from initiatives.tallies import UNITS_GENERATION_KEY
from tests.factories import CampaignFactory, PhaseFactory, UnitFactory, bulk_initiatives

pytestmark = pytest.mark.django_db

# Queries per request once the site-wide sidebar fragments are cached, with the tally's cache cold (after a
# write): the campaign, its phases (when the page lists them or a phase is chosen), the eight of the tally; for
# a page the review backlog of its unit (median, aged); for a unit page also the unit's own breakdowns (kind ×
# sector and weeks) and its weekly ranks; the campaign's page also lists its legal basis (the documents it is
# based on, one query, not cached with the tally).
BUDGETS = {
    "progress": 13,
    "progress_phase": 13,
    "unit": 15,
    "json": 9,
    "json_phase": 10,
    "csv_phase": 10,
    "xlsx_phase": 10,
}
# The same requests again while the tally's generation is unchanged: only the campaign is read (what the page
# shows of the tally, and the downloads' bodies, come from the cache).
WARM_BUDGETS = dict.fromkeys(BUDGETS, 1) | {"progress": 2, "progress_phase": 2}


def build_tree(children, per_unit, prefix="tinh"):
    """A province with `children` units under it, each with a grassroots union beneath, and initiatives.

    Call it inside `django_capture_on_commit_callbacks(execute=True)` so its writes count as committed.
    """
    campaign = CampaignFactory()
    phase = PhaseFactory(campaign=campaign, number=1)
    root = UnitFactory(code=prefix, name="LĐLĐ tỉnh", kind="ldld_tinh")
    campaign.root_unit = root
    campaign.save(update_fields=["root_unit"])
    services.set_target(unit=root, campaign=campaign, phase=phase, kind="chi_tieu", value=children * per_unit)
    for n in range(children):
        unit = UnitFactory(code=f"{prefix}-huyen-{n}", name=f"LĐLĐ huyện {n}", kind="ldld_huyen", parent=root)
        below = UnitFactory(code=f"{prefix}-huyen-{n}-cdcs", name=f"CĐCS số {n}", parent=unit)
        services.set_target(unit=unit, campaign=campaign, phase=phase, kind="chi_tieu", value=per_unit)
        bulk_initiatives(campaign=campaign, phase=phase, unit=unit, submitted=per_unit, registered_only=2)
        bulk_initiatives(campaign=campaign, phase=phase, unit=below, submitted=per_unit // 2, weeks=n + 1)
    services.after_bulk_change(campaign=campaign)
    return campaign


def urls(campaign):
    slug = {"slug": campaign.slug}
    return {
        "progress": reverse("initiatives:campaign", kwargs=slug),
        "progress_phase": reverse("initiatives:campaign", kwargs=slug) + "?giai-doan=1",
        "unit": reverse("initiatives:unit", kwargs={**slug, "code": f"{campaign.root_unit.code}-huyen-1"})
        + "?giai-doan=1",
        "json": reverse("initiatives:tally_json", kwargs=slug),
        "json_phase": reverse("initiatives:tally_json", kwargs=slug) + "?giai-doan=1",
        "csv_phase": reverse("initiatives:tally_csv", kwargs=slug) + "?giai-doan=1",
        "xlsx_phase": reverse("initiatives:tally_xlsx", kwargs=slug) + "?giai-doan=1",
    }


def query_counts(client, campaign):
    """{request: (queries with the tally's cache cold, queries when the same request comes again)}."""
    client.get(reverse("initiatives:campaign_list"))  # fills the cached site-wide sidebar
    counts = {}
    for name, url in urls(campaign).items():
        cache.delete(UNITS_GENERATION_KEY)  # as after a write: every campaign's tally has a new generation
        runs = []
        for _run in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            runs.append(len(queries))
        counts[name] = tuple(runs)
    return counts


@pytest.mark.parametrize(("children", "per_unit"), [(2, 3), (30, 40)])
def test_pages_stay_within_their_budget(
    client, children, per_unit, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        campaign = build_tree(children, per_unit)

    counts = query_counts(client, campaign)

    for name, budget in BUDGETS.items():
        assert counts[name][0] <= budget, (name, counts[name])
        assert counts[name][1] <= WARM_BUDGETS[name], (name, counts[name])
    client.get(urls(campaign)["progress_phase"])
    with django_assert_max_num_queries(WARM_BUDGETS["progress_phase"]):
        client.get(urls(campaign)["progress_phase"])


def test_query_counts_do_not_grow_with_units_or_initiatives(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        small_campaign = build_tree(children=2, per_unit=3)
        large_campaign = build_tree(children=30, per_unit=40, prefix="tinh-lon")

    small, large = query_counts(client, small_campaign), query_counts(client, large_campaign)

    assert small == large


def test_inside_a_write_the_pages_are_computed_afresh_within_the_cold_budget(client):
    """Writes not yet committed (the test's own transaction) bypass the cache: each request computes."""
    campaign = build_tree(children=3, per_unit=4)
    client.get(reverse("initiatives:campaign_list"))

    for name, url in urls(campaign).items():
        for _run in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            assert len(queries) <= BUDGETS[name], (name, len(queries))
