"""The initiatives library in /sitemap.xml: each campaign's library and every approved initiative's page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Campaign, Initiative


class LibrarySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return list(Campaign.objects.filter(is_public=True).values_list("slug", flat=True))

    def location(self, slug):
        return reverse("initiatives:library", kwargs={"slug": slug})


class LibraryEntrySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4
    limit = 5000

    def items(self):
        return (
            Initiative.objects.approved()
            .filter(campaign__is_public=True)
            .select_related("campaign")
            .only("pk", "updated_at", "campaign__slug")
            .order_by("-submitted_at", "-id")
        )

    def location(self, initiative):
        return initiative.get_library_url()

    def lastmod(self, initiative):
        return initiative.updated_at
