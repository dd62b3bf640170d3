"""The contact form: who writes, how to answer them, subject and message; guarded like the question form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from legalqa.forms import clean_phone
from spamguard.forms import GuardedForm


class ContactForm(GuardedForm):
    name = forms.CharField(label=_("Họ tên"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200)
    message = forms.CharField(
        label=_("Nội dung"), min_length=10, max_length=4000, widget=forms.Textarea(attrs={"rows": 7})
    )

    field_order = ["name", "email", "phone", "subject", "message"]

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and not self.has_error("email"):
            self.add_error("email", _("Cần e-mail hoặc số điện thoại để chúng tôi liên hệ lại."))
        return cleaned
