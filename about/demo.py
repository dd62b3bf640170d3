"""Demo "Giới thiệu" and "Liên hệ" for `seed_demo`: the federation's pages, leaders and contact details.

The two Phó Chủ tịch are named on the old site's pages; their telephone
numbers and e-mail addresses, the office's address details, telephone and
coordinates (the centre of Sóc Trăng city) are demo assumptions to be replaced
in the admin. Idempotent.
"""

from about.models import AboutPage, ContactDetails, Leader

PAGES = [
    ("Chức năng, nhiệm vụ", 1,
     "<p>Liên đoàn Lao động tỉnh Sóc Trăng là tổ chức công đoàn cấp tỉnh trong hệ thống Công đoàn Việt Nam, chịu sự "
     "lãnh đạo của Tỉnh ủy và sự chỉ đạo của Tổng Liên đoàn Lao động Việt Nam.</p>"
     "<ul><li>Đại diện, chăm lo, bảo vệ quyền và lợi ích hợp pháp, chính đáng của đoàn viên, người lao động.</li>"
     "<li>Tham gia quản lý nhà nước, quản lý kinh tế - xã hội; tham gia thanh tra, kiểm tra, giám sát việc thực hiện "
     "chính sách, pháp luật về lao động.</li>"
     "<li>Tuyên truyền, giáo dục đoàn viên, người lao động; phát triển đoàn viên, xây dựng công đoàn cơ sở vững mạnh.</li>"
     "<li>Tổ chức các phong trào thi đua yêu nước trong công nhân, viên chức, lao động, như phong trào "
     "“1 triệu sáng kiến”.</li></ul>"),
    ("Lịch sử hình thành", 2,
     "<p>Sau khi tỉnh Sóc Trăng được tái lập năm 1992, Liên đoàn Lao động tỉnh Sóc Trăng được thành lập và từng bước "
     "kiện toàn tổ chức, bộ máy. Qua các kỳ đại hội, Công đoàn tỉnh không ngừng lớn mạnh: đến nay có các liên đoàn lao "
     "động huyện, thị xã, thành phố, các công đoàn ngành, Công đoàn Viên chức tỉnh, Công đoàn các Khu công nghiệp và "
     "hàng trăm công đoàn cơ sở.</p><p>Năm 2024, Công đoàn tỉnh đạt và vượt 13/13 chỉ tiêu; riêng Công đoàn các Khu "
     "công nghiệp có 33 công đoàn cơ sở với 25.562 đoàn viên trên tổng số 26.876 công nhân, viên chức, lao động.</p>"),
    ("Thành tích nổi bật", 3,
     "<p>Trong phong trào “1 triệu sáng kiến”, giai đoạn 1 công đoàn các cấp trong tỉnh có 2.822 sáng kiến được nộp, "
     "đạt 282,2% chỉ tiêu Tổng Liên đoàn giao và vượt 822 sáng kiến so với kế hoạch của tỉnh.</p>"),
]  # fmt: skip
LEADERS = [
    ("Lê Văn Phải", "Phó Chủ tịch Liên đoàn Lao động tỉnh", "0299 3822 102", "lvphai@ldld-soctrang.example.vn", 2),
    ("Trịnh Thị Bảo Khuyên", "Phó Chủ tịch Liên đoàn Lao động tỉnh", "0299 3822 103",
     "ttbkhuyen@ldld-soctrang.example.vn", 3),
]  # fmt: skip
CONTACT = {
    "name": "Liên đoàn Lao động tỉnh Sóc Trăng",
    "address": "Đường Hùng Vương, Phường 6, thành phố Sóc Trăng, tỉnh Sóc Trăng",
    "phone": "0299 3822 100",
    "email": "vanphong@ldld-soctrang.example.vn",
    "working_hours": "Sáng: 7 giờ 00 – 11 giờ 00\nChiều: 13 giờ 00 – 17 giờ 00\nTừ thứ Hai đến thứ Sáu (trừ ngày lễ, Tết)",
    "latitude": "9.602521",
    "longitude": "105.973907",
}


def seed_about(*, stdout):
    for title, order, body in PAGES:
        AboutPage.objects.get_or_create(title=title, defaults={"order": order, "body": body})
    for name, position, phone, email, order in LEADERS:
        Leader.objects.get_or_create(
            name=name, defaults={"position": position, "phone": phone, "email": email, "order": order}
        )
    if not ContactDetails.objects.exists():
        ContactDetails.objects.create(**CONTACT)
    stdout.write(f"Giới thiệu: {AboutPage.objects.count()} mục, {Leader.objects.count()} lãnh đạo.")
