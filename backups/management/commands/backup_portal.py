"""Back up the database and media: `manage.py backup_portal --output /var/backups/lddsite [--keep 14]`."""

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, make_backup, prune


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (pg_dump, định dạng custom), toàn bộ media và một manifest "
        "(số liệu, mã kiểm tra SHA-256) vào một thư mục mới trong --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="thư mục chứa các bản sao lưu")
        parser.add_argument("--keep", type=int, default=0, help="giữ lại chừng này bản mới nhất (0: giữ tất cả)")

    def handle(self, *args, output, keep, **options):
        if keep < 0:
            raise CommandError("--keep không được âm.")
        try:
            folder = make_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for removed in prune(output, keep=keep) if keep else []:
            self.stdout.write(f"Đã xóa bản cũ {removed}")
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {folder}"))
