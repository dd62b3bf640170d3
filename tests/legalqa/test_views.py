"""Public Q&A pages: published answers by topic, accent-insensitive search, a question's page, sitemap."""

import pytest
from django.urls import reverse

from legalqa.models import Topic
from tests.factories import AnsweredQuestionFactory, DocumentFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("legalqa:list")


def titles(response):
    return [question.title for question in response.context["questions"]]


def test_only_answered_public_questions_are_listed(client):
    AnsweredQuestionFactory(title="Trả lương chậm có đúng luật?")
    QuestionFactory(title="Chưa trả lời")
    AnsweredQuestionFactory(title="Trả lời riêng", is_public=False)
    assert titles(client.get(LIST)) == ["Trả lương chậm có đúng luật?"]


def test_questions_by_topic(client):
    insurance = Topic.objects.get(slug="bao-hiem-xa-hoi")
    AnsweredQuestionFactory(title="Lương hưu tối đa", topic=insurance)
    AnsweredQuestionFactory(title="Trả lương chậm")
    response = client.get(LIST, {"chu-de": "bao-hiem-xa-hoi"})
    assert titles(response) == ["Lương hưu tối đa"]
    assert 'aria-current="page">Bảo hiểm xã hội' in response.content.decode()


@pytest.mark.parametrize("query", ["luong huu", "LƯƠNG HƯU", "lương hưu tối đa", "dieu 169"])
def test_search_ignores_accents_and_covers_the_answer(client, query):
    AnsweredQuestionFactory(
        title="Đóng bao nhiêu năm để hưởng lương hưu tối đa?", answer="<p>Theo Điều 169 Luật BHXH 2014…</p>"
    )
    AnsweredQuestionFactory(title="Trả lương chậm")
    assert titles(client.get(LIST, {"q": query})) == ["Đóng bao nhiêu năm để hưởng lương hưu tối đa?"]


def test_private_details_never_reach_the_search_or_the_page(client):
    question = AnsweredQuestionFactory(asker_name="Trần Thị Bé", phone="0987 654 321")
    assert titles(client.get(LIST, {"q": "Trần Thị Bé"})) == []
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Trần Thị Bé" not in page and "0987 654 321" not in page and "KCN An Nghiệp" not in page
    assert "Điều 97" in page and question.public_question in page


def test_a_question_page_cites_documents_and_staff_preview_unpublished(client):
    question = AnsweredQuestionFactory()
    document = DocumentFactory(number="45/2019/QH14", kind="luat", summary="Bộ luật Lao động")
    question.documents.add(document)
    assert document.get_absolute_url() in client.get(question.get_absolute_url()).content.decode()
    waiting = QuestionFactory()
    assert client.get(waiting.get_absolute_url()).status_code == 404
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert "Bản xem trước" in client.get(waiting.get_absolute_url()).content.decode()


def test_sitemap_lists_published_questions_only(client):
    published = AnsweredQuestionFactory()
    private = AnsweredQuestionFactory(is_public=False)
    sitemap = client.get(reverse("news:sitemap")).content.decode()
    assert published.get_absolute_url() in sitemap and private.get_absolute_url() not in sitemap
    assert LIST in sitemap
