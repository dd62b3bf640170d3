"""factory_boy factories for every app, in one place."""

import itertools
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
    status = "published"


class WebLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.WebLink"

    title = factory.Sequence(lambda n: f"Liên kết {n}")
    url = factory.Sequence(lambda n: f"https://congdoan{n}.example.vn/")
    status = "published"


def image_bytes(image_format="JPEG", size=(800, 600), colour=(200, 40, 40)):
    """A small real picture in `image_format`, as bytes."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


def image_upload(name="anh.jpg", image_format="JPEG", size=(800, 600), extra=b""):
    """An uploaded picture as a browser would send it (`extra` is glued after the image)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
    return SimpleUploadedFile(
        name, image_bytes(image_format, size) + extra, content_type.get(image_format, "image/jpeg")
    )


class StaffFactory(UserFactory):
    """A staff account in the given admin groups: `StaffFactory(groups=["Biên tập viên"])`."""

    class Meta:
        skip_postgeneration_save = True

    is_staff = True

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        from django.contrib.auth.models import Group

        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))


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


# Bulk data for the public pages and the exports: written through services.create_in_bulk per unit, then the
# running totals are rebuilt with services.after_bulk_change(), as an importer does.

INITIATIVE_KINDS = ["ky_thuat", "quan_ly", "tac_nghiep", "ung_dung", "nghien_cuu"]
INITIATIVE_SECTORS = ["hanh_chinh", "su_nghiep", "san_xuat"]
_bulk_keys = itertools.count(1)


def bulk_initiatives(*, campaign, phase, unit, submitted, registered_only=0, start=None, weeks=10):
    """`submitted` initiatives from "đã nộp" on and `registered_only` still "đăng ký", under `unit`.

    Initiative i (counting from 0) is of kind INITIATIVE_KINDS[i % 5] and sector INITIATIVE_SECTORS[i % 3];
    among the submitted ones, i % 50 == 0 were awarded the Bằng, other i % 3 == 0 approved, the rest "đã nộp";
    approved and awarded ones carry a benefit of 1.000.000 đồng. Registrations are spread over `weeks` weeks
    from `start` (default: the phase's or campaign's first day, 9:00), each submitted two days later.
    Call `services.after_bulk_change(campaign=…)` once afterwards.
    """
    from initiatives import services

    first_day = start or (phase.opens_on if phase else campaign.starts_on)
    first = timezone.make_aware(datetime.combine(first_day, time(9)))
    rows = []
    for i in range(submitted + registered_only):
        registered_at = first + timedelta(weeks=i % weeks)
        if i >= submitted:
            status = "dang_ky"
        elif i % 50 == 0:
            status = "duoc_tang_bang"
        elif i % 3 == 0:
            status = "thong_qua"
        else:
            status = "da_nop"
        approved = status in ("thong_qua", "duoc_tang_bang")
        rows.append(
            services.NewInitiative(
                phase=phase,
                unit=unit,
                key=f"BK-{next(_bulk_keys):07d}",
                title=f"Sáng kiến cải tiến số {i + 1} của {unit.short_name or unit.name}",
                kind=INITIATIVE_KINDS[i % len(INITIATIVE_KINDS)],
                sector=INITIATIVE_SECTORS[i % len(INITIATIVE_SECTORS)],
                status=status,
                registered_at=registered_at,
                submitted_at=registered_at + timedelta(days=2) if status != "dang_ky" else None,
                benefit_value=1_000_000 if approved else None,
                authors=[("Nguyễn Văn An", "Công nhân")],
            )
        )
    return services.create_in_bulk(campaign=campaign, initiatives=rows, rebuild_totals=False)


# The Sóc Trăng province in phase 1 of "1 triệu sáng kiến": (code, name, short name, kind, submitted, quota).
SOC_TRANG_UNITS = [
    ("st-vinh-chau", "LĐLĐ thị xã Vĩnh Châu", "LĐLĐ TX Vĩnh Châu", "ldld_huyen", 507, 300),
    ("st-tran-de", "LĐLĐ huyện Trần Đề", "LĐLĐ H. Trần Đề", "ldld_huyen", 441, 300),
    ("st-giao-duc", "Công đoàn Ngành Giáo dục tỉnh Sóc Trăng", "CĐ Ngành Giáo dục", "cd_nganh", 337, 400),
    ("st-tp-soc-trang", "LĐLĐ thành phố Sóc Trăng", "LĐLĐ TP Sóc Trăng", "ldld_huyen", 272, 150),
    ("st-vien-chuc", "Công đoàn Viên chức tỉnh Sóc Trăng", "CĐ Viên chức tỉnh", "cd_vien_chuc", 259, 100),
    ("st-nga-nam", "LĐLĐ thị xã Ngã Năm", "LĐLĐ TX Ngã Năm", "ldld_huyen", 250, 300),
    ("st-my-tu", "LĐLĐ huyện Mỹ Tú", "LĐLĐ H. Mỹ Tú", "ldld_huyen", 240, 200),
    ("st-ke-sach", "LĐLĐ huyện Kế Sách", "LĐLĐ H. Kế Sách", "ldld_huyen", 229, 200),
    ("st-kcn", "Công đoàn các Khu công nghiệp tỉnh Sóc Trăng", "CĐ các KCN", "cd_kcn", 200, 250),
    ("st-ctdt", "CĐCS Công ty Cổ phần Công trình Đô thị", "CĐCS Cty CTĐT", "cdcs", 87, None),
]


