"""django-otp's admin page for TOTP devices speaks English and would show every account's secret key to a
superuser; devices are set up by their owner (/quan-tri/hai-buoc/) and removed with
`manage.py reset_two_factor`, so the page is not offered."""

from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
