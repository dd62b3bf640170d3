"""Per-article views ("Lượt xem"): window, bots, identities, query cost, pruning."""

import itertools
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hitcount.models import Hit, HitCount

from news.counting import markers
from news.counting import writes as counting_writes
from news.counting.reading import article_views, hit_window
from news.counting.writes import counter_transaction
from news.models import Presence
from tests.factories import ArticleFactory, UserFactory
from tests.news.readers import GOOGLEBOT, count_view, new_visitor, reader_request
from tests.news.sql import assert_counter_writes, writes

pytestmark = pytest.mark.django_db


def age_hits(days=0, **delta):
    """Move every hit back in time, as if the window (or the retention) had passed."""
    Hit.objects.update(created=timezone.now() - timedelta(days=days, **delta))


_slugs = itertools.count()


def make_article():
    return ArticleFactory(slug=f"bai-viet-dem-luot-xem-{next(_slugs)}")


@pytest.fixture
def article():
    return make_article()


# --- window semantics ----------------------------------------------------------


def test_first_view_counts_and_returns_the_new_total(article):
    assert count_view(reader_request(new_visitor()), article) == 1
    assert article_views(article) == 1
    hit = Hit.objects.get()
    assert hit.hitcount.content_object == article


def test_same_visitor_twice_counts_once(article):
    visitor = new_visitor()
    assert count_view(reader_request(visitor), article) == 1
    assert count_view(reader_request(visitor), article) == 1
    assert Hit.objects.count() == 1


def test_two_visitors_count_twice(article):
    count_view(reader_request(new_visitor()), article)
    assert count_view(reader_request(new_visitor()), article) == 2


def test_visitor_without_cookie_is_new_each_time(article):
    count_view(reader_request(), article)
    assert count_view(reader_request(), article) == 2


def test_same_visitor_counts_again_after_the_window(article):
    visitor = new_visitor()
    count_view(reader_request(visitor), article)
    age_hits(seconds=hit_window().total_seconds() + 60)
    cache.clear()  # the fast-path keys expire with the window, in both tiers
    markers.forget()
    assert count_view(reader_request(visitor), article) == 2


def test_window_holds_even_when_the_cache_forgot_the_visitor(article):
    # Another app server with its own cache, or a restarted one: the database decides.
    visitor = new_visitor()
    count_view(reader_request(visitor), article)
    age_hits(seconds=hit_window().total_seconds() - 60)
    cache.clear()
    markers.forget()
    assert count_view(reader_request(visitor), article) == 1


@override_settings(HITCOUNT_KEEP_HIT_ACTIVE={"minutes": 30})
def test_window_comes_from_settings(article):
    visitor = new_visitor()
    count_view(reader_request(visitor), article)
    age_hits(minutes=31)
    cache.clear()
    markers.forget()
    assert count_view(reader_request(visitor), article) == 2


def test_each_article_counts_its_own_views(article):
    other = make_article()
    visitor = new_visitor()
    count_view(reader_request(visitor), article)
    assert count_view(reader_request(visitor), other) == 1
    assert article_views(article) == 1


def test_logged_in_user_counts_once_whatever_the_cookie(article):
    user = UserFactory()
    count_view(reader_request(new_visitor(), user=user), article)
    assert count_view(reader_request(new_visitor(), user=user), article) == 1
    hit = Hit.objects.get()
    assert hit.user == user
    assert hit.session == f"u:{user.pk}"


def test_bots_are_not_counted_but_see_the_total(article):
    count_view(reader_request(new_visitor()), article)
    assert count_view(reader_request(new_visitor(), agent=GOOGLEBOT), article) == 1
    assert count_view(reader_request(new_visitor(), agent=""), article) == 1
    assert Hit.objects.count() == 1


def test_head_requests_are_not_counted(article):
    request = reader_request(new_visitor())
    request.method = "HEAD"
    assert count_view(request, article) == 0
    assert not Hit.objects.exists()


def test_headless_chrome_is_counted(article):
    agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36"
    assert count_view(reader_request(new_visitor(), agent=agent), article) == 1


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_hit_records_the_real_client_address_including_ipv6(article):
    count_view(reader_request(new_visitor(), remote="2001:db8::7"), article)
    count_view(reader_request(new_visitor(), remote="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9"), article)
    assert set(Hit.objects.values_list("ip", flat=True)) == {"2001:db8::7", "198.51.100.9"}


def test_total_matches_the_hit_rows_and_existing_totals(article):
    count_view(reader_request(new_visitor()), article)
    HitCount.objects.update(hits=464)  # carried over from before the hits were kept
    assert count_view(reader_request(new_visitor()), article) == 465
    assert article_views(article) == 465


def test_article_never_viewed_has_zero_views(article):
    assert article_views(article) == 0
    assert not HitCount.objects.exists()


def test_a_failed_write_does_not_leave_the_visitor_marked_as_counted(article, monkeypatch):
    visitor = new_visitor()

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(counting_writes, "write", broken)
    with pytest.raises(RuntimeError):
        count_view(reader_request(visitor), article)
    monkeypatch.undo()
    assert count_view(reader_request(visitor), article) == 1


# --- query cost -------------------------------------------------------------------


def fill_history(article, count):
    """`count` earlier views of `article` by other visitors."""
    for _ in range(count):
        count_view(reader_request(new_visitor()), article)


@pytest.mark.parametrize("history", [3, 30])
def test_returning_visitor_costs_no_query(article, history):
    fill_history(article, history)
    visitor = new_visitor()
    count_view(reader_request(visitor), article)
    with CaptureQueriesContext(connection) as ctx:
        assert count_view(reader_request(visitor), article) == history + 1
    assert ctx.captured_queries == []  # the total shown comes from the cache


