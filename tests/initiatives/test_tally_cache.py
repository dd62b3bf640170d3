"""The cached tally and the outputs cached from it: served without queries, replaced by every committed write.

Inside a test's transaction nothing commits, so the tests that write run the on-commit callbacks the way a
commit would (`committed()`); one test at the end commits for real.
"""

import json
import re
import threading
import time
from datetime import datetime, timedelta
from html import unescape

import pytest
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives import fragments, services
from initiatives.models import Initiative, Phase, Unit, week_start
from initiatives.tallies import UNITS_GENERATION_KEY, campaign_tally, compute, generation, once, tally_generation
from tests.factories import SOC_TRANG_UNITS, StaffFactory, UnitFactory, bulk_initiatives, province_campaign
from tests.initiatives.test_standings import build_league, file
from tests.news.readers import show_stats

pytestmark = pytest.mark.django_db

TALLY_QUERIES = 8


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the on-commit callbacks of what is inside, as its commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def committed_province(committed):
    """Three units of the committed_province (507, 441 and 337 submitted in phase 1; 40 more in phase 2), committed."""
    with committed():
        return province_campaign(units=SOC_TRANG_UNITS[:3])


def new_initiative(committed_province, *, unit="st-tran-de", status="da_nop", key="SK-MOI"):
    return services.create_initiative(
        by=None,
        campaign=committed_province["campaign"],
        phase=committed_province["phase1"],
        unit=committed_province["units"][unit],
        key=key,
        title="Sáng kiến mới nộp",
        kind="quan_ly",
        sector="hanh_chinh",
        authors=[("Trần Thị Bình", "Kế toán")],
        status=status,
        registered_at=timezone.make_aware(datetime(2022, 3, 1, 9)),
    )


def page_text(client, campaign, phase=None):
    url = reverse("initiatives:campaign", kwargs={"slug": campaign.slug})
    html = client.get(url, {"giai-doan": phase.number} if phase else {}).content.decode()
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def json_of(client, campaign, phase=None):
    url = reverse("initiatives:tally_json", kwargs={"slug": campaign.slug})
    return json.loads(client.get(url, {"giai-doan": phase.number} if phase else {}).content)


# --- The tally ----------------------------------------------------------------------------------------------------


def test_a_second_tally_of_the_same_generation_costs_no_query(committed_province, django_assert_num_queries):
    campaign, phase1 = committed_province["campaign"], committed_province["phase1"]
    with django_assert_num_queries(TALLY_QUERIES):
        first = campaign_tally(campaign, phase1)

    with django_assert_num_queries(0):
        second = campaign_tally(campaign, phase1)

    assert second is not first
    assert second.rows == first.rows and second.weekly == first.weekly and second.by_kind == first.by_kind
    assert second.root.submitted == 507 + 441 + 337
    assert second.campaign is campaign and second.phase is phase1  # the caller's objects, not pickled copies
    assert second.as_of == first.as_of  # when the figures were computed
    assert [row.code for row in second.children("soc-trang")] == ["st-vinh-chau", "st-tran-de", "st-giao-duc"]


def test_phases_and_the_whole_campaign_are_cached_apart(committed_province, django_assert_num_queries):
    campaign, phase1, phase2 = (
        committed_province["campaign"],
        committed_province["phase1"],
        committed_province["phase2"],
    )
    campaign_tally(campaign, phase1)

    for phase, submitted in [(None, 507 + 441 + 337 + 40), (phase2, 40)]:
        with django_assert_num_queries(TALLY_QUERIES):
            assert campaign_tally(campaign, phase).root.submitted == submitted
        with django_assert_num_queries(0):
            assert campaign_tally(campaign, phase).root.submitted == submitted
    with django_assert_num_queries(0):
        assert campaign_tally(campaign, phase1).root.submitted == 507 + 441 + 337


def test_an_explicit_as_of_stamps_the_cached_figures(committed_province):
    campaign = committed_province["campaign"]
    computed = campaign_tally(campaign).as_of
    stamp = timezone.make_aware(datetime(2024, 3, 14, 8))

    assert campaign_tally(campaign, as_of=stamp).as_of == stamp
    assert campaign_tally(campaign).as_of == computed  # the cached tally keeps its own moment


# Each write path: (what it does, what the tally shows afterwards). Every one goes through the services or a
# model save the way the admin and the importer make it.


def _create(committed_province, client):
    new_initiative(committed_province)


