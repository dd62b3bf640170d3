"""Template tags for the live counters: `{% load counters %}`."""

from django import template

from news.visits import site_stats

register = template.Library()


@register.simple_tag
def visit_stats():
    """The sidebar's "Thống kê truy cập" figures: `{% visit_stats as stats %}` then `stats.online` …"""
    return site_stats()
