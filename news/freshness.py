"""Content of other apps that shows on cached pages moves the content generation too.

An article page lists its tags and the documents it cites, and the site search
lists documents and questions: when those change, cached pages must be rebuilt
as when an article changes. `moves_generation(Model, …)` (called from an app's
`ready()`) bumps `news.caching`'s generation on every save, delete and change
of many-to-many links of the models, once the change commits.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from news import caching


def _changed(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    caching.content_changed(instance=kwargs.get("instance"))


def moves_generation(*models):
    for model in models:
        uid = f"news.freshness.{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}.delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}.{field.name}")
