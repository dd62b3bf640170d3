"""Reading tools on an article: plain share links, copy link, text size, the print stylesheet and address."""

from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"}


def test_share_links_are_plain_links_with_the_article_address(client):
    article = ArticleFactory()
    page = client.get(article.get_absolute_url(), **BROWSER).content.decode()
    address = "http://testserver" + article.get_absolute_url()
    assert f'href="https://zalo.me/share?url={quote(address, safe="")}"' in page
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={quote(address, safe="")}"' in page
    assert f'href="{address}" data-copy-link' in page
    scripts = [part.split(">")[0] for part in page.split("<script")[1:]]
    assert scripts and all('src="/static/' in tag for tag in scripts)  # no inline or third-party script
    assert "facebook.net" not in page and "sp.zalo.me" not in page


def test_the_text_size_control_and_print_button_wait_for_javascript(client):
    page = client.get(ArticleFactory().get_absolute_url(), **BROWSER).content.decode()
    assert '<ul class="text-size" hidden data-text-size-control' in page
    assert 'data-size="lon"' in page and 'data-size="rat-lon"' in page
    assert "<li hidden data-print>" in page
    assert '<script src="/static/js/reading.js"></script>' in page


def test_the_print_stylesheet_drops_navigation_and_prints_the_address(client):
    article = ArticleFactory()
    page = client.get(article.get_absolute_url(), **BROWSER).content.decode()
    assert 'href="/static/css/print.css" media="print"' in page
    assert f'class="print-url">Địa chỉ bài viết: http://testserver{article.get_absolute_url()}' in page
    css = (Path(settings.BASE_DIR) / "static/css/print.css").read_text()
    hidden = css.split("{ display: none !important; }")[0]
    for part in [".site-header", ".main-nav", ".sidebar", ".site-footer", ".share", ".text-size", ".article-tools"]:
        assert part in hidden
    assert ".print-url { display: block !important;" in css
