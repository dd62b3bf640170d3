from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalQaConfig(AppConfig):
    name = "legalqa"
    verbose_name = _("Hỏi đáp pháp luật")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from legalqa.search import SECTION
        from legalqa.sitemaps import QuestionListSitemap, QuestionSitemap
        from news.freshness import moves_generation
        from news.search import register_section
        from news.sitemaps import sitemaps

        sitemaps["question_list"] = QuestionListSitemap()
        sitemaps["questions"] = QuestionSitemap()
        moves_generation(*self.get_models())
        register_section(SECTION)
