"""The main menu: one list of sections, in the order readers see them.

A section is a label and a URL name; `CATEGORIES` stands for the news categories
in their own order. Adding a section to the site is one line in `SECTIONS`. The
current section is found from the page's path, the same way for every section:
the item whose address is the longest start of the path (the home page only
for itself); an article marks its category.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str


CATEGORIES = object()

SECTIONS = [
    Section(_("Trang chủ"), "news:home"),
    CATEGORIES,
    Section(_("Sáng kiến"), "initiatives:campaign_list"),
    Section(_("Phim tư liệu"), "news:video_list"),
    # The federation's documents, legal Q&A, who it is and how to reach it.
    Section(_("Văn bản"), "documents:list"),
    Section(_("Hỏi đáp pháp luật"), "legalqa:list"),
    Section(_("Giới thiệu"), "about:about"),
    Section(_("Liên hệ"), "about:contact"),
]


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    current: bool = False


def menu_items(categories):
    """(label, url) of every menu entry: the sections, with `categories` where `CATEGORIES` stands."""
    items = []
    for section in SECTIONS:
        if section is CATEGORIES:
            items.extend((category.name, category.get_absolute_url()) for category in categories)
        else:
            items.append((section.label, reverse(section.url_name)))
    return items


def current_url(items, path):
    """The address of the menu item `path` belongs to, or "" when it belongs to none."""
    best = ""
    for _label, url in items:
        matches = path == url if url == "/" else path.startswith(url)
        if matches and len(url) > len(best):
            best = url
    return best


def mark_current(items, current):
    return [MenuItem(label, url, url == current) for label, url in items]
