from django.urls import path

from security.methods import public_page

from . import views

app_name = "legalqa"

urlpatterns = [
    path("", public_page(views.QuestionListView.as_view()), name="list"),
    path("dat-cau-hoi/", views.ask, name="ask"),
    path("<slug:slug>/", public_page(views.QuestionDetailView.as_view()), name="detail"),
]
