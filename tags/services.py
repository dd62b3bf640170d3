"""Setting an article's tags from what an editor typed: "an toàn lao động, Tháng Công nhân"."""

from django.db import transaction

from news.search import fold
from tags.models import Tag

MAX_TAGS = 10
MAX_LENGTH = 80


def parse(text):
    """The tag names in `text` (comma- or semicolon-separated), tidied, without repeats ignoring case and accents."""
    names, seen = [], set()
    for part in (text or "").replace(";", ",").split(","):
        name = " ".join(part.split())[:MAX_LENGTH]
        if name and fold(name) not in seen:
            seen.add(fold(name))
            names.append(name)
    return names[:MAX_TAGS]


@transaction.atomic
def set_tags(*, article, names):
    """Give `article` exactly the tags `names`, reusing a tag whose name differs only in case or accents."""
    existing = {fold(tag.name): tag for tag in Tag.objects.all()} if names else {}
    tags = []
    for name in names:
        tag = existing.get(fold(name))
        if tag is None:
            tag = existing[fold(name)] = Tag.objects.create(name=name)
        tags.append(tag)
    article.tags.set(tags)
    return tags


def text_of(article):
    """What the article's tag field shows: its tags' names, comma-separated."""
    return ", ".join(tag.name for tag in article.tags.all()) if article.pk else ""
