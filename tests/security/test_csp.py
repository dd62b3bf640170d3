"""Content-Security-Policy on every HTML page; CKEditor's additions on the admin only."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db


def directives(header):
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def test_public_pages_allow_no_inline_script_and_frame_only_youtube(client):
    article = ArticleFactory()
    for url in (reverse("news:home"), article.get_absolute_url(), reverse("news:search") + "?q=x", "/khong-co/"):
        policy = directives(client.get(url)["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]  # no page of the site in anyone's frame
        assert set(policy["frame-src"]) == {"https://www.youtube-nocookie.com", "https://www.youtube.com"}
        assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
        assert "'unsafe-eval'" not in " ".join(sum(policy.values(), []))


def test_public_pages_carry_no_inline_script_or_style_element(client):
    article = ArticleFactory(body="<p>Nội dung</p>")
    for url in (
        reverse("news:home"),
        article.get_absolute_url(),
        reverse("news:video_list"),
        reverse("documents:list"),
        reverse("legalqa:list"),
        reverse("legalqa:ask"),
        reverse("about:about"),
        reverse("about:contact"),
        reverse("initiatives:campaign_list"),
    ):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert " src=" in tag, tag
        assert "<style" not in html
        assert not re.search(r"\son[a-z]+=", html)  # no event-handler attributes


def test_admin_pages_add_what_ckeditor_needs(client):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.get(reverse("admin:news_article_add"))
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    # CKEditor 4's toolbar runs inline event handlers and inline styles: allowed here, and only here.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert {"data:", "blob:"} <= set(policy["img-src"])


@override_settings(
    CONTENT_SECURITY_POLICY=None, CONTENT_SECURITY_POLICY_REPORT_ONLY={"DIRECTIVES": {"default-src": ["'self'"]}}
)
def test_report_only_sends_the_policy_under_the_other_header(client):
    response = client.get(reverse("news:home"))
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"].startswith("default-src 'self'")


def test_report_only_switch_in_settings(monkeypatch):
    import subprocess
    import sys

    from django.conf import settings

    code = "from django.conf import settings; print(bool(settings.CONTENT_SECURITY_POLICY), bool(settings.CONTENT_SECURITY_POLICY_REPORT_ONLY))"
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "lddsite.settings.dev",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    enforced = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    reported = subprocess.run(
        [sys.executable, "-c", code], env={**env, "CSP_REPORT_ONLY": "1"}, capture_output=True, text=True, check=True
    )
    assert enforced.stdout.split() == ["True", "False"]
    assert reported.stdout.split() == ["False", "True"]


def test_only_ckeditors_upload_answer_may_be_framed_and_only_by_this_site(client):
    from tests.factories import image_upload

    client.force_login(StaffFactory(is_superuser=True))
    answer = client.post(reverse("ckeditor_upload") + "?CKEditorFuncNum=3", {"upload": image_upload("anh.png", "PNG")})
    policy = directives(answer["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    nonce = re.search(r'<script nonce="([^"]+)">', answer.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in policy["script-src"]
    assert directives(client.get(reverse("admin:index"))["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
