from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, views
from .sitemaps import sitemaps

app_name = "news"

urlpatterns = [
    path("", views.home, name="home"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.CategoryFeed(), name="category_feed"),
    path("tin-tuc/<slug:slug>/", views.ArticleView.as_view(), name="article"),
    path("tim-kiem/", views.search_view, name="search"),
    path("video/", views.VideoListView.as_view(), name="video_list"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("manifest.webmanifest", views.web_manifest, name="manifest"),
]
