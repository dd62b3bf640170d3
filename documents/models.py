"""Văn bản: documents, their issuers and fields, their files and how they relate to each other.

A document's legal status (còn hiệu lực, hết hiệu lực, chưa có hiệu lực) is never
typed: `DocumentQuerySet.with_legal_status()` derives it in SQL from the dates and
from published documents that replace it, so lists can filter by it and a page
shows the same answer. Documents go through the articles' publishing workflow
(`news.models.workflow.Reviewed`, the transitions in `news/services.py`): Nháp →
Chờ duyệt → Đã xuất bản, or Trả lại, with their versions kept.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents import files
from news.models.workflow import Reviewed, ReviewedQuerySet, Status
from news.search import word_document
from news.slugs import unique_slug, vietnamese_slugify


class Kind(models.TextChoices):
    LUAT = "luat", _("Luật")
    NGHI_DINH = "nghi_dinh", _("Nghị định")
    THONG_TU = "thong_tu", _("Thông tư")
    NGHI_QUYET = "nghi_quyet", _("Nghị quyết")
    QUYET_DINH = "quyet_dinh", _("Quyết định")
    CHI_THI = "chi_thi", _("Chỉ thị")
    KE_HOACH = "ke_hoach", _("Kế hoạch")
    HUONG_DAN = "huong_dan", _("Hướng dẫn")
    THONG_BAO = "thong_bao", _("Thông báo")
    CONG_VAN = "cong_van", _("Công văn")
    BAO_CAO = "bao_cao", _("Báo cáo")
    KHAC = "khac", _("Khác")


class LegalStatus(models.TextChoices):
    IN_FORCE = "con_hieu_luc", _("Còn hiệu lực")
    EXPIRED = "het_hieu_luc", _("Hết hiệu lực")
    NOT_YET = "chua_hieu_luc", _("Chưa có hiệu lực")


class Issuer(models.Model):
    """Cơ quan ban hành."""

    name = models.CharField(_("tên cơ quan"), max_length=200, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=120)
        super().save(*args, **kwargs)


class Field(models.Model):
    """Lĩnh vực (tiền lương, bảo hiểm xã hội, thi đua khen thưởng…)."""

    name = models.CharField(_("tên lĩnh vực"), max_length=120, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=120)
        super().save(*args, **kwargs)


class DocumentQuerySet(ReviewedQuerySet):
    def published(self):
        """Visible to the public: published, and its publish time has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Approved for publication at a time still to come."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def with_legal_status(self, day=None):
        """Annotate `legal_status` on `day` (today by default).

        Not yet in force before its effective date (the issue date when none is
        given); expired after its end date, or once a published document that
        replaces it has come into force; in force otherwise.
        """
        day = day or timezone.localdate()
        replaced = Exists(
            Relation.objects.filter(
                target=OuterRef("pk"),
                kind=Relation.Kind.REPLACES,
                source__status=Status.PUBLISHED,
                source__published_at__lte=timezone.now(),
            )
            .annotate(replacer_starts=Coalesce(F("source__effective_from"), F("source__issued_on")))
            .filter(replacer_starts__lte=day)
        )
        return self.annotate(
            legal_status=Case(
                When(Q(effective_from__gt=day) | Q(effective_from__isnull=True, issued_on__gt=day),
                     then=Value(LegalStatus.NOT_YET)),
                When(Q(effective_until__lt=day) | Q(replaced), then=Value(LegalStatus.EXPIRED)),
                default=Value(LegalStatus.IN_FORCE),
                output_field=models.CharField(),
            )
        )  # fmt: skip

    def in_status(self, status, day=None):
        return self.with_legal_status(day).filter(legal_status=status)


