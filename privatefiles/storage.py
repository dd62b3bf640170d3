"""Where private files live: `STORAGES["private"]`, a folder outside `MEDIA_ROOT` that no URL maps to."""

import uuid

from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk that have no public URL: only a view that checked the reader may send them."""

    def url(self, name):
        raise NotImplementedError("private files have no public URL; serve them with privatefiles.serving")


def private_storage():
    return storages["private"]


def new_name(folder, extension):
    """A fresh, unguessable name: `<folder>/<year>/<month>/<random>.<extension>`."""
    today = timezone.localdate()
    return f"{folder}/{today:%Y}/{today:%m}/{uuid.uuid4().hex}.{extension}"
