"""Restore a backup into an empty database and media folder, then check its figures:
`manage.py restore_portal /var/backups/lddsite/lddsite-20261201-020000`."""

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Phục hồi một bản sao lưu vào cơ sở dữ liệu trống (DATABASE_URL) và thư mục media trống (MEDIA_ROOT), "
        "rồi so số liệu với manifest. --check chỉ kiểm tra mã của các tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="thư mục của bản sao lưu (lddsite-…)")
        parser.add_argument("--check", action="store_true", help="chỉ kiểm tra tệp và mã SHA-256, không phục hồi")

    def handle(self, *args, folder, check=False, **options):
        try:
            if check:
                manifest = read_manifest(folder)
                self.stdout.write(self.style.SUCCESS(f"Bản sao lưu {folder} nguyên vẹn ({manifest['created_at']})."))
                return
            mismatches = restore_backup(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if mismatches:
            raise CommandError("Số liệu sau phục hồi không khớp:\n" + "\n".join(mismatches))
        self.stdout.write(self.style.SUCCESS("Đã phục hồi; số liệu khớp với bản sao lưu."))
