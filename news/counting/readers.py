"""Who reads: the reader's identity, address and User-Agent, and whether a request is a person reading.

A reader is a logged-in user (`u:<id>`), else the id in the signed, long-lived `lv` cookie,
else, without a usable cookie, an id made from the address (the forwarded one behind
TRUSTED_PROXIES) and the User-Agent: dropping the cookie does not make a new reader, and two
browsers behind one address are two readers. The cookie also carries when its reader's last page
view was recorded (`seen`, to the second), so that a page view inside a running visit needs no
look-up anywhere: the visit's window and presence travel with the reader.

The signature stops anyone from claiming another reader's id or moving `seen`; a forged or
damaged cookie is ignored like a missing one.
"""

import hashlib
import hmac
import ipaddress
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

VISITOR_COOKIE = "lv"
VISITOR_COOKIE_SALT = "news.visitors"
VISITOR_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
_COOKIE_VALUE = re.compile(r"^([0-9a-f]{32})(?::([0-9]{1,12}))?$")

# Lower-case substrings of User-Agent headers that declare a crawler, a link previewer, a
# monitor or a scripting library. Matched anywhere in the header. "HeadlessChrome" is
# deliberately absent: it is a real browser engine that loads and renders the page as a
# reader's browser would (our own browser tests run it, and their views must count); crawlers
# that want to be left out name themselves ("bot", "crawl", "spider"), and one that hides
# behind a browser's User-Agent is not caught by any substring, headless or not.
BOT_MARKERS = (
    "bot",
    "crawl",
    "spider",
    "slurp",
    "facebookexternalhit",
    "facebookcatalog",
    "embedly",
    "preview",
    "whatsapp",
    "lighthouse",
    "pingdom",
    # HTTP libraries and command-line clients: a program, not a person reading.
    "curl",
    "wget",
    "python-requests",
    "python-urllib",
    "python-httpx",
    "aiohttp",
    "axios",
    "node-fetch",
    "undici",
    "postmanruntime",
    "httpie",
    "go-http-client",
    "okhttp",
    "java/",
    "libwww",
    "apache-httpclient",
    "scrapy",
)
# Real devices whose User-Agent happens to contain a marker (CUBOT phones).
NOT_BOT_MARKERS = ("cubot",)


def is_bot(user_agent):
    """True for a request that is not a person reading: a known bot or library, or no User-Agent at all."""
    agent = (user_agent or "").strip().lower()
    if not agent:
        return True
    for harmless in NOT_BOT_MARKERS:
        agent = agent.replace(harmless, "")
    return any(marker in agent for marker in BOT_MARKERS)


def request_is_bot(request):
    return is_bot(request.META.get("HTTP_USER_AGENT", ""))


def is_speculative(request):
    """A prefetch or prerender the browser makes on its own: the reader may never look at it."""
    meta = request.META  # not request.headers, which copies every header on first use
    purpose = (meta.get("HTTP_SEC_PURPOSE", "") + meta.get("HTTP_PURPOSE", "") + meta.get("HTTP_X_MOZ", "")).lower()
    return "prefetch" in purpose or "prerender" in purpose or "preview" in purpose


def counts(request):
    """Whether this request may count (a view, a visit): a person's GET of a public page.

    Not counted: other methods (HEAD is a link checker), the admin, the editor's upload views,
    static and media files, background requests (XMLHttpRequest), prefetch and prerender, bots
    and HTTP libraries.
    """
    if request.method != "GET":
        return False
    if request.path.startswith(_excluded_prefixes()):
        return False
    if request.META.get("HTTP_X_REQUESTED_WITH") == "XMLHttpRequest":
        return False
    return not is_speculative(request) and not request_is_bot(request)


def _excluded_prefixes():
    return _prefixes(settings.STATIC_URL, settings.MEDIA_URL, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=8)
