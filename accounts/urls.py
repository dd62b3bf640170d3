"""`/tai-khoan/…`: allauth's account views under Vietnamese paths (their names are allauth's), and ours."""

from allauth.account import views as allauth
from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.AccountHomeView.as_view(), name="account_home"),
    path("dang-ky/", allauth.signup, name="account_signup"),
    path("dang-nhap/", allauth.login, name="account_login"),
    path("dang-xuat/", allauth.logout, name="account_logout"),
    path("bi-khoa/", allauth.account_inactive, name="account_inactive"),
    path("xac-nhan-thu/", allauth.email_verification_sent, name="account_email_verification_sent"),
    re_path(r"^xac-nhan-thu/(?P<key>[-:\w]+)/$", allauth.confirm_email, name="account_confirm_email"),
    path("gui-lai-thu-xac-nhan/", views.ResendVerificationView.as_view(), name="account_resend_verification"),
    path("doi-mat-khau/", allauth.password_change, name="account_change_password"),
    path("dat-lai-mat-khau/", allauth.password_reset, name="account_reset_password"),
    path("dat-lai-mat-khau/da-gui/", allauth.password_reset_done, name="account_reset_password_done"),
    re_path(
        r"^dat-lai-mat-khau/khoa/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        allauth.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path("dat-lai-mat-khau/xong/", allauth.password_reset_from_key_done, name="account_reset_password_from_key_done"),
    # allauth sends signed-in members to "account_email" (its e-mail management); here that is the overview.
    path("", views.AccountHomeView.as_view(), name="account_email"),
]
