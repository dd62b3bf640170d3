"""Documents in the admin: editors write drafts, publishers publish; files are checked in the form."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import services
from documents.models import Document
from tests.factories import MINIMAL_PDF, DocumentFactory, IssuerFactory, UserFactory

pytestmark = pytest.mark.django_db
ADD = reverse("admin:documents_document_add")


def member_of(group, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def form(issuer, **changes):
    data = {
        "number": "05/KH-LĐLĐ", "kind": "ke_hoach", "issuer": issuer.pk, "signer": "Lê Văn Phải",
        "summary": "Kế hoạch thực hiện chiến lược tăng trưởng xanh", "issued_on": "02/03/2022",
        "status": "published", "published_at_0": "02/03/2022", "published_at_1": "08:00:00",
        "files-TOTAL_FORMS": "1", "files-INITIAL_FORMS": "0", "files-MIN_NUM_FORMS": "0", "files-MAX_NUM_FORMS": "1000",
        "files-0-name": "", "files-0-order": "0",
        "outgoing_relations-TOTAL_FORMS": "0", "outgoing_relations-INITIAL_FORMS": "0",
        "outgoing_relations-MIN_NUM_FORMS": "0", "outgoing_relations-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    return {**data, **changes}


def test_an_editor_saves_a_draft_with_a_checked_pdf_whatever_the_status_sent(client):
    client.force_login(member_of("Biên tập viên", "bientap"))
    issuer = IssuerFactory()
    pdf = SimpleUploadedFile("Kế hoạch 05.pdf", MINIMAL_PDF)
    response = client.post(ADD, form(issuer, **{"files-0-file": pdf}))
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


def test_a_publisher_publishes_and_an_editor_cannot_by_any_route(client):
    editor, publisher = member_of("Biên tập viên", "bientap"), member_of("Duyệt bài", "duyetbai")
    draft = DocumentFactory(status="draft")
    with pytest.raises(PermissionDenied):
        services.publish_documents(documents=[draft], by=editor)
    client.force_login(editor)
    changelist = reverse("admin:documents_document_changelist")
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert Document.objects.get(pk=draft.pk).status == "draft"
    assert services.publish_documents(documents=[draft], by=publisher) == 1
    published = Document.objects.get(pk=draft.pk)
    assert published.is_published()
    assert client.get(reverse("admin:documents_document_change", args=[draft.pk])).status_code == 200
    assert not services.can_edit(editor, published)
