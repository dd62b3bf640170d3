"""Visitor identity, client IP behind proxies, and bot detection."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from news.visitors import (
    VISITOR_COOKIE,
    VISITOR_COOKIE_SALT,
    anonymous_id,
    client_ip,
    is_bot,
    set_visitor_cookie,
    visitor_id,
    visitor_is_new,
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
    "",
    "   ",
]


@pytest.mark.parametrize("agent", BROWSERS)
def test_browsers_are_not_bots(agent):
    assert not is_bot(agent)


@pytest.mark.parametrize("agent", BOTS)
def test_known_bots_and_scripts_are_bots(agent):
    assert is_bot(agent)


# --- visitor identity ---------------------------------------------------------------


def anonymous(request):
    request.user = AnonymousUser()
    return request


def test_request_without_cookie_is_a_new_visitor_with_a_stable_id():
    request = anonymous(rf.get("/"))
    first = visitor_id(request)
    assert len(first) == 32
    assert visitor_id(request) == first
    assert visitor_is_new(request)
    assert visitor_id(anonymous(rf.get("/"))) != first


def test_signed_cookie_round_trip_identifies_the_same_visitor():
    response = HttpResponse()
    set_visitor_cookie(response, "a" * 32)
    cookie = response.cookies[VISITOR_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 60 * 60

    request = anonymous(rf.get("/"))
    request.COOKIES[VISITOR_COOKIE] = cookie.value
    assert visitor_id(request) == "a" * 32
    assert not visitor_is_new(request)


@override_settings(SESSION_COOKIE_SECURE=True)
def test_cookie_is_secure_where_session_cookies_are():
    response = HttpResponse()
    set_visitor_cookie(response, "a" * 32)
    assert response.cookies[VISITOR_COOKIE]["secure"]


def test_forged_cookie_is_not_someone_else():
    request = anonymous(rf.get("/"))
    request.COOKIES[VISITOR_COOKIE] = "b" * 32  # unsigned: an attempt to be visitor bbbb…
    assert visitor_id(request) != "b" * 32
    assert visitor_is_new(request)


def test_signed_value_of_the_wrong_shape_is_rejected():
    request = anonymous(rf.get("/"))
    request.COOKIES[VISITOR_COOKIE] = signing.get_cookie_signer(salt=VISITOR_COOKIE + VISITOR_COOKIE_SALT).sign("u:1")
    assert visitor_id(request) != "u:1"


@pytest.mark.django_db
def test_logged_in_user_is_counted_by_user_id():
    user = UserFactory()
    request = rf.get("/")
    request.user = user
    assert visitor_id(request) == f"u:{user.pk}"
    assert not visitor_is_new(request)


def test_request_without_user_attribute_is_anonymous():
    request = rf.get("/")
    assert visitor_id(request) == anonymous_id(request)
