"""Fill the portal with demo content: news (news/demo.py), initiative campaigns (initiatives/demo/), documents,
questions, the federation's pages and tags (documents/, legalqa/, about/, tags/ demo.py)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from about.demo import seed_about
from documents.demo import seed_documents
from initiatives.demo import seed_initiatives
from legalqa.demo import seed_questions
from news.demo import seed_news
from tags.demo import seed_tags


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu (tin tức, phim tư liệu, liên kết, chiến dịch sáng kiến, văn bản, hỏi đáp, giới thiệu, thẻ). "
        "Chạy lại nhiều lần vẫn an toàn."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            seed_news(stdout=self.stdout)
        with transaction.atomic():
            seed_initiatives(stdout=self.stdout)
        with transaction.atomic():
            seed_documents(stdout=self.stdout)
            seed_questions(stdout=self.stdout)
            seed_about(stdout=self.stdout)
            seed_tags(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã tạo dữ liệu mẫu."))
