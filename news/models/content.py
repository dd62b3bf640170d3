"""What editors publish: categories, articles, documentary videos, web links.

Saving an article always leaves it consistent, whoever saved it (admin, shell,
demo data): a slug from the title, a sanitized body, fresh search text, and a
verified cover with its renditions. Who may publish is decided in
`news/services.py`, not here.
"""

import re
import uuid
from urllib.parse import parse_qs, urlsplit

from ckeditor_uploader.fields import RichTextUploadingField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from news import body_images, images, videofiles
from news.models.workflow import Reviewed, ReviewedQuerySet
from news.sanitize import clean_html
from news.search import document_for
from news.slugs import unique_slug, vietnamese_slugify

SLUG_MAX_LENGTH = 160
VIDEO_THUMBNAIL_WIDTH = 640
_CREDIT_PREFIX = re.compile(r"^\s*ảnh\s*:\s*", re.IGNORECASE)
_SOURCE_PREFIX = re.compile(r"^\s*nguồn\s*:\s*", re.IGNORECASE)


class _SlugPath:
    """`reverse(name, kwargs={"slug": slug})` without resolving the URL pattern for every object.

    A list page links dozens of articles, and reverse() costs some 25 µs a call. The path
    is the same for every slug but the slug itself, so it is remembered as the text around
    the slug, for each URLconf (its resolver: a new ROOT_URLCONF or `clear_url_caches()` gives
    a new one), script prefix and language. A slug the pattern would not accept unchanged
    goes through reverse() itself, and so does everything when the pattern transforms it.
    """

    _PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
    _MARKS = ("slug-mark-a", "slug-mark-b")

    def __init__(self, name):
        self.name = name
        self._around = {}

    def __call__(self, slug):
        if not isinstance(slug, str) or not self._PLAIN_SLUG.fullmatch(slug):
            return reverse(self.name, kwargs={"slug": slug})
        key = (get_resolver(get_urlconf()), get_script_prefix(), get_language())
        around = self._around.get(key)
        if around is None:
            around = self._around[key] = self._text_around_the_slug()
        if not around:
            return reverse(self.name, kwargs={"slug": slug})
        before, after = around
        return before + slug + after

    def _text_around_the_slug(self):
        """(before, after) the slug in this URL's path, or () when the slug does not simply go in."""
        first, second = (reverse(self.name, kwargs={"slug": mark}) for mark in self._MARKS)
        before, found, after = first.partition(self._MARKS[0])
        if not found or self._MARKS[0] in after or second != before + self._MARKS[1] + after:
            return ()
        return before, after


_category_path = _SlugPath("news:category")
_article_path = _SlugPath("news:article")


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

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, max_length=140)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return _category_path(self.slug)


class ArticleQuerySet(ReviewedQuerySet):
    def published(self):
        """Visible to the public: published, and its publish time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Approved for publication at a time still to come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())


class Article(Reviewed):
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
    published_at = models.DateTimeField(
        _("thời điểm xuất bản"), default=timezone.now, help_text=_("Đặt thời điểm trong tương lai để hẹn giờ đăng.")
    )
    is_featured = models.BooleanField(_("tin nổi bật"), default=False)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

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

    def save(self, *args, **kwargs):
        stored = getattr(self, "_stored", {})
        if not self.slug or self._slug_follows_title(stored):
            self.slug = unique_slug(self, self.title, max_length=SLUG_MAX_LENGTH)
        self.body = body_images.responsive(clean_html(self.body))
        self.search_text = document_for(self.title, self.sapo, html_parts=[self.body])
        cover_changed = self._prepare_cover(stored.get("cover"))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = {"body", "search_text", "slug"}
            if cover_changed:
                derived |= {"cover", "cover_width", "cover_height", "cover_thumb", "cover_large"}
            kwargs["update_fields"] = set(update_fields) | derived
        super().save(*args, **kwargs)
        self._stored = {"title": self.title, "slug": self.slug, "status": self.status, "cover": self.cover.name or ""}

    def get_absolute_url(self):
        return _article_path(self.slug)

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    def is_live(self):
        return self.is_published()

    def status_label(self):
        return _("Hẹn giờ đăng") if self.is_scheduled() else self.get_status_display()

    @property
    def source_label(self):
        """What "Nguồn: …" shows: the source's name, or its address when it has no name."""
        return self.source_name or self.source_url

    @property
    def cover_thumb_width(self):
        return images.fit_width(self.cover_width, self.cover_height, images.RENDITION_WIDTHS["thumb"])[0]

    @property
    def cover_thumb_height(self):
        return images.fit_width(self.cover_width, self.cover_height, images.RENDITION_WIDTHS["thumb"])[1]

    @property
    def cover_large_width(self):
        return images.fit_width(self.cover_width, self.cover_height, images.RENDITION_WIDTHS["large"])[0]

    @property
    def cover_large_height(self):
        return images.fit_width(self.cover_width, self.cover_height, images.RENDITION_WIDTHS["large"])[1]

    # --- keeping the row consistent on every save ---------------------------

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        loaded = instance.__dict__
        instance._stored = {
            "title": loaded.get("title"),
            "slug": loaded.get("slug"),
            "status": loaded.get("status"),
            "cover": str(loaded.get("cover") or "") if "cover" in loaded else None,
        }
        return instance

    def clean(self):
        super().clean()
        self.title = " ".join(self.title.split())
        self.cover_credit = _CREDIT_PREFIX.sub("", self.cover_credit).strip()
        self.source_name = _SOURCE_PREFIX.sub("", self.source_name).strip()
        errors = {}
        if self.title and not vietnamese_slugify(self.title):
            errors["title"] = _("Tiêu đề cần có chữ hoặc số.")
        if self.source_url and urlsplit(self.source_url).scheme not in ("http", "https"):
            errors["source_url"] = _("Đường dẫn nguồn phải bắt đầu bằng http:// hoặc https://.")
        if not self.cover and (self.cover_caption or self.cover_credit):
            errors["cover"] = _("Đã có chú thích hoặc tác giả ảnh nhưng chưa có ảnh đại diện.")
        if errors:
            raise ValidationError(errors)

    def _slug_follows_title(self, stored):
        """A draft's own generated slug follows its retitling until it is first published."""
        if not stored or stored.get("status") != self.Status.DRAFT or self.status != self.Status.DRAFT:
            return False
        if self.title == stored.get("title") or self.slug != stored.get("slug"):
            return False
        generated_from_old_title = vietnamese_slugify(stored.get("title") or "", max_length=SLUG_MAX_LENGTH - 8)
        return bool(generated_from_old_title) and re.fullmatch(
            re.escape(generated_from_old_title) + r"(-\d+)?", self.slug or ""
        )

    def _prepare_cover(self, stored_cover):
        """Verify a new cover and make its renditions, once; forget them when the cover is removed.

        Returns whether anything about the cover changed.
        """
        if stored_cover is None and self.pk:  # loaded without its cover column
            stored_cover = type(self)._default_manager.filter(pk=self.pk).values_list("cover", flat=True).first()
        old_renditions = [name for name in (self.cover_thumb.name, self.cover_large.name) if name]
        if not self.cover:
            if not (stored_cover or old_renditions or self.cover_width):
                return False
            self.cover_width = self.cover_height = None
            self.cover_thumb = self.cover_large = ""
        elif not self.cover._committed:
            verified = images.verify_image(self.cover.file)
            self.cover.save(verified.name, verified, save=False)
            self._make_renditions()
        elif self.cover.name != stored_cover or not (self.cover_thumb and self.cover_large and self.cover_width):
            self._make_renditions()
        else:
            return False
        stale = [name for name in old_renditions if name not in (self.cover_thumb.name, self.cover_large.name)]
        if stale:
            storage = self.cover_thumb.storage
            transaction.on_commit(lambda: [storage.delete(name) for name in stale])
        return True

    def _make_renditions(self):
        stem = self.cover.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        with self.cover.open("rb") as source:
            self.cover_width, self.cover_height = images.image_size(source)
            for field, width in (("cover_thumb", "thumb"), ("cover_large", "large")):
                content, _w, _h = images.make_rendition(source, images.RENDITION_WIDTHS[width], stem=stem)
                getattr(self, field).save(content.name, content, save=False)