def _update(committed_province, client):
    initiative = Initiative.objects.filter(unit=committed_province["units"]["st-giao-duc"], status="da_nop").first()
    services.update_initiative(by=None, initiative=initiative, unit=committed_province["units"]["st-tran-de"])


def _transition(committed_province, client):
    initiative = Initiative.objects.filter(unit=committed_province["units"]["st-tran-de"], status="dang_ky").first()
    services.transition(
        by=None, initiative=initiative, to_status="da_nop", at=timezone.make_aware(datetime(2022, 5, 2))
    )


def _delete(committed_province, client):
    initiative = Initiative.objects.filter(unit=committed_province["units"]["st-tran-de"], status="da_nop").first()
    services.delete_initiative(by=None, initiative=initiative)


def _set_target(committed_province, client):
    root = committed_province["root"]
    services.set_target(
        unit=root, campaign=committed_province["campaign"], phase=committed_province["phase1"], kind="chi_tieu", value=5
    )


def _bulk(committed_province, client):
    bulk_initiatives(
        campaign=committed_province["campaign"],
        phase=committed_province["phase1"],
        unit=committed_province["units"]["st-tran-de"],
        submitted=7,
    )
    services.after_bulk_change(campaign=committed_province["campaign"])


def _admin_unit_change(changes):
    def change(committed_province, client):
        unit = committed_province["units"]["st-tran-de"]
        data = {
            "name": unit.name,
            "short_name": unit.short_name,
            "code": unit.code,
            "kind": unit.kind,
            "parent": unit.parent_id,
            "order": unit.order,
            "member_count": unit.member_count,
            "worker_count": unit.worker_count,
            "valid_from": "",
            "valid_to": "",
            "merged_into": "",
        }
        data.update(changes(committed_province) if callable(changes) else changes)
        client.force_login(StaffFactory(is_superuser=True))
        response = client.post(reverse("admin:initiatives_unit_change", args=[unit.pk]), data)
        client.logout()
        assert response.status_code == 302, response.content.decode()[:2000]

    return change


def _phase_rename(committed_province, client):
    phase = Phase.objects.get(pk=committed_province["phase1"].pk)
    phase.name = "Đợt tải lên thứ nhất"
    phase.save()


def _campaign_rename(committed_province, client):
    campaign = committed_province["campaign"]
    campaign.name = "1 triệu sáng kiến (đã sửa tên)"
    campaign.save()


WRITES = {
    "create": (
        _create,
        lambda t, d, text: (
            t.root.submitted == 1286 and d["totals"]["submitted"] == 1286 and "1.286 sáng kiến đã nộp" in text
        ),
    ),
    "update": (
        _update,
        lambda t, d, text: (
            t.row("st-giao-duc").submitted == 336
            and {u["code"]: u["submitted"] for u in d["units"]}["st-giao-duc"] == 336
        ),
    ),
    "transition": (_transition, lambda t, d, text: t.root.submitted == 1286 and "1.286 sáng kiến đã nộp" in text),
    "delete": (_delete, lambda t, d, text: t.root.submitted == 1284 and d["totals"]["submitted"] == 1284),
    "set_target": (
        _set_target,
        lambda t, d, text: t.root.targets["chi_tieu"] == 5 and d["targets"]["chi_tieu"] == 5 and "Chỉ tiêu: 5 " in text,
    ),
    "after_bulk_change": (_bulk, lambda t, d, text: t.root.submitted == 1292 and "1.292 sáng kiến đã nộp" in text),
    "unit renamed in the admin": (
        _admin_unit_change({"name": "LĐLĐ huyện Trần Đề (mới)"}),
        lambda t, d, text: (
            t.row("st-tran-de").name == "LĐLĐ huyện Trần Đề (mới)" and "LĐLĐ huyện Trần Đề (mới)" in text
        ),
    ),
    "unit moved in the admin": (
        _admin_unit_change(lambda committed_province: {"parent": committed_province["units"]["st-vinh-chau"].pk}),
        lambda t, d, text: (
            t.row("st-tran-de").parent_code == "st-vinh-chau"
            and "LĐLĐ huyện Trần Đề" not in text
            and t.row("st-vinh-chau").submitted == 507 + 441
        ),
    ),
    "phase renamed": (
        _phase_rename,
        lambda t, d, text: d["phase"]["name"] == "Đợt tải lên thứ nhất" and "Đợt tải lên thứ nhất" in text,
    ),
    "campaign renamed": (
        _campaign_rename,
        lambda t, d, text: d["campaign"]["name"] == "1 triệu sáng kiến (đã sửa tên)",
    ),
}


