"""Initiative campaigns: union units, campaigns and their phases, targets, initiatives and their history.

The union units form a tree stored as a *materialized path*: every unit keeps `path`, the primary keys of its
ancestors and itself as fixed-width segments ("0000001.0000007.0000031."), and its `depth`. Why this and not
nested sets, closure tables or recursive queries:

- "everything under this unit" is one indexed range query, `path LIKE '0000001.0000007.%'`
  (`Unit.objects.subtree(unit)`), on PostgreSQL and SQLite alike (Django adds a `varchar_pattern_ops`
  index for the prefix search on PostgreSQL);
- the ancestors are read straight from the path, without a query per level;
- inserting a unit writes one row (nested sets renumber half the table), and moving a unit rewrites its
  subtree's paths with one UPDATE (`Unit.save()` does it);
- the tree is small (about a thousand units), so a closure table's extra rows buy nothing.

Units merge and split over time (in 2025 the Sóc Trăng federation was merged into Cần Thơ's): a unit is never
re-parented to record history; it gets `valid_to`, and its successor gets `valid_from` (and `merged_into` records
where it went). Initiatives always point to the unit they were filed under, so a campaign's figures stay as they
were. Which units a campaign's tally shows is decided in `initiatives/tallies.py`.

`TallyCount`, `TallyUnit`, `TallyMix`, `TallyWeek` and `TallyCampaignWeek` are not edited by anyone: they are
the running totals that make the tallies fast, kept by `initiatives/services.py` in the same transaction as every
write, and rebuilt exactly from the initiatives by `services.after_bulk_change()`.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.slugs import unique_slug

PATH_SEGMENT_WIDTH = 7
PATH_SEPARATOR = "."


def path_segment(pk):
    return f"{pk:0{PATH_SEGMENT_WIDTH}d}{PATH_SEPARATOR}"


def path_ids(path):
    """The primary keys in a materialized path, root first."""
    return [int(part) for part in path.split(PATH_SEPARATOR) if part]


class UnitQuerySet(models.QuerySet):
    def subtree(self, unit):
        """`unit` and every unit beneath it, at any depth."""
        return self.filter(path__startswith=unit.path)

    def active_on(self, day):
        """Units that existed on `day` (`valid_from` and `valid_to` are both inclusive)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def overlapping(self, start, end):
        """Units that existed on at least one day between `start` and `end` (inclusive)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=end),
            Q(valid_to__isnull=True) | Q(valid_to__gte=start),
        )

    def rebuild_paths(self):
        """Recompute `path` and `depth` of every unit from the `parent` links.

        For units written with `bulk_create` (which bypasses `Unit.save()`). Returns the number of units updated.
        """
        rows = list(Unit.objects.values_list("pk", "parent_id", "path", "depth"))
        parent_of = {pk: parent_id for pk, parent_id, _path, _depth in rows}
        computed = {}

        def compute(pk):
            if pk in computed:
                return computed[pk]
            chain, node = [], pk
            while node is not None and node not in computed:
                if node in chain:
                    raise ValidationError(_("Cây đơn vị có vòng lặp ở đơn vị số %(pk)s.") % {"pk": node})
                chain.append(node)
                node = parent_of[node]
            prefix, depth = computed[node] if node is not None else ("", -1)
            for item in reversed(chain):
                prefix, depth = prefix + path_segment(item), depth + 1
                computed[item] = (prefix, depth)
            return computed[pk]

        changed = []
        for pk, _parent_id, path, depth in rows:
            new_path, new_depth = compute(pk)
            if (new_path, new_depth) != (path, depth):
                changed.append(Unit(pk=pk, path=new_path, depth=new_depth))
        Unit.objects.bulk_update(changed, ["path", "depth"], batch_size=500)
        return len(changed)


class Unit(models.Model):
    class Kind(models.TextChoices):
        TONG_LDLD = "tong_ldld", _("Tổng LĐLĐ Việt Nam")
        LDLD_TINH = "ldld_tinh", _("LĐLĐ tỉnh, thành phố")
        LDLD_HUYEN = "ldld_huyen", _("LĐLĐ huyện, thị xã, thành phố")
        CD_NGANH = "cd_nganh", _("Công đoàn ngành")
        CD_VIEN_CHUC = "cd_vien_chuc", _("Công đoàn Viên chức")
        CD_KCN = "cd_kcn", _("Công đoàn các Khu công nghiệp")
        CDCS = "cdcs", _("Công đoàn cơ sở")
        KHAC = "khac", _("Khác")

    code = models.SlugField(
        _("mã đơn vị"), max_length=40, unique=True, help_text=_("Mã ổn định, dùng khi nhập dữ liệu và trong đường dẫn.")
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=120, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=16, choices=Kind.choices, default=Kind.CDCS)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("đường dẫn cây"), max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("cấp trong cây"), default=0, editable=False)
    member_count = models.PositiveIntegerField(_("số đoàn viên"), default=0)
    worker_count = models.PositiveIntegerField(_("số CNVCLĐ"), default=0)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    valid_from = models.DateField(_("hoạt động từ ngày"), null=True, blank=True, help_text=_("Để trống nếu không rõ."))
    valid_to = models.DateField(
        _("hoạt động đến ngày"), null=True, blank=True, help_text=_("Để trống nếu đơn vị vẫn còn hoạt động.")
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_units",
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("đơn vị công đoàn")
        verbose_name_plural = _("đơn vị công đoàn")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="unit_valid_to_after_from",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Keep `path` and `depth` right; a new parent rewrites the whole subtree's paths in one UPDATE."""
        with transaction.atomic(using=kwargs.get("using")):
            if self.parent_id:
                parent_path, parent_depth = Unit.objects.filter(pk=self.parent_id).values_list("path", "depth").get()
            else:
                parent_path, parent_depth = "", -1
            if self.pk is None:
                super().save(*args, **kwargs)
                self.path, self.depth = parent_path + path_segment(self.pk), parent_depth + 1
                Unit.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
                return
            old = Unit.objects.filter(pk=self.pk).values_list("path", "depth").first()
            new_path, new_depth = parent_path + path_segment(self.pk), parent_depth + 1
            if old and old[0] and parent_path.startswith(old[0]):
                raise ValidationError({"parent": _("Không thể đặt đơn vị làm cấp dưới của chính nó.")})
            self.path, self.depth = new_path, new_depth
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "path", "depth"}
            super().save(*args, **kwargs)
            if old and old[0] and old[0] != new_path:
                old_path = old[0]
                Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                    path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
                    depth=F("depth") + (new_depth - old[1]),
                )

    def clean(self):
        super().clean()
        if self.pk and self.parent_id:
            parent_path = Unit.objects.filter(pk=self.parent_id).values_list("path", flat=True).first() or ""
            if self.pk in path_ids(parent_path) or self.parent_id == self.pk:
                raise ValidationError({"parent": _("Không thể đặt đơn vị làm cấp dưới của chính nó.")})

    def ancestor_ids(self):
        """Primary keys from the root down to the parent."""
        return path_ids(self.path)[:-1]

    def ancestors(self):
        """The units above this one, root first."""
        ids = self.ancestor_ids()
        by_pk = Unit.objects.in_bulk(ids)
        return [by_pk[pk] for pk in ids if pk in by_pk]

    def is_descendant_of(self, other):
        """True when `other` is this unit or one of the units above it."""
        return self.path.startswith(other.path)

    def existed_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)

    def existed_between(self, start, end):
        return (self.valid_from is None or self.valid_from <= end) and (self.valid_to is None or self.valid_to >= start)