class Video(Reviewed):
    title = models.CharField(_("tiêu đề"), max_length=255)
    youtube_url = models.URLField(_("đường dẫn YouTube"), blank=True)
    file = models.FileField(_("tệp MP4"), upload_to="videos/%Y/", blank=True)
    thumbnail = models.ImageField(
        _("ảnh đại diện"),
        upload_to="videos/thumbs/",
        blank=True,
        width_field="thumbnail_width",
        height_field="thumbnail_height",
    )
    thumbnail_width = models.PositiveIntegerField(editable=False, null=True)
    thumbnail_height = models.PositiveIntegerField(editable=False, null=True)
    published_on = models.DateField(_("ngày đăng"), default=timezone.localdate)

    objects = ReviewedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("phim tư liệu")
        verbose_name_plural = _("phim tư liệu")
        permissions = [("publish_video", _("Được đăng phim tư liệu"))]
        constraints = [
            models.CheckConstraint(condition=~Q(youtube_url="") | ~Q(file=""), name="video_has_youtube_or_file")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.thumbnail and not self.thumbnail._committed:
            verified = images.verify_image(self.thumbnail.file, max_width=VIDEO_THUMBNAIL_WIDTH)
            self.thumbnail.save(verified.name, verified, save=False)
        if self.file and not self.file._committed:
            videofiles.verify_mp4(self.file)
            self.file.name = f"{uuid.uuid4().hex}.mp4"
        super().save(*args, **kwargs)

    @property
    def youtube_id(self):
        return youtube_id(self.youtube_url)

    @property
    def embed_url(self):
        """The privacy-enhanced player address, or "" when the video is not on YouTube."""
        video_id = self.youtube_id
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if video_id else ""

    def clean(self):
        super().clean()
        errors = {}
        if not self.youtube_url and not self.file:
            errors["youtube_url"] = _("Cần đường dẫn YouTube hoặc tệp MP4.")
        if self.youtube_url and not self.youtube_id:
            errors["youtube_url"] = _(
                "Không nhận ra đường dẫn YouTube. Dán địa chỉ dạng https://www.youtube.com/watch?v=… hoặc https://youtu.be/…"
            )
        if self.file and not self.file._committed:
            try:
                videofiles.verify_mp4(self.file)
            except ValidationError as exc:
                errors["file"] = exc.messages
        if errors:
            raise ValidationError(errors)


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}


def youtube_id(url):
    """The 11-character video id of a YouTube address (watch, youtu.be, embed, shorts, live), or ""."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    candidate = ""
    if parts.scheme not in ("http", "https"):
        return ""
    if host == "youtu.be":
        candidate = parts.path.lstrip("/").split("/")[0]
    elif host in _YOUTUBE_HOSTS:
        segments = [s for s in parts.path.split("/") if s]
        if segments[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            candidate = segments[1]
    return candidate if _YOUTUBE_ID.match(candidate) else ""


class WebLink(Reviewed):
    title = models.CharField(_("tên"), max_length=200)
    url = models.URLField(_("địa chỉ"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = ReviewedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("liên kết web")
        verbose_name_plural = _("liên kết web")
        permissions = [("publish_weblink", _("Được đăng liên kết web"))]

    def __str__(self):
        return self.title
