"""Tags on articles ("Thẻ"): a name, a Vietnamese slug for `/the/<slug>/`, and the articles that carry it.

The links live on the tag (`Tag.articles`, reached from an article as
`article.tags`), so articles need no column of their own.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from news.slugs import unique_slug


class Tag(models.Model):
    name = models.CharField(_("tên thẻ"), max_length=80, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True, blank=True)
    articles = models.ManyToManyField("news.Article", verbose_name=_("bài viết"), related_name="tags", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join(self.name.split())
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=100)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("tags:tag", kwargs={"slug": self.slug})