def province_campaign(*, units=SOC_TRANG_UNITS, quota=1000, plan=2000, registered_share=0.25, phase2_submitted=40):
    """A province under the "1 triệu sáng kiến" campaign with its phase-1 figures (2.822 submitted by default).

    Returns a dict: campaign, phase1, phase2, root, units (code → Unit). The province has a phase-1 quota and
    plan; every unit in `units` has its phase-1 quota; the first unit files a quarter of its initiatives
    through a grassroots union beneath it ("<code>-cdcs"); registrations exceed submissions by
    `registered_share`; the first unit also files `phase2_submitted` initiatives in phase 2.
    """
    from initiatives import services

    campaign = CampaignFactory(
        name="1 triệu sáng kiến nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại dịch Covid-19",
        starts_on=date(2022, 1, 8),
        ends_on=date(2023, 9, 1),
    )
    phase1 = PhaseFactory(campaign=campaign, number=1, opens_on=date(2022, 1, 8), closes_on=date(2022, 5, 31))
    phase2 = PhaseFactory(campaign=campaign, number=2, opens_on=date(2022, 6, 1), closes_on=date(2023, 9, 1))
    root = UnitFactory(
        code="soc-trang", name="Liên đoàn Lao động tỉnh Sóc Trăng", short_name="LĐLĐ tỉnh", kind="ldld_tinh"
    )
    campaign.root_unit = root
    campaign.save(update_fields=["root_unit"])
    services.set_target(unit=root, campaign=campaign, phase=phase1, kind="chi_tieu", value=quota)
    services.set_target(unit=root, campaign=campaign, phase=phase1, kind="ke_hoach", value=plan)
    made = {"soc-trang": root}
    for position, (code, name, short_name, kind, submitted, unit_quota) in enumerate(units):
        unit = UnitFactory(code=code, name=name, short_name=short_name, kind=kind, parent=root, order=position)
        made[code] = unit
        if unit_quota is not None:
            services.set_target(unit=unit, campaign=campaign, phase=phase1, kind="chi_tieu", value=unit_quota)
        own = submitted
        if position == 0:
            child = UnitFactory(
                code=f"{code}-cdcs", name=f"CĐCS Trường THPT thuộc {name}", short_name="CĐCS THPT", parent=unit
            )
            made[child.code] = child
            below = submitted // 4
            bulk_initiatives(
                campaign=campaign,
                phase=phase1,
                unit=child,
                submitted=below,
                registered_only=round(below * registered_share),
            )
            own -= below
            if phase2_submitted:
                bulk_initiatives(campaign=campaign, phase=phase2, unit=unit, submitted=phase2_submitted)
        bulk_initiatives(
            campaign=campaign, phase=phase1, unit=unit, submitted=own, registered_only=round(own * registered_share)
        )
    services.after_bulk_change(campaign=campaign)
    return {"campaign": campaign, "phase1": phase1, "phase2": phase2, "root": root, "units": made}


# --- documents ----------------------------------------------------------------

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.Issuer"
        django_get_or_create = ("name",)

    name = "Liên đoàn Lao động tỉnh Sóc Trăng"


class DocumentFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.Field"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.Document"

    number = factory.Sequence(lambda n: f"{n + 1:02d}/KH-LĐLĐ")
    kind = "ke_hoach"
    issuer = factory.SubFactory(IssuerFactory)
    signer = "Lê Văn Phải"
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    summary = "Kế hoạch thực hiện chiến lược quốc gia về tăng trưởng xanh giai đoạn 2021-2030"
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class DocumentFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.DocumentFile"

    document = factory.SubFactory(DocumentFactory)
    file = factory.django.FileField(filename="ke-hoach.pdf", data=MINIMAL_PDF)


# --- legalqa -------------------------------------------------------------------


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "legalqa.Question"

    asker_name = "Nguyễn Văn An"
    email = "an.nguyen@example.vn"
    phone = "0912 345 678"
    topic = factory.LazyFunction(lambda: _topic("tien-luong"))
    question = "Tôi làm việc tại công ty may ở KCN An Nghiệp, công ty trả lương chậm hai tháng có đúng luật không?"
    title = factory.Sequence(lambda n: f"Công ty trả lương chậm có đúng luật không? ({n})")
    public_question = "Công ty trả lương chậm hai tháng có đúng quy định không?"


class AnsweredQuestionFactory(QuestionFactory):
    answer = "<p>Theo Điều 97 Bộ luật Lao động 2019, người sử dụng lao động phải trả lương đúng hạn.</p>"
    answered_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    is_public = True


def _topic(slug):
    from legalqa.models import Topic

    return Topic.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").capitalize()})[0]


# --- accounts ---------------------------------------------------------------


class MemberFactory(factory.django.DjangoModelFactory):
    """A member account (never staff) with a confirmed e-mail unless `verified=False`."""

    class Meta:
        model = "accounts.Member"
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"Trần Thị Đoàn Viên {n}")
    phone = "0912345678"
    unit = factory.SubFactory(UnitFactory)

    @factory.post_generation
    def verified(self, create, value, **kwargs):
        from allauth.account.models import EmailAddress

        if create:
            EmailAddress.objects.create(
                user=self.user, email=self.user.email, primary=True, verified=value is not False
            )
