"""Import initiatives from an XLSX or CSV file into a campaign (column layout: initiatives/importing.py)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from initiatives import importing, scopes
from initiatives.models import Campaign


class Command(BaseCommand):
    help = (
        "Nhập sáng kiến từ tệp XLSX hoặc CSV vào một phong trào. Kiểm tra mọi dòng trước; có một dòng lỗi thì "
        "không ghi gì. Nhập lại cùng tệp không thay đổi gì. Cột của tệp: xem initiatives/importing.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Đường dẫn tệp .xlsx hoặc .csv")
        parser.add_argument("--campaign", required=True, help="Đường dẫn (slug) của phong trào")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì")
        parser.add_argument(
            "--user",
            help="Nhập với phạm vi đơn vị của tài khoản này (mặc định: mọi đơn vị) và ghi tên người nhập",
        )

    def handle(self, *args, **options):
        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"Không có phong trào “{options['campaign']}”.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(f"Không có tài khoản đang hoạt động “{options['user']}”.")
            if not scopes.has_any_scope(user):
                raise CommandError(f"Tài khoản “{user.username}” chưa được gán đơn vị quản lý sáng kiến.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp “{path}”.")
        try:
            with path.open("rb") as fp:
                result = importing.import_initiatives(
                    fp=fp, filename=path.name, campaign=campaign, by=user, dry_run=options["dry_run"]
                )
        except importing.ImportFileError as error:
            raise CommandError(str(error)) from error
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Tệp có {len(result.errors)} lỗi; không có gì được ghi.")
        self.stdout.write(self.style.SUCCESS(result.summary()))
