"""Views per article per day, "Đọc nhiều", and the readers' reports editors and publishers see in the admin."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hitcount.models import Hit, HitCount
from openpyxl import load_workbook

from news import analytics
from news.counting import stats
from news.counting.reading import article_views
from news.models import Article, ArticleDayViews
from news.services import EDITORS_GROUP, PUBLISHERS_GROUP
from tests.factories import ArticleFactory, CategoryFactory, StaffFactory
from tests.news.readers import BROWSER, count_view, new_visitor, reader_request

pytestmark = pytest.mark.django_db

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def at(monkeypatch, *args):
    moment = datetime(*args, tzinfo=LOCAL)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    stats.forget()
    return moment


def views_of(article, readers):
    for _ in range(readers):
        count_view(reader_request(new_visitor()), article)


# --- views per day ------------------------------------------------------------------------------


def test_daily_views_add_up_to_the_totals_increments_on_local_days(monkeypatch):
    article = ArticleFactory(published_at=datetime(2024, 3, 1, tzinfo=LOCAL))
    at(monkeypatch, 2024, 3, 13, 23, 59)  # 16:59 UTC
    views_of(article, 2)
    at(monkeypatch, 2024, 3, 14, 0, 1)  # 17:01 UTC, the same UTC day: a new local day
    views_of(article, 3)
    visitor = new_visitor()
    count_view(reader_request(visitor), article)
    count_view(reader_request(visitor), article)  # not counted again: nothing added to the day

    days = dict(ArticleDayViews.objects.filter(article=article).values_list("day", "views"))
    assert days == {datetime(2024, 3, 13).date(): 2, datetime(2024, 3, 14).date(): 4}
    assert sum(days.values()) == HitCount.objects.get().hits == article_views(article) == 6


def test_daily_views_survive_pruning_the_hits(monkeypatch):
    article = ArticleFactory()
    views_of(article, 4)
    Hit.objects.update(created=timezone.now() - timedelta(days=400))
    call_command("prune_hits", "--days", "30")
    assert not Hit.objects.exists()
    assert ArticleDayViews.objects.get(article=article).views == 4
    assert article_views(article) == 4


# --- Đọc nhiều ---------------------------------------------------------------------------------------


def test_most_read_follows_the_daily_views_of_the_last_seven_days(monkeypatch):
    old_favourite, first, second, third = (ArticleFactory(title=f"Bài {n}") for n in range(4))
    ArticleDayViews.objects.create(article=old_favourite, day=timezone.localdate() - timedelta(days=7), views=500)
    views_of(second, 2)
    views_of(first, 5)
    views_of(third, 1)
    ArticleDayViews.objects.create(article=third, day=timezone.localdate() - timedelta(days=6), views=1)
    found = stats.most_read()
    assert [entry["title"] for entry in found] == ["Bài 1", "Bài 2", "Bài 3"]
    assert [entry["views"] for entry in found] == [5, 2, 2]
    assert found[0]["url"] == first.get_absolute_url()


def test_most_read_block_is_on_the_home_page_and_beside_articles():
    category = CategoryFactory()
    read = ArticleFactory(title="Bài được đọc nhiều", category=category)
    draft = ArticleFactory(title="Bài nháp được xem trước", category=category, status=Article.Status.DRAFT)
    views_of(read, 3)
    ArticleDayViews.objects.create(article=draft, day=timezone.localdate(), views=99)
    browser = Client(headers={"User-Agent": BROWSER}, REMOTE_ADDR="203.0.113.90")
    for url in ("/", read.get_absolute_url()):
        html = browser.get(url).content.decode()
        block = html[html.index('data-block="most-read"') :].split("</section>", 1)[0]
        assert f'<a href="{read.get_absolute_url()}">Bài được đọc nhiều</a>' in block
        assert "Bài nháp" not in block
    assert 'data-block="most-read"' not in browser.get(category.get_absolute_url()).content.decode()


def test_most_read_block_shows_new_views_within_a_minute(monkeypatch):
    first, second = ArticleFactory(title="Bài thứ nhất"), ArticleFactory(title="Bài thứ hai")
    views_of(first, 2)
    browser = Client(headers={"User-Agent": BROWSER}, REMOTE_ADDR="203.0.113.91")
    html = browser.get("/").content.decode()
    assert html.index("Bài thứ nhất", html.index("most-read")) > 0
    views_of(second, 3)
    stats.forget()  # a minute later (this process's copy)
    from django.core.cache import cache

    cache.delete_many([key.split(":", 2)[2] for key in list(cache._cache) if "most-read" in key])
    html = browser.get("/").content.decode()
    block = html[html.index('data-block="most-read"') :]
    assert block.index("Bài thứ hai") < block.index("Bài thứ nhất")


# --- the admin's reports -----------------------------------------------------------------------------


@pytest.fixture(params=[EDITORS_GROUP, PUBLISHERS_GROUP])
def staff_client(request):
    client = Client()
    client.force_login(StaffFactory(groups=[request.param]))
    return client


@pytest.fixture
def read_site(monkeypatch):
    thoi_su = CategoryFactory(name="Thời sự", slug="thoi-su")
    phong_trao = CategoryFactory(name="Phong trào", slug="phong-trao")
    first = ArticleFactory(title="=HYPERLINK(1)", category=thoi_su, author="Ngọc Anh")
    second = ArticleFactory(title="Đại hội công đoàn", category=phong_trao, author="Minh Tâm")
    ArticleDayViews.objects.create(article=first, day=timezone.localdate(), views=1234)
    ArticleDayViews.objects.create(article=second, day=timezone.localdate(), views=56)
    ArticleDayViews.objects.create(article=second, day=timezone.localdate() - timedelta(days=20), views=7)
    return first, second


def test_editors_and_publishers_see_the_readers_report(staff_client, read_site):
    response = staff_client.get(reverse("admin:news_article_readers"))
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("bai-viet", "chuyen-muc", "tac-gia", "truy-cap"):
        assert f'data-table="{key}"' in html
    assert "1.234" in html  # Vietnamese thousands
    assert "Thời sự" in html and "Ngọc Anh" in html
    today = timezone.localdate()
    for params, minh_tam in (
        ({"ky": "today"}, 56),
        ({"ky": "range", "tu": f"{today - timedelta(days=30):%d/%m/%Y}", "den": f"{today:%d/%m/%Y}"}, 63),
    ):
        authors = staff_client.get(reverse("admin:news_article_readers"), params).context["tables"]["tac-gia"]
        assert ["Minh Tâm", 1, minh_tam] in authors["rows"]
        assert authors["rows"][0] == ["Ngọc Anh", 1, 1234]


def test_a_bad_range_gets_a_vietnamese_message_and_the_default_period(staff_client, read_site):
    html = staff_client.get(reverse("admin:news_article_readers"), {"ky": "range", "tu": "31/02/2024"}).content.decode()
    assert "Chọn khoảng ngày" in html
    html = staff_client.get(
        reverse("admin:news_article_readers"), {"ky": "range", "tu": "10/03/2024", "den": "01/03/2024"}
    ).content.decode()
    assert "“Từ ngày” phải trước hoặc bằng “Đến ngày”." in html


def test_report_tables_download_as_xlsx_with_typed_cells_and_no_formulas(staff_client, read_site):
    response = staff_client.get(reverse("admin:news_article_readers"), {"tai": "bai-viet", "dinh-dang": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert rows[0] == [1, "=HYPERLINK(1)", "Thời sự", "Ngọc Anh", 1234]
    assert sheet.cell(row=4, column=2).data_type == "s"  # text, never a formula
    assert sheet.cell(row=4, column=5).number_format == "#,##0"

    visits = staff_client.get(reverse("admin:news_article_readers"), {"tai": "truy-cap", "dinh-dang": "xlsx"})
    sheet = load_workbook(io.BytesIO(visits.content)).active
    assert sheet.cell(row=4, column=1).number_format == "DD/MM/YYYY"
    assert sheet.max_row == 3 + analytics.VISIT_DAYS


def test_report_tables_download_as_csv_with_vietnamese_dates(staff_client, read_site):
    response = staff_client.get(reverse("admin:news_article_readers"), {"tai": "truy-cap", "dinh-dang": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["Ngày", "Lượt truy cập"]
    assert rows[2][0] == timezone.localdate().strftime("%d/%m/%Y")
    articles = staff_client.get(reverse("admin:news_article_readers"), {"tai": "bai-viet", "dinh-dang": "csv"})
    text = articles.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text  # inert in Excel


def test_an_articles_views_by_day_over_its_first_thirty_days(staff_client, monkeypatch):
    published = timezone.now() - timedelta(days=40)
    article = ArticleFactory(published_at=published)
    first_day = timezone.localdate(published)
    ArticleDayViews.objects.create(article=article, day=first_day, views=10)
    ArticleDayViews.objects.create(article=article, day=first_day + timedelta(days=29), views=3)
    ArticleDayViews.objects.create(article=article, day=first_day + timedelta(days=30), views=99)  # day 31
    days = analytics.article_days(article)
    assert len(days) == 30 and days[0] == (first_day, 10) and days[-1] == (first_day + timedelta(days=29), 3)
    html = staff_client.get(reverse("admin:news_article_views_by_day", args=[article.pk])).content.decode()
    assert "13 lượt xem" in html
    assert html.count("<rect ") == 30
    change = staff_client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert reverse("admin:news_article_views_by_day", args=[article.pk]) in change


def test_readers_without_the_article_permission_are_refused():
    client = Client()
    client.force_login(StaffFactory(groups=[]))
    assert client.get(reverse("admin:news_article_readers")).status_code == 403


def test_visits_per_day_sum_the_slots():
    from news.models import VisitCounter

    today = timezone.localdate()
    for slot in range(3):
        VisitCounter.objects.create(period=VisitCounter.Period.DAY, start=today, slot=slot, visits=slot + 1)
    days = analytics.visits_per_day()
    assert days[-1] == (today, 6)
    assert len(days) == analytics.VISIT_DAYS
    assert VisitCounter.objects.aggregate(total=Sum("visits"))["total"] == 6
