"""The admin as editors, publishers and unit-scoped staff see it, at 390 px and 1280 px.

Each account's lists and forms are opened in Chromium and saved as screenshots
(test-artifacts/screenshots/admin-*.png); no list column may stick out of the
screen, and at 1280 px the title column gets room to be read.
"""

import base64
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from news import services
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    InitiativeFactory,
    StaffFactory,
    TargetFactory,
    VideoFactory,
    WebLinkFactory,
)
from tests.initiatives.fixtures.world import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_TITLE = "Công đoàn Viên chức tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm và trao kỉ niệm chương"


@pytest.fixture
def newsroom():
    editor = StaffFactory(username="bientap", first_name="Phương Anh", groups=[services.EDITORS_GROUP])
    publisher = StaffFactory(username="duyetbai", groups=[services.PUBLISHERS_GROUP])
    category = CategoryFactory(name="Hoạt động công đoàn cơ sở", slug="hoat-dong")
    for n in range(8):
        ArticleFactory(
            title=f"{LONG_TITLE} số {n + 1}",
            category=category,
            status=["draft", "review", "published", "returned"][n % 4],
            created_by=editor,
            author="PHƯƠNG ANH",
            published_at=timezone.now() - timedelta(days=n),
        )
    VideoFactory(title="Phim tư liệu: Hành trình 95 năm Công đoàn Việt Nam")
    WebLinkFactory(
        title="Tổng Liên đoàn Lao động Việt Nam", url="https://www.congdoan.vn/tin-tuc/mot-duong-dan-rat-dai"
    )
    return {"editor": editor, "publisher": publisher}


def logged_in(browser, user, viewport):
    """A browser context carrying `user`'s session (made by Django's test client, as the login form would)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": LIVE["url"]}]
    )  # fmt: skip
    return context


LIVE = {}


@pytest.fixture(autouse=True)
def remember_live_server(live_server):
    LIVE["url"] = live_server.url


def overflowing_cells(page):
    """Cells of the result list whose right edge is past the screen or the list's box."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          return Array.from(document.querySelectorAll('#result_list tbody tr > *'))
            .filter(cell => cell.offsetParent !== null)
            .filter(cell => cell.getBoundingClientRect().right > width + 1)
            .map(cell => cell.className + ': ' + cell.innerText.slice(0, 40));
        }"""
    )


def page_scrolls_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")


def check_list(page, url, name, screenshot, viewport):
    page.goto(LIVE["url"] + url)
    screenshot(page, f"admin-{name}-{viewport['width']}")
    assert page.locator("#result_list").count() == 1, name
    assert overflowing_cells(page) == [], name
    assert not page_scrolls_sideways(page), name
    if viewport is DESKTOP:
        row = page.locator("#result_list tbody tr").first
        named = row.locator(".field-title, .field-tree_name, .field-name")
        title = named.first if named.count() else row.locator("th").first
        assert title.bounding_box()["width"] >= 180, name
        results = page.locator("#changelist .results")
        assert page.evaluate("e => e.scrollWidth <= e.clientWidth + 1", results.element_handle()), name


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_editor_and_publisher_read_their_lists_without_sideways_scrolling(browser, newsroom, screenshot, viewport):
    for role in ("editor", "publisher"):
        page = logged_in(browser, newsroom[role], viewport).new_page()
        for model in ("article", "video", "weblink"):
            check_list(page, reverse(f"admin:news_{model}_changelist"), f"{role}-{model}", screenshot, viewport)
        if viewport is DESKTOP:
            # At 1280 px every column of the article list is on screen: state, category, author, time, views.
            headers = page.locator("#result_list thead th")
            page.goto(LIVE["url"] + reverse("admin:news_article_changelist"))
            texts = [headers.nth(n).inner_text() for n in range(headers.count())]
            for label in ("Tiêu đề", "Trạng thái", "Chuyên mục", "Người viết", "Thời điểm xuất bản", "Lượt xem"):
                assert any(label.lower() in text.lower() for text in texts), (label, texts)
        article = newsroom[role].pk and ArticleFactory(title=LONG_TITLE, status="draft", created_by=newsroom["editor"])
        page.goto(LIVE["url"] + reverse("admin:news_article_change", args=[article.pk]))
        assert not page_scrolls_sideways(page)
        screenshot(page, f"admin-{role}-article-form-{viewport['width']}")
        page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_unit_staff_read_initiatives_units_targets_and_import(browser, screenshot, viewport):
    world = build_world()
    for n in range(6):
        InitiativeFactory(
            campaign=world.campaign,
            phase=world.phase1,
            unit=world.vinh_hai,
            title=f"Sáng kiến cải tiến quy trình tiếp nhận hồ sơ của người lao động số {n + 1}",
        )
    TargetFactory(unit=world.vinh_chau, campaign=world.campaign, phase=world.phase1)
    page = logged_in(browser, world.users["vinh_chau"], viewport).new_page()
    for model in ("initiative", "unit", "target"):
        check_list(page, reverse(f"admin:initiatives_{model}_changelist"), f"unit-staff-{model}", screenshot, viewport)
    page.goto(LIVE["url"] + reverse("admin:initiatives_initiative_import"))
    assert not page_scrolls_sideways(page)
    screenshot(page, f"admin-unit-staff-import-{viewport['width']}")
    page.goto(LIVE["url"] + reverse("admin:initiatives_initiative_add"))
    screenshot(page, f"admin-unit-staff-initiative-form-{viewport['width']}")
    assert not page_scrolls_sideways(page)


def wait_until(page, function, *, timeout=10.0):
    """Poll `function` (JavaScript, a function) until it is true: the admin's CSP forbids wait_for_function's eval."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(function):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {function}"
        page.wait_for_timeout(100)


