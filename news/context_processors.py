from django.utils.translation import gettext as _


def site(request):
    return {"site_name": _("Liên đoàn Lao động tỉnh Sóc Trăng"), "nav_categories": []}
