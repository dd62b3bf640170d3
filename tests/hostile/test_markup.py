"""Hostile markup typed into any field shows as text or is removed: nothing of it runs on a page."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from news.sanitize import clean_html
from tests.factories import ArticleFactory, CampaignFactory, CategoryFactory, UnitFactory, VideoFactory, WebLinkFactory
from tests.hostile.corpus import XSS_PAYLOADS

pytestmark = pytest.mark.django_db

YOUTUBE_EMBED = re.compile(r"^https://www\.youtube(-nocookie)?\.com/embed/[\w-]{11}")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}


class _Dangers(HTMLParser):
    """Walks real tags and attributes (text and attribute values stay text, as a browser reads them)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            self.found.append("inline <script>")
        if tag in {"object", "embed", "base", "applet"}:
            self.found.append(f"<{tag}>")
        if tag == "style":
            self.found.append("<style>")
        if (tag == "form" or (tag == "link" and attributes.get("rel") == "stylesheet")) and (
            attributes.get("href") or attributes.get("action") or ""
        ).startswith(("http:", "https:", "//")):
            self.found.append(f"<{tag}> to another site")
        if tag == "meta" and "http-equiv" in attributes:
            self.found.append("<meta http-equiv>")
        if tag == "iframe" and ("srcdoc" in attributes or not YOUTUBE_EMBED.match(attributes.get("src") or "")):
            self.found.append("<iframe> that is not a YouTube player")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in URL_ATTRIBUTES and value.replace("\t", "").startswith(("javascript:", "vbscript:", "data:text")):
                self.found.append(f"{tag} {name}={value[:20]}")
            if name == "style" and ("expression(" in value or "javascript:" in value or "url(" in value):
                self.found.append(f"{tag} style={value[:30]}")


def dangerous(html):
    parser = _Dangers()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_the_sanitizer_leaves_nothing_that_runs(payload):
    assert dangerous(clean_html(payload)) == []


def page_dangers(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return dangerous(response.content.decode())


def test_payloads_in_every_field_of_the_news_show_as_text(client):
    for number, payload in enumerate(XSS_PAYLOADS):
        category = CategoryFactory(name=f"{payload} {number}", slug=f"chuyen-muc-{number}", description=payload)
        article = ArticleFactory(
            title=payload,
            sapo=payload,
            body=payload,
            author=payload,
            cover_caption=payload,
            source_name=payload,
            category=category,
            slug=f"bai-{number}",
        )
        VideoFactory(title=payload)
        WebLinkFactory(title=payload)
        assert page_dangers(client, article.get_absolute_url()) == [], payload
        assert page_dangers(client, category.get_absolute_url()) == [], payload
        assert page_dangers(client, reverse("news:search") + "?q=" + payload) == [], payload
    for url in (reverse("news:home"), reverse("news:video_list"), reverse("news:feed")):
        assert page_dangers(client, url) == [], url


def test_payloads_in_campaign_and_unit_names_show_as_text(client):
    root = UnitFactory(code="tinh", name=XSS_PAYLOADS[0], short_name=XSS_PAYLOADS[1], kind="ldld_tinh")
    campaign = CampaignFactory(name=XSS_PAYLOADS[2], description=XSS_PAYLOADS[3], root_unit=root)
    for number, payload in enumerate(XSS_PAYLOADS[4:]):
        UnitFactory(code=f"don-vi-{number}", name=payload, short_name=payload, parent=root)
    for url in (
        reverse("initiatives:campaign_list"),
        reverse("initiatives:campaign", kwargs={"slug": campaign.slug}),
        reverse("initiatives:unit", kwargs={"slug": campaign.slug, "code": "tinh"}),
    ):
        assert page_dangers(client, url) == [], url


def test_the_check_itself_sees_the_raw_payloads():
    """Were the pages to print a payload raw, the checks above would see it."""
    caught = [payload for payload in XSS_PAYLOADS if dangerous(payload)]
    # Not markup that runs by itself: text aimed at a script context, a comment, an SVG shown as an image
    # (images run no script), and a broken tag that only a sanitizer's bug could stitch together.
    harmless_raw = {
        "';alert(1);//",
        "<!--<script>alert(1)</script>-->",
        '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
        "<scr<script>ipt>alert(1)</script>",
    }
    assert set(XSS_PAYLOADS) - set(caught) == harmless_raw
