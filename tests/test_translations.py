"""What Django and the libraries leave English is Vietnamese here (locale/vi/LC_MESSAGES, compiled in the repository)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

from news import services
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"


def test_the_admin_list_speaks_vietnamese(client):
    client.force_login(StaffFactory(groups=[services.PUBLISHERS_GROUP]))
    html = client.get(reverse("admin:news_article_changelist")).content.decode()
    for english in ["Show counts", "Skip to main content", "Toggle theme", "Filter navigation items"]:
        assert english not in html
    assert "Hiện số lượng" in html and "Bỏ qua, đến nội dung chính" in html


def test_the_admin_index_names_the_view_counters_in_vietnamese(client):
    client.force_login(StaffFactory(is_superuser=True))
    html = client.get(reverse("admin:index")).content.decode()
    assert "Hit counts" not in html and "Blacklisted" not in html


def test_validators_and_dates_in_vietnamese():
    with override("vi"):
        with pytest.raises(forms.ValidationError) as error:
            forms.CharField().clean("a\x00b")
        assert error.value.messages == ["Không được chứa ký tự rỗng (null)."]
        assert forms.DurationField().error_messages["invalid"] == "Nhập khoảng thời gian hợp lệ."


def test_the_admin_javascript_catalog_is_vietnamese(client):
    client.force_login(StaffFactory(is_superuser=True))
    catalog = client.get(reverse("admin:jsi18n")).content.decode()
    assert "Ch\\u1ee7 nh\\u1eadt" in catalog or "Chủ nhật" in catalog


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext's msgfmt (Debian package gettext)")
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogs_match_their_sources(tmp_path, domain):
    compiled = tmp_path / f"{domain}.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(LOCALE / f"{domain}.po")], check=True)
    assert compiled.read_bytes() == (LOCALE / f"{domain}.mo").read_bytes(), "run: msgfmt -o ….mo ….po"
