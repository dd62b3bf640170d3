from django.urls import path

from security.methods import public_page

from . import views

app_name = "about"

urlpatterns = [
    path("gioi-thieu/", public_page(views.about), name="about"),
    path("gioi-thieu/co-cau-to-chuc/", public_page(views.organisation), name="organisation"),
    path("lien-he/", views.contact, name="contact"),
]