class Document(Reviewed):
    Kind = Kind
    LegalStatus = LegalStatus

    number = models.CharField(_("số ký hiệu"), max_length=60, help_text=_("Ví dụ: 05/KH-LĐLĐ, 42/2022/NĐ-CP."))
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=Kind.choices)
    issuer = models.ForeignKey(
        Issuer, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="documents"
    )
    signer = models.CharField(_("người ký"), max_length=160, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    effective_from = models.DateField(
        _("ngày có hiệu lực"), null=True, blank=True, help_text=_("Để trống nếu có hiệu lực từ ngày ban hành.")
    )
    effective_until = models.DateField(
        _("ngày hết hiệu lực"), null=True, blank=True, help_text=_("Để trống nếu chưa định ngày hết hiệu lực.")
    )
    summary = models.TextField(_("trích yếu"))
    fields = models.ManyToManyField(Field, verbose_name=_("lĩnh vực"), related_name="documents", blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=160, unique=True, blank=True)
    campaigns = models.ManyToManyField(
        "initiatives.Campaign",
        verbose_name=_("phong trào áp dụng"),
        related_name="documents",
        blank=True,
        help_text=_("Văn bản là căn cứ của phong trào: hiện trên trang tiến độ của phong trào."),
    )
    articles = models.ManyToManyField(
        "news.Article", verbose_name=_("bài viết nhắc đến"), related_name="documents", blank=True
    )
    published_at = models.DateTimeField(
        _("thời điểm xuất bản"), default=timezone.now, help_text=_("Đặt thời điểm trong tương lai để hẹn giờ đăng.")
    )
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        permissions = [("publish_document", _("Được xuất bản văn bản"))]
        indexes = [
            models.Index(fields=["status", "issued_on"], name="document_pub_idx"),
            models.Index(fields=["kind", "issued_on"], name="document_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_from__isnull=True, effective_until__gte=F("issued_on"))
                | Q(effective_until__gte=F("effective_from")),
                name="document_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.number} — {self.summary[:80]}"

    def save(self, *args, **kwargs):
        self.number = " ".join(self.number.split())
        if not self.slug:
            self.slug = unique_slug(self, f"{self.number.replace('/', ' ')} {self.summary[:90]}", max_length=160)
        issuer_name = self.issuer.name if self.issuer_id else ""
        self.search_text = word_document(self.number, self.summary, self.signer, issuer_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.number and not vietnamese_slugify(self.number):
            errors["number"] = _("Số ký hiệu cần có chữ hoặc số.")
        starts = self.effective_from or self.issued_on
        if self.effective_until and starts and self.effective_until < starts:
            errors["effective_until"] = _("Ngày hết hiệu lực không được trước ngày có hiệu lực.")
        if self.effective_from and self.issued_on and self.effective_from < self.issued_on:
            errors["effective_from"] = _("Ngày có hiệu lực không được trước ngày ban hành.")
        if errors:
            raise ValidationError(errors)

    def is_published(self):
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()

    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def title(self):
        """How the document is named in lists and feeds: "Kế hoạch số 05/KH-LĐLĐ"."""
        return _("%(kind)s số %(number)s") % {"kind": self.get_kind_display(), "number": self.number}

    def get_legal_status_display(self):
        return LegalStatus(self.legal_status).label if getattr(self, "legal_status", None) else ""

    @property
    def starts_on(self):
        return self.effective_from or self.issued_on


def _document_upload_to(instance, filename):
    return f"van-ban/{timezone.localdate():%Y}/{filename}"


class DocumentFile(models.Model):
    document = models.ForeignKey(Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("tệp"), upload_to=_document_upload_to, max_length=200)
    name = models.CharField(
        _("tên hiển thị"), max_length=200, blank=True, help_text=_("Để trống: lấy tên tệp tải lên.")
    )
    kind = models.CharField(_("định dạng"), max_length=8, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    downloads = models.PositiveBigIntegerField(_("lượt tải"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")

    def __str__(self):
        return self.name or self.file.name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            checked = files.check_document_file(self.file.file)
            self.file.save(checked.content.name, checked.content, save=False)
            self.kind, self.size = checked.kind, checked.size
            self.name = self.name or checked.original_name
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:file", kwargs={"slug": self.document.slug, "pk": self.pk})

    @property
    def is_pdf(self):
        return self.kind == files.PDF

    @property
    def content_type(self):
        return files.CONTENT_TYPES.get(self.kind, "application/octet-stream")

    @property
    def format_label(self):
        return files.LABELS.get(self.kind, self.kind.upper())


class Relation(models.Model):
    """`source` replaces, amends or relates to `target`; each page shows its side of it."""

    class Kind(models.TextChoices):
        REPLACES = "thay_the", _("Thay thế")
        AMENDS = "sua_doi", _("Sửa đổi, bổ sung")
        RELATED = "lien_quan", _("Liên quan")

    # What the target's page says of its source.
    INVERSE_LABELS = {
        Kind.REPLACES: _("Được thay thế bởi"),
        Kind.AMENDS: _("Được sửa đổi, bổ sung bởi"),
        Kind.RELATED: _("Liên quan"),
    }

    source = models.ForeignKey(
        Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="outgoing_relations"
    )
    kind = models.CharField(_("quan hệ"), max_length=16, choices=Kind.choices)
    target = models.ForeignKey(
        Document, verbose_name=_("văn bản được nêu"), on_delete=models.CASCADE, related_name="incoming_relations"
    )

    class Meta:
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = _("văn bản liên quan")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target"], name="document_relation_once"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="document_relation_not_itself"),
        ]

    def __str__(self):
        return f"{self.source.number} {self.get_kind_display().lower()} {self.target.number}"

    def clean(self):
        super().clean()
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("Văn bản không thể liên quan đến chính nó.")})
