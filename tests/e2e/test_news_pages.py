"""A reader's browser on the news pages: home, an article, its view count, phone and desktop layouts."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory, CategoryFactory, VideoFactory, WebLinkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def photo(width, height, colour):
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 60):
        draw.rectangle([x, height * 2 // 3, x + 30, height], fill=(255, 255, 255))
    image.save(buffer, "JPEG")
    return SimpleUploadedFile("anh.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def site():
    thoi_su = CategoryFactory(name="Tin hoạt động", slug="tin-hoat-dong", order=1)
    chinh_sach = CategoryFactory(name="Chính sách pháp luật", slug="chinh-sach-phap-luat", order=2)
    CategoryFactory(name="Phong trào thi đua", slug="phong-trao-thi-dua", order=3)
    for n in range(9):
        ArticleFactory(
            title=f"Công đoàn huyện Mỹ Tú thành lập mô hình chuyển đổi số thứ {n + 1}",
            category=thoi_su if n % 2 else chinh_sach,
            published_at=timezone.now() - timedelta(days=n + 1),
            cover=photo(800, 533, (30 + n * 20, 80, 140)) if n < 3 else "",
        )
    article = ArticleFactory(
        title="Trao kỉ niệm chương Vì sự nghiệp xây dựng tổ chức Công đoàn cho đoàn viên Công đoàn Viên chức tỉnh",
        sapo="Sáng ngày 19/7, Công đoàn Viên chức tỉnh Sóc Trăng tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2024.",
        body="<p>Từ nguồn kinh phí công đoàn và vận động hỗ trợ, các CĐCS tặng 3.662 phần quà cho đoàn viên.</p>"
        "<table><tr><td>Đơn vị có tên rất dài để kiểm tra bảng cuộn trong khung</td><td>2.822</td><td>282,2%</td>"
        "<td>Ghi chú rất dài thêm một cột nữa</td></tr></table>",
        category=thoi_su,
        is_featured=True,
        published_at=timezone.now() - timedelta(hours=2),
        cover=photo(1600, 1000, (179, 18, 27)),
        cover_caption="Đồng chí Phó Chủ tịch LĐLĐ tỉnh trao kỉ niệm chương cho đoàn viên.",
        cover_credit="Anh Khoa",
        source_name="Báo Lao Động",
        source_url="https://laodong.example.vn/bai-viet",
    )
    for n in range(8):
        VideoFactory(
            title=f"Phim tư liệu: Hành trình công đoàn số {n + 1}",
            published_on=timezone.localdate() - timedelta(days=n),
        )
    WebLinkFactory(title="Tổng Liên đoàn Lao động Việt Nam", url="https://congdoan.example.vn/")
    WebLinkFactory(title="Cổng thông tin tỉnh Sóc Trăng", url="https://soctrang.example.vn/")
    return article


ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"
)


def views_on(page):
    return int(page.locator("[data-stat=views]").inner_text().replace(".", ""))


def has_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


def test_reader_opens_home_and_article_and_the_view_count_goes_up(live_server, new_page, screenshot, site):
    home = new_page(DESKTOP)
    home.goto(live_server.url + "/")
    assert "Trao kỉ niệm chương" in home.locator(".featured").inner_text()
    assert home.locator(".sidebar").get_by_text("Phim tư liệu").count() >= 1
    assert home.locator("[data-stat=total]").count() == 1
    screenshot(home, "news-home-1280")

    home.locator(".featured .card-large .card-title a").click()
    home.wait_for_url(f"**{site.get_absolute_url()}")
    first = views_on(home)
    assert first >= 1
    assert home.locator("figure.cover figcaption").inner_text().endswith("Ảnh: Anh Khoa")
    screenshot(home, "news-article-1280")

    # The same reader again: not counted twice.
    home.reload()
    assert views_on(home) == first

    # A new visitor on another device (fresh browser context, no cookies) is counted.
    other = new_page(PHONE, user_agent=ANDROID)
    other.goto(live_server.url + site.get_absolute_url())
    assert views_on(other) == first + 1
    # "Đọc nhiều" beside the article, each entry a link to its article.
    block = other.locator("[data-block=most-read]")
    assert block.locator("h2").text_content().strip() == "Đọc nhiều"  # shown in capitals by the stylesheet
    assert block.is_visible()
    screenshot(other, "news-article-most-read-390")


def test_a_reader_without_cookies_is_counted_once(live_server, new_page, site):
    first = new_page(PHONE, user_agent=ANDROID)
    first.goto(live_server.url + site.get_absolute_url())
    before = views_on(first)
    again = new_page(PHONE, user_agent=ANDROID)  # the same phone with its cookies cleared
    again.goto(live_server.url + site.get_absolute_url())
    assert views_on(again) == before


@pytest.mark.parametrize(("viewport", "label"), [(PHONE, "390"), ({"width": 360, "height": 740}, "360")])
def test_pages_fit_a_phone_without_horizontal_scroll(live_server, new_page, screenshot, site, viewport, label):
    page = new_page(viewport)
    for name, path in [("home", "/"), ("article", site.get_absolute_url()), ("category", "/chuyen-muc/tin-hoat-dong/")]:
        page.goto(live_server.url + path)
        assert not has_horizontal_scroll(page), f"{name} scrolls sideways at {label} px"
        if label == "390" and name != "category":
            screenshot(page, f"news-{name}-390")
    # The article's wide table scrolls inside its own box, not the page.
    page.goto(live_server.url + site.get_absolute_url())
    assert page.locator(".article-body table").count() == 1


def test_desktop_shows_the_sidebar_beside_the_content(live_server, new_page, site):
    page = new_page(DESKTOP)
    page.goto(live_server.url + "/")

    content = page.locator("main.content").bounding_box()
    sidebar = page.locator("aside.sidebar").bounding_box()

    assert sidebar["x"] > content["x"] + content["width"] - 1
    assert not has_horizontal_scroll(page)