@pytest.mark.parametrize("history", [3, 30])
def test_returning_visitor_reads_the_total_once_when_the_cache_lost_it(article, history):
    fill_history(article, history)
    visitor = new_visitor()
    count_view(reader_request(visitor), article)
    cache.delete(f"views:article:{article.slug}")
    markers.forget()
    with CaptureQueriesContext(connection) as ctx:
        assert count_view(reader_request(visitor), article) == history + 1
    assert len(ctx.captured_queries) == 1
    assert writes(ctx.captured_queries) == []


@pytest.mark.parametrize("history", [3, 30])
def test_returning_visitor_the_cache_forgot_is_checked_and_not_counted(article, history):
    fill_history(article, history)
    visitor = new_visitor()
    count_view(reader_request(visitor), article)
    cache.clear()
    markers.forget()
    with CaptureQueriesContext(connection) as ctx:
        assert count_view(reader_request(visitor), article) == history + 1
    assert Hit.objects.count() == history + 1
    assert_counter_writes(ctx.captured_queries, orm_statements=2, orm_writes=0)  # lock the total, find the hit


@pytest.mark.parametrize("history", [3, 30])
def test_new_view_costs_one_statement_on_postgresql_five_elsewhere(article, history):
    fill_history(article, history)
    with CaptureQueriesContext(connection) as ctx:
        assert count_view(reader_request(new_visitor()), article) == history + 1
    # lock the total, look for an active hit, insert it, add one, add one to the day's views
    assert_counter_writes(ctx.captured_queries, orm_statements=5, orm_writes=3)


def test_first_view_of_a_new_article_costs_one_statement_on_postgresql_eight_elsewhere(article):
    article_views(article)  # content type looked up once per process
    with CaptureQueriesContext(connection) as ctx:
        assert count_view(reader_request(new_visitor()), article) == 1
    assert HitCount.objects.get().hits == 1
    # the total and the day's row are created too
    assert_counter_writes(ctx.captured_queries, orm_statements=8, orm_writes=5)


def test_bot_costs_at_most_one_read(article):
    article_views(article)
    with CaptureQueriesContext(connection) as ctx:
        count_view(reader_request(agent=GOOGLEBOT), article)
    assert len(ctx.captured_queries) == 1
    assert writes(ctx.captured_queries) == []
    with CaptureQueriesContext(connection) as ctx:
        count_view(reader_request(agent=GOOGLEBOT), article)
    assert ctx.captured_queries == []  # the total is in the cache for a few seconds


# --- pruning ------------------------------------------------------------------------


def test_the_package_delete_would_lower_the_total_which_is_why_pruning_avoids_it(article):
    count_view(reader_request(new_visitor()), article)
    count_view(reader_request(new_visitor()), article)
    Hit.objects.first().delete()
    assert article_views(article) == 1
    Hit.objects.all().delete()
    assert article_views(article) == 1


def test_prune_hits_deletes_old_hits_in_batches_and_keeps_totals(article, capsys):
    fill_history(article, 5)
    age_hits(days=40)
    count_view(reader_request(new_visitor()), article)  # a recent one stays
    call_command("prune_hits", "--days", "30", "--batch-size", "2")
    assert Hit.objects.count() == 1
    assert article_views(article) == 6
    assert "Đã xoá 5 lượt xem" in capsys.readouterr().out


def test_prune_hits_dry_run_deletes_nothing(article, capsys):
    fill_history(article, 3)
    age_hits(days=40)
    call_command("prune_hits", "--dry-run")
    assert Hit.objects.count() == 3
    assert "sẽ xoá 3 lượt xem" in capsys.readouterr().out


def test_prune_hits_removes_presence_older_than_a_day():
    now = timezone.now()
    Presence.objects.create(visitor="old", last_seen=now - timedelta(days=2))
    Presence.objects.create(visitor="recent", last_seen=now - timedelta(hours=2))
    call_command("prune_hits")
    assert list(Presence.objects.values_list("visitor", flat=True)) == ["recent"]


@pytest.mark.parametrize(
    "arguments",
    [["--days", "0"], ["--days", "-3"], ["--batch-size", "0"]],
)
def test_prune_hits_refuses_bad_input(arguments):
    with pytest.raises(CommandError) as error:
        call_command("prune_hits", *arguments)
    assert "phải" in str(error.value)


@override_settings(HITCOUNT_KEEP_HIT_ACTIVE={"days": 7})
def test_prune_hits_refuses_to_delete_hits_still_inside_the_window():
    with pytest.raises(CommandError, match="từ 7 trở lên"):
        call_command("prune_hits", "--days", "3")


def test_prune_hits_exits_non_zero_on_bad_input():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "prune_hits", "--days", "0"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1].startswith("CommandError: --days phải")


# --- durability of the counters' commits ----------------------------------------------


def synchronous_commit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("setting", "inside"), [(False, "off"), (True, "on")])
def test_counter_commits_skip_the_disk_flush_unless_configured(settings, setting, inside):
    settings.COUNTER_SYNCHRONOUS_COMMIT = setting
    with counter_transaction():
        assert synchronous_commit() == inside
    assert synchronous_commit() == "on"  # SET LOCAL ends with the transaction


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_counter_writes_inside_another_transaction_leave_its_durability_alone():
    from django.db import transaction

    with transaction.atomic():  # e.g. content saved in the same transaction
        with counter_transaction():
            assert synchronous_commit() == "on"
