"""Public pages in Chromium at 390 px and 1280 px: axe-core finds no serious or critical problem, the menu shows
every section (a button on phones, plain links without JavaScript), the current section is marked, the home page
opens with "Tin mới".

axe-core is vendored (tests/e2e/vendor/axe-core/, from its npm package) and injected into each page.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_images import photo_bytes
from tests.factories import ArticleFactory, CategoryFactory, VideoFactory, WebLinkFactory, province_campaign

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def sections():
    """The menu's labels as news/menu.py lists them (the one place sections are named)."""
    from news import menu
    from news.models import Category

    return [str(label) for label, _url in menu.menu_items(Category.objects.all())]


@pytest.fixture
def site():
    categories = [
        CategoryFactory(name=name, slug=slug, order=n)
        for n, (name, slug) in enumerate(
            [
                ("Tin hoạt động", "tin-hoat-dong"),
                ("Chính sách pháp luật", "chinh-sach-phap-luat"),
                ("Phong trào thi đua", "phong-trao-thi-dua"),
                ("Văn hóa thể thao", "van-hoa-the-thao"),
            ]
        )
    ]
    for n in range(10):
        ArticleFactory(
            title=f"Công đoàn huyện Mỹ Tú tổ chức hội nghị người lao động lần thứ {n + 1}",
            category=categories[n % 4],
            published_at=timezone.now() - timedelta(days=n + 1),
            cover=ContentFile(photo_bytes(800, 533, (30 + n * 20, 80, 140)), name="anh.jpg") if n < 4 else "",
            is_featured=n == 0,
        )
    article = ArticleFactory(
        title="Trao kỉ niệm chương cho đoàn viên Công đoàn Viên chức tỉnh",
        category=categories[0],
        body="<h2>Kết quả</h2><p>Các CĐCS tặng 3.662 phần quà cho đoàn viên.</p>",
        cover=ContentFile(photo_bytes(1600, 1000, (179, 18, 27)), name="bia.jpg"),
        cover_caption="Trao kỉ niệm chương.",
        published_at=timezone.now() - timedelta(minutes=30),
    )
    for n in range(3):
        VideoFactory(title=f"Phim tư liệu số {n + 1}")
    WebLinkFactory(title="Tổng Liên đoàn Lao động Việt Nam")
    campaign = province_campaign()["campaign"]
    return {"article": article, "campaign": campaign}


def pages(site):
    return {
        "home": "/",
        "category": "/chuyen-muc/tin-hoat-dong/",
        "article": site["article"].get_absolute_url(),
        "search": "/tim-kiem/?q=cong+doan",
        "video": "/video/",
        "campaign": site["campaign"].get_absolute_url(),
    }


def axe_violations(page):
    page.add_script_tag(content=AXE)  # the context bypasses the site's CSP for this test script only
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [node["target"][0] for node in v["nodes"]]) for v in result["violations"]]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_axe_finds_no_serious_or_critical_violation(live_server, browser, site, viewport):
    context = browser.new_context(viewport=viewport, locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    report = {}
    for name, path in pages(site).items():
        page.goto(live_server.url + path)
        report[name] = axe_violations(page)
    print(f"\naxe-core at {viewport['width']} px:")
    for name, violations in report.items():
        print(f"  {name}: {violations or 'none'}")
    context.close()
    serious = {name: [v for v in found if v[1] in ("serious", "critical")] for name, found in report.items()}
    assert serious == {name: [] for name in report}


def test_every_section_shows_at_1280_and_the_current_one_is_marked(live_server, new_page, site, screenshot):
    page = new_page(DESKTOP)
    for name, path in pages(site).items():
        page.goto(live_server.url + path)
        links = page.locator(".main-nav a")
        assert links.all_inner_texts() == sections()
        for n in range(links.count()):
            box = links.nth(n).bounding_box()
            assert links.nth(n).is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= DESKTOP["width"], name
        current = page.locator('.main-nav a[aria-current="page"]').all_inner_texts()
        expected = {"home": ["Trang chủ"], "category": ["Tin hoạt động"], "article": ["Tin hoạt động"],
                    "search": [], "video": ["Phim tư liệu"], "campaign": ["Sáng kiến"]}[name]  # fmt: skip
        assert current == expected, name
        assert not page.locator(".nav-toggle").is_visible()
    page.goto(live_server.url + "/")
    screenshot(page, "news-menu-1280")


def test_a_phone_gets_a_menu_button_and_the_newest_news_first(live_server, new_page, site, screenshot):
    page = new_page(PHONE)
    page.goto(live_server.url + "/")
    toggle = page.locator(".nav-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator(".main-nav a").first.is_visible()

    # "Tin mới" is the first block of the page, with the article published last at its top.
    first_heading = page.locator("main h2:not(.visually-hidden)").first
    assert first_heading.inner_text().strip().lower() == "tin mới"
    assert first_heading.bounding_box()["y"] < PHONE["height"]
    assert "Trao kỉ niệm chương" in page.locator(".newest .card").first.inner_text()

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    links = page.locator(".main-nav a")
    assert all(links.nth(n).is_visible() for n in range(links.count()))
    assert links.all_inner_texts() == sections()
    assert not page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    screenshot(page, "news-menu-open-390")
    links.filter(has_text="Phim tư liệu").click()
    page.wait_for_url("**/video/")


def test_without_javascript_the_menu_is_plain_links(live_server, browser, site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    links = page.locator(".main-nav a")
    assert all(links.nth(n).is_visible() for n in range(links.count()))
    assert not page.locator(".nav-toggle").is_visible()
    context.close()


def test_the_site_has_a_favicon_and_a_web_app_manifest(live_server, new_page, site):
    page = new_page(PHONE)
    page.goto(live_server.url + "/")
    icon = page.locator('link[rel="icon"]').first.get_attribute("href")
    manifest = page.locator('link[rel="manifest"]').get_attribute("href")
    assert page.request.get(live_server.url + icon).ok
    answer = page.request.get(live_server.url + manifest)
    assert answer.ok and answer.json()["lang"] == "vi" and answer.json()["icons"]
