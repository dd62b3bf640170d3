"""Template tags for the live parts of a page: `{% load counters %}`."""

from django import template
from django.utils.safestring import mark_safe

from news import live, pagecache
from news.counting.stats import site_stats

register = template.Library()


@register.simple_tag
def visit_stats():
    """The sidebar's "Thống kê truy cập" figures: `{% visit_stats as stats %}` then `stats.online` …

    A page rendered by the page cache gets markers instead, replaced by the current figures on
    every request (news/live.py).
    """
    if pagecache.rendering_with_markers():
        return {name: pagecache.markers.text(name) for name in live.STAT_NAMES}
    return site_stats()


@register.simple_tag
def most_read_block():
    """The "Đọc nhiều" block (`includes/most_read.html`), or its marker in a page rendered by the page cache."""
    if pagecache.rendering_with_markers():
        return mark_safe(pagecache.markers.text("most_read"))  # noqa: S308 (our own marker text)
    return mark_safe(live.most_read_html())  # noqa: S308 (rendered by the template engine)
