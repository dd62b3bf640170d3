"""Who is asking: the visitor's identity, the client's IP address, and whether it is a known bot.

Identity is not a Django session (that would write a session row for every
anonymous reader). A visitor is either a logged-in user (`u:<id>`) or the
random id in the signed, long-lived `lv` cookie that `VisitMiddleware` sets
when it is missing. The signature stops anyone from claiming another
visitor's id; dropping the cookie only makes a request a new visitor.
"""

import ipaddress
import re
import secrets
from functools import lru_cache

from django.conf import settings
from django.core import signing

VISITOR_COOKIE = "lv"
VISITOR_COOKIE_SALT = "news.visitors"
VISITOR_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
_VISITOR_ID = re.compile(r"^[0-9a-f]{32}$")

# Lower-case substrings of User-Agent headers that declare a crawler, a link
# previewer, a monitor or a scripting library. Matched anywhere in the header.
# "HeadlessChrome" is deliberately absent: it is a real browser engine that
# loads and renders the page as a reader's browser would (our own browser tests
# run it, and their views must count); crawlers that want to be left out name
# themselves ("bot", "crawl", "spider"), and one that hides behind a browser's
# User-Agent is not caught by any substring, headless or not.
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
    "curl",
    "wget",
    "python-requests",
    "python-urllib",
    "python-httpx",
    "aiohttp",
    "go-http-client",
    "okhttp",
    "java/",
    "libwww-perl",
    "apache-httpclient",
    "scrapy",
)
# Real devices whose User-Agent happens to contain a marker (CUBOT phones).
NOT_BOT_MARKERS = ("cubot",)


def is_bot(user_agent):
    """True for a request that is not a person reading: a known bot, or no User-Agent at all.

    Every browser sends a User-Agent; a request without one is a script.
    """
    agent = (user_agent or "").strip().lower()
    if not agent:
        return True
    for harmless in NOT_BOT_MARKERS:
        agent = agent.replace(harmless, "")
    return any(marker in agent for marker in BOT_MARKERS)


def request_is_bot(request):
    return is_bot(request.META.get("HTTP_USER_AGENT", ""))


def visitor_id(request):
    """The visitor this request belongs to: `u:<user id>` when logged in, else the cookie's id.

    A request without a valid cookie gets a fresh id, remembered on the request
    so that every caller sees the same one and the middleware can set the cookie.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u:{user.pk}"
    return anonymous_id(request)


def anonymous_id(request):
    if not hasattr(request, "_visitor_id"):
        cookie_id = _cookie_id(request)
        request._visitor_id = cookie_id or secrets.token_hex(16)
        request._visitor_is_new = cookie_id is None
    return request._visitor_id


def visitor_is_new(request):
    """True once `anonymous_id` has made up an id that the response must now set as a cookie."""
    return getattr(request, "_visitor_is_new", False)


def set_visitor_cookie(response, visitor):
    response.set_signed_cookie(
        VISITOR_COOKIE,
        visitor,
        salt=VISITOR_COOKIE_SALT,
        max_age=VISITOR_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _cookie_id(request):
    try:
        value = request.get_signed_cookie(VISITOR_COOKIE, salt=VISITOR_COOKIE_SALT, max_age=VISITOR_COOKIE_MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None
    return value if _VISITOR_ID.match(value) else None


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
