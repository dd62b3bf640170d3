"""Delete old per-article hits (and stale presence rows) so the tables stay small; view totals stay."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from hitcount.models import Hit

from news.counting.reading import hit_window
from news.counting.writes import prune_hits, prune_presence
from news.models import Presence

PRESENCE_RETENTION = timedelta(days=1)


class Command(BaseCommand):
    help = (
        "Xoá các lượt xem chi tiết (Hit) cũ hơn thời hạn lưu, theo từng lô, và các bản ghi "
        "'đang online' cũ hơn một ngày. Tổng lượt xem của bài viết không đổi. Nên chạy hằng ngày (cron)."
    )

    def add_arguments(self, parser):
        default_days = timedelta(**settings.HITCOUNT_KEEP_HIT_IN_DATABASE).days
        parser.add_argument(
            "--days",
            type=int,
            default=default_days,
            help=f"Giữ lại lượt xem của bao nhiêu ngày gần nhất (mặc định {default_days}, HIT_RETENTION_DAYS).",
        )
        parser.add_argument("--batch-size", type=int, default=5000, help="Số dòng xoá mỗi lô (mặc định 5000).")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm những gì sẽ bị xoá, không xoá.")

    def handle(self, *args, days, batch_size, dry_run, **options):
        window = hit_window()
        if days < 1 or timedelta(days=days) < window:
            raise CommandError(
                f"--days phải từ {max(1, -(-window // timedelta(days=1)))} trở lên "
                f"(không ngắn hơn khung tính lượt xem), nhận được {days}."
            )
        if batch_size < 1:
            raise CommandError(f"--batch-size phải là số nguyên dương, nhận được {batch_size}.")

        now = timezone.now()
        hits_before = now - timedelta(days=days)
        presence_before = now - PRESENCE_RETENTION
        if dry_run:
            hits = Hit.objects.filter(created__lt=hits_before).count()
            present = Presence.objects.filter(last_seen__lt=presence_before).count()
            self.stdout.write(
                f"Chạy thử: sẽ xoá {hits} lượt xem cũ hơn {days} ngày và {present} bản ghi đang online cũ; chưa xoá gì."
            )
            return
        hits = prune_hits(older_than=hits_before, batch_size=batch_size)
        present = prune_presence(older_than=presence_before)
        self.stdout.write(
            self.style.SUCCESS(f"Đã xoá {hits} lượt xem cũ hơn {days} ngày và {present} bản ghi đang online cũ.")
        )
