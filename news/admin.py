"""The editors' admin: articles (CKEditor, filters, preview, publishing), categories, videos, web links.

Who may publish is decided in `news/services.py`; this module only keeps the
forms and the lists in line with it: an editor without `news.publish_article`
sees the status read-only, gets no publishing actions, and cannot change an
article once it is approved.
"""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from news import analytics_admin, images, services
from news.models import Article, Category, Video, WebLink
from news.models.content import VIDEO_THUMBNAIL_WIDTH
from news.search import terms


class VerifiedImageField(forms.FileField):
    """A file input that accepts only what `news.images.verify_image()` accepts, and hands on its result."""

    def __init__(self, *, max_width=None, **kwargs):
        self.max_width = max_width
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": images.ACCEPT}))
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return images.verify_image(upload, max_width=self.max_width)


def _https_by_default(db_field, **kwargs):
    """Form fields as the admin makes them, with a scheme-less address read as https://."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class ArticleForm(forms.ModelForm):
    class Meta:
        formfield_callback = _https_by_default
        model = Article
        fields = [
            "title", "slug", "category", "sapo", "body", "cover", "cover_caption", "cover_credit",
            "author", "source_name", "source_url", "status", "published_at", "is_featured",
        ]  # fmt: skip
        field_classes = {"cover": VerifiedImageField}
        widgets = {
            "sapo": forms.Textarea(attrs={"rows": 3}),
            "cover_caption": forms.TextInput(attrs={"size": 80}),
            "title": forms.TextInput(attrs={"size": 80}),
        }
        help_texts = {
            "slug": _(
                "Để trống: hệ thống tự tạo từ tiêu đề (đ → d). Đổi đường dẫn bài đã đăng sẽ làm hỏng liên kết cũ."
            )
        }


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "category", "status_label", "published_at", "is_featured", "author", "preview_link"]
    list_filter = ["status", "category", "is_featured", "published_at"]
    list_select_related = ["category"]
    search_fields = ["title"]

    def get_urls(self):
        return analytics_admin.urls(self.admin_site) + super().get_urls()  # readers' reports

    search_help_text = _("Tìm theo tiêu đề, sapo, nội dung; gõ có dấu hay không dấu đều được.")
    date_hierarchy = "published_at"
    list_per_page = 50
    ordering = ["-published_at", "-id"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    view_on_site = False  # templates/admin/news/article/change_form.html shows "Xem trước" / "Xem trên trang"
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "sapo", "body"]}),
        (_("Ảnh đại diện"), {"fields": ["cover", "cover_caption", "cover_credit"]}),
        (_("Tác giả và nguồn"), {"fields": ["author", "source_name", "source_url"]}),
        (_("Xuất bản"), {"fields": ["status", "published_at", "is_featured"]}),
        (_("Lịch sử"), {"classes": ["collapse"], "fields": ["created_by", "created_at", "updated_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not services.can_publish(request.user):
            fields.append("status")
        return fields

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def get_search_results(self, request, queryset, search_term):
        """Accent-insensitive: "cong doan" finds "Công đoàn", like the public search."""
        for word in terms(search_term):
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False

    def save_model(self, request, obj, form, change):
        services.save_article(article=obj, by=request.user)
        if not services.can_publish(request.user):
            self.message_user(
                request,
                _("Bài được lưu ở dạng nháp; người duyệt bài sẽ xem và xuất bản."),
                messages.INFO,
            )

    @admin.display(description=_("Trạng thái"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled():
            return _("Hẹn giờ đăng")
        return obj.get_status_display()

    @admin.display(description=_("Xem"))
    def preview_link(self, obj):
        label = _("Xem trên trang") if obj.is_published() else _("Xem trước")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)

    @admin.action(description=_("Xuất bản các bài đã chọn"), permissions=["publish"])
    def publish(self, request, queryset):
        count = services.publish_articles(articles=queryset, by=request.user)
        self.message_user(request, ngettext("Đã xuất bản %d bài.", "Đã xuất bản %d bài.", count) % count)

    @admin.action(description=_("Chuyển các bài đã chọn về nháp"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = services.unpublish_articles(articles=queryset, by=request.user)
        self.message_user(request, ngettext("Đã chuyển %d bài về nháp.", "Đã chuyển %d bài về nháp.", count) % count)


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "slug", "order", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Để trống: hệ thống tự tạo từ tên chuyên mục.")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryForm
    list_display = ["name", "slug", "order", "article_count"]
    list_editable = ["order"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=models.Count("articles"))

    @admin.display(description=_("Số bài"), ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles


class VideoForm(forms.ModelForm):
    class Meta:
        formfield_callback = _https_by_default
        model = Video
        fields = ["title", "youtube_url", "file", "thumbnail", "published_on", "is_published"]
        field_classes = {"thumbnail": VerifiedImageField}


@admin.register(Video)
class VideoAdmin(admin.ModelAdmin):
    form = VideoForm
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "published_on", "is_published", "source"]
    list_filter = ["is_published", "published_on"]
    search_fields = ["title"]
    date_hierarchy = "published_on"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "thumbnail":
            field.max_width = VIDEO_THUMBNAIL_WIDTH
        if db_field.name == "file":
            field.widget.attrs["accept"] = "video/mp4"
        return field

    @admin.display(description=_("Nguồn phim"))
    def source(self, obj):
        return _("YouTube") if obj.youtube_url else _("Tệp MP4")


@admin.register(WebLink)
class WebLinkAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "url", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "url"]
