"""`/the/<slug>/`: the published articles that carry a tag, newest first."""

from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from news import listings
from news.models import Article
from news.views import ARTICLES_PER_PAGE
from tags.models import Tag


class TagView(ListView):
    template_name = "tags/tag.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return listings.article_cards(Article.objects.published().filter(tags=self.tag))

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)
