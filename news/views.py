"""Public pages of the portal: home, categories, articles, search, videos, robots.txt, error pages."""

from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.generic import DetailView, ListView

from news import listings, live, pagecache, search
from news.context_processors import SITE_NAME
from news.models import Article, Category

ARTICLES_PER_PAGE = 12
SEARCH_RESULTS_PER_PAGE = 10


def can_preview(user):
    """Staff who may read articles in the admin may also preview unpublished ones."""
    return user.is_authenticated and user.is_staff and user.has_perm("news.view_article")


NEWEST_ON_HOME = 6


def _answer(request, render, *, article=None, subject=None, **options):
    """The page through the page cache, its reading settled, its live parts put in.

    One direction: the reading (made by ReadingMiddleware) names the shared-cache keys it needs,
    the page cache reads them with the page (news/pagecache.py), the reading settles with one
    write (news/counting/), and the answer gets the live figures (news/live.py).
    """
    reading = request.reading
    page = pagecache.serve(request, render, cache_ops=reading.cache_ops(article=article), subject=subject, **options)
    reading.settle(values=page.values, article_pk=page.subject_pk, page_view=page.is_page_view)
    return page.answer(live.parts(reading))


def home(request):
    def newest():
        return list(listings.article_cards(Article.objects.published())[:NEWEST_ON_HOME])

    newest_list = SimpleLazyObject(newest)
    featured_list = SimpleLazyObject(lambda: listings.featured_articles(limit=5))

    def sections():
        shown = [a.pk for a in newest_list] + [a.pk for a in featured_list]
        return listings.newest_per_category(per_category=4, exclude_ids=shown)

    # Lazy: nothing is queried when the template finds the lists in its fragment cache.
    context = {
        "newest": newest_list,
        "featured": featured_list,
        "sections": SimpleLazyObject(sections),
        "show_most_read": True,
    }
    return _answer(request, lambda: render(request, "news/home.html", context))


class PageCacheMixin:
    """Anonymous readers get the page from the page cache (news/pagecache.py)."""

    page_cache_params = ("page",)

    def get(self, request, *args, **kwargs):
        return _answer(
            request, lambda: super(PageCacheMixin, self).get(request, *args, **kwargs), params=self.page_cache_params
        )


class CategoryView(PageCacheMixin, ListView):
    template_name = "news/category.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return listings.article_cards(Article.objects.published().filter(category=self.category))

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, current_category_slug=self.category.slug, **kwargs)


class ArticleView(DetailView):
    """A published article for everyone; drafts and scheduled articles only as a staff preview.

    The page comes from the page cache for anonymous readers; its "Lượt xem" is put in after the
    reading has settled (counted the view, or not), on every request.
    """

    template_name = "news/article.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        return _answer(
            request,
            lambda: super(ArticleView, self).get(request, *args, **kwargs),
            article=kwargs["slug"],
            subject=self.shown_article,
        )

    def shown_article(self):
        """(slug, pk) of the published article rendered, None for a preview."""
        article = getattr(self, "object", None)
        return (article.slug, article.pk) if article is not None and article.is_published() else None

    def get_queryset(self):
        articles = Article.objects.all() if can_preview(self.request.user) else Article.objects.published()
        return articles.select_related("category")

    def get_context_data(self, **kwargs):
        article = self.object
        preview = not article.is_published()
        return super().get_context_data(
            preview=preview,
            views=None if preview else pagecache.markers.text("views"),
            current_category_slug=article.category.slug,
            show_most_read=True,
            related=SimpleLazyObject(lambda: listings.related_articles(article)),
            neighbours=SimpleLazyObject(lambda: listings.neighbours(article)),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["preview"]:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


def search_view(request):
    """Search results; kept by the page cache only when something was found for a counted reader."""

    def worth_keeping(response):
        found = response.context_data.get("results") or any(
            section.items for section in response.context_data.get("sections", ())
        )
        return request.reading.counts and bool(found)

    return _answer(
        request,
        lambda: _search_page(request),
        params=("page",),
        text_params=("q",),
        search=True,
        keep=worth_keeping,
    )


def _search_page(request):
    query = request.GET.get("q", "").strip()[: pagecache.TEXT_PARAM_LENGTH]
    context = {"query": query, "searchable": search.is_searchable(query)}
    if context["searchable"]:
        matches = listings.article_cards(search.search_articles(query))
        paginator = search.ResultPaginator(matches, SEARCH_RESULTS_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage as exc:
            raise Http404 from exc
        context.update(page_obj=page, paginator=paginator, results=page.object_list)
        if page.number == 1:  # documents, questions… grouped after the news, on the first page
            context["sections"] = search.section_results(query)
    return TemplateResponse(request, "news/search.html", context)


class VideoListView(PageCacheMixin, ListView):
    template_name = "news/video_list.html"
    context_object_name = "videos"
    paginate_by = listings.VIDEOS_PER_PAGE

    def get_queryset(self):
        return listings.public_videos()


@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('news:search')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('news:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@cache_control(max_age=60 * 60 * 24, public=True)
def web_manifest(request):
    """The web app manifest: name, colours and icons when a reader adds the site to a phone's home screen."""
    manifest = {
        "name": str(SITE_NAME),
        "short_name": str(_("LĐLĐ tỉnh")),
        "lang": "vi",
        "start_url": reverse("news:home"),
        "display": "standalone",
        "background_color": "#f6f6f4",
        "theme_color": "#b3121b",
        "icons": [
            {"src": static(f"img/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
            for size in (192, 512)
        ]
        + [{"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered without the request: no context processors, no database."""
    return HttpResponseServerError(loader.get_template("500.html").render())
