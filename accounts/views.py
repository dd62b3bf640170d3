"""The member's own pages beside allauth's: the account overview and a new confirmation link."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from initiatives import scopes

from . import services
from .models import Member


class MemberLoginRequiredMixin(LoginRequiredMixin):
    """Signed-in accounts only; others go to the members' login page (staff log in at /quan-tri/)."""

    login_url = "account_login"


class AccountHomeView(MemberLoginRequiredMixin, TemplateView):
    template_name = "accounts/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["member"] = Member.objects.filter(user=user).select_related("unit").first()
        context["verified"] = services.is_verified(user)
        context["is_reviewer"] = scopes.is_reviewer(user)
        return context


class ResendVerificationView(MemberLoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        if services.is_verified(request.user):
            messages.info(request, _("Thư điện tử của bạn đã được xác nhận."))
        elif services.send_verification(request, request.user):
            messages.success(request, _("Đã gửi lại thư xác nhận. Vui lòng kiểm tra hộp thư."))
        else:
            messages.error(request, _("Tài khoản chưa có địa chỉ thư điện tử để xác nhận."))
        return redirect(request.POST.get("next") or "account_home")
