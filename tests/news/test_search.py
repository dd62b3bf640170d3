"""Search: accent-insensitive both ways, every word must match, published only, paginated; on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news import listings, search, views
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


def bulk_articles(category, count, words, *, hours_ago=1):
    """`count` published articles whose search text is `words`, saved without save() (no covers, no slugs)."""
    Article.objects.bulk_create(
        Article(
            title=f"Tin {n}",
            slug=f"tin-{hours_ago}-{n}",
            sapo="x",
            body="x",
            search_text=f"{words} {n}",
            category=category,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=hours_ago, seconds=n),
        )
        for n in range(count)
    )


def test_a_common_word_is_counted_up_to_the_cap(client, monkeypatch):
    monkeypatch.setattr(search.ResultPaginator, "cap", 15)
    for n in range(18):
        ArticleFactory(title=f"Công đoàn cơ sở số {n:02d} ", published_at=timezone.now() - timedelta(hours=n + 1))
    url = reverse("news:search")

    first = client.get(url, {"q": "cong doan"}).content.decode()
    second = client.get(url, {"q": "cong doan", "page": 2}).content.decode()

    assert "Tìm thấy hơn 15 kết quả" in first
    assert "Công đoàn cơ sở số 00 " in first and "Công đoàn cơ sở số 10 " not in first
    assert "Công đoàn cơ sở số 10 " in second and "Công đoàn cơ sở số 14 " in second
    assert "Công đoàn cơ sở số 15 " not in second
    assert client.get(url, {"q": "cong doan", "page": 3}).status_code == 404


def test_exactly_the_cap_is_not_more_than_the_cap(monkeypatch):
    monkeypatch.setattr(search.ResultPaginator, "cap", 3)
    for n in range(3):
        ArticleFactory(title=f"Sáng kiến {n}")

    paginator = search.ResultPaginator(search.search_articles("sang kien"), 10)

    assert (paginator.count, paginator.capped, paginator.num_pages) == (3, False, 1)


@pytest.mark.parametrize("rows", [3, 30])
def test_search_page_query_budget_does_not_grow_with_matches(client, django_assert_max_num_queries, rows):
    category = ArticleFactory(title="Sáng kiến đầu tiên").category
    bulk_articles(category, rows, "sang kien cong doan")
    client.get(reverse("news:search"), {"q": "cong doan"})  # warms the sidebar's caches (another query: not cached)

    # 8 for the news, 1 each for the first documents and questions (news/search.py section_results)
    with django_assert_max_num_queries(10) as captured:
        response = client.get(reverse("news:search"), {"q": "sang kien"})

    assert response.status_code == 200
    searches = [
        q["sql"]
        for q in captured.captured_queries
        if ("search_text" in q["sql"] or "search_vector" in q["sql"]) and "news_article" in q["sql"]
    ]
    assert len(searches) == 2  # one capped count, one page


@pytest.mark.postgres
def test_postgres_matches_the_stored_vector_newest_first():
    ArticleFactory(
        title="Tin khác", sapo="Hội nghị bàn về sáng kiến.", published_at=timezone.now() - timedelta(hours=1)
    )
    ArticleFactory(
        title="Sáng kiến sáng kiến sáng kiến", sapo="Sáng kiến.", published_at=timezone.now() - timedelta(days=2)
    )

    queryset = search.search_articles("sáng kiến")

    sql = str(queryset.query)
    assert '"news_article"."search_vector") @@' in sql
    assert "to_tsvector" not in sql and "ts_rank" not in sql  # nothing parsed or ranked per matching article
    assert [a.title for a in queryset] == ["Tin khác", "Sáng kiến sáng kiến sáng kiến"]


def plan(queryset):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)  # noqa: S608 - Django's own compiled SQL
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.postgres
def test_postgres_finds_a_rare_word_through_the_gin_index():
    category = ArticleFactory(title="Sáng kiến").category
    # As many published articles of a few hundred words as the benchmark has, none of them matching.
    bulk_articles(category, 20_000, " ".join(f"tu{k}" for k in range(250)))
    first_matches = search.search_articles("sang kien").order_by().values_list("pk", flat=True)

    found_plan = plan(first_matches[: search.RESULT_CAP + 1])

    assert "Bitmap Index Scan on article_search_vector_idx" in found_plan
    assert "Seq Scan on news_article" not in found_plan
    assert list(first_matches) == [Article.objects.get(title="Sáng kiến").pk]


@pytest.mark.postgres
def test_postgres_common_word_reads_one_page_and_counts_to_the_cap(client, django_assert_max_num_queries):
    category = ArticleFactory(title="Công đoàn mới nhất").category
    bulk_articles(category, search.RESULT_CAP + 200, "cong doan tin hoat dong", hours_ago=2)
    url = reverse("news:search")
    client.get(url, {"q": "cong doan"})

    # 8 for the news, 1 each for the first documents and questions (news/search.py section_results)
    with django_assert_max_num_queries(10) as captured:
        first = client.get(url, {"q": "công đoàn"}).content.decode()
    searches = [
        q["sql"] for q in captured.captured_queries if "search_vector" in q["sql"] and "news_article" in q["sql"]
    ]
    second = client.get(url, {"q": "công đoàn", "page": 2}).content.decode()

    assert "Tìm thấy hơn 1.000 kết quả" in first
    assert "Công đoàn mới nhất" in first and "Công đoàn mới nhất" not in second
    assert ">Tin 9<" in second and ">Tin 18<" in second and ">Tin 19<" not in second
    assert client.get(url, {"q": "công đoàn", "page": 100}).status_code == 200
    assert client.get(url, {"q": "công đoàn", "page": 101}).status_code == 404
    assert len(searches) == 2
    assert f"LIMIT {search.RESULT_CAP + 1}" in searches[0] and "ORDER BY" not in searches[0]
    assert "LIMIT 10" in searches[1]
    # Newest first from the date index: nothing parsed, ranked or sorted per matching article.
    page_plan = plan(listings.article_cards(search.search_articles("cong doan"))[10:20])
    assert "article_pub_idx" in page_plan and "to_tsvector" not in page_plan


@pytest.mark.postgres
def test_postgres_stored_vector_follows_edits():
    article = ArticleFactory(title="Hội thao công nhân", sapo="Tin ngắn.", body="<p>x</p>")

    article.title = "Giải bóng chuyền nữ"
    article.save()

    assert found("bong chuyen") == ["Giải bóng chuyền nữ"]
    assert found("hoi thao") == []
    Article.objects.filter(pk=article.pk).update(search_text="an toan lao dong")
    assert found("an toan") == ["Giải bóng chuyền nữ"]
    assert found("bong chuyen") == []


def test_punctuation_and_query_operators_are_only_separators():
    ArticleFactory(title="Đồng Tháp và Cù Lao Dung")

    assert found("cu_lao & | ! ( ) :* 'dung'") == ["Đồng Tháp và Cù Lao Dung"]
    assert found("Cù-Lao, Dung!") == ["Đồng Tháp và Cù Lao Dung"]


def test_a_word_matches_the_start_of_a_longer_word():
    ArticleFactory(title="Đồng Tháp")

    assert found("dong tha") == ["Đồng Tháp"]