class Campaign(models.Model):
    name = models.CharField(_("tên phong trào"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True, blank=True)
    issuer = models.CharField(_("cơ quan phát động"), max_length=200, default=_("Tổng Liên đoàn Lao động Việt Nam"))
    description = models.TextField(_("giới thiệu"), blank=True)
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    national_target = models.PositiveBigIntegerField(_("chỉ tiêu toàn quốc"), null=True, blank=True)
    is_public = models.BooleanField(_("công khai"), default=True)
    root_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị gốc của bảng tổng hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Đơn vị đứng đầu bảng tổng hợp (ví dụ LĐLĐ tỉnh). Để trống: đơn vị chung gần nhất của các số liệu."
        ),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("phong trào sáng kiến")
        verbose_name_plural = _("phong trào sáng kiến")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="campaign_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("initiatives:campaign", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class Phase(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="phases"
    )
    number = models.PositiveSmallIntegerField(_("giai đoạn số"))
    name = models.CharField(_("tên giai đoạn"), max_length=200, blank=True)
    opens_on = models.DateField(_("mở nhận từ ngày"))
    closes_on = models.DateField(_("đóng nhận ngày"))

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="phase_number_unique_per_campaign"),
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="phase_closes_after_open"),
        ]

    def __str__(self):
        return self.name or _("Giai đoạn %(number)s") % {"number": self.number}

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Ngày đóng nhận phải sau ngày mở nhận.")})


