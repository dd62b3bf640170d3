"""The asking form: who asks (optional), how to reach them, the topic and the question."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from legalqa.models import Topic
from spamguard.forms import GuardedForm

_PHONE = re.compile(r"^\+?[0-9 .\-]{9,15}$")


def clean_phone(value):
    """A Vietnamese phone number as typed ("0299 3822 123", "+84 912 345 678"), or a ValidationError."""
    value = " ".join(value.split())
    if value and (not _PHONE.match(value) or not 9 <= sum(ch.isdigit() for ch in value) <= 12):
        raise forms.ValidationError(_("Số điện thoại chưa đúng (ví dụ: 0912 345 678)."))
    return value


class AskForm(GuardedForm):
    asker_name = forms.CharField(
        label=_("Họ tên"), max_length=120, required=False, help_text=_("Có thể để trống nếu bạn muốn giấu tên.")
    )
    email = forms.EmailField(label=_("E-mail"), required=False, help_text=_("Để nhận câu trả lời qua e-mail."))
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    topic = forms.ModelChoiceField(label=_("Chủ đề"), queryset=Topic.objects.all(), empty_label=_("— Chọn chủ đề —"))
    question = forms.CharField(
        label=_("Câu hỏi"),
        min_length=20,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Trình bày rõ hoàn cảnh: loại hợp đồng, thời gian làm việc, số tiền… (tối đa 4.000 ký tự)."),
        error_messages={"min_length": _("Câu hỏi cần ít nhất %(limit_value)d ký tự để tư vấn viên hiểu rõ.")},
    )

    field_order = ["asker_name", "email", "phone", "topic", "question"]

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and not self.has_error("email"):
            self.add_error("email", _("Cần e-mail hoặc số điện thoại để chúng tôi gửi câu trả lời."))
        return cleaned
