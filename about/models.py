"""Giới thiệu and Liên hệ: pages about the federation, its leaders, how to reach it, messages sent to it.

The organisation chart itself is not stored here: it is the union unit tree the
campaigns use (`initiatives.Unit`), read by `about/orgchart.py`.
"""

from ckeditor.fields import RichTextField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news import images
from news.sanitize import clean_html
from news.slugs import unique_slug

PHOTO_WIDTH = 480


class AboutPageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class AboutPage(models.Model):
    """A section of "Giới thiệu": functions and tasks, history, achievements…; shown in order on one page."""

    title = models.CharField(_("tiêu đề"), max_length=200)
    slug = models.SlugField(_("neo trên trang"), max_length=120, unique=True, blank=True)
    body = RichTextField(_("nội dung"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_published = models.BooleanField(_("hiển thị"), default=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = AboutPageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("mục giới thiệu")
        verbose_name_plural = _("mục giới thiệu")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, max_length=120)
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)


class LeaderQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)


class Leader(models.Model):
    """A member of the federation's leadership, shown in `order` on the organisation page."""

    name = models.CharField(_("họ tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=200)
    photo = models.ImageField(
        _("ảnh"), upload_to="lanh-dao/", blank=True, width_field="photo_width", height_field="photo_height"
    )
    photo_width = models.PositiveIntegerField(editable=False, null=True)
    photo_height = models.PositiveIntegerField(editable=False, null=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_current = models.BooleanField(_("đương nhiệm"), default=True)

    objects = LeaderQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")

    def __str__(self):
        return f"{self.name} – {self.position}"

    def save(self, *args, **kwargs):
        if self.photo and not self.photo._committed:
            verified = images.verify_image(self.photo.file, max_width=PHOTO_WIDTH)
            self.photo.save(verified.name, verified, save=False)
        super().save(*args, **kwargs)


class ContactDetails(models.Model):
    """How to reach the federation; one row, edited in the admin."""

    name = models.CharField(_("tên cơ quan"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=300)
    phone = models.CharField(_("điện thoại"), max_length=80, blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    working_hours = models.TextField(_("giờ làm việc"), blank=True)
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("thông tin liên hệ")
        verbose_name_plural = _("thông tin liên hệ")

    def __str__(self):
        return self.name

    @property
    def map_url(self):
        """The place on OpenStreetMap (a plain link: the page loads nothing from the map's site)."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


class ContactMessage(models.Model):
    name = models.CharField(_("họ tên"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    message = models.TextField(_("nội dung"))
    client_ip = models.GenericIPAddressField(_("địa chỉ gửi"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, editable=False, db_index=True)
    is_handled = models.BooleanField(_("đã xử lý"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("thư liên hệ")
        verbose_name_plural = _("thư liên hệ")
        constraints = [
            models.CheckConstraint(condition=~models.Q(email="") | ~models.Q(phone=""), name="contact_has_a_way_back")
        ]

    def __str__(self):
        return self.subject
