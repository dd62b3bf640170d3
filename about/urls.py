from django.urls import path

from . import views

app_name = "about"

urlpatterns = [
    path("gioi-thieu/", views.about, name="about"),
    path("gioi-thieu/co-cau-to-chuc/", views.organisation, name="organisation"),
    path("lien-he/", views.contact, name="contact"),
]
