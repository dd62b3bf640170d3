"""Tags in the admin: rename or merge by hand; articles get theirs in the article form ("Thẻ")."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from tags.models import Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description=_("Số bài"), ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles
