"""factory_boy factories for every app, in one place."""

from datetime import date, datetime, time, timedelta

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
# Initiatives are created through initiatives.services, so the running totals behind the tallies stay exact;
# pass `status=` to start an initiative further along the workflow (as an import of past data would).


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Unit"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"don-vi-{n}")
    name = factory.Sequence(lambda n: f"Công đoàn cơ sở số {n}")
    short_name = factory.Sequence(lambda n: f"CĐCS {n}")
    kind = "cdcs"
    parent = None
    member_count = 120
    worker_count = 150


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Campaign"

    name = factory.Sequence(lambda n: f"Phong trào sáng kiến số {n}")
    issuer = "Tổng Liên đoàn Lao động Việt Nam"
    description = "Phong trào thi đua phát huy sáng kiến trong đoàn viên, người lao động."
    starts_on = factory.LazyFunction(lambda: date(2022, 1, 8))
    ends_on = factory.LazyFunction(lambda: date(2023, 9, 1))
    national_target = 1_000_000


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Phase"

    campaign = factory.SubFactory(CampaignFactory)
    number = factory.LazyAttribute(lambda p: p.campaign.phases.count() + 1)
    name = factory.LazyAttribute(lambda p: f"Giai đoạn {p.number}")
    opens_on = factory.LazyAttribute(lambda p: p.campaign.starts_on)
    closes_on = factory.LazyAttribute(lambda p: p.campaign.ends_on)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Target"

    unit = factory.SubFactory(UnitFactory)
    campaign = factory.SubFactory(CampaignFactory)
    phase = None
    kind = "chi_tieu"
    value = 100


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Initiative"

    campaign = factory.SubFactory(CampaignFactory)
    phase = factory.SubFactory(PhaseFactory, campaign=factory.SelfAttribute("..campaign"))
    unit = factory.SubFactory(UnitFactory)
    key = factory.Sequence(lambda n: f"SK-{n:06d}")
    title = factory.Sequence(lambda n: f"Cải tiến quy trình tiếp nhận hồ sơ số {n}")
    kind = "ky_thuat"
    sector = "san_xuat"
    summary = "Rút ngắn thời gian xử lý nhờ sắp xếp lại các bước."
    registered_at = factory.LazyAttribute(
        lambda i: timezone.make_aware(datetime.combine(i.phase.opens_on if i.phase else i.campaign.starts_on, time(9)))
    )
    authors = factory.LazyFunction(lambda: [("Nguyễn Văn An", "Công nhân")])

    @classmethod
    def _create(cls, model_class, *args, by=None, **kwargs):
        from initiatives import services

        return services.create_initiative(by=by, **kwargs)
