"""factory_boy factories for every app, in one place."""

import factory
from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.django.Password("mat-khau-thu")


# --- news -------------------------------------------------------------------


# --- initiatives ------------------------------------------------------------
