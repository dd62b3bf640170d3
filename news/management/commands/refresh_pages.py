"""Move the content generation on: every cached page and fragment is rendered again (run after each release)."""

from django.core.management.base import BaseCommand

from news import caching


class Command(BaseCommand):
    help = (
        "Chuyển sang thế hệ nội dung mới: mọi trang và phần trang đã lưu đệm được dựng lại ở lần đọc sau. "
        "Chạy sau mỗi lần cập nhật phiên bản (mẫu trang, tiêu đề HTTP có thể đã đổi)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ cho biết thế hệ hiện tại, không đổi gì.")

    def handle(self, *args, dry_run, **options):
        caching.forget()
        before = caching.generation()
        if dry_run:
            self.stdout.write(f"Thế hệ nội dung hiện tại: {before}.")
            return
        caching.bump()
        self.stdout.write(self.style.SUCCESS(f"Đã chuyển thế hệ nội dung từ {before} sang {caching.generation()}."))
