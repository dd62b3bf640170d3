"""Tags on articles: typed in the article form, shown under the article, a page per tag, in the sitemap."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tags import services
from tags.models import Tag
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"}


def test_typed_tags_are_tidied_and_reused_ignoring_case_and_accents():
    assert services.parse(" an toàn lao động,Tháng  Công nhân; AN TOAN LAO DONG ,, ") == [
        "an toàn lao động",
        "Tháng Công nhân",
    ]
    first, second = ArticleFactory(), ArticleFactory()
    services.set_tags(article=first, names=["Đoàn viên", "Tháng Công nhân"])
    services.set_tags(article=second, names=["đoàn viên"])
    assert Tag.objects.count() == 2
    assert Tag.objects.get(name="Đoàn viên").slug == "doan-vien"
    assert list(second.tags.values_list("name", flat=True)) == ["Đoàn viên"]


def test_an_editor_sets_tags_in_the_article_form(client):
    editor = UserFactory(username="bientap", is_staff=True)
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    client.force_login(editor)
    category = CategoryFactory()
    response = client.post(
        reverse("admin:news_article_add"),
        {
            "title": "Hội nghị an toàn vệ sinh lao động năm 2024",
            "category": category.pk,
            "sapo": "Sapo.",
            "body": "<p>Nội dung.</p>",
            "published_at_0": "14/03/2024",
            "published_at_1": "08:00:00",
            "tag_names": "An toàn lao động, Tháng Công nhân",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = category.articles.get()
    assert sorted(article.tags.values_list("name", flat=True)) == ["An toàn lao động", "Tháng Công nhân"]
    edit = client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert 'value="An toàn lao động, Tháng Công nhân"' in edit


def test_tags_show_under_the_article_and_have_a_page(client):
    article = ArticleFactory(title="Tháng Công nhân năm 2024 tại Sóc Trăng")
    draft = ArticleFactory(title="Bài nháp có thẻ", status="draft")
    services.set_tags(article=article, names=["Tháng Công nhân"])
    services.set_tags(article=draft, names=["Tháng Công nhân"])
    tag = Tag.objects.get()
    page = client.get(article.get_absolute_url(), **BROWSER).content.decode()
    assert f'href="{tag.get_absolute_url()}" rel="tag">#Tháng Công nhân' in page
    assert tag.get_absolute_url() == "/the/thang-cong-nhan/"
    listing = client.get(tag.get_absolute_url())
    assert [a.title for a in listing.context["articles"]] == ["Tháng Công nhân năm 2024 tại Sóc Trăng"]
    assert client.get("/the/khong-co/").status_code == 404
    assert tag.get_absolute_url() in client.get(reverse("news:sitemap")).content.decode()


def test_a_changed_tag_shows_at_once_on_the_cached_article_page(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url(), **BROWSER)  # now in the page cache
    services.set_tags(article=article, names=["Mái ấm Công đoàn"])
    assert "#Mái ấm Công đoàn" in client.get(article.get_absolute_url(), **BROWSER).content.decode()
