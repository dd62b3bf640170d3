from django.urls import path

from . import views

app_name = "legalqa"

urlpatterns = [
    path("", views.QuestionListView.as_view(), name="list"),
    path("dat-cau-hoi/", views.ask, name="ask"),
    path("<slug:slug>/", views.QuestionDetailView.as_view(), name="detail"),
]
