"""The member forms: allauth's, with Vietnamese labels, plus the member's name, phone and workplace unit."""

from allauth.account import forms as allauth_forms
from django import forms
from django.core.validators import RegexValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from initiatives.forms import UnitChoiceField

from . import services

PHONE = RegexValidator(
    r"^\+?[0-9 .]{9,15}$", _("Số điện thoại gồm 9 đến 15 chữ số (có thể bắt đầu bằng +), ví dụ 0912 345 678.")
)


class VietnameseLabels:
    """Vietnamese labels for allauth's fields (`labels`), no English placeholders, and its hard-coded
    "same password" error said in Vietnamese."""

    labels = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            if name in self.fields:
                self.fields[name].label = label
                self.fields[name].widget.attrs.pop("placeholder", None)
        if "email" in self.fields:
            self.fields["email"].widget.attrs["placeholder"] = _("ten@example.vn")

    def add_error(self, field, error):
        if str(error) == SAME_PASSWORD_ENGLISH:
            error = _("Hai lần nhập mật khẩu không giống nhau.")
        super().add_error(field, error)


# allauth's own words for a mismatch (it ships no Vietnamese catalogue).
SAME_PASSWORD_ENGLISH = "You must type the same password each time."  # noqa: S105


class LoginForm(VietnameseLabels, allauth_forms.LoginForm):
    labels = {"login": _("Thư điện tử"), "password": _("Mật khẩu"), "remember": _("Ghi nhớ đăng nhập trên máy này")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].widget.attrs["placeholder"] = _("ten@example.vn")
        self.fields["password"].help_text = ""  # the page links "Quên mật khẩu?" itself

    def user_credentials(self):
        """allauth's credentials, with the e-mail also as `username`: the sign-in protection (django-axes)
        counts failures per account by that name, as on every other login form of the portal."""
        credentials = super().user_credentials()
        credentials.setdefault("username", credentials.get("email", ""))
        return credentials


class SignupForm(VietnameseLabels, allauth_forms.SignupForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    phone = forms.CharField(
        label=_("Số điện thoại"), max_length=20, required=False, validators=[PHONE], help_text=_("Không bắt buộc.")
    )
    unit = UnitChoiceField(label=_("Đơn vị công tác"), help_text=_("Công đoàn nơi bạn làm việc."))

    labels = {"email": _("Thư điện tử"), "password1": _("Mật khẩu"), "password2": _("Nhập lại mật khẩu")}
    field_order = ["full_name", "email", "phone", "unit", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _("Dùng để đăng nhập; cần xác nhận trước khi nộp sáng kiến.")
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.order_fields(self.field_order)

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Vui lòng nhập họ và tên."))
        return name

    @transaction.atomic
    def save(self, request):
        return super().save(request)

    def custom_signup(self, request, user):
        services.create_member(
            user=user,
            full_name=self.cleaned_data["full_name"],
            phone=self.cleaned_data.get("phone", ""),
            unit=self.cleaned_data["unit"],
        )


class ResetPasswordForm(VietnameseLabels, allauth_forms.ResetPasswordForm):
    labels = {"email": _("Thư điện tử của tài khoản")}


class ResetPasswordKeyForm(VietnameseLabels, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": _("Mật khẩu mới"), "password2": _("Nhập lại mật khẩu mới")}


class ChangePasswordForm(VietnameseLabels, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": _("Mật khẩu hiện tại"),
        "password1": _("Mật khẩu mới"),
        "password2": _("Nhập lại mật khẩu mới"),
    }
