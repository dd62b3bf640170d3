"""Template tags for the live counters: `{% load counters %}`."""

from django import template

from news import pagecache
from news.visits import site_stats

register = template.Library()


@register.simple_tag(takes_context=True)
def visit_stats(context):
    """The sidebar's "Thống kê truy cập" figures: `{% visit_stats as stats %}` then `stats.online` …

    A page rendered for the page cache gets markers instead, which are replaced by the
    current figures on every request (news/pagecache.py).
    """
    request = context.get("request")
    if request is not None and pagecache.rendering_for_cache(request):
        return pagecache.markers.stats
    return site_stats()
