from django.urls import path

from security.methods import public_page

from . import views

app_name = "tags"

urlpatterns = [
    path("<slug:slug>/", public_page(views.TagView.as_view()), name="tag"),
]
