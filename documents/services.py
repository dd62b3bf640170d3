"""Writes on documents: saving under the publishing rules, and counting a download.

Documents follow the articles' rules (news/services.py): the group "Biên tập
viên" writes and edits drafts; "Duyệt bài" also holds
`documents.publish_document` and alone publishes, withdraws or changes a
published document. The steps are the functions below, whatever route a
request took (change form, list action, a hand-made POST).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Document, DocumentFile

PUBLISH_PERMISSION = "documents.publish_document"


def can_publish(user):
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def can_edit(user, document):
    """Any draft with the change permission; a published document only as publisher."""
    if not (user and user.is_active and user.has_perm("documents.change_document")):
        return False
    if document is None or document.pk is None:
        return True
    return can_publish(user) or _stored_status(document) == Document.Status.DRAFT


@transaction.atomic
def save_document(*, document, by):
    """Save `document` edited by `by`, keeping it a draft unless `by` may publish."""
    if document.pk:
        Document.objects.select_for_update().filter(pk=document.pk).values_list("pk").first()
        if not can_edit(by, document):
            raise PermissionDenied(_("Văn bản đã được xuất bản; chỉ người duyệt được sửa."))
    if not can_publish(by):
        document.status = Document.Status.DRAFT
    if document.pk is None and document.created_by_id is None:
        document.created_by = by
    document.save()
    return document


@transaction.atomic
def publish_documents(*, documents, by):
    """Publish each of `documents` (a past publish time becomes now); returns how many changed."""
    _require_publisher(by)
    changed, now = 0, timezone.now()
    for document in documents:
        if document.status == Document.Status.PUBLISHED:
            continue
        if document.published_at <= now:
            document.published_at = now
        document.status = Document.Status.PUBLISHED
        document.save(update_fields=["status", "published_at", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def unpublish_documents(*, documents, by):
    """Take each of `documents` off the site; returns how many changed."""
    _require_publisher(by)
    changed = 0
    for document in documents:
        if document.status != Document.Status.DRAFT:
            document.status = Document.Status.DRAFT
            document.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed


def count_download(file):
    """Add one to the file's downloads in the database (one UPDATE, exact under concurrency)."""
    DocumentFile.objects.filter(pk=file.pk).update(downloads=F("downloads") + 1)


def _require_publisher(user):
    if not can_publish(user):
        raise PermissionDenied(_("Bạn không có quyền xuất bản văn bản."))


def _stored_status(document):
    return Document.objects.filter(pk=document.pk).values_list("status", flat=True).first()
