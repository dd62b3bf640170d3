"""Initiatives, their authors, their attachments and the history of their status."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.search import document_for
from privatefiles.storage import private_storage

from .campaigns import Campaign, Phase, phase_of_campaign_error
from .units import Unit


class InitiativeQuerySet(models.QuerySet):
    def in_subtree(self, unit):
        """Initiatives filed under `unit` or any unit beneath it."""
        return self.filter(unit__path__startswith=unit.path)

    def submitted(self):
        return self.filter(status__in=Initiative.SUBMITTED_STATUSES)

    def awaiting_review(self):
        """Submitted and not decided yet: in "đã nộp" or "đang xét" (the reviewers' queue, the review backlog)."""
        return self.filter(status__in=Initiative.AWAITING_REVIEW_STATUSES)

    def approved(self):
        return self.filter(status__in=Initiative.APPROVED_STATUSES)

    def matching(self, words):
        """Initiatives whose library text holds every folded word of `words` (see `Initiative.library_text`)."""
        queryset = self
        for word in words:
            queryset = queryset.filter(library_text__contains=word)
        return queryset

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for initiative in objs:
            initiative.refresh_library_text()
        return super().bulk_create(objs, *args, **kwargs)


def library_text_of(*, title, summary, effect, confidential):
    """What the library's search matches, folded (no accents, lower case): title, summary and effect.

    A confidential initiative shows only its title, unit, effect and award, so its summary is left out: a search
    must not find it by what it does not show. Every way of writing initiatives keeps it: `Initiative.save()`,
    the QuerySet's `bulk_create()` and the bulk service's COPY path (`services/bulk.py`).
    """
    return document_for(title, effect) if confidential else document_for(title, summary, effect)


class Initiative(models.Model):
    class Kind(models.TextChoices):
        KY_THUAT = "ky_thuat", _("Giải pháp kỹ thuật")
        QUAN_LY = "quan_ly", _("Giải pháp quản lý")
        TAC_NGHIEP = "tac_nghiep", _("Giải pháp tác nghiệp")
        UNG_DUNG = "ung_dung", _("Ứng dụng tiến bộ kỹ thuật - công nghệ")
        NGHIEN_CUU = "nghien_cuu", _("Đề tài nghiên cứu khoa học")

    class Sector(models.TextChoices):
        HANH_CHINH = "hanh_chinh", _("Hành chính nhà nước")
        SU_NGHIEP = "su_nghiep", _("Sự nghiệp công lập")
        SAN_XUAT = "san_xuat", _("Sản xuất kinh doanh")

    class Recognizer(models.TextChoices):
        HOI_DONG = "hoi_dong", _("Hội đồng sáng kiến")
        THU_TRUONG = "thu_truong", _("Thủ trưởng đơn vị")

    class Status(models.TextChoices):
        DANG_KY = "dang_ky", _("Đăng ký")
        DA_NOP = "da_nop", _("Đã nộp")
        DANG_XET = "dang_xet", _("Đang xét")
        THONG_QUA = "thong_qua", _("Được thông qua")
        KHONG_THONG_QUA = "khong_thong_qua", _("Không được thông qua")
        DE_NGHI_KHEN = "de_nghi_khen", _("Đề nghị khen thưởng")
        DUOC_TANG_BANG = "duoc_tang_bang", _("Được tặng Bằng lao động sáng tạo")
        TRA_LAI = "tra_lai", _("Trả lại để bổ sung")

    # Which statuses each tally column counts (see initiatives/tallies/).
    SUBMITTED_STATUSES = frozenset(
        {
            Status.DA_NOP,
            Status.DANG_XET,
            Status.THONG_QUA,
            Status.KHONG_THONG_QUA,
            Status.DE_NGHI_KHEN,
            Status.DUOC_TANG_BANG,
        }
    )
    APPROVED_STATUSES = frozenset({Status.THONG_QUA, Status.DE_NGHI_KHEN, Status.DUOC_TANG_BANG})
    AWARDED_STATUSES = frozenset({Status.DUOC_TANG_BANG})
    AUTHOR_EDITABLE_STATUSES = frozenset({Status.DANG_KY, Status.TRA_LAI})
    # Waiting for a reviewer's decision: the reviewers' queue.
    AWAITING_REVIEW_STATUSES = frozenset({Status.DA_NOP, Status.DANG_XET})

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.PROTECT, related_name="initiatives"
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("giai đoạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        help_text=_("Bắt buộc khi phong trào chia giai đoạn."),
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="initiatives")
    key = models.CharField(
        _("mã sáng kiến"), max_length=64, help_text=_("Mã ổn định, duy nhất trong phong trào; dùng khi nhập lại tệp.")
    )
    title = models.CharField(_("tên sáng kiến"), max_length=500)
    kind = models.CharField(_("loại giải pháp"), max_length=16, choices=Kind.choices)
    sector = models.CharField(_("khu vực"), max_length=16, choices=Sector.choices)
    summary = models.TextField(_("tóm tắt nội dung"), blank=True)
    effect = models.TextField(_("hiệu quả"), blank=True)
    benefit_value = models.PositiveBigIntegerField(_("giá trị làm lợi (đồng)"), null=True, blank=True)
    recognized_by = models.CharField(
        _("cấp công nhận"), max_length=16, choices=Recognizer.choices, blank=True, default=""
    )
    recognized_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    recognition_number = models.CharField(_("số quyết định công nhận"), max_length=100, blank=True)
    confidential = models.BooleanField(
        _("bí mật công nghệ"),
        default=False,
        help_text=_(
            "Công khai chỉ tên, đơn vị, hiệu quả và khen thưởng; tóm tắt, tác giả và tệp đính kèm được giữ kín."
        ),
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DANG_KY)
    rejection_reason = models.TextField(_("lý do không thông qua"), blank=True)
    registered_at = models.DateTimeField(_("thời điểm đăng ký"), default=timezone.now)
    submitted_at = models.DateTimeField(_("thời điểm nộp"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản nộp trực tuyến"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="own_initiatives",
        help_text=_("Đoàn viên tự nộp sáng kiến này trên cổng thông tin."),
    )
    library_text = models.TextField(_("nội dung tìm kiếm"), blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "key"], name="initiative_key_unique_per_campaign"),
            models.CheckConstraint(
                condition=Q(benefit_value__isnull=True) | Q(benefit_value__gte=0),
                name="initiative_benefit_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status="khong_thong_qua") | ~Q(rejection_reason=""),
                name="initiative_rejection_has_reason",
            ),
        ]
        indexes = [
            # Rebuilding the running totals and the exact tallies read a campaign's initiatives by phase and unit.
            models.Index(fields=["campaign", "phase", "unit", "status"], name="initiative_tally_idx"),
            models.Index(fields=["unit", "campaign", "status"], name="initiative_unit_idx"),
            models.Index(fields=["campaign", "registered_at"], name="initiative_registered_idx"),
            # The review backlog, over the initiatives waiting for review only (partial, read index-only): the
            # earliest submission per unit and phase is one probe of the first, which also holds a subtree's
            # waiting initiatives unit by unit; the median and the aged count of a whole campaign or phase walk
            # the second in submission order.
            models.Index(
                fields=["campaign", "unit", "phase", "submitted_at"],
                condition=Q(status__in=["da_nop", "dang_xet"]),
                name="initiative_waiting_unit_idx",
            ),
            models.Index(
                fields=["campaign", "submitted_at", "phase"],
                condition=Q(status__in=["da_nop", "dang_xet"]),
                name="initiative_waiting_time_idx",
            ),
            # The reviewers' queue (oldest first).
            models.Index(fields=["campaign", "status", "submitted_at"], name="initiative_submitted_idx"),
            # The library: approved ones, newest submitted first, read in index order a page at a time.
            models.Index(
                fields=["campaign", "-submitted_at", "-id"],
                condition=Q(status__in=["de_nghi_khen", "duoc_tang_bang", "thong_qua"]),
                name="initiative_library_idx",
            ),
            models.Index(fields=["submitted_by", "registered_at"], name="initiative_submitter_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.refresh_library_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "library_text"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        error = phase_of_campaign_error(self.phase, self.campaign_id)
        if error:
            raise error

    def refresh_library_text(self):
        """Keep `library_text` (see `library_text_of`); called by `save()` and by the QuerySet's `bulk_create()`."""
        self.library_text = library_text_of(
            title=self.title, summary=self.summary, effect=self.effect, confidential=self.confidential
        )

    @property
    def is_submitted(self):
        return self.status in self.SUBMITTED_STATUSES

    @property
    def is_editable_by_author(self):
        """The author may change it while registered or returned for changes, never once submitted."""
        return self.status in self.AUTHOR_EDITABLE_STATUSES

    def get_library_url(self):
        return reverse("initiatives:library_entry", kwargs={"slug": self.campaign.slug, "pk": self.pk})

    @property
    def is_approved(self):
        return self.status in self.APPROVED_STATUSES


class Author(models.Model):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="authors"
    )
    name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ, nơi công tác"), max_length=255, blank=True)
    workplace = models.CharField(_("nơi công tác"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["initiative", "order", "id"]
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")

    def __str__(self):
        return self.name


class StatusChange(models.Model):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("từ trạng thái"), max_length=16, choices=Initiative.Status.choices)
    to_status = models.CharField(_("sang trạng thái"), max_length=16, choices=Initiative.Status.choices)
    changed_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chuyển"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["initiative", "changed_at", "id"]
        verbose_name = _("lịch sử trạng thái")
        verbose_name_plural = _("lịch sử trạng thái")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Attachment(models.Model):
    """A file filed with an initiative (the recognition decision, a description, figures, photos).

    Stored privately (`privatefiles`): only the author, the reviewers whose unit covers the initiative's and
    provincial administrators may read it, and everyone when the author made it public and the initiative is
    approved and not confidential (`initiatives.scopes.may_read_attachment`).
    """

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("tệp"), storage=private_storage, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=200)
    kind = models.CharField(_("định dạng"), max_length=8)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    is_public = models.BooleanField(
        _("công khai"), default=False, help_text=_("Cho mọi người xem trong thư viện khi sáng kiến được thông qua.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)

    class Meta:
        ordering = ["initiative", "uploaded_at", "id"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:attachment", kwargs={"pk": self.pk})
