"""What every public page's layout needs: the site's name, the navigation, the cache generation.

Everything but the name is lazy: a page that never shows the navigation
(the admin, a feed, a JSON answer) pays no query for it, and a page that
does reads it from the cache while the content generation is unchanged.
`rendering_for_cache` tells a template that the whole page goes into the page
cache (news/pagecache.py), so its parts need no fragment cache of their own.
"""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from news import caching, listings, pagecache

SITE_NAME = _("Liên đoàn Lao động tỉnh Sóc Trăng")


def site(request):
    generation = SimpleLazyObject(caching.generation)
    return {
        "site_name": SITE_NAME,
        "nav_categories": SimpleLazyObject(lambda: listings.categories(generation=str(generation))),
        "content_generation": generation,
        "rendering_for_cache": pagecache.rendering_for_cache(),
    }
