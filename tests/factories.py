"""factory_boy factories for every app, in one place."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.django.Password("mat-khau-thu")


# --- news -------------------------------------------------------------------


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.Category"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")
    order = factory.Sequence(int)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.Article"

    title = factory.Sequence(lambda n: f"Công đoàn tỉnh tổ chức hội nghị số {n}")
    sapo = "Liên đoàn Lao động tỉnh tổ chức hội nghị tổng kết hoạt động công đoàn."
    body = "<p>Hội nghị đánh giá kết quả chăm lo đời sống đoàn viên, người lao động.</p>"
    category = factory.SubFactory(CategoryFactory)
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    author = "PHƯƠNG ANH"


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.Video"

    title = factory.Sequence(lambda n: f"Phim tư liệu số {n}")
    youtube_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


class WebLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.WebLink"

    title = factory.Sequence(lambda n: f"Liên kết {n}")
    url = factory.Sequence(lambda n: f"https://congdoan{n}.example.vn/")


# --- initiatives ------------------------------------------------------------
