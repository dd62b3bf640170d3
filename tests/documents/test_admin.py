"""Documents in the admin go through the articles' workflow; files are checked in the form."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document
from news import services
from tests.factories import MINIMAL_PDF, DocumentFactory, IssuerFactory, UserFactory

pytestmark = pytest.mark.django_db
ADD = reverse("admin:documents_document_add")


def member_of(group, username):
    user = UserFactory(username=username, is_staff=True, email=f"{username}@example.vn")
    user.groups.add(Group.objects.get(name=group))
    return user


def form(issuer, **changes):
    data = {
        "number": "05/KH-LĐLĐ", "kind": "ke_hoach", "issuer": issuer.pk, "signer": "Lê Văn Phải",
        "summary": "Kế hoạch thực hiện chiến lược tăng trưởng xanh", "issued_on": "02/03/2022",
        "status": "published", "published_at_0": "02/03/2022", "published_at_1": "08:00:00", "review_note": "",
        "files-TOTAL_FORMS": "1", "files-INITIAL_FORMS": "0", "files-MIN_NUM_FORMS": "0", "files-MAX_NUM_FORMS": "1000",
        "files-0-name": "", "files-0-order": "0",
        "outgoing_relations-TOTAL_FORMS": "0", "outgoing_relations-INITIAL_FORMS": "0",
        "outgoing_relations-MIN_NUM_FORMS": "0", "outgoing_relations-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    return {**data, **changes}


def test_an_editor_saves_a_draft_with_a_checked_pdf_whatever_the_status_sent(client):
    client.force_login(member_of("Biên tập viên", "bientap"))
    pdf = SimpleUploadedFile("Kế hoạch 05.pdf", MINIMAL_PDF)
    response = client.post(ADD, form(IssuerFactory(), **{"files-0-file": pdf}))
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get()
    assert document.status == "draft"
    file = document.files.get()
    assert file.kind == "pdf" and file.name == "Kế hoạch 05.pdf" and file.file.name.endswith(".pdf")


def test_a_renamed_file_is_refused_in_the_form_with_a_vietnamese_message(client):
    client.force_login(member_of("Duyệt bài", "duyetbai"))
    fake = SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00 this is a program")
    response = client.post(ADD, form(IssuerFactory(), **{"files-0-file": fake}))
    assert response.status_code == 200
    assert "không phải PDF, Word hay Excel" in response.content.decode()
    assert not Document.objects.exists()


def test_editor_sends_for_review_publisher_is_told_and_publishes(client, django_capture_on_commit_callbacks):
    editor, publisher = member_of("Biên tập viên", "bientap"), member_of("Duyệt bài", "duyetbai")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD, form(IssuerFactory(), _workflow="submit"))
    document = Document.objects.get()
    assert document.status == "review" and document.submitted_by == editor
    assert [m.to for m in mail.outbox] == [["duyetbai@example.vn"]]
    assert "Bản xem trước" in client.get(document.get_absolute_url()).content.decode()  # the editor's preview
    client.force_login(publisher)
    change = reverse("admin:documents_document_change", args=[document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change, form(IssuerFactory(), _workflow="publish"))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_published() and document.reviewed_by == publisher
    assert document.history.count() >= 3  # versions kept


def test_an_editor_cannot_publish_by_any_route(client):
    editor = member_of("Biên tập viên", "bientap")
    draft = DocumentFactory(status="draft")
    client.force_login(editor)
    client.post(
        reverse("admin:documents_document_changelist"), {"action": "publish_selected", "_selected_action": [draft.pk]}
    )
    client.post(reverse("admin:documents_document_change", args=[draft.pk]), form(draft.issuer, _workflow="publish"))
    assert Document.objects.get(pk=draft.pk).status == "draft"
    published = DocumentFactory()
    assert not services.can_edit(editor, published)
    assert services.can_publish(member_of("Duyệt bài", "duyetbai"), Document)


def test_a_publisher_returns_a_document_with_a_note(client):
    publisher = member_of("Duyệt bài", "duyetbai")
    document = DocumentFactory(status="review", created_by=member_of("Biên tập viên", "bientap"))
    services.return_to_editor(obj=document, by=publisher, note="Thiếu tệp PDF có chữ ký.")
    document.refresh_from_db()
    assert document.status == "returned" and document.review_note == "Thiếu tệp PDF có chữ ký."