@pytest.mark.parametrize("name", WRITES)
def test_every_write_path_shows_in_the_next_tally_json_and_page(name, committed_province, client, committed):
    write, shows = WRITES[name]
    campaign, phase1 = committed_province["campaign"], Phase.objects.get(pk=committed_province["phase1"].pk)
    before = (campaign_tally(campaign, phase1), json_of(client, campaign, phase1), page_text(client, campaign, phase1))
    assert not shows(*before)
    assert page_text(client, campaign, phase1) == before[2]  # now served from the cache

    with committed():
        write(committed_province, client)

    campaign.refresh_from_db()
    phase1.refresh_from_db()
    assert shows(
        campaign_tally(campaign, phase1), json_of(client, campaign, phase1), page_text(client, campaign, phase1)
    )


@pytest.mark.parametrize("name", ["create", "update", "transition", "delete"])
def test_after_an_initiative_write_only_the_units_it_touched_are_read_again(
    name, committed_province, client, committed
):
    """The services name the units a write touches: the next tally re-reads their own figures only, and equals a
    tally computed from scratch."""
    write, _shows = WRITES[name]
    campaign, phase1 = committed_province["campaign"], committed_province["phase1"]
    campaign_tally(campaign, phase1)
    with committed():
        write(committed_province, client)

    with CaptureQueriesContext(connection) as queries:
        tally = campaign_tally(campaign, phase1)

    assert len(queries) < TALLY_QUERIES
    assert tally.rows == compute._compute(campaign, phase1, timezone.now()).rows
    assert tally.weekly == compute._compute(campaign, phase1, timezone.now()).weekly


def test_the_weekly_rank_history_rereads_only_the_siblings_a_write_touched(committed_province, committed):
    """The unit page's chart: after an initiative write, only the siblings above the units it touched are read
    again, and the history equals the one read from scratch."""
    from initiatives import standings
    from initiatives.tallies.history import sibling_ranks

    campaign, phase1 = committed_province["campaign"], committed_province["phase1"]
    sibling_ranks(campaign_tally(campaign, phase1), campaign_tally(campaign, phase1).row("st-tran-de"))
    with committed():
        new_initiative(committed_province, unit="st-tran-de")
    tally = campaign_tally(campaign, phase1)
    row = tally.row("st-tran-de")

    with CaptureQueriesContext(connection) as queries:
        history, siblings = sibling_ranks(tally, row)

    sql = queries[0]["sql"]
    assert len(queries) == 1 and row.path in sql and tally.row("st-vinh-chau").path not in sql
    assert "st-tran-de" in [sibling.code for sibling in siblings]
    parent_path = tally.row("soc-trang").path
    assert history == standings.weekly_ranks(
        campaign, phase1, tally.period, parent_path=parent_path, child_ids=[s.unit_id for s in siblings]
    )
    with CaptureQueriesContext(connection) as queries:
        assert sibling_ranks(tally, row)[0] == history
    assert len(queries) == 0


def test_a_lost_record_of_what_a_write_changed_means_a_full_recount(committed_province, committed):
    campaign, phase1 = committed_province["campaign"], committed_province["phase1"]
    campaign_tally(campaign, phase1)
    with committed():
        new_initiative(committed_province)
    key = generation._campaign_generation_key(campaign.pk)
    cache.delete(generation._changes_key(key, generation.generations(campaign)[1]))  # evicted

    with CaptureQueriesContext(connection) as queries:
        tally = campaign_tally(campaign, phase1)

    assert len(queries) == TALLY_QUERIES
    assert tally.root.submitted == 1286 and tally.rows == compute._compute(campaign, phase1, timezone.now()).rows


def test_generations_stay_where_redis_counts_exactly(committed_province):
    """Redis increments through a double: a generation kept from nanosecond days starts afresh, below 2**53."""
    campaign = committed_province["campaign"]
    cache.set(UNITS_GENERATION_KEY, 1_796_101_278_919_671_903)

    assert all(number < 2**53 for number in generation.generations(campaign))
    assert campaign_tally(campaign).root.submitted == 507 + 441 + 337 + 40


