from django.urls import path

from . import views

app_name = "tags"

urlpatterns = [
    path("<slug:slug>/", views.TagView.as_view(), name="tag"),
]
