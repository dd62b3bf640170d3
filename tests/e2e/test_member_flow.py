"""A member on a phone: registers, confirms the address, submits an initiative with its decision attached; a
reviewer approves it from the queue; anyone finds it in the library. Screenshots of each step at 390 px."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from initiatives.models import Initiative, StaffScope
from tests.e2e.conftest import PHONE
from tests.factories import CampaignFactory, PhaseFactory, UnitFactory, UserFactory
from tests.privatefiles.samples import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "Xq7!mTr9#vLp"


@pytest.fixture
def campaign():
    today = timezone.localdate()
    campaign = CampaignFactory(
        name="Phong trào 1 triệu sáng kiến", starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=300)
    )
    PhaseFactory(campaign=campaign, opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=60))
    province = UnitFactory(code="tinh", name="LĐLĐ tỉnh Sóc Trăng", kind="ldld_tinh")
    district = UnitFactory(code="vinh-chau", name="LĐLĐ TX Vĩnh Châu", kind="ldld_huyen", parent=province)
    UnitFactory(code="cdcs-vc", name="CĐCS Trường THPT Vĩnh Châu", parent=district)
    UnitFactory(code="tran-de", name="LĐLĐ huyện Trần Đề", kind="ldld_huyen", parent=province)
    reviewer = UserFactory(username="duyet", email="duyet@example.vn", password=PASSWORD, first_name="Trần Văn Duyệt")
    reviewer.groups.add(Group.objects.get(name="Duyệt sáng kiến"))
    StaffScope.objects.create(user=reviewer, unit=district)
    return campaign


def assert_fits(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"


def test_register_submit_review_and_find_it_in_the_library(live_server, new_page, screenshot, campaign, tmp_path):
    page = new_page(PHONE)

    # Register, choosing the workplace by typing its name without accents.
    page.goto(f"{live_server.url}/tai-khoan/dang-ky/")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Mai")
    page.get_by_label("Thư điện tử").fill("mai@example.vn")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.locator(".unit-search").fill("thpt vinh chau")
    assert page.locator("#id_unit").input_value() != ""
    assert page.locator("#id_unit option:checked").inner_text().strip() == "CĐCS Trường THPT Vĩnh Châu"
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    assert_fits(page)
    screenshot(page, "member-1-register-390")
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url(re.compile(r"/tai-khoan/"))
    page.wait_for_load_state()
    assert page.get_by_text("chưa xác nhận").is_visible()

    # Confirm the address from the mail.
    link = re.search(r"https?://[^/]+(/tai-khoan/xac-nhan-thu/\S+)", mail.outbox[-1].body).group(1)
    page.goto(f"{live_server.url}{link}")
    page.get_by_role("button", name="Xác nhận").click()

    # Submit, the recognition decision attached.
    decision = tmp_path / "quyet-dinh-cong-nhan.pdf"
    decision.write_bytes(pdf_bytes())
    page.goto(f"{live_server.url}/sang-kien/{campaign.slug}/nop/")
    page.get_by_label("Tên sáng kiến").fill("Máy bóc vỏ tôm cải tiến")
    page.get_by_label("Loại giải pháp").select_option("ky_thuat")
    page.get_by_label("Khu vực").select_option("san_xuat")
    page.get_by_label("Tóm tắt nội dung").fill("Thay lưỡi dao thép bằng lưỡi hợp kim.")
    page.get_by_label("Hiệu quả").fill("Tiết kiệm 120 giờ công mỗi tháng.")
    page.get_by_label("Giá trị làm lợi (đồng)").fill("15.000.000")
    page.get_by_label("Hội đồng sáng kiến").check()
    page.get_by_label("Số quyết định công nhận").fill("15/QĐ-HĐSK")
    page.get_by_label("Ngày công nhận").fill((timezone.localdate() - timedelta(days=3)).isoformat())
    page.locator("#id_attachments").set_input_files(str(decision))
    assert_fits(page)
    screenshot(page, "member-2-submit-390")
    page.get_by_role("button", name="Nộp sáng kiến").click()
    page.wait_for_url(re.compile(r"/tai-khoan/sang-kien/\d+/$"))
    assert page.locator(".badge", has_text="Đã nộp").is_visible()
    assert_fits(page)
    screenshot(page, "member-3-submitted-390")
    page.locator(".account-links").get_by_role("button", name="Đăng xuất").click()

    # The reviewer of the district approves it from the queue, the file at hand.
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Thư điện tử").fill("duyet@example.vn")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/tai-khoan/duyet-sang-kien/")
    assert page.get_by_role("link", name="quyet-dinh-cong-nhan.pdf").is_visible()
    screenshot(page, "member-4-queue-390")
    page.get_by_role("link", name="Máy bóc vỏ tôm cải tiến").click()
    page.get_by_label("Hợp lệ", exact=True).check()
    assert_fits(page)
    screenshot(page, "member-5-review-390")
    page.get_by_role("button", name="Ghi quyết định").click()
    page.wait_for_url(re.compile(r"/tai-khoan/duyet-sang-kien/$"))
    assert Initiative.objects.get().status == Initiative.Status.THONG_QUA
    assert any("Được thông qua" in message.subject for message in mail.outbox)

    # Anyone finds it in the library, searching without accents.
    visitor = new_page(PHONE)
    visitor.goto(f"{live_server.url}/sang-kien/{campaign.slug}/thu-vien/")
    visitor.get_by_label("Tìm sáng kiến").fill("may boc vo tom")
    visitor.locator("#main").get_by_role("button", name="Tìm", exact=True).click()
    visitor.get_by_role("link", name="Máy bóc vỏ tôm cải tiến").click()
    assert visitor.get_by_text("Tiết kiệm 120 giờ công mỗi tháng.").is_visible()
    assert visitor.get_by_text("15.000.000 đồng").is_visible()
    assert_fits(visitor)
    screenshot(visitor, "member-6-library-390")
