"""One round trip for a page view's counter writes on PostgreSQL: the function of migration 0006.

news/counters.py ("Lượt xem") and news/visits.py ("Thống kê truy cập") decide from the cache
what a request must write; on PostgreSQL they hand it to `count_page_view`, which calls
`news_count_page_view` once instead of sending up to nine statements (BEGIN, SET LOCAL, lock,
look-up, insert, update, presence, visit counters, COMMIT). Elsewhere (SQLite) they write with
the ORM inside `visits.counter_transaction()`. Both do the same, in the same order, with the
same locks; the tests run against both.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection


def available():
    """True where the function exists: PostgreSQL (migration 0006)."""
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class ArticleView:
    """An article view to count, if the visitor has no active Hit since `since`."""

    content_type_id: int
    object_pk: int
    since: datetime
    ip: str
    user_agent: str
    user_id: int | None


@dataclass(frozen=True)
class Result:
    views: int | None  # the article's total after this request (None when no article was given)
    counted: bool  # this request added the view
    last_hit: datetime | None  # when not counted: the visitor's active Hit


def count_page_view(*, now, visitor, view=None, present=False, periods=()):
    """Write a page view's counters in one statement; `periods`: the (period, start) rows a new visit adds to.

    Outside a transaction the statement is its own transaction, committed without waiting for
    the disk unless COUNTER_SYNCHRONOUS_COMMIT is on; inside the caller's transaction it never
    changes that transaction's durability.
    """
    synchronous = settings.COUNTER_SYNCHRONOUS_COMMIT or connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT views, counted, last_hit FROM news_count_page_view("
            "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::varchar[], %s::date[])",
            [
                synchronous,
                now,
                visitor,
                view.content_type_id if view else None,
                view.object_pk if view else None,
                view.since if view else None,
                view.ip if view else None,
                view.user_agent if view else None,
                view.user_id if view else None,
                present,
                [str(period) for period, _ in periods],
                [start for _, start in periods],
            ],
        )
        views, counted, last_hit = cursor.fetchone()
    return Result(views=views, counted=counted, last_hit=last_hit)
