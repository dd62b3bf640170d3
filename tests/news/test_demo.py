"""Demo content: idempotent, at least 40 real-looking articles with covers, videos, links, the old visit total."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from PIL import Image

from news import demo_clips, services
from news.demo import OLD_SITE_VISITS, VIDEOS, seed_news
from news.models import Article, Category, Video, VisitCounter, WebLink

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "categories": Category.objects.count(),
        "articles": Article.objects.count(),
        "videos": Video.objects.count(),
        "links": WebLink.objects.count(),
        "users": get_user_model().objects.count(),
        "visits": list(VisitCounter.objects.values_list("period", "visits")),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (drawing 50 pictures is the slow part), undone afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            out = io.StringIO()
            seed_news(stdout=out)
            first = _counts()
            seed_news(stdout=out)
            second = _counts()
            yield {"first": first, "second": second, "output": out.getvalue()}
            transaction.set_rollback(True)


def test_running_twice_changes_nothing(seeded):
    assert seeded["first"] == seeded["second"]


def test_there_are_at_least_forty_articles_for_the_public(seeded):
    assert Article.objects.published().count() + Article.objects.scheduled().count() >= 40
    assert Article.objects.scheduled().count() == 1
    assert Article.objects.drafts().count() == 1
    assert Article.objects.published().filter(is_featured=True).count() >= 2
    assert Category.objects.count() >= 6
    assert all(c.articles.exists() for c in Category.objects.all())


def test_every_article_has_a_cover_with_renditions_and_sizes(seeded):
    for article in Article.objects.all():
        assert article.cover and article.cover_thumb and article.cover_large, article.title
        assert (article.cover_width, article.cover_height) == (1200, 675)
        with article.cover_thumb.open("rb") as stored, Image.open(stored) as thumb:
            assert thumb.size == (article.cover_thumb_width, article.cover_thumb_height) == (400, 225)
        assert article.cover_caption and article.cover_credit


def test_articles_read_like_news(seeded):
    for article in Article.objects.all():
        assert 3 <= article.body.count("<p>") + article.body.count("<ul>") <= 6, article.title
        assert article.author == article.author.upper()
        assert article.slug and article.search_text
    assert Article.objects.exclude(source_url="").exists()


@pytest.mark.skipif(not demo_clips.available(), reason="needs ffmpeg (Debian package ffmpeg; scripts/test installs it)")
def test_videos_are_mp4_clips_made_here_that_play_offline(seeded):
    videos = list(Video.objects.all())
    assert len(videos) == len(VIDEOS)
    for video in videos:
        assert not video.youtube_url and video.thumbnail.name.endswith(".jpg")
        with video.file.open("rb") as clip:
            head = clip.read(64)
        assert head[4:8] == b"ftyp" and video.file.size > 10_000


def test_without_ffmpeg_the_demo_makes_no_videos_and_says_so(monkeypatch):
    Video.objects.all().delete()  # undone with the test's transaction
    monkeypatch.setattr(demo_clips.shutil, "which", lambda name: None)
    out = io.StringIO()
    seed_news(stdout=out)
    assert Video.objects.count() == 0
    assert "Không có ffmpeg" in out.getvalue()


def test_a_video_thumbnail_carries_no_play_icon_of_its_own():
    """The page draws one play icon over each thumbnail; the picture must not bring a second one."""
    from news.demo import THUMB_SIZE, _draw_cover

    picture = Image.open(io.BytesIO(_draw_cover("Phim", "video", size=THUMB_SIZE))).convert("L")
    width, height = picture.size
    centre = picture.crop((width // 2 - 10, height // 2 - 20, width // 2 + 10, height // 2))
    assert max(centre.getdata()) < 250  # no white triangle in the middle


def test_web_links(seeded):
    titles = set(WebLink.objects.values_list("title", flat=True))
    assert len(titles) == 8
    assert {"Tổng Liên đoàn Lao động Việt Nam", "Báo Lao Động"} <= titles


def test_the_old_sites_visit_total_is_carried_over_once(seeded, settings):
    all_time = VisitCounter.objects.get(period="all").visits
    assert all_time + settings.VISIT_STARTING_TOTAL == OLD_SITE_VISITS
    assert seeded["output"].count("11.799.553") == 1


def test_a_configured_starting_total_is_not_added_twice(settings):
    settings.VISIT_STARTING_TOTAL = OLD_SITE_VISITS
    from news.demo import _seed_visit_total

    VisitCounter.objects.all().delete()  # this test's own fresh start, undone after it

    assert _seed_visit_total() == 0
    assert VisitCounter.objects.get(period="all").visits == 0


def test_visits_counted_before_the_seed_stay_on_top(settings):
    from datetime import date

    from news.demo import _seed_visit_total

    VisitCounter.objects.all().delete()
    VisitCounter.objects.create(period="all", start=date(1970, 1, 1), visits=25)
    _seed_visit_total()
    _seed_visit_total()
    assert VisitCounter.objects.get(period="all").visits == OLD_SITE_VISITS + 25


def test_demo_accounts_are_in_their_groups(seeded, settings):
    User = get_user_model()
    quantri, bientap, duyetbai = (User.objects.get(username=u) for u in ("quantri", "bientap", "duyetbai"))
    assert quantri.is_superuser and quantri.check_password(settings.DEMO_PASSWORD)
    assert list(bientap.groups.all()) == [Group.objects.get(name=services.EDITORS_GROUP)]
    assert list(duyetbai.groups.all()) == [Group.objects.get(name=services.PUBLISHERS_GROUP)]
    assert not services.can_publish(bientap) and services.can_publish(duyetbai)
    assert f"bientap / {settings.DEMO_PASSWORD}" in seeded["output"]


def test_existing_accounts_keep_their_password():
    from news.demo import _seed_accounts

    User = get_user_model()
    User.objects.filter(username="bientap").delete()
    User.objects.create_user("bientap", password="mat-khau-rieng")
    _seed_accounts()
    assert User.objects.get(username="bientap").check_password("mat-khau-rieng")
