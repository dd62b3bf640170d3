"""Allowlist sanitizing of article bodies, whatever the editor's browser sent.

`clean_html()` keeps what CKEditor produces for an article (paragraphs,
headings, lists, quotes, links, images with captions, tables, YouTube embeds)
and drops everything else: scripts and styles with their content, event-handler
attributes, `javascript:`/`data:` URLs, SVG/MathML, forms, and iframes to any
host but YouTube's embed player. Parsing is done by nh3 (the Rust `ammonia`
sanitizer on an HTML5 parser), so entity-encoded and mixed-case tricks are
decoded before any URL is judged.
"""

import re

import nh3
from django.conf import settings

TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "strike", "sub", "sup", "small",
    "h2", "h3", "h4", "pre", "blockquote", "ul", "ol", "li", "hr",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "span", "div", "iframe",
}  # fmt: skip

ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "style", "srcset", "sizes", "loading", "decoding"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen", "frameborder"},
    "p": {"style"},
    "h2": {"style"},
    "h3": {"style"},
    "h4": {"style"},
    "div": {"style"},
    "figure": {"style"},
    "table": {"style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start"},
}

# Classes CKEditor's image2 plugin writes; any other class is dropped.
ALLOWED_CLASSES = {tag: {"image", "align-left", "align-center", "align-right"} for tag in ("figure", "img", "p", "div")}

# Tags removed together with everything inside them.
DROP_WITH_CONTENT = {"script", "style", "template", "noscript", "textarea", "select", "object", "embed", "title"}

# A kept YouTube iframe is written out with its attributes in this order, plus these.
IFRAME_ATTRIBUTE_ORDER = ("src", "width", "height", "title", "frameborder", "allowfullscreen")
IFRAME_FORCED_ATTRIBUTES = {
    "sandbox": "allow-scripts allow-same-origin allow-presentation allow-popups",
    "referrerpolicy": "strict-origin-when-cross-origin",
    "loading": "lazy",
}

LINK_SCHEMES = {"http", "https", "mailto", "tel"}

YOUTUBE_EMBED = re.compile(
    r"^https://www\.youtube(?:-nocookie)?\.com/embed/[A-Za-z0-9_-]{6,64}(?:\?[A-Za-z0-9_=&;.%-]*)?$"
)
_SRCSET_WIDTH = re.compile(r"^\d{1,5}w$")
_SIZES = re.compile(r"^[a-z0-9 (),:.%-]{1,200}$")
_DIMENSION = re.compile(r"^\d{1,4}%?$")
_CSS_LENGTH = re.compile(r"^(?:\d{1,4}(?:\.\d{1,3})?(?:px|%|em|rem)?|auto)$")
_STYLE_VALUES = {
    "text-align": lambda v: v in {"left", "right", "center", "justify"},
    "float": lambda v: v in {"left", "right", "none"},
    "width": _CSS_LENGTH.match,
    "height": _CSS_LENGTH.match,
}

# Output of nh3 is re-serialized HTML: attribute values have `<`, `>` and `"`
# escaped, and an iframe's content is a single text run, so these patterns
# see whole tags.
_IFRAME = re.compile(r"<iframe\b([^>]*)>.*?</iframe>", re.DOTALL | re.IGNORECASE)
_IMG = re.compile(r"<img\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
_HEADING_UP = re.compile(r"<(/?)h1\b", re.IGNORECASE)
_HEADING_DOWN = re.compile(r"<(/?)h[56]\b", re.IGNORECASE)


def clean_html(html):
    """Sanitized `html`: safe to print with `|safe` on a public page."""
    if not html:
        return ""
    # The page title is the only <h1>; deeper headings than <h4> read as <h4>.
    html = _HEADING_UP.sub(r"<\1h2", str(html))
    html = _HEADING_DOWN.sub(r"<\1h4", html)
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        tag_attribute_values={"a": {"target": {"_blank"}}},
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_filter_attribute,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer",
        clean_content_tags=DROP_WITH_CONTENT,
        strip_comments=True,
    )
    cleaned = _IFRAME.sub(_keep_youtube_iframe, cleaned)
    return _IMG.sub(lambda m: m.group(0) if ' src="' in m.group(1) else "", cleaned).strip()


def _keep_youtube_iframe(match):
    """An iframe whose src survived (a YouTube embed) is rebuilt in a fixed form; any other iframe goes."""
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    if "src" not in attributes:
        return ""
    kept = {name: attributes[name] for name in IFRAME_ATTRIBUTE_ORDER if name in attributes}
    kept.update(IFRAME_FORCED_ATTRIBUTES)
    return "<iframe " + " ".join(f'{name}="{value}"' for name, value in kept.items()) + "></iframe>"


def _filter_attribute(tag, attribute, value):
    if attribute == "style":
        return _clean_style(value)
    if tag == "iframe" and attribute == "src":
        return value if YOUTUBE_EMBED.match(value.strip()) else None
    if tag == "img" and attribute == "src":
        return value if _is_allowed_image_source(value.strip()) else None
    if tag == "img" and attribute == "srcset":
        candidates = [part.strip().split() for part in value.split(",")]
        ok = all(len(c) == 2 and _is_allowed_image_source(c[0]) and _SRCSET_WIDTH.match(c[1]) for c in candidates)
        return value if ok else None
    if tag == "img" and attribute == "sizes":
        return value if _SIZES.match(value) else None
    if tag == "img" and attribute in {"loading", "decoding"}:
        return value if value in {"lazy", "eager", "async", "auto", "sync"} else None
    if attribute in {"width", "height", "frameborder", "colspan", "rowspan", "start"}:
        return value if _DIMENSION.match(value.strip()) else None
    if attribute == "scope":
        return value if value in {"row", "col", "rowgroup", "colgroup"} else None
    return value


def _is_allowed_image_source(src):
    """Images come from the web over http(s) or from this site's own media."""
    lowered = src.lower()
    if lowered.startswith(("https://", "http://")):
        return True
    media_url = settings.MEDIA_URL
    return media_url.startswith("/") and src.startswith(media_url) and not src.startswith("//")


def _clean_style(value):
    """Only alignment and sizes survive in `style`; any other property, or any odd value, is dropped."""
    kept = []
    for declaration in value.split(";"):
        name, _, val = declaration.partition(":")
        name, val = name.strip().lower(), val.strip().lower()
        check = _STYLE_VALUES.get(name)
        if check and check(val):
            kept.append(f"{name}:{val}")
    return "; ".join(kept) or None
