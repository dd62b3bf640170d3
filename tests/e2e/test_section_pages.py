"""A reader's browser on the new sections: documents, Q&A, about, contact, tags; sharing, text size, print."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from about.models import AboutPage, ContactDetails, Leader
from documents.demo import demo_pdf
from documents.models import DocumentFile, Relation
from legalqa.models import Question
from tags import services as tagging
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_content_policy import WATCH_VIOLATIONS, violations
from tests.factories import (
    AnsweredQuestionFactory,
    ArticleFactory,
    DocumentFactory,
    DocumentFileFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sections():
    article = ArticleFactory(
        title="Những điểm mới về tiền lương tối thiểu vùng người lao động cần biết",
        sapo="Từ 01/07/2024, lương tối thiểu vùng tăng 6% so với trước.",
        body="<p>Thành phố Sóc Trăng thuộc vùng III, các huyện còn lại thuộc vùng IV.</p>",
        author="BẢO HÂN",
        source_name="Báo Lao Động",
    )
    tagging.set_tags(article=article, names=["Tiền lương", "Chính sách mới"])
    old = DocumentFactory(number="38/2022/NĐ-CP", kind="nghi_dinh", summary="Quy định mức lương tối thiểu đối với "
                          "người lao động làm việc theo hợp đồng lao động")  # fmt: skip
    new = DocumentFactory(number="74/2024/NĐ-CP", kind="nghi_dinh", summary="Quy định mức lương tối thiểu đối với "
                          "người lao động làm việc theo hợp đồng lao động (thay thế)")  # fmt: skip
    Relation.objects.create(source=new, kind=Relation.Kind.REPLACES, target=old)
    DocumentFileFactory(document=new, file=SimpleUploadedFile("74-2024.pdf", demo_pdf(["NGHI DINH 74/2024/ND-CP"])))
    new.articles.add(article)
    for n in range(8):
        DocumentFactory(number=f"{10 + n}/KH-LĐLĐ", summary=f"Kế hoạch tổ chức hoạt động Tháng Công nhân số {n}")
    question = AnsweredQuestionFactory(title="Công ty trả lương chậm thì có phải trả thêm tiền lãi?")
    question.documents.add(new)
    for n in range(4):
        AnsweredQuestionFactory(title=f"Câu hỏi về hợp đồng lao động số {n}")
    AboutPage.objects.create(title="Chức năng, nhiệm vụ", body="<p>Đại diện, chăm lo, bảo vệ người lao động.</p>")
    AboutPage.objects.create(
        title="Lịch sử hình thành", body="<p>Thành lập sau khi tái lập tỉnh năm 1992.</p>", order=2
    )
    Leader.objects.create(name="Lê Văn Phải", position="Phó Chủ tịch LĐLĐ tỉnh", phone="0299 3822 102", order=1)
    Leader.objects.create(name="Trịnh Thị Bảo Khuyên", position="Phó Chủ tịch LĐLĐ tỉnh", order=2)
    ContactDetails.objects.create(name="Liên đoàn Lao động tỉnh Sóc Trăng", address="Đường Hùng Vương, Phường 6",
                                  phone="0299 3822 100", latitude="9.602521", longitude="105.973907")  # fmt: skip
    province = UnitFactory(code="st", name="Liên đoàn Lao động tỉnh Sóc Trăng", kind="ldld_tinh")
    for name in ["LĐLĐ thị xã Vĩnh Châu", "LĐLĐ huyện Trần Đề", "Công đoàn Ngành Giáo dục"]:
        district = UnitFactory(name=name, kind="ldld_huyen", parent=province)
        UnitFactory(parent=district)
    return {"article": article, "document": new, "question": question, "tag": article.tags.get(name="Tiền lương")}


def has_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


def pages(sections):
    return {
        "van-ban": "/van-ban/",
        "van-ban-chi-tiet": sections["document"].get_absolute_url(),
        "hoi-dap": "/hoi-dap/",
        "hoi-dap-chi-tiet": sections["question"].get_absolute_url(),
        "dat-cau-hoi": "/hoi-dap/dat-cau-hoi/",
        "gioi-thieu": "/gioi-thieu/",
        "co-cau-to-chuc": "/gioi-thieu/co-cau-to-chuc/",
        "lien-he": "/lien-he/",
        "the": sections["tag"].get_absolute_url(),
        "bai-viet-chia-se": sections["article"].get_absolute_url(),
        "tim-kiem": "/tim-kiem/?q=luong+toi+thieu",
    }


@pytest.mark.parametrize(("viewport", "label"), [(PHONE, "390"), (DESKTOP, "1280")])
def test_every_new_page_fits_the_screen_and_is_screenshotted(
    live_server, new_page, screenshot, sections, viewport, label
):
    page = new_page(viewport)
    page.add_init_script(WATCH_VIOLATIONS)  # the Content-Security-Policy must not block anything
    page.policy_errors = []
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))  # a script that fails on the page
    for name, path in pages(sections).items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        assert not has_horizontal_scroll(page), f"{name} scrolls sideways at {label} px"
        assert violations(page) == [], name
        screenshot(page, f"sections-{name}-{label}")
    assert errors == []


def test_a_worker_finds_the_document_an_article_cites_and_opens_its_pdf(live_server, new_page, sections):
    page = new_page(PHONE)
    page.goto(live_server.url + sections["article"].get_absolute_url())
    page.get_by_role("link", name="Nghị định số 74/2024/NĐ-CP").click()
    page.wait_for_url(f"**{sections['document'].get_absolute_url()}")
    assert "Còn hiệu lực" in page.locator(".document").inner_text()
    assert "38/2022/NĐ-CP" in page.locator(".relations").inner_text()
    pdf_link = page.get_by_role("link", name="Xem PDF")
    response = page.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert DocumentFile.objects.get().downloads == 1


def test_documents_filter_and_search_without_accents(live_server, new_page, sections):
    page = new_page(DESKTOP)
    page.goto(live_server.url + "/van-ban/")
    page.locator("#id_q").fill("74/2024/nd-cp")
    page.locator(".filter-search button").click()
    assert page.locator(".doc-item").count() == 1
    page.goto(live_server.url + "/van-ban/?hieu_luc=het_hieu_luc")
    assert page.locator(".doc-item").all_inner_texts()[0].startswith("Nghị định số 38/2022/NĐ-CP")


def test_a_worker_asks_a_question_and_is_thanked_with_a_date(live_server, new_page, settings, sections):
    settings.PUBLIC_FORM_MIN_SECONDS = 1
    page = new_page(PHONE)
    page.goto(live_server.url + "/hoi-dap/dat-cau-hoi/")
    assert page.locator(".trap").is_hidden() or page.locator(".trap").bounding_box()["x"] < 0
    page.locator("#id_phone").fill("0918 765 432")
    page.locator("#id_topic").select_option(label="Bảo hiểm xã hội")
    page.locator("#id_question").fill("Tôi đóng bảo hiểm xã hội được 12 năm thì nghỉ việc, có được bảo lưu không?")
    time.sleep(1.2)
    page.get_by_role("button", name="Gửi câu hỏi").click()
    assert "Cảm ơn bạn đã gửi câu hỏi!" in page.locator(".thanks").inner_text()
    question = Question.objects.get(phone="0918 765 432")
    assert question.due_on.strftime("%d/%m/%Y") in page.locator(".thanks").inner_text()
    page.goto(live_server.url + "/hoi-dap/?q=bao+luu")
    assert page.locator(".qa-item").count() == 0  # nothing public until answered


def test_share_links_copy_link_text_size_and_print(live_server, new_page, sections):
    page = new_page(PHONE)
    url = live_server.url + sections["article"].get_absolute_url()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(url)
    zalo = page.get_by_role("link", name="Zalo")
    assert zalo.get_attribute("href").startswith("https://zalo.me/share?url=")
    page.get_by_role("link", name="Sao chép liên kết").click()
    assert page.locator(".copy-status").inner_text().strip() == "Đã sao chép liên kết"
    assert page.evaluate("navigator.clipboard.readText()") == url

    body_size = "getComputedStyle(document.querySelector('.article-body')).fontSize"
    default = float(page.evaluate(body_size).rstrip("px"))
    page.get_by_role("link", name="Cỡ chữ rất lớn").click()
    larger = float(page.evaluate(body_size).rstrip("px"))
    assert larger > default
    page.reload()  # remembered
    assert float(page.evaluate(body_size).rstrip("px")) == larger

    page.emulate_media(media="print")
    assert page.locator(".main-nav").is_hidden() and page.locator(".share").is_hidden()
    assert page.locator(".sidebar").is_hidden()
    assert page.locator(".print-url").is_visible() and url in page.locator(".print-url").inner_text()
    assert page.locator(".article-title").is_visible() and page.locator(".byline").is_visible()


def test_without_javascript_the_article_reads_at_the_default_size(live_server, browser, sections):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + sections["article"].get_absolute_url())
    assert page.locator("[data-text-size-control]").is_hidden()
    assert page.get_by_role("link", name="Facebook").is_visible()
    assert page.evaluate("document.documentElement.hasAttribute('data-text-size')") is False
    context.close()
