"""Public pages answer GET and HEAD; other methods get 405 with `Allow` and nothing is rendered or counted."""

from unittest import mock

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, CampaignFactory, CategoryFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_urls():
    article = ArticleFactory()
    campaign = CampaignFactory()
    UnitFactory(code="tinh")
    category = article.category if article.category_id else CategoryFactory()
    return [
        reverse("news:home"),
        reverse("news:category", kwargs={"slug": category.slug}),
        reverse("news:category_feed", kwargs={"slug": category.slug}),
        article.get_absolute_url(),
        reverse("news:search") + "?q=cong+doan",
        reverse("news:video_list"),
        reverse("news:feed"),
        reverse("news:sitemap"),
        reverse("news:robots"),
        reverse("initiatives:campaign_list"),
        reverse("initiatives:campaign", kwargs={"slug": campaign.slug}),
        reverse("initiatives:tally_json", kwargs={"slug": campaign.slug}),
        reverse("initiatives:tally_csv", kwargs={"slug": campaign.slug}),
        reverse("initiatives:tally_xlsx", kwargs={"slug": campaign.slug}),
    ]


def test_get_and_head_are_served(client, public_urls):
    for url in public_urls:
        assert client.get(url).status_code == 200, url
        head = client.head(url)
        assert head.status_code == 200, url
        assert head.content == b""


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace"])
def test_other_methods_get_405_with_allow_and_no_render(client, public_urls, method):
    with (
        mock.patch("django.template.loader.render_to_string") as render,
        mock.patch("django.shortcuts.render") as shortcut_render,
    ):
        for url in public_urls:
            response = client.generic(method.upper(), url)
            assert response.status_code == 405, (method, url)
            assert response["Allow"] == "GET, HEAD, OPTIONS"
            assert response.content == b""
    render.assert_not_called()
    shortcut_render.assert_not_called()


def test_options_answers_allow_with_an_empty_body(client, public_urls):
    for url in public_urls:
        response = client.options(url)
        assert response.status_code == 200, url
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert response.content == b""


def test_a_refused_method_counts_no_view(client):
    from hitcount.models import HitCount

    article = ArticleFactory()
    for method in ("POST", "TRACE", "OPTIONS"):
        client.generic(method, article.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0")
    assert HitCount.objects.filter(object_pk=article.pk, hits__gt=0).count() == 0


@pytest.mark.parametrize(
    "name",
    ["documents:list", "documents:feed", "legalqa:list", "about:about", "about:organisation"],
)
def test_the_sections_pages_answer_get_and_head_only(client, name):
    url = reverse(name)
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200
    refused = client.post(url)
    assert refused.status_code == 405 and refused["Allow"] == "GET, HEAD, OPTIONS"
    assert client.options(url).content == b""


@pytest.mark.parametrize("name", ["legalqa:ask", "about:contact"])
def test_pages_with_a_form_still_take_posts(client, name):
    assert client.post(reverse(name), {}).status_code != 405