def _phase_of_campaign_error(phase, campaign_id):
    if phase is not None and phase.campaign_id != campaign_id:
        return ValidationError({"phase": _("Giai đoạn “%(phase)s” không thuộc phong trào này.") % {"phase": phase}})
    return None


class Target(models.Model):
    class Kind(models.TextChoices):
        QUOTA = "chi_tieu", _("Chỉ tiêu")
        PLAN = "ke_hoach", _("Kế hoạch")

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="targets")
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="targets"
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("giai đoạn"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
        help_text=_("Để trống: chỉ tiêu cho cả phong trào."),
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    value = models.PositiveIntegerField(_("số sáng kiến"))

    class Meta:
        ordering = ["campaign", "phase", "unit", "kind"]
        verbose_name = _("chỉ tiêu, kế hoạch")
        verbose_name_plural = _("chỉ tiêu, kế hoạch")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="target_value_not_negative"),
            models.UniqueConstraint(
                fields=["unit", "campaign", "phase", "kind"],
                condition=Q(phase__isnull=False),
                name="target_unique_per_phase",
            ),
            models.UniqueConstraint(
                fields=["unit", "campaign", "kind"],
                condition=Q(phase__isnull=True),
                name="target_unique_whole_campaign",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.unit}: {self.value}"

    def clean(self):
        super().clean()
        error = _phase_of_campaign_error(self.phase, self.campaign_id)
        if error:
            raise error


class InitiativeQuerySet(models.QuerySet):
    def in_subtree(self, unit):
        """Initiatives filed under `unit` or any unit beneath it."""
        return self.filter(unit__path__startswith=unit.path)

    def submitted(self):
        return self.filter(status__in=Initiative.SUBMITTED_STATUSES)

    def approved(self):
        return self.filter(status__in=Initiative.APPROVED_STATUSES)


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

    # Which statuses each tally column counts (see initiatives/tallies.py).
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
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        error = _phase_of_campaign_error(self.phase, self.campaign_id)
        if error:
            raise error

    @property
    def is_submitted(self):
        return self.status in self.SUBMITTED_STATUSES

    @property
    def is_approved(self):
        return self.status in self.APPROVED_STATUSES


class Author(models.Model):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="authors"
    )
    name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ, nơi công tác"), max_length=255, blank=True)
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


class StaffScope(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="initiative_scope",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị quản lý"),
        on_delete=models.PROTECT,
        related_name="staff_scopes",
        help_text=_("Tài khoản xem và sửa được đơn vị này và các đơn vị cấp dưới."),
    )

    class Meta:
        verbose_name = _("phạm vi quản lý sáng kiến")
        verbose_name_plural = _("phạm vi quản lý sáng kiến")

    def __str__(self):
        return f"{self.user} — {self.unit}"


# --- Running totals (kept by initiatives/services.py; read by initiatives/tallies.py) --------------------------


def week_start(moment):
    """The Monday (local date) of the week `moment` falls in."""
    day = timezone.localtime(moment, timezone.get_default_timezone()).date() if hasattr(moment, "hour") else moment
    return day - timedelta(days=day.weekday())


