"""Counting visits for "Thống kê truy cập" and giving each new visitor its cookie."""

from .visitors import anonymous_id, set_visitor_cookie, visitor_id, visitor_is_new
from .visits import is_page_view, record_page_view


class VisitMiddleware:
    """After a public HTML page is rendered, note the page view; set the `lv` cookie when it was missing.

    It is last in MIDDLEWARE, so `request.user` is known. Pages must reach it
    (and the views, which count article views) on every request: cache
    fragments inside the views, never whole responses in front of this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_page_view(request, response):
            record_page_view(visitor=visitor_id(request))
        if visitor_is_new(request):
            set_visitor_cookie(response, anonymous_id(request))
        return response
