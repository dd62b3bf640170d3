"""The documents library in the admin: documents with their files and relations, issuers, fields.

Documents go through the articles' publishing workflow (`news.workflow_admin.ReviewedAdmin`):
editors save and send for review ("Lưu và gửi duyệt"), publishers publish, return with a
note or unpublish; versions are kept and can be compared and restored.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from documents import files
from documents.models import Document, DocumentFile, Field, Issuer, Relation
from news.search import terms
from news.workflow_admin import ReviewedAdmin, ReviewedForm, StatusFilter


class CheckedDocumentField(forms.FileField):
    """A file input that accepts only what `documents.files.check_document_file()` accepts."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": files.ACCEPT}))
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        try:
            checked = files.check_document_file(upload)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        checked.content.name = upload.name  # the model stores it under a fresh name
        return checked.content


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 1
    fields = ["file", "name", "order", "kind", "size", "downloads"]
    readonly_fields = ["kind", "size", "downloads"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":
            kwargs["form_class"] = CheckedDocumentField
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class RelationInline(admin.TabularInline):
    model = Relation
    fk_name = "source"
    extra = 1
    autocomplete_fields = ["target"]
    verbose_name = _("văn bản này thay thế, sửa đổi hoặc liên quan đến")
    verbose_name_plural = _("Văn bản này thay thế, sửa đổi hoặc liên quan đến")


class DocumentForm(ReviewedForm):
    class Meta:
        model = Document
        fields = [
            "number", "kind", "issuer", "signer", "summary", "fields", "slug", "issued_on", "effective_from",
            "effective_until", "campaigns", "articles", "published_at", "review_note",
        ]  # fmt: skip
        widgets = {"review_note": forms.Textarea(attrs={"rows": 3}), "summary": forms.Textarea(attrs={"rows": 3})}


@admin.register(Document)
class DocumentAdmin(ReviewedAdmin):
    form = DocumentForm
    list_display = ["number", "kind", "issuer", "issued_on", "short_summary", "status_label", "preview_link"]
    list_filter = [StatusFilter, "kind", "issuer", "fields", "issued_on"]
    list_select_related = ["issuer"]
    search_fields = ["number", "summary"]
    search_help_text = _("Tìm theo số ký hiệu, trích yếu; gõ có dấu hay không dấu đều được.")
    date_hierarchy = "issued_on"
    ordering = ["-issued_on", "-id"]
    filter_horizontal = ["fields", "campaigns"]
    autocomplete_fields = ["articles"]
    inlines = [DocumentFileInline, RelationInline]
    readonly_fields = ["referenced_by", "created_at", "updated_at"]
    view_on_site = False
    fieldsets = [
        (None, {"fields": ["number", "kind", "issuer", "signer", "summary", "fields", "slug"]}),
        (_("Hiệu lực"), {"fields": ["issued_on", "effective_from", "effective_until", "referenced_by"]}),
        (_("Liên kết"), {"fields": ["campaigns", "articles"]}),
        (_("Xuất bản"), {"fields": ["status", "published_at", "review_note"]}),
        (
            _("Lịch sử"),
            {
                "classes": ["collapse"],
                "fields": ["created_by", "created_at", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at"],
            },
        ),
    ]

    def get_search_results(self, request, queryset, search_term):
        """Accent-insensitive, like the public search: "ldld" finds "LĐLĐ"."""
        for word in terms(search_term):
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False

    @admin.display(description=_("Trích yếu"))
    def short_summary(self, obj):
        return obj.summary if len(obj.summary) <= 90 else obj.summary[:88] + "…"

    @admin.display(description=_("Được nêu bởi"))
    def referenced_by(self, obj):
        incoming = obj.incoming_relations.select_related("source") if obj.pk else []
        lines = [f"{Relation.INVERSE_LABELS[r.kind]}: {r.source.number}" for r in incoming]
        return "; ".join(lines) or "—"

    @admin.display(description=_("Xem"))
    def preview_link(self, obj):
        label = _("Xem trên trang") if obj.is_published() else _("Xem trước")
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)

    @admin.display(description=_("Trạng thái"), ordering="status")
    def status_label(self, obj):
        return _("Hẹn giờ đăng") if obj.is_scheduled() else obj.get_status_display()


@admin.register(Issuer)
class IssuerAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
