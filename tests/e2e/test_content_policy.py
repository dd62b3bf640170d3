"""Under the Content-Security-Policy, in a real Chromium: public pages and the admin's CKEditor keep working.

Every page records the browser's `securitypolicyviolation` events and console errors; none may mention the
policy. In the admin, CKEditor 4 must start, take typing, switch to source and back, save, and upload an
image through its dialog protocol (the answer's callback script runs by its nonce).
"""

import io

import pytest
from django.urls import reverse
from PIL import Image

from tests.e2e.conftest import DESKTOP
from tests.factories import ArticleFactory, CampaignFactory, CategoryFactory, StaffFactory, UnitFactory, VideoFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def watched(new_page):
    page = new_page(DESKTOP)
    page.add_init_script(WATCH_VIOLATIONS)
    page.policy_errors = []
    page.on(
        "console",
        lambda message: (
            page.policy_errors.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return page


def violations(page):
    return page.evaluate("() => window.__violations") + page.policy_errors


def test_public_pages_work_under_the_policy(live_server, new_page, screenshot):
    category = CategoryFactory(name="Tin hoạt động", slug="tin-hoat-dong")
    article = ArticleFactory(
        category=category,
        title="Hội nghị tổng kết phong trào thi đua",
        body='<p style="text-align:center">Căn giữa</p>'
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" width="560" height="315"></iframe>',
    )
    VideoFactory(title="Phim tư liệu về công đoàn")
    campaign = CampaignFactory(name="1 triệu sáng kiến")
    UnitFactory(code="tinh", name="LĐLĐ tỉnh")
    page = watched(new_page)

    for path in (
        "/",
        article.get_absolute_url(),
        reverse("news:category", kwargs={"slug": "tin-hoat-dong"}),
        reverse("news:search") + "?q=hoi+nghi",
        reverse("initiatives:campaign", kwargs={"slug": campaign.slug}),
        reverse("documents:list"),
        reverse("legalqa:ask"),
        reverse("about:contact"),
        "/khong-co-trang-nay/",
    ):
        response = page.goto(live_server.url + path)
        assert "default-src 'self'" in response.headers["content-security-policy"], path
        # The site's stylesheet applied (a blocked stylesheet would leave the browser's default font).
        assert page.evaluate("() => getComputedStyle(document.body).fontFamily") != "Times New Roman", path
    page.goto(live_server.url + article.get_absolute_url())
    assert page.evaluate("() => getComputedStyle(document.querySelector('.article-body p, article p')).textAlign") in (
        "center",
        "start",
        "left",
    )

    page.goto(live_server.url + reverse("news:video_list"))
    page.locator(".yt-launch").first.click()  # news.js (a static file) replaces the link with the player
    page.wait_for_selector("iframe.video-frame")
    screenshot(page, "csp-video-list-desktop")
    assert violations(page) == []


def _sign_in(page, live_server):
    StaffFactory(username="quantri", is_superuser=True)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "quantri")
    page.fill("#id_password", "mat-khau-thu")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))


def test_ckeditor_works_in_the_admin_under_the_policy(live_server, new_page, screenshot):
    from news.models import Article

    category = CategoryFactory(name="Tin hoạt động", slug="tin-hoat-dong")
    page = watched(new_page)
    _sign_in(page, live_server)

    response = page.goto(live_server.url + reverse("admin:news_article_add"))
    assert "'unsafe-inline'" in response.headers["content-security-policy"].split("style-src", 1)[1].split(";")[0]
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    frame = page.frame_locator("iframe.cke_wysiwyg_frame")
    frame.locator("body").click()
    page.keyboard.type("Đoàn viên Công đoàn tỉnh Sóc Trăng")
    page.click(".cke_button__bold")
    page.keyboard.type(" đậm")
    assert "<strong>" in page.evaluate("() => CKEDITOR.instances.id_body.getData()")

    page.click(".cke_button__source")  # source mode and back
    page.wait_for_selector("textarea.cke_source")
    page.click(".cke_button__source")
    page.wait_for_selector("iframe.cke_wysiwyg_frame")

    # The image dialog's upload protocol: a form posted into a frame, answered by a script calling back.
    picture = io.BytesIO()
    Image.new("RGB", (320, 200), (179, 18, 27)).save(picture, "PNG")
    page.evaluate(
        """() => {
          window.__uploaded = null;
          const number = CKEDITOR.tools.addFunction((url, error) => { window.__uploaded = url || ("LỖI: " + error); });
          const frame = document.createElement("iframe");
          frame.name = "upload-target"; frame.hidden = true;
          document.body.appendChild(frame);
          const form = document.createElement("form");
          form.id = "upload-form"; form.method = "post"; form.enctype = "multipart/form-data";
          form.action = "/ckeditor/upload/?CKEditor=id_body&CKEditorFuncNum=" + number + "&langCode=vi";
          form.target = "upload-target";
          form.innerHTML = '<input type="file" name="upload">';
          document.body.appendChild(form);
        }"""
    )
    page.set_input_files(
        "#upload-form input[name=upload]",
        files=[{"name": "anh.png", "mimeType": "image/png", "buffer": picture.getvalue()}],
    )
    page.evaluate("() => document.getElementById('upload-form').submit()")
    page.wait_for_function("() => window.__uploaded !== null")
    uploaded = page.evaluate("() => window.__uploaded")
    assert uploaded.startswith("/media/uploads/") and uploaded.endswith(".png"), uploaded

    page.fill("#id_title", "Bài viết soạn trong CKEditor")
    page.select_option("#id_category", str(category.pk))
    page.fill("#id_sapo", "Tóm tắt bài viết.")
    screenshot(page, "csp-admin-ckeditor-desktop")
    page.click("input[name=_save]")
    page.wait_for_url(live_server.url + reverse("admin:news_article_changelist"))
    saved = Article.objects.get(title="Bài viết soạn trong CKEditor")
    assert "Đoàn viên Công đoàn tỉnh Sóc Trăng" in saved.body and "<strong>" in saved.body
    assert violations(page) == []
