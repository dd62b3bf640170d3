"""Member accounts: who a member is beyond the login (full name, phone, workplace union unit).

The login itself (e-mail, password, e-mail verification, password reset) is django-allauth's, on Django's
`User`; a member is a `User` that is never staff, with one `Member` row beside it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Member(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="member"
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    unit = models.ForeignKey(
        "initiatives.Unit",
        verbose_name=_("đơn vị công tác"),
        on_delete=models.PROTECT,
        related_name="members",
        help_text=_("Công đoàn nơi đoàn viên làm việc."),
    )
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("đoàn viên")
        verbose_name_plural = _("đoàn viên")

    def __str__(self):
        return self.full_name
