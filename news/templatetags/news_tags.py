"""Template helpers of the public pages: pagers, the cached layout chrome, absolute URLs."""

from urllib.parse import urlencode

from django import template
from django.core.cache import cache
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from news import caching, listings, menu

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, name="page"):
    """The current URL's query string with `name` set to `number` (other parameters kept)."""
    params = dict(context["request"].GET.lists())  # not GET.copy(): a deep copy, for every link of the pager
    params[name] = [number]
    return "?" + urlencode(params, doseq=True)


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


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """The layout's parts that show content, rendered: `{% site_chrome as chrome %}`, then `{{ chrome.nav }}` …

    The main menu (`news/menu.py`, rendered by `includes/nav.html` with the current section
    marked), the sidebar's videos and links, and the footer change only with the content: they
    are cached per content generation and language, the sidebar and footer also per local date
    (a video dated today appears at midnight, as in the page cache). A page fetches both
    entries in one round trip; the menu entry keeps its items and the menu as rendered for each
    current section met so far, so a warm page renders nothing. The live visit statistics are
    never part of them.
    """
    generation = context.get("content_generation") or caching.generation()
    prefix = f"news:chrome:{generation}:{get_language()}"
    menu_key = f"{prefix}:menu"
    sidebar_key = f"{prefix}:{timezone.localdate()}"
    found = cache.get_many([menu_key, sidebar_key])
    made = {}
    menu_entry = found.get(menu_key)
    if menu_entry is None:
        categories = context.get("nav_categories")
        if categories is None:
            categories = listings.categories(generation=generation)
        menu_entry = {"items": menu.menu_items(categories), "nav": {}}
    current = menu.current_url(menu_entry["items"], _section_path(context))
    if current not in menu_entry["nav"]:
        items = menu.mark_current(menu_entry["items"], current)
        menu_entry = {**menu_entry, "nav": {**menu_entry["nav"], current: _render_part(context, "nav", items=items)}}
        made[menu_key] = menu_entry
    if sidebar_key not in found:
        videos = Paginator(listings.public_videos(), listings.VIDEOS_PER_PAGE).page(1)  # the first page of /video/
        made[sidebar_key] = {
            "sidebar_videos": _render_part(context, "sidebar_videos", videos=videos.object_list, page_obj=videos),
            "sidebar_links": _render_part(context, "sidebar_links", links=listings.active_links()),
            "footer": _render_part(context, "footer", site_name=context.get("site_name", "")),
        }
    if made:
        cache.set_many(made, caching.FRAGMENT_TIMEOUT)
        found.update(made)
    return {"nav": menu_entry["nav"][current], **found[sidebar_key]}


def _section_path(context):
    """The path whose section the menu marks: an article's category, else the page's own path."""
    slug = context.get("current_category_slug")
    if slug:
        return reverse("news:category", kwargs={"slug": slug})
    request = context.get("request")
    return request.path if request is not None else ""


def _render_part(context, name, **values):
    """`includes/<name>.html` rendered with `values` only (a SafeString, which the cache keeps as such)."""
    return context.template.engine.get_template(f"includes/{name}.html").render(context.new(values))


@register.simple_tag(takes_context=True)
def search_query(context):
    """The words of the current search (`?q=`) for the header's search box, "" on other pages.

    Not `{{ request.GET.q|default:'' }}`: a missing `q` costs the template engine a failed
    lookup with three exceptions and a `dir()` of the QueryDict on every page.
    """
    request = context.get("request")
    return request.GET.get("q", "") if request is not None else ""


@register.simple_tag(takes_context=True)
def absolute_uri(context, location):
    """`location` (a path or URL) as an absolute URL of this site, for Open Graph and canonical links."""
    return context["request"].build_absolute_uri(location)
