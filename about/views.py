"""Giới thiệu (the federation's pages), Cơ cấu tổ chức (leaders and the unit tree), Liên hệ (details and form)."""

from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from about import orgchart, services
from about.forms import ContactForm
from about.models import AboutPage, ContactDetails, ContactMessage, Leader
from spamguard.forms import address_of, limit_reached

_SENT_SALT = "about.contact.sent"
SENT_PARAM = "da-gui"


def about(request):
    return render(
        request,
        "about/about.html",
        {
            "pages": list(AboutPage.objects.published()),
            "leaders": list(Leader.objects.current()[:4]),
        },
    )


def organisation(request):
    return render(
        request,
        "about/organisation.html",
        {
            "leaders": list(Leader.objects.current()),
            "roots": orgchart.unit_tree(),
        },
    )


@never_cache
def contact(request):
    """Contact details, the OpenStreetMap link, and the form; after a good message a thank-you."""
    details = ContactDetails.objects.first()
    context = {
        "details": details,
        "sent": _was_sent(request.GET.get(SENT_PARAM, "")),
    }
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        if form.is_trap():
            return redirect(_sent_url())
        if limit_reached(ContactMessage, request):
            form.add_error(
                None, gettext("Hôm nay địa chỉ của bạn đã gửi đủ số thư cho phép. Vui lòng gửi lại vào ngày mai.")
            )
        elif form.is_valid():
            data = form.cleaned_data
            services.receive_message(
                name=data["name"], email=data["email"], phone=data["phone"], subject=data["subject"],
                message=data["message"], client_ip=address_of(request),
            )  # fmt: skip
            return redirect(_sent_url())
    context["form"] = form
    return render(request, "about/contact.html", context, status=400 if form.errors else 200)


def _sent_url():
    return f"{reverse('about:contact')}?{SENT_PARAM}={signing.dumps('1', salt=_SENT_SALT)}#thu-lien-he"


def _was_sent(token):
    try:
        return bool(token) and signing.loads(token, salt=_SENT_SALT, max_age=24 * 60 * 60) == "1"
    except signing.BadSignature:
        return False
