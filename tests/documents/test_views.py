"""The documents library's pages: list, filters, search, a document, its files and downloads, feed, sitemap."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from documents.models import DocumentFile, Relation
from initiatives.models import Campaign
from tests.documents.test_files import docx_bytes
from tests.factories import (
    ArticleFactory,
    CampaignFactory,
    DocumentFactory,
    DocumentFieldFactory,
    DocumentFileFactory,
    IssuerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"}


def listed(response):
    return [document.number for document in response.context["documents"]]


def test_the_list_shows_published_documents_newest_first_and_hides_drafts(client):
    DocumentFactory(number="01/KH-LĐLĐ", issued_on=date(2023, 1, 5))
    DocumentFactory(number="05/KH-LĐLĐ", issued_on=date(2024, 3, 14))
    DocumentFactory(number="09/KH-LĐLĐ", issued_on=date(2024, 6, 1), status="draft")
    DocumentFactory(number="10/KH-LĐLĐ", published_at=timezone.now() + timedelta(days=1))
    response = client.get(reverse("documents:list"))
    assert response.status_code == 200
    assert listed(response) == ["05/KH-LĐLĐ", "01/KH-LĐLĐ"]
    assert "14/03/2024" in response.content.decode()


def test_the_list_is_paginated(client):
    for n in range(25):
        DocumentFactory(issued_on=date(2024, 1, 1) + timedelta(days=n))
    first = client.get(reverse("documents:list"))
    second = client.get(reverse("documents:list"), {"page": 2})
    assert len(first.context["documents"]) == 20
    assert len(second.context["documents"]) == 5
    assert client.get(reverse("documents:list"), {"page": 9}).status_code == 404


def test_filters_by_kind_issuer_field_year_and_status(client):
    tld = IssuerFactory(name="Tổng Liên đoàn Lao động Việt Nam")
    wages = DocumentFieldFactory(name="Tiền lương")
    guidance = DocumentFactory(number="46/HD-TLĐ", kind="huong_dan", issuer=tld, issued_on=date(2022, 1, 8))
    guidance.fields.add(wages)
    plan = DocumentFactory(number="05/KH-LĐLĐ", issued_on=date(2024, 3, 14))
    expired = DocumentFactory(number="02/QĐ-LĐLĐ", kind="quyet_dinh", issued_on=date(2020, 1, 1),
                              effective_until=date(2021, 12, 31))  # fmt: skip
    url = reverse("documents:list")
    assert listed(client.get(url, {"loai": "huong_dan"})) == ["46/HD-TLĐ"]
    assert listed(client.get(url, {"co_quan": tld.slug})) == ["46/HD-TLĐ"]
    assert listed(client.get(url, {"linh_vuc": wages.slug})) == ["46/HD-TLĐ"]
    assert listed(client.get(url, {"nam": "2024"})) == ["05/KH-LĐLĐ"]
    assert listed(client.get(url, {"hieu_luc": "het_hieu_luc"})) == ["02/QĐ-LĐLĐ"]
    assert listed(client.get(url, {"hieu_luc": "con_hieu_luc", "nam": "2022"})) == ["46/HD-TLĐ"]
    assert {plan.number, expired.number} < set(listed(client.get(url, {"loai": "khong-co"})))  # bad value: ignored


@pytest.mark.parametrize("query", ["05/KH-LĐLĐ", "05/kh-ldld", "tang truong xanh", "TĂNG TRƯỞNG", "kh ldld 05"])
def test_search_finds_number_and_summary_ignoring_accents(client, query):
    DocumentFactory(number="05/KH-LĐLĐ", summary="Kế hoạch thực hiện chiến lược quốc gia về tăng trưởng xanh")
    DocumentFactory(number="46/HD-TLĐ", summary="Hướng dẫn đại hội công đoàn cơ sở")
    assert listed(client.get(reverse("documents:list"), {"q": query})) == ["05/KH-LĐLĐ"]


def test_a_document_page_shows_its_facts_files_and_relations_both_ways(client):
    old = DocumentFactory(number="46/HD-TLĐ", kind="huong_dan", summary="Hướng dẫn cũ về thi đua")
    new = DocumentFactory(number="12/HD-TLĐ", kind="huong_dan", summary="Hướng dẫn mới về thi đua",
                          issued_on=timezone.localdate() - timedelta(days=2))  # fmt: skip
    Relation.objects.create(source=new, kind=Relation.Kind.REPLACES, target=old)
    DocumentFileFactory(document=new, name="Hướng dẫn 12.pdf")
    new_page = client.get(new.get_absolute_url()).content.decode()
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert "Thay thế" in new_page and old.get_absolute_url() in new_page
    assert "Được thay thế bởi" in old_page and new.get_absolute_url() in old_page
    assert "Hết hiệu lực" in old_page and "Còn hiệu lực" in new_page
    assert "Lê Văn Phải" in new_page and "Xem PDF" in new_page and "Hướng dẫn 12.pdf" in new_page


def test_drafts_are_404_to_readers_and_a_preview_to_staff(client):
    draft = DocumentFactory(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "Bản xem trước" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_a_pdf_opens_inline_and_each_download_is_counted(client):
    file = DocumentFileFactory()
    url = file.get_absolute_url()
    response = client.get(url, **BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.get(url, **BROWSER)
    client.head(url, **BROWSER)  # not a download
    client.get(url, HTTP_USER_AGENT="Googlebot/2.1")  # not a reader
    assert DocumentFile.objects.get(pk=file.pk).downloads == 2


def test_a_word_file_downloads_as_an_attachment(client):
    file = DocumentFileFactory(file=SimpleUploadedFile("huong-dan.docx", docx_bytes()))
    response = client.get(file.get_absolute_url(), **BROWSER)
    assert response["Content-Disposition"].startswith("attachment")
    assert file.document.slug in response["Content-Disposition"]


def test_files_of_drafts_or_of_another_document_are_404(client):
    file = DocumentFileFactory(document=DocumentFactory(status="draft"))
    other = DocumentFactory()
    assert client.get(file.get_absolute_url(), **BROWSER).status_code == 404
    wrong = reverse("documents:file", kwargs={"slug": other.slug, "pk": file.pk})
    assert client.get(wrong, **BROWSER).status_code == 404


def test_a_campaign_page_lists_its_legal_basis(client):
    campaign = CampaignFactory()
    basis = DocumentFactory(number="1234/KH-TLĐ", summary="Kế hoạch tổ chức phong trào 1 triệu sáng kiến")
    basis.campaigns.add(campaign)
    DocumentFactory(number="99/KH-TLĐ", status="draft").campaigns.add(campaign)
    page = client.get(Campaign.objects.get(pk=campaign.pk).get_absolute_url()).content.decode()
    assert "Căn cứ pháp lý" in page and "1234/KH-TLĐ" in page and "99/KH-TLĐ" not in page


def test_an_article_shows_the_documents_it_cites(client):
    article = ArticleFactory()
    document = DocumentFactory(number="05/KH-LĐLĐ")
    document.articles.add(article)
    page = client.get(article.get_absolute_url(), **BROWSER).content.decode()
    assert "05/KH-LĐLĐ" in page and document.get_absolute_url() in page
    assert article.get_absolute_url() in client.get(document.get_absolute_url()).content.decode()


def test_feed_and_sitemap_list_published_documents(client):
    published = DocumentFactory(number="05/KH-LĐLĐ")
    draft = DocumentFactory(number="06/KH-LĐLĐ", status="draft")
    feed = client.get(reverse("documents:feed")).content.decode()
    assert "Kế hoạch số 05/KH-LĐLĐ" in feed and "06/KH-LĐLĐ" not in feed
    sitemap = client.get(reverse("news:sitemap")).content.decode()
    assert published.get_absolute_url() in sitemap and draft.get_absolute_url() not in sitemap
    assert reverse("documents:list") in sitemap
