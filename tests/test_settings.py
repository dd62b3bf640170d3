"""Foundation: Vietnamese formats, time zone, production refusals, slugs."""

import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from news.slugs import vietnamese_slugify


def render(source, **context):
    with translation.override("vi"):
        return Template(source).render(Context(context))


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [(11799553, "11.799.553"), (2822, "2.822"), (464, "464"), (1000000, "1.000.000")],
)
def test_integers_group_thousands_with_dots(value, expected):
    assert render("{{ n }}", n=value) == expected


def test_percent_uses_decimal_comma():
    assert render('{{ p|floatformat:"1g" }}%', p=Decimal("282.2")) == "282,2%"


def test_dates_are_day_month_year():
    moment = datetime(2024, 3, 14, 9, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert render("{{ d|date:'SHORT_DATE_FORMAT' }}", d=moment) == "14/03/2024"
    assert render("{{ d|date }}", d=moment) == "14/03/2024"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đại hội Công đoàn tỉnh Đồng Tháp", "dai-hoi-cong-doan-tinh-dong-thap"),
        (
            "Công đoàn Sóc Trăng vượt chỉ tiêu “1 triệu sáng kiến”",
            "cong-doan-soc-trang-vuot-chi-tieu-1-trieu-sang-kien",
        ),
        ("ĐOÀN VIÊN, NGƯỜI LAO ĐỘNG", "doan-vien-nguoi-lao-dong"),
    ],
)
def test_vietnamese_slugs_keep_d(title, slug):
    assert vietnamese_slugify(title) == slug


def _check_prod(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "lddsite.settings.prod", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_prod_refuses_to_start_without_secret_key():
    result = _check_prod({"ALLOWED_HOSTS": "ldld.example.vn"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_prod_refuses_to_start_without_allowed_hosts():
    result = _check_prod({"SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


PROD_REQUIRED = {
    "SECRET_KEY": "k" * 20 + "-Zq9!x" * 8,
    "ALLOWED_HOSTS": "ldld.example.vn",
    "DATABASE_URL": "postgres://lddsite@127.0.0.1:5432/lddsite",  # the checks below never connect
}


def test_prod_refuses_to_start_without_database_url():
    # No silent fallback to SQLite.
    result = _check_prod({"SECRET_KEY": PROD_REQUIRED["SECRET_KEY"], "ALLOWED_HOSTS": "ldld.example.vn"})
    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr


def _issues(result):
    output = result.stdout + result.stderr
    return [line for line in output.splitlines() if line.startswith("?:") or ": (" in line]


def test_prod_passes_deploy_check_except_ckeditor_notice():
    result = _check_prod({**PROD_REQUIRED, "REDIS_URL": "redis://127.0.0.1:6379/0"})
    issues = _issues(result)
    assert [line for line in issues if "ckeditor.W001" not in line] == [], result.stdout + result.stderr
    assert any("ckeditor.W001" in line for line in issues)


def test_prod_starts_without_redis_but_the_deploy_check_warns():
    result = _check_prod(PROD_REQUIRED)
    assert "must be set" not in result.stderr  # started: Redis only accelerates
    codes = sorted(line.split("(")[1].split(")")[0] for line in _issues(result))
    assert codes == ["ckeditor.W001", "lddsite.W001"], result.stdout + result.stderr


def _setting_under(module, name, **env):
    result = subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print(repr(settings.{name}))"],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": module, "PYTHONPATH": str(settings.BASE_DIR), **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_debug_is_read_by_the_dev_settings_only():
    assert _setting_under("lddsite.settings.dev", "DEBUG") == "True"
    assert _setting_under("lddsite.settings.dev", "DEBUG", DEBUG="false") == "False"
    assert _setting_under("lddsite.settings.prod", "DEBUG", DEBUG="true", **PROD_REQUIRED) == "False"
    assert _setting_under("lddsite.settings.test", "DEBUG", DEBUG="true") == "False"


def test_two_step_sign_in_is_required_in_production_unless_turned_off():
    assert _setting_under("lddsite.settings.prod", "TWO_FACTOR_REQUIRED", **PROD_REQUIRED) == "True"
    off = _setting_under("lddsite.settings.prod", "TWO_FACTOR_REQUIRED", TWO_FACTOR_REQUIRED="0", **PROD_REQUIRED)
    assert off == "False"
    assert _setting_under("lddsite.settings.dev", "TWO_FACTOR_REQUIRED") == "False"
