"""A document's derived legal status, its slug and search text, and its relations."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from documents.models import Document, LegalStatus, Relation
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def status_of(document, day=None):
    return Document.objects.with_legal_status(day).get(pk=document.pk).legal_status


def test_a_document_is_in_force_from_its_issue_date_when_no_effective_date_is_given():
    today = timezone.localdate()
    document = DocumentFactory(issued_on=today)
    assert status_of(document) == LegalStatus.IN_FORCE
    assert status_of(document, today - timedelta(days=1)) == LegalStatus.NOT_YET


def test_a_document_is_not_yet_in_force_before_its_effective_date():
    today = timezone.localdate()
    document = DocumentFactory(issued_on=today - timedelta(days=5), effective_from=today + timedelta(days=10))
    assert status_of(document) == LegalStatus.NOT_YET
    assert status_of(document, today + timedelta(days=10)) == LegalStatus.IN_FORCE


def test_a_document_expires_after_its_end_date():
    today = timezone.localdate()
    document = DocumentFactory(issued_on=today - timedelta(days=400), effective_until=today - timedelta(days=1))
    assert status_of(document) == LegalStatus.EXPIRED
    assert status_of(document, today - timedelta(days=1)) == LegalStatus.IN_FORCE


def test_a_document_expires_once_its_published_replacement_comes_into_force():
    today = timezone.localdate()
    old = DocumentFactory(number="46/HD-TLĐ", issued_on=today - timedelta(days=900))
    new = DocumentFactory(
        number="12/HD-TLĐ", issued_on=today - timedelta(days=3), effective_from=today + timedelta(days=7)
    )
    Relation.objects.create(source=new, kind=Relation.Kind.REPLACES, target=old)
    assert status_of(old) == LegalStatus.IN_FORCE  # the replacement is not in force yet
    assert status_of(old, today + timedelta(days=7)) == LegalStatus.EXPIRED


def test_a_draft_replacement_does_not_end_the_document_it_would_replace():
    today = timezone.localdate()
    old = DocumentFactory(issued_on=today - timedelta(days=900))
    draft = DocumentFactory(issued_on=today - timedelta(days=3), status="draft")
    Relation.objects.create(source=draft, kind=Relation.Kind.REPLACES, target=old)
    assert status_of(old) == LegalStatus.IN_FORCE


def test_amending_or_relating_does_not_end_a_document():
    today = timezone.localdate()
    old = DocumentFactory(issued_on=today - timedelta(days=900))
    amending = DocumentFactory(issued_on=today - timedelta(days=3))
    Relation.objects.create(source=amending, kind=Relation.Kind.AMENDS, target=old)
    Relation.objects.create(source=amending, kind=Relation.Kind.RELATED, target=old)
    assert status_of(old) == LegalStatus.IN_FORCE


def test_filtering_by_status_uses_the_same_rule():
    today = timezone.localdate()
    in_force = DocumentFactory(issued_on=today - timedelta(days=10))
    expired = DocumentFactory(issued_on=today - timedelta(days=100), effective_until=today - timedelta(days=2))
    coming = DocumentFactory(issued_on=today, effective_from=today + timedelta(days=2))
    assert list(Document.objects.in_status(LegalStatus.IN_FORCE)) == [in_force]
    assert list(Document.objects.in_status(LegalStatus.EXPIRED)) == [expired]
    assert list(Document.objects.in_status(LegalStatus.NOT_YET)) == [coming]


def test_slug_and_search_text_come_from_the_number_and_summary():
    document = DocumentFactory(number="05/KH-LĐLĐ", summary="Kế hoạch thực hiện chiến lược tăng trưởng xanh")
    assert document.slug.startswith("05-kh-ldld-ke-hoach-thuc-hien")
    assert "05 kh ldld" in document.search_text
    assert "tang truong xanh" in document.search_text
    assert str(document.title) == "Kế hoạch số 05/KH-LĐLĐ"


def test_dates_out_of_order_are_refused_in_vietnamese():
    today = timezone.localdate()
    document = DocumentFactory.build(issued_on=today, effective_from=today - timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        document.full_clean(exclude=["issuer", "slug"])
    assert "Ngày có hiệu lực không được trước ngày ban hành." in error.value.messages


def test_a_document_cannot_relate_to_itself():
    document = DocumentFactory()
    with pytest.raises(IntegrityError):
        Relation.objects.create(source=document, kind=Relation.Kind.RELATED, target=document)
