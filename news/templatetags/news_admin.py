"""Admin helpers: the publisher's queue on the admin index."""

from django import template
from django.urls import reverse

from news import services
from news.models import Article, Status, Video, WebLink
from news.workflow_admin import STATUS_PARAMETER

register = template.Library()

REVIEWED_MODELS = [Article, Video, WebLink]


@register.simple_tag(takes_context=True)
def review_queue(context):
    """For each kind this user may publish: how many wait for review, and the list that shows them oldest first."""
    user = context["request"].user
    queue = []
    for model in REVIEWED_MODELS:
        if not services.can_publish(user, model):
            continue
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        queue.append(
            {
                "label": opts.verbose_name_plural.capitalize(),
                "count": model._default_manager.filter(status=Status.REVIEW).count(),
                "url": f"{url}?{STATUS_PARAMETER}={Status.REVIEW}",
            }
        )
    return queue
