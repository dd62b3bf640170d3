"""Answer with a private file once a view has decided the request may have it.

With `settings.PRIVATE_MEDIA_ACCEL_PREFIX` set (production, behind nginx), the answer is empty and carries
`X-Accel-Redirect: <prefix><name>`: nginx sends the file itself from an `internal` location (see
`deploy/nginx.conf`), so an app worker is not tied up by a slow phone download, and the file has no public URL.
Without it (development, tests), Django streams the file.
"""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse

from news.slugs import vietnamese_slugify

from .storage import private_storage


def private_file_response(*, name, download_name, content_type, inline):
    storage = private_storage()
    prefix = settings.PRIVATE_MEDIA_ACCEL_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{quote(name)}"
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = _disposition(download_name, inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if content_type.startswith("image/"):
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


def _disposition(name, inline):
    stem, _dot, extension = name.rpartition(".")
    ascii_name = f"{vietnamese_slugify(stem) or 'tep'}.{vietnamese_slugify(extension)}"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
