"""Pictures inside article bodies, sized for the screen: renditions, `srcset`/`sizes`, `width`/`height`, lazy loading.

A picture uploaded through CKEditor is stored once at up to 1.600 px wide. When
the article is saved, every such picture of its (sanitized) body gets
renditions 480, 800 and 1.200 px wide (never wider than the original; made
once, named after the original, so saving again reuses them) and its `<img>`
is written with a `srcset` of them, `sizes` for the content column, its
intrinsic `width`/`height` (no layout shift) and `loading="lazy"`: a body picture
sits below the cover, title and sapo. A 390 px phone then loads the 480 px or
(at twice the density) the 800 px picture instead of the original. Pictures
from elsewhere are left as they are.
"""

import posixpath
import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.html import escape

from news import images

BODY_WIDTHS = (480, 800, 1200)
# The article column: the whole screen under 900 px, at most about 800 px beside the sidebar.
SIZES = "(min-width: 900px) 800px, 100vw"
RENDITION_FOLDER = "renditions/body"

_IMG = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
_DERIVED = ("srcset", "sizes", "loading", "decoding")


def responsive(html):
    """`html` (already sanitized) with every picture of this site's uploads made responsive."""
    if "<img" not in html:
        return html
    return _IMG.sub(_rewrite, html)


def _rewrite(match):
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    name = _upload_name(attributes.get("src", ""))
    if name is None or not default_storage.exists(name):
        return match.group(0)
    try:
        width, height, candidates = _renditions(name)
    except (OSError, ValueError):  # unreadable picture: leave the tag as it was
        return match.group(0)
    for key in _DERIVED:
        attributes.pop(key, None)
    if not (attributes.get("width") and attributes.get("height")):
        attributes["width"], attributes["height"] = str(width), str(height)
    if candidates:
        urls = [f"{default_storage.url(rendition)} {w}w" for w, rendition in candidates]
        attributes["srcset"] = ", ".join([*urls, f"{attributes['src']} {width}w"])
        attributes["sizes"] = SIZES
    attributes["loading"] = "lazy"
    attributes["decoding"] = "async"
    return "<img " + " ".join(f'{key}="{escape(value)}"' for key, value in attributes.items()) + ">"


def _upload_name(src):
    """The storage name of a picture of this site's uploads, or None."""
    prefix = settings.MEDIA_URL + settings.CKEDITOR_UPLOAD_PATH
    if not prefix.startswith("/") or not src.startswith(prefix) or ".." in src or "?" in src:
        return None
    return src[len(settings.MEDIA_URL) :]


def _renditions(name):
    """(width, height, [(width, rendition name)]) of the stored picture `name`, making missing renditions."""
    with default_storage.open(name, "rb") as source:
        width, height = images.image_size(source)
        stem, extension = posixpath.splitext(name)
        image_format = "PNG" if extension.lower() in (".png", ".gif") else "JPEG"
        made = []
        for target in BODY_WIDTHS:
            if target >= width:
                break
            rendition = f"{RENDITION_FOLDER}/{stem}-{target}w.{images.EXTENSIONS[image_format]}"
            if not default_storage.exists(rendition):
                content, _w, _h = images.make_rendition(source, target, stem="body", image_format=image_format)
                saved = default_storage.save(rendition, content)
                if saved != rendition:  # written at the same moment by another save: keep one
                    default_storage.delete(saved)
            made.append((target, rendition))
    return width, height, made
