"""What editors publish: categories, articles, documentary videos, web links."""

from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public: published, and its publish time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PUBLISHED = "published", _("Đã xuất bản")

    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=255, unique=True, blank=True)
    sapo = models.TextField(_("sapo (đoạn dẫn)"), help_text=_("Đoạn mở đầu in đậm, hiện cả trong danh sách tin."))
    body = RichTextUploadingField(_("nội dung"))
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    cover = models.ImageField(_("ảnh đại diện"), upload_to="covers/%Y/%m/", blank=True)
    cover_width = models.PositiveIntegerField(editable=False, null=True)
    cover_height = models.PositiveIntegerField(editable=False, null=True)
    cover_thumb = models.ImageField(editable=False, blank=True, upload_to="renditions/")
    cover_large = models.ImageField(editable=False, blank=True, upload_to="renditions/")
    cover_caption = models.CharField(_("chú thích ảnh"), max_length=300, blank=True)
    cover_credit = models.CharField(_("tác giả ảnh"), max_length=120, blank=True, help_text=_("Hiện thành “Ảnh: …”."))
    author = models.CharField(_("tác giả / phóng viên"), max_length=120, blank=True)
    source_name = models.CharField(_("tên nguồn"), max_length=200, blank=True)
    source_url = models.URLField(_("đường dẫn nguồn"), max_length=500, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("thời điểm xuất bản"), default=timezone.now, help_text=_("Đặt thời điểm trong tương lai để hẹn giờ đăng.")
    )
    is_featured = models.BooleanField(_("tin nổi bật"), default=False)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        permissions = [("publish_article", _("Được xuất bản bài viết"))]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_pub_idx"),
            models.Index(fields=["category", "status", "published_at"], name="article_cat_pub_idx"),
            models.Index(fields=["is_featured", "status", "published_at"], name="article_feat_pub_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:article", kwargs={"slug": self.slug})

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


class Video(models.Model):
    title = models.CharField(_("tiêu đề"), max_length=255)
    youtube_url = models.URLField(_("đường dẫn YouTube"), blank=True)
    file = models.FileField(_("tệp MP4"), upload_to="videos/%Y/", blank=True)
    thumbnail = models.ImageField(_("ảnh đại diện"), upload_to="videos/thumbs/", blank=True)
    published_on = models.DateField(_("ngày đăng"), default=timezone.localdate)
    is_published = models.BooleanField(_("hiển thị"), default=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("phim tư liệu")
        verbose_name_plural = _("phim tư liệu")
        constraints = [
            models.CheckConstraint(condition=~Q(youtube_url="") | ~Q(file=""), name="video_has_youtube_or_file")
        ]

    def __str__(self):
        return self.title


class WebLink(models.Model):
    title = models.CharField(_("tên"), max_length=200)
    url = models.URLField(_("địa chỉ"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("hiển thị"), default=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("liên kết web")
        verbose_name_plural = _("liên kết web")

    def __str__(self):
        return self.title