def png_base64(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 40)).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def test_pasting_a_picture_into_ckeditor_uploads_it_and_the_dialog_speaks_vietnamese(browser, newsroom, screenshot):
    page = logged_in(browser, newsroom["editor"], DESKTOP).new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url) if "/ckeditor/" in r.url and r.status >= 400 else None)
    page.goto(LIVE["url"] + reverse("admin:news_article_add"))
    wait_until(
        page, "() => !!(window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready')"
    )

    # What a paste or a drop hands CKEditor: a DataTransfer with a picture file in it.
    page.evaluate(
        """b64 => {
          const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
          const native = new DataTransfer();
          native.items.add(new File([bytes], 'dan-vao.png', {type: 'image/png'}));
          const editor = CKEDITOR.instances.id_body;
          editor.fire('paste', {type: 'auto', method: 'paste', dataValue: '',
                                dataTransfer: new CKEDITOR.plugins.clipboard.dataTransfer(native)});
        }""",
        png_base64(300, 200),
    )
    wait_until(page, "() => CKEDITOR.instances.id_body.getData().indexOf('" + settings.MEDIA_URL + "uploads/') !== -1")
    assert failed == []
    notifications = page.locator(".cke_notification").all_inner_texts()
    assert not any("successfully" in text or "HTTP" in text for text in notifications), notifications

    # The picture dialog: alternative text named for what it is, and the caption as its own field.
    page.evaluate(
        """() => { const widget = Object.values(CKEDITOR.instances.id_body.widgets.instances)[0];
                   widget.focus(); widget.edit(); }"""
    )
    dialog = page.locator(".cke_dialog")
    dialog.wait_for()
    text = dialog.inner_text()
    assert "Mô tả ảnh (cho người khiếm thị)" in text and "Chú thích ảnh (hiện dưới ảnh" in text
    screenshot(page, "admin-ckeditor-image-dialog-1280")
    dialog.get_by_label("Chú thích ảnh (hiện dưới ảnh", exact=False).fill("Đoàn viên nhận quà. Ảnh: Phương Anh")
    dialog.locator(".cke_dialog_ui_button_ok").click()
    wait_until(page, "() => CKEDITOR.instances.id_body.getData().indexOf('Phương Anh</figcaption>') !== -1")
    data = page.evaluate("CKEDITOR.instances.id_body.getData()")
    assert "<figcaption>Đoàn viên nhận quà. Ảnh: Phương Anh</figcaption>" in data, data
