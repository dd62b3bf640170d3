"""The error pages in production: styled, in Vietnamese, for readers and staff alike."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from news import services
from news.views import server_error
from tests.factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_400_for_a_request_the_server_cannot_take(client):
    response = client.get("/", HTTP_HOST="khong-hop-le.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ" in html and "Mã lỗi 400" in html and "Bad Request" not in html


def test_403_for_an_editor_changing_a_live_article(client):
    live = ArticleFactory(status="published")
    client.force_login(StaffFactory(groups=[services.EDITORS_GROUP]))
    response = client.post(reverse("admin:news_article_change", args=[live.pk]), {"title": "Đổi"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không có quyền truy cập" in html and "Forbidden" not in html and '<html lang="vi">' in html


def test_403_csrf_explains_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()


def test_404_in_vietnamese_with_the_site_around_it(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and 'class="main-nav"' in html


@override_settings(DEBUG=False)
def test_500_needs_no_database_and_speaks_vietnamese(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500 and "Đã xảy ra lỗi" in html and "Mã lỗi 500" in html