def test_a_target_set_with_an_initiative_write_means_a_full_recount(committed_province, committed):
    campaign, phase1 = committed_province["campaign"], committed_province["phase1"]
    campaign_tally(campaign, phase1)
    with committed(), transaction.atomic():
        new_initiative(committed_province)
        _set_target(committed_province, None)

    with CaptureQueriesContext(connection) as queries:
        tally = campaign_tally(campaign, phase1)

    assert len(queries) == TALLY_QUERIES
    assert tally.root.targets["chi_tieu"] == 5 and tally.root.submitted == 1286


def test_inside_an_uncommitted_write_the_cache_is_bypassed_and_left_alone(
    committed_province, django_assert_num_queries
):
    campaign, phase1 = committed_province["campaign"], committed_province["phase1"]
    assert campaign_tally(campaign, phase1).root.submitted == 1285

    with pytest.raises(RuntimeError), transaction.atomic():
        new_initiative(committed_province)
        assert tally_generation(campaign) is None
        with django_assert_num_queries(TALLY_QUERIES):
            assert campaign_tally(campaign, phase1).root.submitted == 1286  # this transaction's own data
        raise RuntimeError("rolled back")

    with django_assert_num_queries(0):
        assert campaign_tally(campaign, phase1).root.submitted == 1285  # the cached tally, still right


def test_a_lost_generation_never_brings_back_older_entries(committed_province, django_assert_num_queries):
    campaign = committed_province["campaign"]
    generation = tally_generation(campaign)
    campaign_tally(campaign)

    cache.delete(UNITS_GENERATION_KEY)  # evicted, expired, or a restarted cache

    assert tally_generation(campaign) != generation
    with django_assert_num_queries(TALLY_QUERIES):
        campaign_tally(campaign)


# --- A new day ---------------------------------------------------------------------------------------------------


def on_day(monkeypatch, day):
    """Make `day` today for the code under test (`timezone.localdate()` without a value)."""
    real = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, timezone=None: day if value is None else real(value, timezone)
    )


