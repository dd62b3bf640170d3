"""Answering questions in the admin (group "Tư vấn pháp luật").

The list puts the questions still waiting first, oldest due date first, and
marks the overdue ones; the form shows what the asker sent (read-only) beside
what will be published, which the answerer edits to remove personal details.
Saving goes through `legalqa.services.save_answer`, which stamps the first
answer and e-mails the asker after the commit.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from legalqa import services
from legalqa.models import Question, Topic
from news.search import terms


class StateFilter(admin.SimpleListFilter):
    title = _("tình trạng")
    parameter_name = "tinh-trang"

    def lookups(self, request, model_admin):
        return [
            ("cho", _("Chưa trả lời")),
            ("qua-han", _("Quá hạn")),
            ("rieng", _("Đã trả lời, không công khai")),
            ("cong-khai", _("Đã công khai")),
        ]

    def queryset(self, request, queryset):
        return {
            "cho": queryset.waiting,
            "qua-han": queryset.overdue,
            "rieng": lambda: queryset.answered().filter(is_public=False),
            "cong-khai": queryset.published,
        }.get(self.value(), lambda: queryset)()


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "created_at", "due_label", "answered_at", "is_public"]
    list_filter = [StateFilter, "topic", "is_public"]
    list_select_related = ["topic"]
    search_fields = ["title"]
    search_help_text = _("Tìm theo tiêu đề, câu hỏi, trả lời; gõ có dấu hay không dấu đều được.")
    autocomplete_fields = ["documents"]
    readonly_fields = [
        "asked", "asker_name", "email", "phone", "created_at", "due_on", "answered_at", "answered_by",
        "asker_notified_at",
    ]  # fmt: skip
    fieldsets = [
        (_("Người hỏi gửi (không công khai)"), {"fields": ["asked", "asker_name", "email", "phone", "created_at"]}),
        (_("Hạn và tình trạng"), {"fields": ["due_on", "answered_at", "answered_by", "asker_notified_at"]}),
        (_("Nội dung công khai"), {"fields": ["topic", "title", "slug", "public_question"]}),
        (_("Trả lời"), {"fields": ["answer", "documents", "is_public"]}),
    ]

    class Media:
        css = {"all": ["css/admin-legalqa.css"]}

    def get_ordering(self, request):
        """Waiting questions first, the most urgent at the top; then the answered ones."""
        waiting_first = Case(
            When(answered_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return [waiting_first, "due_on", "-created_at"]

    def has_add_permission(self, request):
        return False  # questions come from the public form

    def get_search_results(self, request, queryset, search_term):
        """Accent-insensitive over what the answerer sees: the published text and the original question."""
        for word in terms(search_term):
            queryset = queryset.filter(search_text__contains=word) | queryset.filter(question__icontains=word)
        return queryset, False

    def save_model(self, request, obj, form, change):
        site_url = settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")
        services.save_answer(question=obj, by=request.user, site_url=site_url)
        if obj.answered_at and obj.email and obj.asker_notified_at is None:
            self.message_user(request, _("Câu trả lời sẽ được gửi tới e-mail của người hỏi."), messages.INFO)
        if form.cleaned_data.get("is_public") and not obj.is_public:
            self.message_user(request, _("Chỉ công khai được câu hỏi đã có trả lời."), messages.WARNING)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and services.can_answer(request.user)

    @admin.display(description=_("Câu hỏi gốc"))
    def asked(self, obj):
        return format_html('<div class="asked-question">{}</div>', obj.question)

    @admin.display(description=_("Hạn trả lời"), ordering="due_on")
    def due_label(self, obj):
        if obj.is_answered:
            return obj.due_on.strftime("%d/%m/%Y")
        days_late = (timezone.localdate() - obj.due_on).days
        if days_late > 0:
            return format_html(
                '<strong class="overdue">{} – {}</strong>',
                obj.due_on.strftime("%d/%m/%Y"),
                _("quá hạn %(days)d ngày") % {"days": days_late},
            )
        return format_html('<span class="due-soon">{}</span>', obj.due_on.strftime("%d/%m/%Y"))


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
