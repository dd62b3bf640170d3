"""A login form outside the admin (as a members' area would have), for the sign-in protection tests."""

from django.contrib.auth.views import LoginView
from django.urls import include, path

urlpatterns = [
    path("dang-nhap/", LoginView.as_view(template_name="admin/login.html"), name="login"),
    path("", include("lddsite.urls")),
]
