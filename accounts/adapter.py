"""How django-allauth behaves on this portal: Vietnamese messages, members never staff, mail in our words.

allauth ships no Vietnamese catalogue, so every message it can show a member is given here in Vietnamese
(`error_messages`), its forms get Vietnamese labels in `accounts/forms.py`, and its pages, flash messages and
e-mails are the templates under `templates/account/`.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _

from news.context_processors import SITE_NAME


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Tài khoản này đang bị khóa."),
        "duplicate_email": _("Địa chỉ thư điện tử này đã gắn với tài khoản của bạn."),
        "email_password_mismatch": _("Thư điện tử hoặc mật khẩu không đúng."),
        "email_taken": _("Đã có tài khoản đăng ký với địa chỉ thư điện tử này."),
        "enter_current_password": _("Vui lòng nhập mật khẩu hiện tại."),
        "incorrect_code": _("Mã không đúng."),
        "incorrect_password": _("Mật khẩu không đúng."),
        "invalid_or_expired_key": _("Liên kết không hợp lệ hoặc đã hết hạn."),
        "invalid_login": _("Đăng nhập không hợp lệ."),
        "invalid_password_reset": _("Liên kết đặt lại mật khẩu không hợp lệ hoặc đã được dùng."),
        "max_email_addresses": _("Không thể thêm quá %d địa chỉ thư điện tử."),
        "too_many_login_attempts": _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau."),
        "unknown_email": _("Địa chỉ thư điện tử này không thuộc tài khoản nào."),
        "unverified_primary_email": _("Địa chỉ thư điện tử chính của bạn cần được xác nhận."),
        "username_password_mismatch": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "select_only_one": _("Vui lòng chỉ chọn một."),
        "same_as_current": _("Giá trị mới phải khác giá trị hiện tại."),
        "rate_limited": _("Bạn gửi yêu cầu quá nhiều lần. Vui lòng đợi một lát rồi thử lại."),
    }

    def save_user(self, request, user, form, commit=True):
        """A member account: never staff, never a superuser, whatever a crafted form sends."""
        user = super().save_user(request, user, form, commit=False)
        user.is_staff = False
        user.is_superuser = False
        user.first_name = form.cleaned_data.get("full_name", "")[:150]
        if commit:
            user.save()
        return user

    def format_email_subject(self, subject):
        return f"[{SITE_NAME}] {subject}"
