"""The site search groups its results by kind: tin tức, văn bản, hỏi đáp; the menu has the new sections."""

import pytest
from django.urls import reverse

from tests.factories import AnsweredQuestionFactory, ArticleFactory, DocumentFactory, QuestionFactory

pytestmark = pytest.mark.django_db
SEARCH = reverse("news:search")


def test_results_are_grouped_by_kind_and_accent_insensitive(client):
    ArticleFactory(title="Hội nghị an toàn vệ sinh lao động", sapo="Sapo.", body="<p>Nội dung.</p>")
    DocumentFactory(number="07/HD-LĐLĐ", kind="huong_dan", summary="Hướng dẫn an toàn vệ sinh lao động năm 2024")
    DocumentFactory(number="08/HD-LĐLĐ", summary="An toàn vệ sinh lao động (nháp)", status="draft")
    AnsweredQuestionFactory(title="Bị tai nạn lao động có được bồi thường?", public_question="An toàn vệ sinh lao động")
    QuestionFactory(title="Câu hỏi an toàn vệ sinh lao động chưa trả lời")
    response = client.get(SEARCH, {"q": "an toan ve sinh lao dong"})
    page = response.content.decode()
    news_at, documents_at, questions_at = (
        page.index(f'id="ket-qua-{key}"') for key in ("tin-tuc", "van-ban", "hoi-dap")
    )
    assert news_at < documents_at < questions_at
    assert "Hội nghị an toàn vệ sinh lao động" in page[news_at:documents_at]
    assert "07/HD-LĐLĐ" in page[documents_at:questions_at] and "08/HD-LĐLĐ" not in page
    assert "Bị tai nạn lao động có được bồi thường?" in page[questions_at:]
    assert "chưa trả lời" not in page


def test_a_section_with_more_matches_links_to_its_own_search(client):
    for n in range(7):
        DocumentFactory(summary=f"Kế hoạch tăng trưởng xanh số {n}")
    page = client.get(SEARCH, {"q": "tăng trưởng xanh"}).content.decode()
    assert "Văn bản (5+)" in page
    assert 'href="/van-ban/?q=t%C4%83ng+tr%C6%B0%E1%BB%9Fng+xanh"' in page
