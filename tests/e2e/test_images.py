"""Pictures sized for the screen: a 390 px phone loads no picture wider than 800 px on an article page."""

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw

from tests.e2e.conftest import PHONE
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def photo_bytes(width, height, colour):
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 40):
        draw.rectangle([x, height // 2, x + 20, height], fill=(255, 255, 255))
        draw.line([x, 0, width - x, height], fill=(20, 20, 20), width=3)
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


@pytest.fixture
def photo_article():
    """An article as editors make them: a 1.600 px cover and two 1.600 px photos uploaded into the body."""
    names = [
        default_storage.save(f"uploads/2026/12/anh-{n}.jpg", ContentFile(photo_bytes(1600, 1067, (40 * n, 90, 150))))
        for n in (1, 2)
    ]
    body = "".join(
        f"<p>Đoạn {n} của bài viết về hội nghị người lao động.</p>"
        f'<figure class="image"><img src="{default_storage.url(name)}" alt="Ảnh {n}"><figcaption>Ảnh {n}</figcaption></figure>'
        for n, name in enumerate(names, start=1)
    )
    return ArticleFactory(
        title="Hội nghị người lao động năm 2026",
        category=CategoryFactory(name="Tin hoạt động", slug="tin-hoat-dong"),
        body=body + "<p>Kết thúc.</p>" * 30,
        cover=ContentFile(photo_bytes(1600, 1000, (179, 18, 27)), name="bia.jpg"),
        published_at=timezone.now() - timedelta(hours=1),
    )


def loaded_images(page):
    """(url, bytes, natural width) of every picture the page loaded, after scrolling to its end."""
    sizes = {}

    def remember(response):
        if response.request.resource_type == "image":
            sizes[response.url] = len(response.body())

    page.on("response", remember)
    return sizes


def test_a_phone_loads_no_picture_wider_than_800_px(live_server, new_page, photo_article):
    page = new_page(PHONE)
    sizes = loaded_images(page)
    page.goto(live_server.url + photo_article.get_absolute_url())
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle")
    # naturalWidth of a srcset picture is divided by its density; load each chosen file alone for its pixels.
    widths = page.evaluate(
        """() => Promise.all(Array.from(document.querySelectorAll('main img')).filter(i => i.currentSrc).map(
            i => new Promise(done => { const p = new Image(); p.onload = () => done([i.currentSrc, p.naturalWidth]);
                                        p.src = i.currentSrc; })))"""
    )
    total = sum(sizes.values())
    print(f"\nimage bytes at 390 px: {total} in {len(sizes)} files; widths {[w for _u, w in widths]}")
    assert widths and all(width <= 800 for _url, width in widths), widths
    body = page.locator(".article-body img")
    for n in range(body.count()):
        image = body.nth(n)
        assert image.get_attribute("srcset") and image.get_attribute("sizes")
        assert image.get_attribute("width") and image.get_attribute("height")
        assert image.get_attribute("loading") == "lazy"
