from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.home, name="search"),
    path("rss/", views.home, name="feed"),
    path("video/", views.home, name="video_list"),
]
