from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from security.methods import public_page

from . import feeds, views
from .sitemaps import sitemaps

app_name = "news"

urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("chuyen-muc/<slug:slug>/", public_page(views.CategoryView.as_view()), name="category"),
    path("chuyen-muc/<slug:slug>/rss/", public_page(feeds.CategoryFeed()), name="category_feed"),
    path("tin-tuc/<slug:slug>/", public_page(views.ArticleView.as_view()), name="article"),
    path("tim-kiem/", public_page(views.search_view), name="search"),
    path("video/", public_page(views.VideoListView.as_view()), name="video_list"),
    path("rss/", public_page(feeds.LatestArticlesFeed()), name="feed"),
    path("sitemap.xml", public_page(sitemap_views.sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", public_page(views.robots_txt), name="robots"),
    path("manifest.webmanifest", public_page(views.web_manifest), name="manifest"),
]
