"""Counting visits for "Thống kê truy cập" and giving each new visitor its cookie."""

from .visitors import anonymous_id, set_visitor_cookie, visitor_is_new
from .visits import is_page_view, page_view_noted, record_request_page_view


class VisitMiddleware:
    """After a public HTML page is rendered, note the page view; set the `lv` cookie when it was missing.

    It is last in MIDDLEWARE, so `request.user` is known. Every response passes
    through it, whether the view rendered the page or took it from the page cache
    (news/pagecache.py); a view that already wrote this page view together with
    its own counters (an article's view count) marks the request, and it is not
    noted twice. The cookie goes on the response object, never into a cached page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not page_view_noted(request) and is_page_view(request, response):
            record_request_page_view(request)
        if visitor_is_new(request):
            set_visitor_cookie(response, anonymous_id(request))
        return response
