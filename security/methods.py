"""Public pages answer GET and HEAD only.

Any other method gets 405 with an `Allow` header before the view runs, so nothing is rendered
or counted; OPTIONS gets 200 with the same `Allow` header and an empty body.
"""

from functools import wraps

from django.http import HttpResponse, HttpResponseNotAllowed

SAFE_METHODS = ("GET", "HEAD")
ALLOW = ", ".join((*SAFE_METHODS, "OPTIONS"))


def answer_other_methods(request):
    """The answer to a request whose method a public page does not serve, or None for GET and HEAD."""
    if request.method in SAFE_METHODS:
        return None
    if request.method == "OPTIONS":
        response = HttpResponse(status=200)
        response["Allow"] = ALLOW
        response["Content-Length"] = "0"
        return response
    response = HttpResponseNotAllowed(SAFE_METHODS)
    response["Allow"] = ALLOW
    return response


def public_page(view):
    """Decorate a function view (or a view instance, such as a feed) that serves a public page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return answer_other_methods(request) or view(request, *args, **kwargs)

    # A refused POST gets its 405 rather than the CSRF check's 403: the page never reads a form.
    wrapper.csrf_exempt = True
    return wrapper
