"""Slugs from Vietnamese titles.

Django's `slugify` drops `đ`/`Đ` (it has no ASCII decomposition), so
"Công đoàn" would become "cong-oan". Here `đ` becomes `d` first.
"""

from django.utils.text import slugify

_VIETNAMESE_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def vietnamese_slugify(text, max_length=None):
    slug = slugify(str(text).translate(_VIETNAMESE_EXTRA))
    if max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


def unique_slug(instance, text, *, field="slug", max_length=200):
    """A slug for `instance` from `text`, suffixed -2, -3… until unused in its table."""
    base = vietnamese_slugify(text, max_length=max_length - 8) or "bai-viet"
    model = type(instance)
    others = model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager.all()
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
