"""CKEditor's image upload and browser, mounted at /ckeditor/, for staff who may edit articles.

django-ckeditor's own `ImageUploadView` stores the client's bytes under the
client's file name after a bare `Image.verify()`. Here the upload goes through
`news.images.verify_image()` instead (real JPEG/PNG/WebP/GIF, bounded bytes and
pixels, nothing glued after the picture, re-encoded without metadata, a fresh
name with the detected extension). The answer follows CKEditor 4's protocol:
a script calling `CKEditorFuncNum` for the dialog, JSON for drag-and-drop.
"""

import os
from functools import wraps

from ckeditor_uploader import views as ckeditor_views
from ckeditor_uploader.utils import get_thumb_filename
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import escapejs
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt

from news import images

# Inline pictures wider than this are scaled down when stored.
MAX_BODY_IMAGE_WIDTH = 1600
BROWSE_THUMB_WIDTH = 200


def editor_required(view):
    """Anonymous visitors go to the admin login; signed-in users without `news.change_article` get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_active and user.is_staff and user.has_perm("news.change_article")):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _same_origin(request):
    """CKEditor posts without Django's CSRF token, so a cross-site POST is refused by its origin instead.

    Browsers send `Origin` with every cross-origin POST; without it, `Sec-Fetch-Site` decides.
    """
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS
    return request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")


@csrf_exempt
@xframe_options_sameorigin
@never_cache
@editor_required
def upload(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not _same_origin(request):
        raise PermissionDenied
    func_num = request.GET.get("CKEditorFuncNum", "")
    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return _answer(request, func_num, error=_("Chưa chọn tệp ảnh."))
    try:
        verified = images.verify_image(uploaded, max_width=MAX_BODY_IMAGE_WIDTH)
    except ValidationError as exc:
        return _answer(request, func_num, error=" ".join(exc.messages))
    folder = os.path.join(settings.CKEDITOR_UPLOAD_PATH, timezone.localdate().strftime("%Y/%m"))
    saved = default_storage.save(os.path.join(folder, verified.name), verified)
    _save_browse_thumbnail(saved, verified.image_format)
    return _answer(request, func_num, url=default_storage.url(saved), name=os.path.basename(saved))


def _save_browse_thumbnail(saved, image_format):
    """The small picture CKEditor's "browse server" page shows (`<name>_thumb.<ext>`, same format)."""
    with default_storage.open(saved, "rb") as source:
        content, _width, _height = images.make_rendition(
            source, BROWSE_THUMB_WIDTH, stem="thumb", image_format=image_format
        )
    default_storage.save(get_thumb_filename(saved), content)


def _answer(request, func_num, *, url="", name="", error=""):
    if func_num:
        # The upload dialog posts into a hidden frame and expects a script calling back into CKEditor;
        # its nonce lets the Content-Security-Policy run this one script (security/csp.py).
        script = f"window.parent.CKEDITOR.tools.callFunction('{escapejs(func_num)}', '{escapejs(url)}', '{escapejs(error)}');"
        return HttpResponse(
            f'<!doctype html><script nonce="{request.csp_nonce}">{script}</script>',
            content_type="text/html; charset=utf-8",
        )
    if error:
        # CKEditor 4 shows `error.message` only from a 200 answer.
        return JsonResponse({"uploaded": 0, "error": {"message": error}})
    return JsonResponse({"uploaded": 1, "fileName": name, "url": url}, json_dumps_params={"ensure_ascii": False})


@xframe_options_sameorigin
@never_cache
@editor_required
def browse(request):
    if request.method == "POST" and not _same_origin(request):
        raise PermissionDenied
    return ckeditor_views.browse(request)


urlpatterns = [
    path("upload/", upload, name="ckeditor_upload"),
    path("browse/", browse, name="ckeditor_browse"),
]
