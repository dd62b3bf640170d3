"""The article card of every list (front page, categories, search): `{% load cards %}`.

`{% article_card article show_sapo=True %}` renders `news/_article_card.html` from a `Card`:
the plain values the card shows, and nothing else. The HTML depends on those values alone
(and on the language, the time zone and the template itself), so it is remembered per process
by them. An unchanged article then costs no rendering on the next list that shows it: a page
rendered again after an edit elsewhere moved the content generation on, the next page of
search results, the front page. An edit to anything a card shows gives new values, so it
shows at once; what is remembered is never out of date, only unused until it is evicted.
"""

import functools
from dataclasses import dataclass
from datetime import datetime

from django import template
from django.core.signals import setting_changed
from django.template import Context
from django.utils import timezone
from django.utils.translation import get_language

register = template.Library()

CARD_TEMPLATE = "news/_article_card.html"
# Cards remembered per process: a few pages of every list; some 2 KB each with the values they come from.
REMEMBERED_CARDS = 2048


@dataclass(frozen=True)
class Card:
    """What an article card shows: `news/_article_card.html` is rendered from this alone."""

    url: str
    title: str
    published_at: datetime
    large: bool = False
    # The lead story's big picture (large and with a large rendition), else the thumbnail, else none.
    large_picture: bool = False
    picture: str = ""
    # The large picture's thumbnail, offered beside it to narrow screens (`srcset`).
    small_picture: str = ""
    small_width: int | None = None
    width: int | None = None
    height: int | None = None
    show_category: bool = False
    category_name: str = ""
    category_url: str = ""
    show_sapo: bool = False
    sapo: str = ""

    @classmethod
    def of(cls, article, *, large=False, show_category=False, show_sapo=False):
        """The card of `article` (loaded with `listings.article_cards()` or at least those columns)."""
        picture = {}
        if large and article.cover_large:
            picture = {
                "large_picture": True,
                "picture": article.cover_large.url,
                "small_picture": article.cover_thumb.url if article.cover_thumb else "",
                "small_width": article.cover_thumb_width,
                "width": article.cover_large_width,
                "height": article.cover_large_height,
            }
        elif article.cover_thumb:
            picture = {
                "picture": article.cover_thumb.url,
                "width": article.cover_thumb_width,
                "height": article.cover_thumb_height,
            }
        category = {}
        if show_category:
            category = {
                "show_category": True,
                "category_name": article.category.name,
                "category_url": article.category.get_absolute_url(),
            }
        sapo = {"show_sapo": True, "sapo": article.sapo} if show_sapo else {}
        return cls(
            url=article.get_absolute_url(),
            title=article.title,
            published_at=article.published_at,
            large=large,
            **picture,
            **category,
            **sapo,
        )


@register.simple_tag(takes_context=True)
def article_card(context, article, *, large=False, show_category=False, show_sapo=False):
    """An article in a list; `large` for the lead story, `show_category`, `show_sapo` (its lead)."""
    card = Card.of(article, large=large, show_category=show_category, show_sapo=show_sapo)
    card_template = context.template.engine.get_template(CARD_TEMPLATE)
    return _rendered(card, card_template, get_language(), timezone.get_current_timezone_name())


@functools.lru_cache(maxsize=REMEMBERED_CARDS)
def _rendered(card, card_template, language, time_zone):
    """The card's HTML. The template object is part of the key: a template edited in development is reloaded."""
    return card_template.render(Context({"card": card}, autoescape=card_template.engine.autoescape))


def _forget_cards(**kwargs):
    """A changed setting (formats, media URL, time zone in tests) may change how a card looks."""
    _rendered.cache_clear()


setting_changed.connect(_forget_cards, dispatch_uid="news.templatetags.cards")
