"""Lift a sign-in lock: `manage.py unlock_signin --account quantri`, `--address 203.0.113.9`, or `--all`."""

import ipaddress

from axes.models import AccessAttempt
from axes.utils import reset
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q


class Command(BaseCommand):
    help = "Mở khóa đăng nhập của một tài khoản, một địa chỉ IP, hoặc tất cả (xóa các lần đăng nhập sai đã đếm)."

    def add_arguments(self, parser):
        parser.add_argument("--account", help="tên đăng nhập bị khóa")
        parser.add_argument("--address", help="địa chỉ IP bị khóa")
        parser.add_argument("--all", action="store_true", help="mở khóa mọi tài khoản và địa chỉ")
        parser.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ xóa bao nhiêu bản ghi")

    def handle(self, *args, account=None, address=None, all=False, dry_run=False, **options):  # noqa: A002
        if not (account or address or all):
            raise CommandError("Cần --account, --address hoặc --all.")
        if account:
            account = account.strip().lower()  # accounts are counted in lower case (security/lockout.py)
        if address:
            try:
                address = str(ipaddress.ip_address(address))
            except ValueError as exc:
                raise CommandError(f"Địa chỉ IP không hợp lệ: {address}") from exc
        matching = Q()
        if not all:
            matching = Q(pk__in=[])
            if account:
                matching |= Q(username=account)
            if address:
                matching |= Q(ip_address=address)
        count = AccessAttempt.objects.filter(matching).count()
        if dry_run:
            self.stdout.write(f"Sẽ xóa {count} bản ghi đăng nhập sai.")
            return
        with transaction.atomic():
            if all:
                reset()
            else:
                if account:
                    reset(username=account)
                if address:
                    reset(ip=address)
        self.stdout.write(self.style.SUCCESS(f"Đã mở khóa: xóa {count} bản ghi đăng nhập sai."))
