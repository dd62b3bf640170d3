"""Write a campaign's tally (every unit against its targets) to a CSV or XLSX file."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from initiatives import exports, tallies
from initiatives.models import Campaign

WRITERS = {"csv": exports.write_csv, "xlsx": exports.write_xlsx}


class Command(BaseCommand):
    help = (
        "Xuất bảng tổng hợp sáng kiến của một phong trào (mọi đơn vị, so với chỉ tiêu và kế hoạch) ra tệp "
        "CSV (UTF-8, Excel mở được) hoặc XLSX; cùng số liệu với trang tiến độ và tong-hop.csv/.xlsx."
    )

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="Đường dẫn (slug) của phong trào")
        parser.add_argument("--phase", type=int, help="Số giai đoạn (bỏ trống: cả phong trào)")
        parser.add_argument("--format", required=True, choices=sorted(WRITERS), help="csv hoặc xlsx")
        parser.add_argument("-o", "--output", required=True, help="Tệp ghi ra ('-' để ghi CSV ra màn hình)")

    def handle(self, *args, **options):
        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"Không có phong trào “{options['campaign']}”.")
        phase = None
        if options["phase"] is not None:
            phase = campaign.phases.filter(number=options["phase"]).first()
            if phase is None:
                known = ", ".join(str(n) for n in campaign.phases.values_list("number", flat=True)) or "không có"
                raise CommandError(f"Phong trào không có giai đoạn {options['phase']} (có: {known}).")
        tally = tallies.campaign_tally(campaign, phase)
        writer = WRITERS[options["format"]]
        output = options["output"]
        if output == "-":
            if options["format"] != "csv":
                raise CommandError("Chỉ ghi được CSV ra màn hình; XLSX cần tên tệp (-o tong-hop.xlsx).")
            writer(tally, sys.stdout.buffer)
            return
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"Không có thư mục “{path.parent}”.")
        with path.open("wb") as fp:
            writer(tally, fp)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {path} ({len(tally.rows)} đơn vị)."))
