"""Invalidation of cached pages and fragments through a content "generation" number.

Fragments that show articles, categories, videos or links, and whole anonymous pages
(news/pagecache.py), are kept under a key that includes `generation()`. Any save or delete of
those models moves the number on once the change commits, so every such page or fragment is
rebuilt on its next render; old entries simply expire. Scheduled articles need no cron job
either: the earliest future publish time is kept beside the number, and once it has passed the
generation moves on by itself.

The number lives in the database (news.models.Generation), not in the shared cache: the page
cache of each process keeps telling current pages from old ones while Redis is down. Each
process reads it at most once every GENERATION_CHECK_SECONDS (one indexed query): an edit
reaches the other processes and app servers up to that much later, the process that made it at
once. Live figures (view counts, visit statistics) are never put in these pages or fragments.
"""

import itertools
import threading
import time

from django.conf import settings
from django.db import transaction
from django.db.models import F, Subquery, Value
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

GENERATION_NAME = "news"
# How long fragments stay in the cache (seconds).
FRAGMENT_TIMEOUT = 60 * 60


class _Known:
    """This process's last reading of the generation, good until a deadline (time.monotonic()) or until
    the next scheduled article comes out, whichever is first."""

    def __init__(self):
        self.lock = threading.Lock()
        self.kept = (None, 0.0, None)

    def get(self):
        """The number, or None (read it again)."""
        number, until, scheduled = self.kept
        if time.monotonic() >= until:
            return None
        if scheduled is not None and scheduled <= timezone.now():
            return None
        return number

    def keep(self, number, scheduled):
        with self.lock:
            self.kept = (number, time.monotonic() + settings.GENERATION_CHECK_SECONDS, scheduled)

    def forget(self):
        with self.lock:
            self.kept = (None, 0.0, None)


_known = _Known()


def _fresh_number():
    """The milliseconds since 1970: a generation never goes below it, so a number is never used twice, not
    even after a database is restored from a backup while the shared cache still holds pages of later ones."""
    return int(time.time() * 1000)


def _next_publish():
    """The earliest publish time of a scheduled article, as a subquery (the rule is ArticleQuerySet.scheduled)."""
    from news.models import Article

    return Subquery(Article.objects.scheduled().order_by("published_at").values("published_at")[:1])


def _moved():
    """The UPDATE of a move: the next number (never below the current time), and the next publish time."""
    return {"number": Greatest(F("number") + 1, Value(_fresh_number())), "next_publish": _next_publish()}


def bump():
    """Move to a new generation (one UPDATE): every page and fragment keyed by the old one is left to expire.

    This process reads the new number on its next call of `generation()`; the others within
    GENERATION_CHECK_SECONDS. Called once a change has committed (`content_changed`).
    """
    from news.models import Generation

    if not Generation.objects.filter(name=GENERATION_NAME).update(**_moved()):
        _create()
    _known.forget()


def _create():
    from news.models import Generation

    Generation.objects.bulk_create([Generation(name=GENERATION_NAME, number=_fresh_number())], ignore_conflicts=True)
    Generation.objects.filter(name=GENERATION_NAME).update(next_publish=_next_publish())


def generation():
    """The current generation, read at most once a GENERATION_CHECK_SECONDS per process; moved on when a
    scheduled article has come out.

    Inside a transaction that changed content and has not committed, a number of that transaction's own
    (`content_changed`): what it renders is kept under a key nobody else reads, and retired by the commit.
    """
    number = _known.get()
    if number is None:
        number = _read_number()
    pending = _pending_move()
    if pending is None:
        return number
    if pending.due is not None and pending.due <= timezone.now():
        pending.due = None
        pending.changed()  # an item this transaction scheduled has come out: its own pages are retired too
    return f"{number}.{pending.serial}"


def _read_number():
    from news.models import Generation

    row = Generation.objects.filter(name=GENERATION_NAME).values_list("number", "next_publish").first()
    if row is None:
        _create()
        row = Generation.objects.filter(name=GENERATION_NAME).values_list("number", "next_publish").first()
    number, scheduled = row
    if scheduled is not None and scheduled <= timezone.now():
        # The first process to see it moves the generation on; the others find the next time already set.
        Generation.objects.filter(name=GENERATION_NAME, next_publish=scheduled).update(**_moved())
        number, scheduled = Generation.objects.filter(name=GENERATION_NAME).values_list("number", "next_publish")[0]
    _known.keep(number, scheduled)
    return number


def forget():
    """Read the generation again on the next call (tests)."""
    _known.forget()


class _Move:
    """The on-commit callback that moves the generation on, one per transaction; `serial` names the
    transaction's latest uncommitted change, `due` the earliest future publish time it saved."""

    def __init__(self):
        self.serial = next(_serials)
        self.due = None

    def changed(self, instance=None):
        self.serial = next(_serials)
        publish = getattr(instance, "published_at", None)
        if publish is not None and publish > timezone.now() and (self.due is None or publish < self.due):
            self.due = publish

    def __call__(self):
        bump()


_serials = itertools.count(1)


def _pending_move():
    """The current transaction's _Move, while it has not committed (None outside a transaction)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    for entry in connection.run_on_commit:
        if isinstance(entry[1], _Move):
            return entry[1]
    return None


def content_changed(instance=None, **kwargs):
    """A signal receiver: move the generation on once the current transaction commits (at once outside one).

    Other connections see the old rows until the commit, and pages they render meanwhile are kept under
    the old number, which the commit retires. One move per transaction, however many rows it changed.
    """
    pending = _pending_move()
    if pending is None:
        pending = _Move()
        transaction.on_commit(pending)
    pending.changed(instance)


def connect_signals():
    """Called from NewsConfig.ready(): move the generation whenever published content changes."""
    from news.models import Article, Category, Video, WebLink

    for model in (Article, Category, Video, WebLink):
        uid = f"news.caching.{model.__name__}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}.delete")
