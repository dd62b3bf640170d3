"""On PostgreSQL, documents and questions are searched through their stored full-text vectors and GIN indexes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AnsweredQuestionFactory, DocumentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_documents_match_the_stored_vector_ignoring_accents(client):
    DocumentFactory(number="42/2022/NĐ-CP", summary="Cung cấp thông tin và dịch vụ công trực tuyến")
    DocumentFactory(number="05/KH-LĐLĐ", summary="Kế hoạch tăng trưởng xanh")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("documents:list"), {"q": "nd-cp dich vu cong"})
    assert [d.number for d in response.context["documents"]] == ["42/2022/NĐ-CP"]
    searches = [q["sql"] for q in captured.captured_queries if "search_vector" in q["sql"]]
    assert searches and all("documents_document" in sql and "to_tsquery" in sql for sql in searches), searches


def test_the_vector_columns_and_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexname FROM pg_indexes WHERE indexname IN "
            "('document_search_vector_idx', 'question_search_vector_idx') ORDER BY indexname"
        )
        assert cursor.fetchall() == [
            ("documents_document", "document_search_vector_idx"),
            ("legalqa_question", "question_search_vector_idx"),
        ]


def test_questions_match_the_stored_vector_by_word_prefix(client):
    AnsweredQuestionFactory(title="Đóng bao nhiêu năm để hưởng lương hưu tối đa?")
    AnsweredQuestionFactory(title="Trả lương chậm")
    response = client.get(reverse("legalqa:list"), {"q": "luong huu toi"})
    assert [q.title for q in response.context["questions"]] == ["Đóng bao nhiêu năm để hưởng lương hưu tối đa?"]
