"""The site's URLs plus `/bench/bare/`: the framework's ceiling under the same server settings."""

from django.http import HttpResponse
from django.urls import path

from lddsite.urls import handler404, handler500  # noqa: F401 (looked up here by Django)
from lddsite.urls import urlpatterns as site_urlpatterns


def bare(request):
    """No template, no database: what Django and its middleware cost on their own."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *site_urlpatterns]