def _tally_constraints(prefix, fields):
    """Unique keys of a running-total table, with "no phase" counted as one value."""
    return [
        models.UniqueConstraint(
            fields=["campaign", "phase", *fields], condition=Q(phase__isnull=False), name=f"{prefix}_unique_per_phase"
        ),
        models.UniqueConstraint(
            fields=["campaign", *fields], condition=Q(phase__isnull=True), name=f"{prefix}_unique_no_phase"
        ),
    ]


class StatusCounts(models.Model):
    """A column per status (how many initiatives are in it) and the benefit of the approved ones.

    The status counts are columns so that a status change updates a single row.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    phase = models.ForeignKey(Phase, null=True, on_delete=models.CASCADE, related_name="+")
    n_dang_ky = models.IntegerField(default=0)
    n_da_nop = models.IntegerField(default=0)
    n_dang_xet = models.IntegerField(default=0)
    n_thong_qua = models.IntegerField(default=0)
    n_khong_thong_qua = models.IntegerField(default=0)
    n_de_nghi_khen = models.IntegerField(default=0)
    n_duoc_tang_bang = models.IntegerField(default=0)
    benefit_approved = models.BigIntegerField(default=0)

    class Meta:
        abstract = True

    @staticmethod
    def status_column(status):
        return f"n_{status}"


class TallyCount(StatusCounts):
    """Running totals per campaign, phase, unit, kind and sector: the finest grain, the others derive from it."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Initiative.Kind.choices)
    sector = models.CharField(max_length=16, choices=Initiative.Sector.choices)

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        verbose_name_plural = _("số liệu tổng hợp")
        constraints = _tally_constraints("tallycount", ["unit", "kind", "sector"])

    def __str__(self):
        return f"{self.campaign_id}/{self.phase_id}/{self.unit_id}/{self.kind}/{self.sector}"


class TallyUnit(StatusCounts):
    """Running totals per campaign, phase and unit (what the tally table reads: one row per unit and phase)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("số liệu tổng hợp theo đơn vị")
        verbose_name_plural = _("số liệu tổng hợp theo đơn vị")
        constraints = _tally_constraints("tallyunit", ["unit"])

    def __str__(self):
        return f"{self.campaign_id}/{self.phase_id}/{self.unit_id}"


class TallyMix(StatusCounts):
    """Running totals per campaign, phase, kind and sector over all units (the campaign's breakdowns)."""

    kind = models.CharField(max_length=16, choices=Initiative.Kind.choices)
    sector = models.CharField(max_length=16, choices=Initiative.Sector.choices)

    class Meta:
        verbose_name = _("số liệu tổng hợp theo loại")
        verbose_name_plural = _("số liệu tổng hợp theo loại")
        constraints = _tally_constraints("tallymix", ["kind", "sector"])

    def __str__(self):
        return f"{self.campaign_id}/{self.phase_id}/{self.kind}/{self.sector}"


class WeekCounts(models.Model):
    """Registrations and submissions of one campaign and phase in the week starting `week` (a Monday)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    phase = models.ForeignKey(Phase, null=True, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    registered = models.IntegerField(default=0)
    submitted = models.IntegerField(default=0)

    class Meta:
        abstract = True


class TallyWeek(WeekCounts):
    """Weekly registrations and submissions of one unit (its own initiatives)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("số liệu theo tuần")
        verbose_name_plural = _("số liệu theo tuần")
        constraints = _tally_constraints("tallyweek", ["unit", "week"])

    def __str__(self):
        return f"{self.campaign_id}/{self.phase_id}/{self.unit_id}/{self.week}"


class TallyCampaignWeek(WeekCounts):
    """Weekly registrations and submissions over all units of the campaign."""

    class Meta:
        verbose_name = _("số liệu phong trào theo tuần")
        verbose_name_plural = _("số liệu phong trào theo tuần")
        constraints = _tally_constraints("tallycampaignweek", ["week"])

    def __str__(self):
        return f"{self.campaign_id}/{self.phase_id}/{self.week}"