def test_a_cached_tally_is_brought_to_a_new_day_without_recounting(
    monkeypatch, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """The first request of a day recomputes only the pace: no query within the same week, one (the units' own
    weekly figures) in a new week; the rows equal those of a tally computed afresh on that day."""
    monday = week_start(timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):  # committed: the cache is used
        campaign, phase, root, units = build_league()
        services.set_target(unit=root, campaign=campaign, phase=phase, kind="chi_tieu", value=1000)
        file(campaign, phase, units["c"], 40, on=monday, prefix="N")  # C moves up this week
    on_day(monkeypatch, monday)
    first = campaign_tally(campaign, phase)

    paces = {monday: [(row.needed_per_week, row.rank_change, row.at_risk) for row in first.rows]}
    for day, queries in [(monday + timedelta(days=3), 0), (monday + timedelta(days=7), 1)]:
        on_day(monkeypatch, day)
        with django_assert_num_queries(queries):
            tally = campaign_tally(campaign, phase)
        afresh = compute._compute(campaign, phase, timezone.now())
        assert tally.period == afresh.period and tally.period.today == day
        assert tally.rows == afresh.rows
        assert tally.root == tally.rows[0] and tally.row("c") == afresh.row("c")
        paces[day] = [(row.needed_per_week, row.rank_change, row.at_risk) for row in tally.rows]
        with django_assert_num_queries(0):  # kept for the rest of the day
            assert campaign_tally(campaign, phase).rows == tally.rows
    assert paces[monday + timedelta(days=7)] != paces[monday]  # a week on, the pace and the rank moves differ


# --- What the pages cache -----------------------------------------------------------------------------------------


def test_the_page_is_cached_but_its_visit_statistics_stay_live(committed_province, client):
    campaign = committed_province["campaign"]
    url = reverse("initiatives:campaign", kwargs={"slug": campaign.slug})
    client.get(url)
    show_stats({"online": 4242, "today": 17, "week": 170, "total": 123456})

    html = client.get(url).content.decode()

    assert '<dd data-stat="online">4.242</dd>' in html
    assert '<dd data-stat="total">123.456</dd>' in html
    assert "1.325 sáng kiến đã nộp" in unescape(html)  # the whole campaign: 1.285 in phase 1, 40 in phase 2


def test_downloads_are_cached_and_follow_writes(committed_province, client, committed):
    campaign = committed_province["campaign"]
    slug = {"slug": campaign.slug}
    csv_url, xlsx_url = reverse("initiatives:tally_csv", kwargs=slug), reverse("initiatives:tally_xlsx", kwargs=slug)
    first_csv, first_xlsx = client.get(csv_url, {"giai-doan": 1}), client.get(xlsx_url, {"giai-doan": 1})
    assert client.get(csv_url, {"giai-doan": 1}).content == first_csv.content

    with committed():
        new_initiative(committed_province)

    again = client.get(csv_url, {"giai-doan": 1})
    assert again.content != first_csv.content
    assert again["Content-Disposition"] == first_csv["Content-Disposition"]
    assert ",1286," in again.content.decode("utf-8-sig").splitlines()[1]
    assert client.get(xlsx_url, {"giai-doan": 1}).content != first_xlsx.content


def test_a_unit_page_is_cached_per_unit_and_phase(committed_province, client):
    campaign = committed_province["campaign"]
    pages = {}
    for code in ["st-vinh-chau", "st-tran-de"]:
        for phase in ["", "1", "2"]:
            url = reverse("initiatives:unit", kwargs={"slug": campaign.slug, "code": code})
            pages[code, phase] = client.get(url, {"giai-doan": phase} if phase else {}).content
            assert client.get(url, {"giai-doan": phase} if phase else {}).content == pages[code, phase]

    assert len(set(pages.values())) == len(pages)


def test_unknown_phases_and_units_are_not_found_with_a_warm_cache(committed_province, client):
    campaign = committed_province["campaign"]
    url = reverse("initiatives:campaign", kwargs={"slug": campaign.slug})
    client.get(url, {"giai-doan": 1})

    for phase in ["3", "01", "x", "1 OR 1=1"]:
        assert client.get(url, {"giai-doan": phase}).status_code == 404
    unit_url = reverse("initiatives:unit", kwargs={"slug": campaign.slug, "code": "khong-co"})
    assert client.get(unit_url).status_code == 404


# --- Real commits -------------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_shows_at_once_and_a_rolled_back_one_never(client):
    committed_province = province_campaign(units=SOC_TRANG_UNITS[:2], phase2_submitted=0)
    campaign, phase1 = committed_province["campaign"], committed_province["phase1"]
    assert json_of(client, campaign, phase1)["totals"]["submitted"] == 948
    assert campaign_tally(campaign, phase1).root.submitted == 948

    new_initiative(committed_province)  # commits on its own (autocommit outside a transaction)

    assert json_of(client, campaign, phase1)["totals"]["submitted"] == 949
    assert campaign_tally(campaign, phase1).root.submitted == 949
    assert "949 sáng kiến đã nộp" in page_text(client, campaign, phase1)

    with pytest.raises(RuntimeError), transaction.atomic():
        new_initiative(committed_province, key="SK-BO")
        raise RuntimeError("rolled back")

    assert json_of(client, campaign, phase1)["totals"]["submitted"] == 949
    Unit.objects.filter(code="st-tran-de").update(name="đổi bằng UPDATE, không qua save()")  # bypasses signals
    UnitFactory(code="tinh-khac", name="Một đơn vị mới")  # a save: every campaign's tally moves on
    assert campaign_tally(campaign, phase1).row("st-tran-de").name == "đổi bằng UPDATE, không qua save()"


# --- Rows of the pages kept by their own inputs (initiatives/fragments.py) ------------------------------------------

ROW = "initiatives/_unit_row.html"
SHOWN = {"campaign_slug": "x", "phase_query": "", "by_per_100": False, "is_open": True}


def page(client, campaign, **query):
    return client.get(reverse("initiatives:campaign", kwargs={"slug": campaign.slug}), query).content.decode()


def submit_one(committed_province, committed):
    initiative = Initiative.objects.filter(unit=committed_province["units"]["st-tran-de"], status="dang_ky").first()
    with committed():
        services.transition(
            by=None, initiative=initiative, to_status="da_nop", at=timezone.make_aware(datetime(2022, 5, 2))
        )


def test_a_row_is_rendered_again_only_when_its_figures_change(committed_province, committed):
    campaign = committed_province["campaign"]
    before = {row.code: row for row in campaign_tally(campaign).children("soc-trang")}
    submit_one(committed_province, committed)
    after = {row.code: row for row in campaign_tally(campaign).children("soc-trang")}

    keys_before = dict(zip(before, fragments.row_keys(ROW, list(before.values()), SHOWN), strict=True))
    keys_after = dict(zip(after, fragments.row_keys(ROW, list(after.values()), SHOWN), strict=True))
    assert keys_after["st-tran-de"] != keys_before["st-tran-de"]  # its figures changed
    assert keys_after["st-giao-duc"] == keys_before["st-giao-duc"]  # nothing it shows changed
    assert fragments.row_keys(ROW, [after["st-giao-duc"]], {**SHOWN, "by_per_100": True}) != [
        keys_after["st-giao-duc"]
    ]  # another order of the table shows another rank: another key

    html = fragments.rendered_rows(ROW, [after["st-tran-de"]], SHOWN)[0]
    assert f">{after['st-tran-de'].submitted}<" in html.replace(".", "")
    assert cache.get(keys_after["st-tran-de"]) == html


def test_cached_rows_are_read_back_without_rendering(committed_province, monkeypatch):
    rows = campaign_tally(committed_province["campaign"]).children("soc-trang")
    first = fragments.rendered_rows(ROW, rows, SHOWN)
    template, _digest = fragments._template(ROW)
    monkeypatch.setattr(template, "render", lambda *args, **kwargs: pytest.fail("rendered again"))
    assert fragments.rendered_rows(ROW, rows, SHOWN) == first


def test_the_page_after_a_write_equals_a_fresh_rendering(committed_province, committed, client):
    campaign = committed_province["campaign"]
    page(client, campaign)
    page(client, campaign, **{"xep-theo": "moi-100-doan-vien"})
    submit_one(committed_province, committed)

    served = [page(client, campaign), page(client, campaign, **{"xep-theo": "moi-100-doan-vien"})]
    cache.clear()
    fresh = [page(client, campaign), page(client, campaign, **{"xep-theo": "moi-100-doan-vien"})]
    assert served == fresh
    submitted = campaign_tally(campaign).row("st-tran-de").submitted
    assert f'<td class="num submitted" data-label="Đã nộp">{submitted:,}</td>'.replace(",", ".") in served[0]


def _counting(monkeypatch, *, delay=0.0):
    """Wrap the tally computation: a list that grows by one per computation, each taking `delay` seconds more."""
    calls = []
    real = compute._compute

    def counted(*args, **kwargs):
        calls.append(1)
        time.sleep(delay)
        return real(*args, **kwargs)

    monkeypatch.setattr(compute, "_compute", counted)
    return calls


def _figures(tally):
    return [(row.unit_id, row.registered, row.submitted, row.approved) for row in tally.rows]


@pytest.mark.django_db(transaction=True)
def test_two_requests_missing_the_same_tally_compute_it_once(monkeypatch):
    campaign = province_campaign(units=SOC_TRANG_UNITS[:3])["campaign"]
    cache.clear()
    fresh = _figures(compute._compute(campaign, None, timezone.now()))
    calls = _counting(monkeypatch, delay=0.3)
    results, errors = [], []

    def ask():
        try:
            results.append(_figures(campaign_tally(campaign)))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(calls) == 1
    assert results == [fresh, fresh]


def test_a_lock_never_freed_delays_the_tally_but_does_not_stop_it(committed_province, monkeypatch):
    monkeypatch.setattr(once, "WAIT", 0.1)
    campaign = committed_province["campaign"]
    current = generation.generations(campaign)
    key = f"initiatives:tally:{campaign.pk}:0:{current[0]}.{current[1]}"
    cache.set(f"{key}:computing", "someone else", 60)
    calls = _counting(monkeypatch)
    tally = campaign_tally(campaign)
    assert len(calls) == 1
    assert tally.root.submitted == compute._compute(campaign, None, timezone.now()).root.submitted
    assert cache.get(f"{key}:computing") == "someone else"  # not this request's to free


def test_with_the_cache_failing_the_tally_is_still_computed(committed_province, monkeypatch):
    campaign = committed_province["campaign"]
    expected = _figures(compute._compute(campaign, None, timezone.now()))

    def fails(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    backend = caches["default"]
    monkeypatch.setattr(backend, "add", fails)
    calls = _counting(monkeypatch)
    assert _figures(campaign_tally(campaign)) == expected
    assert len(calls) == 1
    monkeypatch.setattr(backend, "add", lambda *args, **kwargs: None)  # what django-redis answers with Redis down
    cache.clear()
    assert _figures(campaign_tally(campaign)) == expected
    assert len(calls) == 2
