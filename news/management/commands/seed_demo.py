"""Fill the portal with demo content: news (news/demo.py) and initiative campaigns (initiatives/demo/)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from initiatives.demo import seed_initiatives
from news.demo import seed_news


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (tin tức, phim tư liệu, liên kết, chiến dịch sáng kiến). Chạy lại nhiều lần vẫn an toàn."

    def handle(self, *args, **options):
        with transaction.atomic():
            seed_news(stdout=self.stdout)
        with transaction.atomic():
            seed_initiatives(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã tạo dữ liệu mẫu."))
