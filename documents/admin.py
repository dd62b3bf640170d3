"""The documents library in the admin: documents with their files and relations, issuers, fields.

Publishing follows the articles' rules (documents/services.py): an editor
without `documents.publish_document` sees the status read-only, gets no
publishing actions and cannot change a published document.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from documents import files, services
from documents.models import Document, DocumentFile, Field, Issuer, Relation
from news.search import terms


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


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "issuer", "issued_on", "short_summary", "status", "preview_link"]
    list_filter = ["status", "kind", "issuer", "fields", "issued_on"]
    list_select_related = ["issuer"]
    search_fields = ["number", "summary"]
    search_help_text = _("Tìm theo số ký hiệu, trích yếu; gõ có dấu hay không dấu đều được.")
    date_hierarchy = "issued_on"
    ordering = ["-issued_on", "-id"]
    filter_horizontal = ["fields", "campaigns"]
    autocomplete_fields = ["articles"]
    inlines = [DocumentFileInline, RelationInline]
    readonly_fields = ["referenced_by", "created_by", "created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    view_on_site = False
    fieldsets = [
        (None, {"fields": ["number", "kind", "issuer", "signer", "summary", "fields", "slug"]}),
        (_("Hiệu lực"), {"fields": ["issued_on", "effective_from", "effective_until", "referenced_by"]}),
        (_("Liên kết"), {"fields": ["campaigns", "articles"]}),
        (_("Xuất bản"), {"fields": ["status", "published_at"]}),
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
        """Accent-insensitive, like the public search: "ldld" finds "LĐLĐ"."""
        for word in terms(search_term):
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False

    def save_model(self, request, obj, form, change):
        services.save_document(document=obj, by=request.user)
        if not services.can_publish(request.user):
            self.message_user(
                request, _("Văn bản được lưu ở dạng nháp; người duyệt sẽ xem và xuất bản."), messages.INFO
            )

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

    @admin.action(description=_("Xuất bản các văn bản đã chọn"), permissions=["publish"])
    def publish(self, request, queryset):
        count = services.publish_documents(documents=queryset, by=request.user)
        self.message_user(request, ngettext("Đã xuất bản %d văn bản.", "Đã xuất bản %d văn bản.", count) % count)

    @admin.action(description=_("Chuyển các văn bản đã chọn về nháp"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = services.unpublish_documents(documents=queryset, by=request.user)
        self.message_user(
            request, ngettext("Đã chuyển %d văn bản về nháp.", "Đã chuyển %d văn bản về nháp.", count) % count
        )


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
