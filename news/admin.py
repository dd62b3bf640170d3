"""The editors' admin: articles (CKEditor, filters, preview, review), categories, videos, web links.

Who may do what is decided in `news/services.py`; articles, videos and web links
share the workflow's admin (`news/workflow_admin.py`: buttons, queue filter,
list actions, versions). The lists show what editors and publishers work from
(title, state, category, author, publish time, views) and stay readable on a
phone (static/admin/css/lddsite-admin.css).
"""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from hitcount.models import HitCount

from news import analytics_admin, images
from news.models import Article, Category, Video, WebLink
from news.models.content import VIDEO_THUMBNAIL_WIDTH
from news.search import terms
from news.workflow_admin import ReviewedAdmin, ReviewedForm, StatusFilter
from tags import services as tagging


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


class ArticleForm(ReviewedForm):
    """CKEditor posts pasted and dropped pictures to the upload view as JSON (`uploadUrl`); its own
    fallback appends "&responseType=json" to an address without "?" and gets a 404."""

    class Media:
        js = ["admin/js/ckeditor-vi.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag_names"].initial = tagging.text_of(self.instance)
        if "body" in self.fields:  # not when the article is shown read-only
            widget = self.fields["body"].widget
            widget.config = {**widget.config, "uploadUrl": f"{reverse('ckeditor_upload')}?responseType=json"}

    tag_names = forms.CharField(
        label=_("Thẻ"),
        required=False,
        max_length=500,
        help_text=_("Cách nhau bằng dấu phẩy, ví dụ: an toàn lao động, Tháng Công nhân. Thẻ mới được tạo tự động."),
        widget=forms.TextInput(attrs={"size": 80}),
    )

    class Meta:
        formfield_callback = _https_by_default
        model = Article
        fields = [
            "title", "slug", "category", "sapo", "body", "cover", "cover_caption", "cover_credit",
            "author", "source_name", "source_url", "published_at", "is_featured", "review_note",
        ]  # fmt: skip
        field_classes = {"cover": VerifiedImageField}
        widgets = {
            "sapo": forms.Textarea(attrs={"rows": 3}),
            "cover_caption": forms.TextInput(attrs={"size": 80}),
            "title": forms.TextInput(attrs={"size": 80}),
            "review_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _(
                "Để trống: hệ thống tự tạo từ tiêu đề (đ → d). Đổi đường dẫn bài đã đăng sẽ làm hỏng liên kết cũ."
            )
        }


@admin.register(Article)
class ArticleAdmin(ReviewedAdmin):
    form = ArticleForm
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "status_label", "category", "written_by", "published_at", "views", "preview_link"]
    list_filter = [StatusFilter, "category", "is_featured", "published_at"]
    list_select_related = ["category", "created_by"]
    search_fields = ["title"]

    def get_urls(self):
        return analytics_admin.urls(self.admin_site) + super().get_urls()  # readers' reports

    search_help_text = _("Tìm theo tiêu đề, sapo, nội dung; gõ có dấu hay không dấu đều được.")
    date_hierarchy = "published_at"
    list_per_page = 50
    ordering = ["-published_at", "-id"]
    readonly_fields = ["created_at", "updated_at"]
    view_on_site = False  # templates/admin/news/article/change_form.html shows "Xem trước" / "Xem trên trang"
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "sapo", "body", "tag_names"]}),
        (_("Ảnh đại diện"), {"fields": ["cover", "cover_caption", "cover_credit"]}),
        (_("Tác giả và nguồn"), {"fields": ["author", "source_name", "source_url"]}),
        (_("Xuất bản"), {"fields": ["status", "review_note", "published_at", "is_featured"]}),
        (
            _("Lịch sử"),
            {
                "classes": ["collapse"],
                "fields": ["created_by", "created_at", "updated_at", "submitted_by", "submitted_at", "reviewed_by",
                           "reviewed_at"],
            },
        ),
    ]  # fmt: skip

    def get_queryset(self, request):
        hits = HitCount.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), object_pk=OuterRef("pk")
        ).values("hits")[:1]
        return super().get_queryset(request).annotate(n_views=Subquery(hits))

    def get_search_results(self, request, queryset, search_term):
        """Accent-insensitive: "cong doan" finds "Công đoàn", like the public search."""
        for word in terms(search_term):
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "tag_names" in form.cleaned_data:
            tagging.set_tags(article=form.instance, names=tagging.parse(form.cleaned_data["tag_names"]))

    @admin.display(description=_("Thẻ"))
    def tag_names(self, obj):
        """The tags as text where the form is read-only (an approved article seen by an editor)."""
        return tagging.text_of(obj)

    @admin.display(description=_("Trạng thái"), ordering="status")
    def status_label(self, obj):
        return _status_badge(obj)

    @admin.display(description=_("Người viết"), ordering="author")
    def written_by(self, obj):
        if obj.author:
            return obj.author
        return obj.created_by.get_full_name() or obj.created_by.get_username() if obj.created_by else "—"

    @admin.display(description=_("Lượt xem"), ordering="n_views")
    def views(self, obj):
        return obj.n_views or 0

    @admin.display(description=_("Xem"))
    def preview_link(self, obj):
        label = _("Xem trên trang") if obj.is_published() else _("Xem trước")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)


def _status_badge(obj):
    key = "scheduled" if getattr(obj, "is_scheduled", lambda: False)() else obj.status
    return format_html('<span class="status-badge status-{}">{}</span>', key, obj.status_label())


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "slug", "order", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:  # absent when the page is read-only (view permission only)
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


class VideoForm(ReviewedForm):
    class Meta:
        formfield_callback = _https_by_default
        model = Video
        fields = ["title", "youtube_url", "file", "thumbnail", "published_on", "review_note"]
        field_classes = {"thumbnail": VerifiedImageField}
        widgets = {"review_note": forms.Textarea(attrs={"rows": 3})}


@admin.register(Video)
class VideoAdmin(ReviewedAdmin):
    form = VideoForm
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "status_label", "published_on", "source"]
    list_filter = [StatusFilter, "published_on"]
    search_fields = ["title"]
    date_hierarchy = "published_on"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "thumbnail":
            field.max_width = VIDEO_THUMBNAIL_WIDTH
        if db_field.name == "file":
            field.widget.attrs["accept"] = "video/mp4"
        return field

    @admin.display(description=_("Trạng thái"), ordering="status")
    def status_label(self, obj):
        return _status_badge(obj)

    @admin.display(description=_("Nguồn phim"))
    def source(self, obj):
        return _("YouTube") if obj.youtube_url else _("Tệp MP4")


class WebLinkForm(ReviewedForm):
    class Meta:
        formfield_callback = _https_by_default
        model = WebLink
        fields = ["title", "url", "order", "review_note"]
        widgets = {"review_note": forms.Textarea(attrs={"rows": 3})}


@admin.register(WebLink)
class WebLinkAdmin(ReviewedAdmin):
    form = WebLinkForm
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "status_label", "url", "order"]
    list_filter = [StatusFilter]
    search_fields = ["title", "url"]

    @admin.display(description=_("Trạng thái"), ordering="status")
    def status_label(self, obj):
        return _status_badge(obj)
