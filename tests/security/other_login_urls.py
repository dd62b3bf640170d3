"""Login forms outside the admin (as a members' area would have), for the sign-in protection tests."""

from django import forms
from django.contrib.auth import authenticate, login
from django.contrib.auth.views import LoginView
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path


class MemberLoginForm(forms.Form):
    """Shaped like django-allauth's: the account in `login` (username or e-mail), then `password`."""

    login = forms.CharField()
    password = forms.CharField()


def member_login(request):
    form = MemberLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account = form.cleaned_data["login"]
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(email__iexact=account).first()
        username = user.get_username() if user else account
        signed_in = authenticate(request, username=username, password=form.cleaned_data["password"])
        if signed_in is not None:
            login(request, signed_in)
            return HttpResponseRedirect("/")
    return HttpResponse("form", status=200)


urlpatterns = [
    path("dang-nhap/", LoginView.as_view(template_name="admin/login.html"), name="login"),
    path("dang-nhap-thanh-vien/", member_login, name="member_login"),
    path("", include("lddsite.urls")),
]
