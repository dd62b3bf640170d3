"""What every public page's layout needs: the site's name, the navigation, the cache generation.

Everything but the name is lazy: a page that never shows the navigation
(the admin, a feed, a JSON answer) pays no query for it, and a page that
does reads it from the cache while the content generation is unchanged.
"""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from news import caching, listings

SITE_NAME = _("Liên đoàn Lao động tỉnh Sóc Trăng")


def site(request):
    return {
        "site_name": SITE_NAME,
        "nav_categories": SimpleLazyObject(listings.categories),
        "content_generation": SimpleLazyObject(caching.generation),
    }
