"""The first middleware: every request gets its reading; pages already answered in full are answered at once."""

from news import live, pagecache

from .reading import Reading


class ReadingMiddleware:
    """Makes `request.reading` (news/counting/reading.py) and settles it once the answer is known.

    First in MIDDLEWARE. A URL this process has already answered in full for an anonymous
    reader is answered from process memory with the headers of that full answer, before the
    URL resolver and the rest of the middleware (news/pagecache.py `early`); the reading is
    settled the same way as in the view. Otherwise the request goes down the stack; a page
    that did not settle its reading (anything but the page-cached views) is settled here from
    its response. The `lv` cookie goes on the response object, never into a cached page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = request.reading = Reading(request)
        page = pagecache.early(request, lambda slug: reading.cache_ops(article=slug))
        if page is not None:
            reading.settle(values=page.values, article_pk=page.subject_pk)
            response = page.answer(live.parts(reading))
        else:
            response = self.get_response(request)
            reading.settle_response(response)
            pagecache.finish(request, response)
        reading.set_cookie(response)
        return response
