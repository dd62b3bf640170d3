"""Union units and who manages which of them.

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
were. Which units a campaign's tally shows is decided in `initiatives/tallies/`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

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
            if old and old[0] and (error := _beneath_itself_error(self.pk, path_ids(parent_path))):
                raise error
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
        from initiatives import rules

        errors = {}
        if message := rules.unit_dates(self.valid_from, self.valid_to):
            errors["valid_to"] = [rules.sentence(message)]
        if self.pk and self.parent_id:
            parent_path = Unit.objects.filter(pk=self.parent_id).values_list("path", flat=True).first() or ""
            if error := _beneath_itself_error(self.pk, [*path_ids(parent_path), self.parent_id]):
                errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

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


def _beneath_itself_error(pk, parent_and_above):
    """`rules.unit_not_beneath_itself` as a model validation error on `parent` (None when the rule holds)."""
    from initiatives import rules

    if message := rules.unit_not_beneath_itself(pk, parent_and_above):
        return ValidationError({"parent": rules.sentence(message)})
    return None


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
