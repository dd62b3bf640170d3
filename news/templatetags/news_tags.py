"""Template helpers of the public pages: pagers, the cached sidebar blocks, absolute URLs."""

from django import template

from news import listings

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, name="page"):
    """The current URL's query string with `name` set to `number` (other parameters kept)."""
    query = context["request"].GET.copy()
    query[name] = number
    return "?" + query.urlencode()


@register.filter
def page_window(page_obj, size=5):
    """Page numbers around the current one, `None` where numbers are left out: 1 … 4 5 6 7 8 … 20."""
    paginator = page_obj.paginator
    last = paginator.num_pages
    start = max(1, min(page_obj.number - size // 2, last - size + 1))
    numbers = list(range(start, min(last, start + size - 1) + 1))
    if numbers[0] > 1:
        numbers = [1, None, *numbers] if numbers[0] > 2 else [1, *numbers]
    if numbers[-1] < last:
        numbers = [*numbers, None, last] if numbers[-1] < last - 1 else [*numbers, last]
    return numbers


@register.inclusion_tag("includes/sidebar_videos.html")
def sidebar_videos():
    """The newest videos (the first page of /video/) and a pager to the following pages."""
    from django.core.paginator import Paginator

    page = Paginator(listings.public_videos(), listings.VIDEOS_PER_PAGE).page(1)
    return {"videos": page.object_list, "page_obj": page}


@register.inclusion_tag("includes/sidebar_links.html")
def sidebar_links():
    return {"links": listings.active_links()}


@register.simple_tag(takes_context=True)
def absolute_uri(context, location):
    """`location` (a path or URL) as an absolute URL of this site, for Open Graph and canonical links."""
    return context["request"].build_absolute_uri(location)
