from django.urls import path

from security.methods import public_page

from . import feeds, views

app_name = "documents"

urlpatterns = [
    path("", public_page(views.DocumentListView.as_view()), name="list"),
    path("rss/", public_page(feeds.LatestDocumentsFeed()), name="feed"),
    path("<slug:slug>/", public_page(views.DocumentDetailView.as_view()), name="detail"),
    path("<slug:slug>/tep/<int:pk>/", public_page(views.download), name="file"),
]
