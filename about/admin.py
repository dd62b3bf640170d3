"""Giới thiệu and Liên hệ in the admin: the federation's pages, leaders, contact details, messages received."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from about.models import PHOTO_WIDTH, AboutPage, ContactDetails, ContactMessage, Leader
from news.admin import VerifiedImageField


@admin.register(AboutPage)
class AboutPageAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "is_published", "updated_at"]
    list_editable = ["order", "is_published"]
    fields = ["title", "slug", "body", "order", "is_published"]


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "order", "is_current", "phone", "email"]
    list_editable = ["order", "is_current"]
    list_filter = ["is_current"]
    search_fields = ["name", "position"]
    fields = ["name", "position", "photo", "phone", "email", "order", "is_current"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "photo":
            kwargs["form_class"] = VerifiedImageField
            kwargs["max_width"] = PHOTO_WIDTH
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(ContactDetails)
class ContactDetailsAdmin(admin.ModelAdmin):
    list_display = ["name", "address", "phone", "email"]
    fieldsets = [
        (None, {"fields": ["name", "address", "phone", "fax", "email", "working_hours"]}),
        (
            _("Vị trí trên bản đồ (OpenStreetMap)"),
            {
                "fields": ["latitude", "longitude"],
                "description": _(
                    "Mở openstreetmap.org, nhấp chuột phải vào trụ sở, chọn “Hiện địa chỉ” để lấy vĩ độ, kinh độ."
                ),
            },
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ContactDetails.objects.exists()


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "name", "email", "phone", "created_at", "is_handled"]
    list_filter = ["is_handled", "created_at"]
    search_fields = ["subject", "name", "email", "message"]
    readonly_fields = ["name", "email", "phone", "subject", "message", "client_ip", "created_at"]
    fields = readonly_fields + ["is_handled"]
    actions = ["mark_handled"]

    def has_add_permission(self, request):
        return False  # messages come from the public form

    @admin.action(description=_("Đánh dấu đã xử lý"))
    def mark_handled(self, request, queryset):
        count = queryset.update(is_handled=True)
        self.message_user(request, ngettext("Đã đánh dấu %d thư.", "Đã đánh dấu %d thư.", count) % count)
