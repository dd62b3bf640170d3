"""Fabricated requests of readers, bots and logged-in users for the counter tests."""

import secrets

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from news.visitors import VISITOR_COOKIE, set_visitor_cookie

BROWSER = (
    "Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def new_visitor():
    return secrets.token_hex(16)


def signed_cookie(visitor):
    """The `lv` cookie value the middleware would have given `visitor`."""
    response = HttpResponse()
    set_visitor_cookie(response, visitor)
    return response.cookies[VISITOR_COOKIE].value


def reader_request(visitor=None, *, user=None, agent=BROWSER, remote="203.0.113.5", path="/tin-tuc/bai-viet/", **extra):
    """A GET as a browser sends it; `visitor` None means a first visit without a cookie."""
    request = RequestFactory().get(path, HTTP_USER_AGENT=agent, REMOTE_ADDR=remote, **extra)
    if visitor is not None:
        request.COOKIES[VISITOR_COOKIE] = signed_cookie(visitor)
    request.user = user or AnonymousUser()
    return request
