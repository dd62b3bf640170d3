"""What the admin offers of readers' data: django-hitcount's hits and totals, without its blacklists.

The address and User-Agent blacklists django-hitcount registers are left out of the admin: the
portal's counting (news/counting/) refuses bots, HTTP libraries and prefetches by their
User-Agent and headers, and a control that changes nothing is not offered.
"""

from django.contrib import admin
from hitcount.models import BlacklistIP, BlacklistUserAgent, Hit

for model in (BlacklistIP, BlacklistUserAgent):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

if admin.site.is_registered(Hit):
    _hit_admin = type(admin.site.get_model_admin(Hit))
    admin.site.unregister(Hit)

    @admin.register(Hit)
    class HitAdmin(_hit_admin):
        """django-hitcount's list of hits, without the actions that fill the blacklists."""

        actions = ["delete_queryset"]
