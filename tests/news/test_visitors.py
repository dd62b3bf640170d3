"""Visitor identity, client IP behind proxies, and bot detection."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from news.counting.readers import (
    VISITOR_COOKIE,
    VISITOR_COOKIE_SALT,
    client_ip,
    counts,
    is_bot,
    reader_of,
    set_visitor_cookie,
)
from tests.factories import UserFactory

rf = RequestFactory()


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


# --- client_ip ------------------------------------------------------------------


@override_settings(TRUSTED_PROXIES=[])
def test_client_ip_is_remote_addr_for_ipv4():
    assert client_ip(request_from("203.0.113.7")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=[])
def test_ipv6_visitors_are_told_apart_and_normalised():
    first = client_ip(request_from("2001:0db8:0000:0000:0000:0000:0000:0001"))
    second = client_ip(request_from("2001:db8::2"))
    assert first == "2001:db8::1"
    assert second == "2001:db8::2"
    assert len(first) <= 40


@override_settings(TRUSTED_PROXIES=[])
def test_ipv4_mapped_ipv6_is_reported_as_ipv4():
    assert client_ip(request_from("::ffff:198.51.100.4")) == "198.51.100.4"


@override_settings(TRUSTED_PROXIES=[])
def test_missing_or_garbage_remote_addr_is_unknown():
    assert client_ip(request_from("")) == ""
    assert client_ip(request_from("not-an-ip")) == ""


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_forwarded_for_from_an_untrusted_peer_is_ignored():
    assert client_ip(request_from("203.0.113.7", forwarded="1.2.3.4")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=[])
def test_forwarded_for_is_ignored_when_no_proxy_is_trusted():
    assert client_ip(request_from("127.0.0.1", forwarded="1.2.3.4")) == "127.0.0.1"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_forwarded_for_from_a_trusted_proxy_gives_the_client():
    assert client_ip(request_from("127.0.0.1", forwarded="198.51.100.20")) == "198.51.100.20"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_spoofed_left_entries_are_not_believed():
    # The client wrote "6.6.6.6" itself; our proxy appended the address it really saw.
    request = request_from("127.0.0.1", forwarded="6.6.6.6, 198.51.100.20")
    assert client_ip(request) == "198.51.100.20"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "127.0.0.1"])
def test_chain_of_trusted_proxies_is_skipped_from_the_right():
    request = request_from("127.0.0.1", forwarded="6.6.6.6, 198.51.100.20, 10.1.2.3, 10.9.8.7")
    assert client_ip(request) == "198.51.100.20"


@override_settings(TRUSTED_PROXIES=["2001:db8:ffff::/48"])
def test_ipv6_proxy_network_and_ipv6_client():
    request = request_from("2001:db8:ffff::10", forwarded="[2001:db8:1::5]:4431")
    assert client_ip(request) == "2001:db8:1::5"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_forwarded_entry_with_port_is_read():
    assert client_ip(request_from("127.0.0.1", forwarded="198.51.100.20:51234")) == "198.51.100.20"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_garbage_forwarded_entry_stops_the_walk_at_the_proxy():
    assert client_ip(request_from("127.0.0.1", forwarded="1.2.3.4, nonsense")) == "127.0.0.1"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_trusted_proxy_without_forwarded_for_is_the_client():
    assert client_ip(request_from("127.0.0.1")) == "127.0.0.1"


# --- bots -------------------------------------------------------------------------

BROWSERS = [
    "Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    # Our own browser tests: a real rendering browser, counted like any reader.
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.224 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile Safari/537.36",
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; YandexBot/3.0)",
    "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Baiduspider+(+http://www.baidu.com/search/spider.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0)",
    "Sogou web crawler",
    "curl/8.5.0",
    "Wget/1.21.4",
    "python-requests/2.31.0",
    "Go-http-client/1.1",
    "axios/1.6.7",
    "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
    "PostmanRuntime/7.36.1",
    "HTTPie/3.2.2",
    "Java/17.0.9",
    "okhttp/4.12.0",
    "libwww-perl/6.72",
    "Scrapy/2.11.0 (+https://scrapy.org)",
    "",
    "   ",
]


@pytest.mark.parametrize("agent", BROWSERS)
def test_browsers_are_not_bots(agent):
    assert not is_bot(agent)


@pytest.mark.parametrize("agent", BOTS)
def test_known_bots_and_scripts_are_bots(agent):
    assert is_bot(agent)


# --- reader identity ---------------------------------------------------------------

A_TIME = datetime(2024, 3, 14, 1, 2, 3, tzinfo=UTC)


def anonymous(request):
    request.user = AnonymousUser()
    return request


def test_reader_without_cookie_is_known_by_address_and_user_agent():
    first = reader_of(anonymous(rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT="Phone A")))
    again = reader_of(anonymous(rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT="Phone A")))
    other_agent = reader_of(anonymous(rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT="Phone B")))
    other_address = reader_of(anonymous(rf.get("/", REMOTE_ADDR="203.0.113.6", HTTP_USER_AGENT="Phone A")))
    assert len(first.id) == 32
    assert not first.has_cookie and first.seen is None
    assert again.id == first.id
    assert len({first.id, other_agent.id, other_address.id}) == 3


def test_signed_cookie_round_trip_identifies_the_same_reader_and_when_it_was_seen():
    response = HttpResponse()
    set_visitor_cookie(response, "a" * 32, A_TIME)
    cookie = response.cookies[VISITOR_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 60 * 60

    request = anonymous(rf.get("/"))
    request.COOKIES[VISITOR_COOKIE] = cookie.value
    reader = reader_of(request)
    assert reader.id == "a" * 32
    assert reader.has_cookie
    assert reader.seen == A_TIME


@override_settings(SESSION_COOKIE_SECURE=True)
def test_cookie_is_secure_where_session_cookies_are():
    response = HttpResponse()
    set_visitor_cookie(response, "a" * 32, A_TIME)
    assert response.cookies[VISITOR_COOKIE]["secure"]


def test_forged_cookie_is_not_someone_else():
    request = anonymous(rf.get("/"))
    request.COOKIES[VISITOR_COOKIE] = "b" * 32 + ":1"  # unsigned: an attempt to be reader bbbb…
    reader = reader_of(request)
    assert reader.id != "b" * 32
    assert not reader.has_cookie


def test_signed_value_of_the_wrong_shape_is_rejected():
    request = anonymous(rf.get("/"))
    request.COOKIES[VISITOR_COOKIE] = signing.get_cookie_signer(salt=VISITOR_COOKIE + VISITOR_COOKIE_SALT).sign("u:1")
    assert reader_of(request).id != "u:1"


@pytest.mark.django_db
def test_logged_in_user_is_counted_by_user_id():
    user = UserFactory()
    request = rf.get("/")
    request.user = user
    assert reader_of(request).id == f"u:{user.pk}"


def test_request_without_user_attribute_is_anonymous():
    assert len(reader_of(rf.get("/")).id) == 32


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
        {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"},
    ],
)
def test_prefetch_prerender_and_background_requests_do_not_count(headers):
    browser = BROWSERS[0]
    assert counts(rf.get("/", HTTP_USER_AGENT=browser))
    assert not counts(rf.get("/", HTTP_USER_AGENT=browser, **headers))


def test_only_a_get_counts():
    assert not counts(rf.head("/", HTTP_USER_AGENT=BROWSERS[0]))
    assert not counts(rf.post("/", HTTP_USER_AGENT=BROWSERS[0]))
