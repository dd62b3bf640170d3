"""Counting a document's downloads.

Saving, sending for review, publishing, returning and restoring documents are
the publishing workflow's functions in `news/services.py`, as for articles:
"Biên tập viên" write and send for review; "Duyệt bài" hold
`documents.publish_document` and publish.
"""

from django.db.models import F

from documents.models import DocumentFile


def count_download(file):
    """Add one to the file's downloads in the database (one UPDATE, exact under concurrency)."""
    DocumentFile.objects.filter(pk=file.pk).update(downloads=F("downloads") + 1)
