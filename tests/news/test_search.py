"""Search: accent-insensitive both ways, every word must match, published only, paginated; on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news import search, views
from news.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"})


def found(query):
    return [a.title for a in search.search_articles(query)]


def test_unaccented_query_finds_accented_text():
    ArticleFactory(title="Công đoàn tỉnh Sóc Trăng trao quà Tết", sapo="Chăm lo đoàn viên.", body="<p>Nội dung.</p>")
    ArticleFactory(title="Hội thao ngành Giáo dục", sapo="Thể thao.", body="<p>Bóng chuyền.</p>")

    assert found("cong doan") == ["Công đoàn tỉnh Sóc Trăng trao quà Tết"]
    assert found("soc trang") == ["Công đoàn tỉnh Sóc Trăng trao quà Tết"]


def test_accented_query_in_any_case_finds_lower_case_text():
    ArticleFactory(title="Tin hoạt động", sapo="Hội nghị của công đoàn cơ sở.", body="<p>x</p>")

    assert found("Công Đoàn") == ["Tin hoạt động"]
    assert found("CÔNG ĐOÀN CƠ SỞ") == ["Tin hoạt động"]


def test_words_are_found_in_title_sapo_and_body():
    ArticleFactory(title="Tiêu đề có sáng kiến", sapo="a", body="<p>b</p>")
    ArticleFactory(title="Khác", sapo="Sapo nói về sáng kiến", body="<p>b</p>")
    ArticleFactory(title="Khác nữa", sapo="a", body="<p>Thân bài có <strong>sáng kiến</strong> mới</p>")
    ArticleFactory(title="Không liên quan", sapo="a", body="<p>b</p>")

    assert sorted(found("sang kien")) == ["Khác", "Khác nữa", "Tiêu đề có sáng kiến"]


def test_every_word_must_match():
    ArticleFactory(title="An toàn vệ sinh lao động", sapo="Tháng hành động.", body="<p>x</p>")
    ArticleFactory(title="Tháng Công nhân", sapo="Lao động giỏi.", body="<p>x</p>")

    assert found("an toàn lao động") == ["An toàn vệ sinh lao động"]
    assert sorted(found("lao dong")) == ["An toàn vệ sinh lao động", "Tháng Công nhân"]
    assert found("an toàn công nhân") == []


def test_only_published_articles_are_found():
    ArticleFactory(title="Sáng kiến đã đăng")
    ArticleFactory(title="Sáng kiến nháp", status=Article.Status.DRAFT)
    ArticleFactory(title="Sáng kiến hẹn giờ", published_at=timezone.now() + timedelta(days=1))

    assert found("sáng kiến") == ["Sáng kiến đã đăng"]


def test_results_are_newest_first_when_equally_relevant():
    for days in (3, 1, 2):
        ArticleFactory(
            title=f"Phong trào thi đua {days}",
            sapo="x",
            body="<p>x</p>",
            published_at=timezone.now() - timedelta(days=days),
        )

    assert found("phong trao thi dua") == ["Phong trào thi đua 1", "Phong trào thi đua 2", "Phong trào thi đua 3"]


def test_query_without_letters_or_digits_finds_nothing():
    ArticleFactory()

    assert found("  !!! ") == []
    assert not search.is_searchable("a")
    assert not search.is_searchable("?!")
    assert search.is_searchable("cđ")


# --- the page ----------------------------------------------------------------


def test_search_page_shows_count_and_results(client):
    ArticleFactory(title="Đại hội Công đoàn tỉnh Đồng Tháp")
    ArticleFactory(title="Tin khác")

    response = client.get(reverse("news:search"), {"q": "dai hoi cong doan"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tìm thấy 1 kết quả" in html
    assert "Đại hội Công đoàn tỉnh Đồng Tháp" in html
    assert "Tin khác" not in html
    assert 'value="dai hoi cong doan"' in html


@pytest.mark.parametrize("query", ["", "   ", "a", "!!"])
def test_empty_or_too_short_query_gets_a_friendly_message(client, query):
    ArticleFactory(title="Bài viết")

    response = client.get(reverse("news:search"), {"q": query})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Xin nhập từ khóa" in html or "Từ khóa quá ngắn" in html
    assert "Tìm thấy" not in html
    assert "Bài viết" not in html[html.index("search-page") :]


def test_too_short_query_runs_no_search(client):
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("news:search"), {"q": "a"})

    assert not [q for q in captured.captured_queries if "news_article" in q["sql"] and "search_text" in q["sql"]]


def test_search_is_paginated_and_keeps_the_query(client):
    for n in range(views.SEARCH_RESULTS_PER_PAGE + 2):
        ArticleFactory(title=f"Sáng kiến số {n:02d} ", published_at=timezone.now() - timedelta(hours=n + 1))
    url = reverse("news:search")

    first = client.get(url, {"q": "sang kien"}).content.decode()
    second = client.get(url, {"q": "sang kien", "page": 2}).content.decode()

    assert "Tìm thấy 12 kết quả" in first
    assert "Sáng kiến số 00 " in first and "Sáng kiến số 10 " not in first
    assert "Sáng kiến số 10 " in second and "Sáng kiến số 11 " in second
    assert 'href="?q=sang+kien&amp;page=2"' in first
    assert client.get(url, {"q": "sang kien", "page": 5}).status_code == 404


def test_no_result_message(client):
    ArticleFactory(title="Tin tức")

    html = client.get(reverse("news:search"), {"q": "khong co gi"}).content.decode()

    assert "Tìm thấy 0 kết quả" in html
    assert "Không có bài viết nào" in html


@pytest.mark.postgres
def test_postgres_uses_full_text_search_and_ranks_title_matches_first():
    ArticleFactory(
        title="Tin khác", sapo="Hội nghị bàn về sáng kiến.", published_at=timezone.now() - timedelta(hours=1)
    )
    ArticleFactory(
        title="Sáng kiến sáng kiến sáng kiến", sapo="Sáng kiến.", published_at=timezone.now() - timedelta(days=2)
    )

    queryset = search.search_articles("sáng kiến")

    assert "to_tsvector('simple'::regconfig" in str(queryset.query)
    assert [a.title for a in queryset] == ["Sáng kiến sáng kiến sáng kiến", "Tin khác"]


@pytest.mark.postgres
def test_postgres_search_can_use_the_gin_index():
    category = ArticleFactory(title="Sáng kiến").category
    # Many published articles that do not match, so the index is the selective path.
    Article.objects.bulk_create(
        Article(
            title=f"Tin {n}",
            slug=f"tin-{n}",
            sapo="x",
            body="x",
            search_text=f"tin hoat dong {n}",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(days=1),
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")
        sql, params = search.search_articles("sang kien").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)  # noqa: S608 - Django's own compiled SQL
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "article_search_idx" in plan


def test_punctuation_and_query_operators_are_only_separators():
    ArticleFactory(title="Đồng Tháp và Cù Lao Dung")

    assert found("cu_lao & | ! ( ) :* 'dung'") == ["Đồng Tháp và Cù Lao Dung"]
    assert found("Cù-Lao, Dung!") == ["Đồng Tháp và Cù Lao Dung"]


def test_a_word_matches_the_start_of_a_longer_word():
    ArticleFactory(title="Đồng Tháp")

    assert found("dong tha") == ["Đồng Tháp"]