def _prefixes(static_url, media_url, script_prefix, urlconf):
    """Worked out once per configuration: reversing URLs on every request is measurable."""
    found = [static_url, media_url]
    for name in ("admin:index", "ckeditor_upload", "ckeditor_browse"):
        try:
            found.append(reverse(name, urlconf=urlconf))
        except NoReverseMatch:
            pass  # a URLconf without the admin or the editor (a test's own)
    return tuple(found)


# --- Identity -----------------------------------------------------------------


@dataclass(frozen=True)
class Reader:
    """Who reads: `id` (what Hit.session and Presence record), and what the cookie said."""

    id: str  # `u:<user id>` when logged in, else `anonymous_id`
    anonymous_id: str  # the cookie's id, or one made from address and User-Agent without a usable cookie
    address: str
    agent: str
    user_id: int | None
    has_cookie: bool  # the request carried a valid `lv` cookie with this id
    seen: datetime | None  # when the cookie says this reader's last page view was recorded


def reader_of(request):
    """The Reader of `request` (see the module's docstring)."""
    address = client_ip(request)
    agent = request.META.get("HTTP_USER_AGENT", "")[:255]
    cookie_id, seen = _cookie(request)
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    anonymous_id = cookie_id or address_id(address, agent)
    return Reader(
        id=f"u:{user_id}" if user_id is not None else anonymous_id,
        anonymous_id=anonymous_id,
        address=address,
        agent=agent,
        user_id=user_id,
        has_cookie=cookie_id is not None,
        seen=seen,
    )


def address_id(address, agent):
    """The id of a reader without a usable cookie: the same for one address and User-Agent, unguessable."""
    key = hashlib.sha256(("news.readers.address" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, f"{address}|{agent}".encode(), hashlib.sha256).hexdigest()[:32]


def cookie_value(reader_id, seen):
    return f"{reader_id}:{int(seen.timestamp())}"


def set_visitor_cookie(response, reader_id, seen):
    response.set_signed_cookie(
        VISITOR_COOKIE,
        cookie_value(reader_id, seen),
        salt=VISITOR_COOKIE_SALT,
        max_age=VISITOR_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _cookie(request):
    """(id, seen) from the signed cookie, (None, None) without a usable one."""
    try:
        value = request.get_signed_cookie(VISITOR_COOKIE, salt=VISITOR_COOKIE_SALT, max_age=VISITOR_COOKIE_MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None, None
    match = _COOKIE_VALUE.match(value)
    if match is None:
        return None, None
    seen = match.group(2)
    if seen is None:
        return match.group(1), None
    return match.group(1), datetime.fromtimestamp(int(seen), tz=UTC)


# --- Client IP ----------------------------------------------------------------


def client_ip(request):
    """The client's address, IPv4 or IPv6, as a normalised string ("" when unknown).

    `X-Forwarded-For` is believed only when the direct peer (REMOTE_ADDR) is one
    of TRUSTED_PROXIES. Then the list is read from the right, skipping our own
    proxies; the first address that is not one of them is the client. Anything
    further left was written by the client and could be forged.
    """
    remote = _parse_ip(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return ""
    proxies = trusted_proxies(tuple(settings.TRUSTED_PROXIES))
    if not _is_trusted(remote, proxies):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = remote
    for entry in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse_ip(entry)
        if address is None:
            break  # garbage: nothing to its left can be believed either
        client = address
        if not _is_trusted(address, proxies):
            break
    return str(client)


@lru_cache(maxsize=8)
def trusted_proxies(entries):
    """TRUSTED_PROXIES as networks; a plain address is a network of one."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _is_trusted(address, proxies):
    return any(address.version == network.version and address in network for network in proxies)


def _parse_ip(text):
    """An address from REMOTE_ADDR or one X-Forwarded-For entry, tolerating ports, brackets and zone ids."""
    text = text.strip().strip('"')
    if text.startswith("["):  # [2001:db8::1]:443
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # 203.0.113.9:51234
        text = text.split(":", 1)[0]
    text = text.split("%", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address
