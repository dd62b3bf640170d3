from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("", views.overview, name="two_factor"),
    path("thiet-lap/", views.setup, name="two_factor_setup"),
    path("nhap-ma/", views.verify, name="two_factor_verify"),
]
