"""Remove an account's authenticator devices (a lost phone): `manage.py reset_two_factor --account NAME`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Đặt lại xác thực hai bước của một tài khoản (mất điện thoại): xóa ứng dụng xác thực đã đăng ký; "
        "lần đăng nhập sau, tài khoản thiết lập lại."
    )

    def add_arguments(self, parser):
        parser.add_argument("--account", required=True, help="tên đăng nhập")
        parser.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ xóa bao nhiêu thiết bị")

    def handle(self, *args, account, dry_run=False, **options):
        user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: account}).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{account}”.")
        devices = TOTPDevice.objects.filter(user=user)
        if dry_run:
            self.stdout.write(f"Sẽ xóa {devices.count()} thiết bị xác thực của “{account}”.")
            return
        with transaction.atomic():
            count, _ = devices.delete()
        self.stdout.write(self.style.SUCCESS(f"Đã xóa {count} thiết bị xác thực của “{account}”."))
