"""Demo data for the initiatives campaigns: the Sóc Trăng union tree, two campaigns, targets, initiatives, staff.

Facts (from the federation's own reports):
- the units directly under LĐLĐ tỉnh Sóc Trăng named in its reports (LĐLĐ TX Vĩnh Châu, LĐLĐ huyện Trần Đề,
  LĐLĐ TP Sóc Trăng, LĐLĐ TX Ngã Năm, LĐLĐ huyện Mỹ Tú, Công đoàn Ngành Giáo dục, Công đoàn Viên chức tỉnh,
  Công đoàn Các KCN tỉnh with 25.562 members out of 26.876 workers) and the other districts of the province
  (Kế Sách, Long Phú, Châu Thành, Mỹ Xuyên, Thạnh Trị, Cù Lao Dung); CĐCS Công ty Cổ phần Công trình Đô thị
  directly under the province;
- "1 triệu sáng kiến …" (Tổng LĐLĐ Việt Nam, national target 1.000.000), phases 08/01/2022–31/05/2022 and
  01/06/2022–01/09/2023; Sóc Trăng's phase-1 quota 1.000 and plan 2.000; at the end of phase 1 the province
  counted 2.822 initiatives (282,2% of the quota, 822 above the plan): Vĩnh Châu 507, Trần Đề 441, Giáo dục 337,
  TP Sóc Trăng 272, Viên chức 259, CĐCS Công ty CP Công trình Đô thị 87. The seeded phase-1 initiatives add up
  to exactly these "submitted" figures;
- the earlier "75 nghìn sáng kiến, vượt khó, phát triển" programme (2021).

Demo assumptions (invented to make the pages look real; not facts):
- Công đoàn Ngành Y tế and Công đoàn Ngành Giao thông - Xây dựng, every grassroots union (CĐCS) listed below
  except CĐCS Công ty CP Công trình Đô thị, and all member counts except those of Công đoàn Các KCN;
- the phase-1 figures of the units not named above, every unit quota, the whole-campaign and phase-2 targets,
  all phase-2 initiatives, everything about the "75 nghìn" campaign (its phase window, quota, initiatives);
- every initiative's title, authors, dates, status, kind, sector and benefit value.

The tree's root is LĐLĐ tỉnh Sóc Trăng (the campaigns' `root_unit`), so the progress page opens on the
province's standing. Keys are deterministic ("1tr-gd1-st-vinh-chau-0001"), so running the seeding again adds
nothing. Initiatives are written with `bulk_create`, then `services.after_bulk_change` rebuilds the running totals.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from . import scopes, services
from .models import Author, Campaign, Initiative, Phase, StaffScope, StatusChange, Target, Unit

PROVINCE_CODE = "soc-trang"
UNITS_SINCE = date(2010, 1, 1)

S = Initiative.Status
K = Initiative.Kind
SEC = Initiative.Sector

# (code, name, short name, kind, parent code, members, workers). Order is the display order.
UNITS = [
    (PROVINCE_CODE, "Liên đoàn Lao động tỉnh Sóc Trăng", "LĐLĐ tỉnh Sóc Trăng", "ldld_tinh", None, 0, 0),
    (
        "st-vinh-chau",
        "Liên đoàn Lao động thị xã Vĩnh Châu",
        "LĐLĐ TX Vĩnh Châu",
        "ldld_huyen",
        PROVINCE_CODE,
        5120,
        6034,
    ),
    ("st-tran-de", "Liên đoàn Lao động huyện Trần Đề", "LĐLĐ huyện Trần Đề", "ldld_huyen", PROVINCE_CODE, 4380, 5210),
    (
        "st-tp-soc-trang",
        "Liên đoàn Lao động thành phố Sóc Trăng",
        "LĐLĐ TP Sóc Trăng",
        "ldld_huyen",
        PROVINCE_CODE,
        7350,
        8122,
    ),
    ("st-nga-nam", "Liên đoàn Lao động thị xã Ngã Năm", "LĐLĐ TX Ngã Năm", "ldld_huyen", PROVINCE_CODE, 3010, 3560),
    ("st-my-tu", "Liên đoàn Lao động huyện Mỹ Tú", "LĐLĐ huyện Mỹ Tú", "ldld_huyen", PROVINCE_CODE, 3240, 3790),
    ("st-ke-sach", "Liên đoàn Lao động huyện Kế Sách", "LĐLĐ huyện Kế Sách", "ldld_huyen", PROVINCE_CODE, 3520, 4105),
    (
        "st-long-phu",
        "Liên đoàn Lao động huyện Long Phú",
        "LĐLĐ huyện Long Phú",
        "ldld_huyen",
        PROVINCE_CODE,
        2870,
        3340,
    ),
    (
        "st-chau-thanh",
        "Liên đoàn Lao động huyện Châu Thành",
        "LĐLĐ huyện Châu Thành",
        "ldld_huyen",
        PROVINCE_CODE,
        2990,
        3475,
    ),
    (
        "st-my-xuyen",
        "Liên đoàn Lao động huyện Mỹ Xuyên",
        "LĐLĐ huyện Mỹ Xuyên",
        "ldld_huyen",
        PROVINCE_CODE,
        3460,
        4020,
    ),
    (
        "st-thanh-tri",
        "Liên đoàn Lao động huyện Thạnh Trị",
        "LĐLĐ huyện Thạnh Trị",
        "ldld_huyen",
        PROVINCE_CODE,
        2510,
        2950,
    ),
    (
        "st-cu-lao-dung",
        "Liên đoàn Lao động huyện Cù Lao Dung",
        "LĐLĐ huyện Cù Lao Dung",
        "ldld_huyen",
        PROVINCE_CODE,
        1980,
        2310,
    ),
    (
        "st-nganh-giao-duc",
        "Công đoàn Ngành Giáo dục tỉnh Sóc Trăng",
        "Công đoàn Ngành Giáo dục",
        "cd_nganh",
        PROVINCE_CODE,
        16840,
        17020,
    ),
    (
        "st-nganh-y-te",
        "Công đoàn Ngành Y tế tỉnh Sóc Trăng",
        "Công đoàn Ngành Y tế",
        "cd_nganh",
        PROVINCE_CODE,
        5630,
        5710,
    ),
    (
        "st-nganh-gtxd",
        "Công đoàn Ngành Giao thông - Xây dựng tỉnh Sóc Trăng",
        "Công đoàn Ngành GT - XD",
        "cd_nganh",
        PROVINCE_CODE,
        2150,
        2480,
    ),
    (
        "st-vien-chuc",
        "Công đoàn Viên chức tỉnh Sóc Trăng",
        "Công đoàn Viên chức tỉnh",
        "cd_vien_chuc",
        PROVINCE_CODE,
        4720,
        4790,
    ),
    (
        "st-kcn",
        "Công đoàn Các Khu công nghiệp tỉnh Sóc Trăng",
        "Công đoàn Các KCN tỉnh",
        "cd_kcn",
        PROVINCE_CODE,
        25562,
        26876,
    ),
    (
        "st-cdcs-cong-trinh-do-thi",
        "CĐCS Công ty Cổ phần Công trình Đô thị",
        "CĐCS Công ty CP Công trình Đô thị",
        "cdcs",
        PROVINCE_CODE,
        310,
        335,
    ),
    ("st-cdcs-dien-luc", "CĐCS Công ty Điện lực Sóc Trăng", "CĐCS Điện lực Sóc Trăng", "cdcs", PROVINCE_CODE, 520, 540),
    (
        "st-cdcs-cap-nuoc",
        "CĐCS Công ty Cổ phần Cấp nước Sóc Trăng",
        "CĐCS Cấp nước Sóc Trăng",
        "cdcs",
        PROVINCE_CODE,
        240,
        262,
    ),
    ("st-cdcs-buu-dien", "CĐCS Bưu điện tỉnh Sóc Trăng", "CĐCS Bưu điện tỉnh", "cdcs", PROVINCE_CODE, 180, 196),
]

# Grassroots unions (CĐCS) under the district, sector and industrial-zone unions: (parent code, [(suffix, name)]).
GRASSROOTS = {
    "st-vinh-chau": [
        ("ubnd-vinh-hai", "CĐCS UBND xã Vĩnh Hải"),
        ("thcs-lac-hoa", "CĐCS Trường THCS Lạc Hòa"),
        ("ttyt-vinh-chau", "CĐCS Trung tâm Y tế thị xã Vĩnh Châu"),
        ("phuong-1-vc", "CĐCS UBND Phường 1, thị xã Vĩnh Châu"),
    ],
    "st-tran-de": [
        ("ubnd-lich-hoi-thuong", "CĐCS UBND thị trấn Lịch Hội Thượng"),
        ("th-dai-an-2", "CĐCS Trường Tiểu học Đại Ân 2"),
        ("ubnd-trung-binh", "CĐCS UBND xã Trung Bình"),
    ],
    "st-tp-soc-trang": [
        ("ubnd-phuong-2", "CĐCS UBND Phường 2, thành phố Sóc Trăng"),
        ("thcs-phuong-5", "CĐCS Trường THCS Phường 5"),
        ("cho-tp", "CĐCS Ban Quản lý chợ thành phố Sóc Trăng"),
    ],
    "st-nga-nam": [("ubnd-long-tan", "CĐCS UBND xã Long Tân"), ("th-vinh-quoi", "CĐCS Trường Tiểu học Vĩnh Quới")],
    "st-my-tu": [
        ("ubnd-huynh-huu-nghia", "CĐCS UBND thị trấn Huỳnh Hữu Nghĩa"),
        ("th-my-huong", "CĐCS Trường Tiểu học Mỹ Hương"),
    ],
    "st-ke-sach": [("ubnd-an-lac-tay", "CĐCS UBND xã An Lạc Tây"), ("thcs-phong-nam", "CĐCS Trường THCS Phong Nẫm")],
    "st-long-phu": [
        ("ubnd-dai-ngai", "CĐCS UBND thị trấn Đại Ngãi"),
        ("th-song-phung", "CĐCS Trường Tiểu học Song Phụng"),
    ],
    "st-chau-thanh": [("ubnd-phu-tam", "CĐCS UBND xã Phú Tâm"), ("thcs-thuan-hoa", "CĐCS Trường THCS Thuận Hòa")],
    "st-my-xuyen": [("ubnd-tham-don", "CĐCS UBND xã Tham Đôn"), ("th-dai-tam", "CĐCS Trường Tiểu học Đại Tâm")],
    "st-thanh-tri": [("ubnd-phu-loc", "CĐCS UBND thị trấn Phú Lộc"), ("th-lam-tan", "CĐCS Trường Tiểu học Lâm Tân")],
    "st-cu-lao-dung": [
        ("ubnd-an-thanh-1", "CĐCS UBND xã An Thạnh 1"),
        ("th-dai-an-1", "CĐCS Trường Tiểu học Đại Ân 1"),
    ],
    "st-nganh-giao-duc": [
        ("thpt-chuyen", "CĐCS Trường THPT Chuyên Nguyễn Thị Minh Khai"),
        ("thpt-hoang-dieu", "CĐCS Trường THPT Hoàng Diệu"),
        ("cd-cong-dong", "CĐCS Trường Cao đẳng Cộng đồng Sóc Trăng"),
        ("so-gddt", "CĐCS Văn phòng Sở Giáo dục và Đào tạo"),
    ],
    "st-nganh-y-te": [
        ("bvdk-tinh", "CĐCS Bệnh viện Đa khoa tỉnh Sóc Trăng"),
        ("cdc-tinh", "CĐCS Trung tâm Kiểm soát bệnh tật tỉnh"),
    ],
    "st-nganh-gtxd": [
        ("so-gtvt", "CĐCS Văn phòng Sở Giao thông vận tải"),
        ("ben-xe", "CĐCS Công ty Cổ phần Bến xe tàu Sóc Trăng"),
    ],
    "st-vien-chuc": [
        ("so-tai-chinh", "CĐCS Sở Tài chính"),
        ("so-khdt", "CĐCS Sở Kế hoạch và Đầu tư"),
        ("vp-ubnd-tinh", "CĐCS Văn phòng UBND tỉnh"),
        ("so-ldtbxh", "CĐCS Sở Lao động - Thương binh và Xã hội"),
    ],
    "st-kcn": [
        ("thuy-san-an-nghiep", "CĐCS Công ty TNHH Chế biến Thủy sản An Nghiệp"),
        ("bia-an-nghiep", "CĐCS Công ty TNHH Nước giải khát An Nghiệp"),
        ("may-tran-de", "CĐCS Công ty TNHH May mặc Trần Đề"),
        ("thuc-pham-song-hau", "CĐCS Công ty Cổ phần Thực phẩm Sông Hậu"),
        ("bao-bi-my-thanh", "CĐCS Công ty TNHH Bao bì Mỹ Thanh"),
    ],
}

# "1 triệu sáng kiến", phase 1: initiatives submitted in each subtree (the first six are published figures;
# the others are spread so that the province totals 2.822 and none of them passes Công đoàn Viên chức's 259).
PHASE1_SUBMITTED = {
    "st-vinh-chau": 507,
    "st-tran-de": 441,
    "st-nganh-giao-duc": 337,
    "st-tp-soc-trang": 272,
    "st-vien-chuc": 259,
    "st-cdcs-cong-trinh-do-thi": 87,
    "st-nga-nam": 168,
    "st-my-tu": 142,
    "st-ke-sach": 118,
    "st-my-xuyen": 96,
    "st-long-phu": 74,
    "st-chau-thanh": 65,
    "st-thanh-tri": 52,
    "st-cu-lao-dung": 38,
    "st-nganh-y-te": 61,
    "st-nganh-gtxd": 27,
    "st-kcn": 49,
    "st-cdcs-dien-luc": 14,
    "st-cdcs-cap-nuoc": 9,
    "st-cdcs-buu-dien": 6,
}
PHASE1_PROVINCE_TOTAL = 2822
# Phase-1 quotas handed down by the province (its 2.000 plan split among its units) — demo assumption.
PHASE1_QUOTAS = {
    "st-vinh-chau": 220,
    "st-tran-de": 200,
    "st-nganh-giao-duc": 250,
    "st-tp-soc-trang": 180,
    "st-vien-chuc": 150,
    "st-cdcs-cong-trinh-do-thi": 40,
    "st-nga-nam": 110,
    "st-my-tu": 100,
    "st-ke-sach": 110,
    "st-my-xuyen": 110,
    "st-long-phu": 90,
    "st-chau-thanh": 90,
    "st-thanh-tri": 80,
    "st-cu-lao-dung": 60,
    "st-nganh-y-te": 80,
    "st-nganh-gtxd": 40,
    "st-kcn": 60,
    "st-cdcs-dien-luc": 15,
    "st-cdcs-cap-nuoc": 10,
    "st-cdcs-buu-dien": 5,
}
# Phase 2 (01/06/2022–01/09/2023): submitted per subtree — demo assumption.
PHASE2_SUBMITTED = {
    "st-vinh-chau": 212,
    "st-tran-de": 168,
    "st-nganh-giao-duc": 241,
    "st-tp-soc-trang": 155,
    "st-vien-chuc": 132,
    "st-cdcs-cong-trinh-do-thi": 31,
    "st-nga-nam": 74,
    "st-my-tu": 66,
    "st-ke-sach": 58,
    "st-my-xuyen": 52,
    "st-long-phu": 37,
    "st-chau-thanh": 41,
    "st-thanh-tri": 29,
    "st-cu-lao-dung": 22,
    "st-nganh-y-te": 47,
    "st-nganh-gtxd": 18,
    "st-kcn": 63,
    "st-cdcs-dien-luc": 11,
    "st-cdcs-cap-nuoc": 6,
}
# "75 nghìn sáng kiến" (2021): submitted per subtree — demo assumption.
SEVENTY_FIVE_SUBMITTED = {
    "st-vinh-chau": 64,
    "st-tran-de": 52,
    "st-nganh-giao-duc": 96,
    "st-tp-soc-trang": 71,
    "st-vien-chuc": 58,
    "st-nga-nam": 27,
    "st-my-tu": 24,
    "st-ke-sach": 31,
    "st-my-xuyen": 22,
    "st-nganh-y-te": 35,
    "st-kcn": 19,
    "st-cdcs-cong-trinh-do-thi": 12,
}


@dataclass(frozen=True)
class PhasePlan:
    prefix: str
    phase_number: int
    submitted: dict
    registered_only_share: float  # registrations that were never submitted, as a share of the submitted ones
    decided_share: float  # submitted ones the committee has decided on


MILLION = {
    "name": "1 triệu sáng kiến nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại dịch Covid-19",
    "slug": "1-trieu-sang-kien",
    "issuer": "Tổng Liên đoàn Lao động Việt Nam",
    "description": (
        "Phong trào thi đua do Tổng Liên đoàn Lao động Việt Nam phát động trong đoàn viên, công nhân, viên chức, "
        "lao động cả nước: mỗi người có ý tưởng, giải pháp giúp doanh nghiệp, cơ quan vượt qua khó khăn của đại "
        "dịch Covid-19, phục hồi sản xuất và phát triển. Mục tiêu toàn quốc: 1.000.000 sáng kiến."
    ),
    "starts_on": date(2022, 1, 8),
    "ends_on": date(2023, 9, 1),
    "national_target": 1_000_000,
    "phases": [
        (1, "Giai đoạn 1", date(2022, 1, 8), date(2022, 5, 31)),
        (2, "Giai đoạn 2", date(2022, 6, 1), date(2023, 9, 1)),
    ],
    "plans": [
        PhasePlan("1tr-gd1", 1, PHASE1_SUBMITTED, 0.12, 0.8),
        PhasePlan("1tr-gd2", 2, PHASE2_SUBMITTED, 0.18, 0.7),
    ],
}
SEVENTY_FIVE = {
    "name": "75 nghìn sáng kiến, vượt khó, phát triển",
    "slug": "75-nghin-sang-kien",
    "issuer": "Tổng Liên đoàn Lao động Việt Nam",
    "description": (
        "Chương trình thi đua của Tổng Liên đoàn Lao động Việt Nam năm 2021: đoàn viên, người lao động đề xuất "
        "sáng kiến giúp đơn vị vượt khó, phát triển trong bối cảnh dịch bệnh."
    ),
    "starts_on": date(2021, 3, 1),
    "ends_on": date(2021, 12, 31),
    "national_target": 75_000,
    "phases": [(1, "Năm 2021", date(2021, 3, 1), date(2021, 12, 31))],
    "plans": [PhasePlan("75n", 1, SEVENTY_FIVE_SUBMITTED, 0.1, 1.0)],
}

TITLES = {
    SEC.HANH_CHINH: [
        "Số hóa hồ sơ đoàn viên tại {unit}",
        "Ứng dụng phần mềm quản lý văn bản điện tử tại {unit}",
        "Cải tiến quy trình tiếp nhận hồ sơ một cửa tại {unit}",
        "Họp trực tuyến thay họp trực tiếp trong thời gian giãn cách tại {unit}",
        "Quản lý thu, chi tài chính công đoàn bằng phần mềm tại {unit}",
        "Tuyên truyền pháp luật lao động qua nhóm Zalo đoàn viên tại {unit}",
        "Khai báo y tế bằng mã QR cho người đến làm việc tại {unit}",
        "Lưu trữ hồ sơ điện tử giảm giấy tờ tại {unit}",
    ],
    SEC.SU_NGHIEP: [
        "Dạy học trực tuyến kết hợp trực tiếp trong thời gian giãn cách tại {unit}",
        "Xây dựng kho bài giảng điện tử dùng chung tại {unit}",
        "Tổ chức kiểm tra trực tuyến bằng biểu mẫu điện tử tại {unit}",
        "Sắp xếp phân luồng người bệnh phòng lây nhiễm Covid-19 tại {unit}",
        "Thiết kế buồng khử khuẩn tự động bằng vật liệu tái chế tại {unit}",
        "Tủ sách pháp luật điện tử cho đoàn viên tại {unit}",
        "Nâng cao chất lượng sinh hoạt chuyên môn theo nghiên cứu bài học tại {unit}",
        "Tư vấn tâm lý trực tuyến cho học sinh sau dịch tại {unit}",
    ],
    SEC.SAN_XUAT: [
        "Bố trí ca làm việc “3 tại chỗ” phòng chống dịch Covid-19 tại {unit}",
        "Tận dụng phụ phẩm tôm làm thức ăn chăn nuôi tại {unit}",
        "Lắp đặt điện mặt trời áp mái tiết kiệm điện tại {unit}",
        "Cải tiến dây chuyền cấp đông tiết kiệm năng lượng tại {unit}",
        "Cải tiến khuôn cắt giảm hao hụt nguyên liệu tại {unit}",
        "Tự động hóa khâu đóng gói sản phẩm tại {unit}",
        "Thu hồi nhiệt thải lò hơi để sấy sản phẩm tại {unit}",
        "Sắp xếp kho theo mã vạch giảm thời gian xuất hàng tại {unit}",
    ],
}
KINDS_BY_SECTOR = {
    SEC.HANH_CHINH: [K.QUAN_LY, K.QUAN_LY, K.TAC_NGHIEP, K.TAC_NGHIEP, K.UNG_DUNG],
    SEC.SU_NGHIEP: [K.TAC_NGHIEP, K.QUAN_LY, K.UNG_DUNG, K.NGHIEN_CUU, K.KY_THUAT],
    SEC.SAN_XUAT: [K.KY_THUAT, K.KY_THUAT, K.UNG_DUNG, K.TAC_NGHIEP, K.QUAN_LY],
}
EFFECTS = [
    "Rút ngắn thời gian xử lý công việc khoảng một nửa.",
    "Tiết kiệm chi phí văn phòng phẩm và đi lại cho đơn vị.",
    "Giảm nguy cơ lây nhiễm Covid-19 cho người lao động.",
    "Duy trì sản xuất liên tục trong thời gian giãn cách.",
    "Tăng năng suất lao động, giảm hao hụt nguyên liệu.",
    "Đoàn viên tra cứu thông tin nhanh, chính xác hơn.",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Lâm", "Thạch", "Sơn", "Dương", "Lý", "Triệu"]
MIDDLE = ["Văn", "Thị", "Minh", "Hoàng", "Ngọc", "Thanh", "Quốc", "Hữu", "Kim", "Thu"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Hạnh",
    "Hùng",
    "Khoa",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Ngân",
    "Phúc",
    "Quang",
    "Sang",
    "Tâm",
    "Thảo",
    "Trung",
    "Tuấn",
    "Vy",
    "Yến",
    "Đạt",
    "Sóc",
    "Phương",
]
POSITIONS = {
    SEC.HANH_CHINH: ["Chuyên viên", "Cán bộ văn phòng", "Kế toán", "Chủ tịch công đoàn cơ sở", "Phó trưởng phòng"],
    SEC.SU_NGHIEP: ["Giáo viên", "Tổ trưởng chuyên môn", "Bác sĩ", "Điều dưỡng", "Viên chức"],
    SEC.SAN_XUAT: ["Công nhân", "Kỹ sư", "Tổ trưởng sản xuất", "Kỹ thuật viên", "Quản đốc phân xưởng"],
}


def seed_initiatives(*, stdout):
    """Create (or complete) the demo units, campaigns, targets, initiatives and staff accounts."""
    with transaction.atomic():
        units = seed_units()
        campaigns = [seed_campaign(MILLION, units), seed_campaign(SEVENTY_FIVE, units)]
        seed_million_targets(campaigns[0], units)
        seed_seventy_five_targets(campaigns[1], units)
        created = 0
        for spec, campaign in zip((MILLION, SEVENTY_FIVE), campaigns, strict=True):
            phases = {p.number: p for p in campaign.phases.all()}
            for plan in spec["plans"]:
                created += seed_phase(campaign, phases[plan.phase_number], plan, units)
            services.after_bulk_change(campaign=campaign)
        accounts = seed_staff(units)
    stdout.write(f"Sáng kiến mẫu: {len(units)} đơn vị, {len(campaigns)} phong trào, thêm {created} sáng kiến.")
    for username, role, password in accounts:
        stdout.write(f"Tài khoản {role}: {username} / {password}")


def seed_units():
    """The Sóc Trăng tree; returns {code: Unit}. Existing units (by code) are kept as they are."""
    existing = {u.code: u for u in Unit.objects.filter(code__in=_unit_codes())}
    units = {}
    order = 0
    for code, name, short_name, kind, parent_code, members, workers in UNITS:
        order += 1
        units[code] = existing.get(code) or _create_unit(
            code, name, short_name, kind, units.get(parent_code), members, workers, order
        )
    for parent_code, children in GRASSROOTS.items():
        parent = units[parent_code]
        for position, (suffix, name) in enumerate(children, start=1):
            code = f"{parent_code}-{suffix}"[:40]
            members = 40 + (sum(map(ord, name)) % 160)
            units[code] = existing.get(code) or _create_unit(
                code, name, name, Unit.Kind.CDCS, parent, members, members + members // 10, position
            )
    return units


def _unit_codes():
    codes = [row[0] for row in UNITS]
    for parent_code, children in GRASSROOTS.items():
        codes += [f"{parent_code}-{suffix}"[:40] for suffix, _name in children]
    return codes


def _create_unit(code, name, short_name, kind, parent, members, workers, order):
    unit = Unit(
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        member_count=members,
        worker_count=workers,
        order=order,
        valid_from=UNITS_SINCE,
    )
    unit.save()
    return unit


def seed_campaign(spec, units):
    campaign, _created = Campaign.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "issuer": spec["issuer"],
            "description": spec["description"],
            "starts_on": spec["starts_on"],
            "ends_on": spec["ends_on"],
            "national_target": spec["national_target"],
            "root_unit": units[PROVINCE_CODE],
        },
    )
    for number, name, opens_on, closes_on in spec["phases"]:
        Phase.objects.get_or_create(
            campaign=campaign, number=number, defaults={"name": name, "opens_on": opens_on, "closes_on": closes_on}
        )
    return campaign


def seed_million_targets(campaign, units):
    phase1, phase2 = campaign.phases.order_by("number")[:2]
    province = units[PROVINCE_CODE]
    _target(province, campaign, phase1, Target.Kind.QUOTA, 1000)
    _target(province, campaign, phase1, Target.Kind.PLAN, 2000)
    _target(province, campaign, phase2, Target.Kind.QUOTA, 1000)
    _target(province, campaign, phase2, Target.Kind.PLAN, 1500)
    _target(province, campaign, None, Target.Kind.QUOTA, 2000)
    _target(province, campaign, None, Target.Kind.PLAN, 3500)
    for code, value in PHASE1_QUOTAS.items():
        _target(units[code], campaign, phase1, Target.Kind.QUOTA, value)
        _target(units[code], campaign, phase2, Target.Kind.QUOTA, max(5, value * 3 // 4))


def seed_seventy_five_targets(campaign, units):
    phase = campaign.phases.get(number=1)
    _target(units[PROVINCE_CODE], campaign, phase, Target.Kind.QUOTA, 450)
    _target(units[PROVINCE_CODE], campaign, phase, Target.Kind.PLAN, 500)


def _target(unit, campaign, phase, kind, value):
    if not Target.objects.filter(unit=unit, campaign=campaign, phase=phase, kind=kind).exists():
        services.set_target(unit=unit, campaign=campaign, phase=phase, kind=kind, value=value)


def _sector_of(unit, rng):
    name = unit.name
    if unit.kind == Unit.Kind.CD_KCN or "Công ty" in name or "Ban Quản lý chợ" in name:
        return SEC.SAN_XUAT
    if "Trường" in name or "Y tế" in name or "Bệnh viện" in name or "Kiểm soát" in name:
        return SEC.SU_NGHIEP
    if unit.kind == Unit.Kind.CD_NGANH:
        return rng.choice([SEC.SU_NGHIEP, SEC.SU_NGHIEP, SEC.HANH_CHINH])
    if unit.kind == Unit.Kind.CD_VIEN_CHUC or "UBND" in name or "Sở" in name or "Văn phòng" in name:
        return SEC.HANH_CHINH
    return rng.choice([SEC.HANH_CHINH, SEC.SU_NGHIEP, SEC.SAN_XUAT])


def _split(total, parts, rng):
    """`total` split into len(parts) non-negative whole numbers, the first (the unit itself) getting about a fifth."""
    if len(parts) == 1:
        return [total]
    own = total // 5
    weights = [rng.uniform(0.6, 1.4) for _ in parts[1:]]
    scale = (total - own) / sum(weights)
    shares = [int(w * scale) for w in weights]
    shares[0] += total - own - sum(shares)
    return [own, *shares]


def _day_between(rng, start, end, *, skew=1.6):
    """A day between `start` and `end`, more of them towards the end (campaigns pick up speed)."""
    span = (end - start).days
    return start + timedelta(days=int(span * rng.random() ** (1 / skew)))


def _moment(day, rng):
    return timezone.make_aware(datetime.combine(day, time(7 + rng.randrange(10), rng.randrange(60))))


def _status_for(rng, decided_share):
    if rng.random() > decided_share:
        return rng.choice([S.DA_NOP, S.DA_NOP, S.DANG_XET])
    roll = rng.random()
    if roll < 0.09:
        return S.KHONG_THONG_QUA
    if roll < 0.91:
        return S.THONG_QUA
    if roll < 0.985:
        return S.DE_NGHI_KHEN
    return S.DUOC_TANG_BANG


WORKFLOW_PATH = [S.DANG_KY, S.DA_NOP, S.DANG_XET, S.THONG_QUA, S.DE_NGHI_KHEN, S.DUOC_TANG_BANG]
REJECTION_REASONS = [
    "Trùng nội dung với sáng kiến đã được công nhận.",
    "Chưa chứng minh được hiệu quả áp dụng thực tế.",
    "Hồ sơ thiếu xác nhận của thủ trưởng đơn vị.",
]


def seed_phase(campaign, phase, plan, units):
    """Initiatives of one phase: exactly `plan.submitted[code]` submitted ones in each subtree, plus some
    registrations that were never submitted. Returns how many were created (0 when already there)."""
    rng = random.Random(f"{plan.prefix}-{campaign.slug}")
    children_of = {}
    for unit in units.values():
        if unit.parent_id:
            children_of.setdefault(unit.parent_id, []).append(unit)
    planned = []
    for top_code, submitted in plan.submitted.items():
        top = units[top_code]
        members = [top, *sorted(children_of.get(top.pk, []), key=lambda u: u.code)]
        registered_only = round(submitted * plan.registered_only_share)
        for unit, n_submitted, n_registered in zip(
            members,
            _split(submitted, members, rng),
            _split(registered_only, members, rng),
            strict=True,
        ):
            for n in range(1, n_submitted + n_registered + 1):
                key = f"{plan.prefix}-{unit.code}-{n:04d}"
                status = _status_for(rng, plan.decided_share) if n <= n_submitted else S.DANG_KY
                planned.append(_planned_initiative(campaign, phase, unit, key, status, rng))
    existing = set(Initiative.objects.filter(campaign=campaign, phase=phase).values_list("key", flat=True))
    new = [item for item in planned if item[0].key not in existing]
    if not new:
        return 0
    objects = Initiative.objects.bulk_create([item[0] for item in new], batch_size=500)
    authors, changes = [], []
    for initiative, (_obj, names, history) in zip(objects, new, strict=True):
        authors += [
            Author(initiative=initiative, name=name, position=position, order=i)
            for i, (name, position) in enumerate(names)
        ]
        changes += [
            StatusChange(initiative=initiative, from_status=a, to_status=b, changed_at=at, note=note)
            for a, b, at, note in history
        ]
    Author.objects.bulk_create(authors, batch_size=1000)
    StatusChange.objects.bulk_create(changes, batch_size=1000)
    return len(objects)


def _planned_initiative(campaign, phase, unit, key, status, rng):
    sector = _sector_of(unit, rng)
    kind = rng.choice(KINDS_BY_SECTOR[sector])
    place = unit.short_name or unit.name
    title = rng.choice(TITLES[sector]).format(unit=place.replace("CĐCS ", ""))
    last_day = min(phase.closes_on, timezone.localdate())
    registered_on = _day_between(rng, phase.opens_on, last_day - timedelta(days=10))
    registered_at = _moment(registered_on, rng)
    submitted_at = None
    history = []
    if status != S.DANG_KY:
        submitted_on = min(last_day, registered_on + timedelta(days=rng.randint(3, 25)))
        submitted_at = _moment(submitted_on, rng)
        steps = WORKFLOW_PATH[: WORKFLOW_PATH.index(status) + 1] if status != S.KHONG_THONG_QUA else WORKFLOW_PATH[:3]
        at = submitted_at
        for before, after in zip(steps, steps[1:], strict=False):
            history.append((before, after, at, ""))
            at += timedelta(days=rng.randint(5, 30))
        if status == S.KHONG_THONG_QUA:
            history.append((S.DANG_XET, S.KHONG_THONG_QUA, at, ""))
    approved = status in Initiative.APPROVED_STATUSES
    benefit = rng.choice([None, 5, 8, 10, 12, 15, 20, 30, 45, 60, 120]) if approved else None
    recognized_on = (submitted_at + timedelta(days=rng.randint(20, 60))).date() if approved else None
    initiative = Initiative(
        campaign=campaign,
        phase=phase,
        unit=unit,
        key=key,
        title=title,
        kind=kind,
        sector=sector,
        summary=f"{title}. Sáng kiến do đoàn viên {place} đề xuất và áp dụng tại đơn vị.",
        effect=rng.choice(EFFECTS),
        benefit_value=benefit * 1_000_000 if benefit else None,
        recognized_by=rng.choice([Initiative.Recognizer.HOI_DONG, Initiative.Recognizer.THU_TRUONG])
        if approved
        else "",
        recognized_on=recognized_on,
        status=status,
        rejection_reason=rng.choice(REJECTION_REASONS) if status == S.KHONG_THONG_QUA else "",
        registered_at=registered_at,
        submitted_at=submitted_at,
    )
    names = [
        (f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", rng.choice(POSITIONS[sector]))
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))
    ]
    return initiative, names, history


def seed_staff(units):
    """Two staff accounts, created only when missing, with settings.DEMO_PASSWORD (as the news demo accounts):
    a provincial administrator and a Vĩnh Châu officer. Returns [(username, role, password shown)]."""
    User = get_user_model()
    password = settings.DEMO_PASSWORD
    accounts = []
    province_group = Group.objects.get(name=scopes.PROVINCE_ADMIN_GROUP)
    officer_group = Group.objects.get(name=scopes.UNIT_OFFICER_GROUP)
    for username, full_name, group, unit_code, role in [
        ("sangkien_tinh", "Quản trị sáng kiến tỉnh", province_group, None, "quản trị sáng kiến tỉnh"),
        ("sangkien_vinhchau", "Cán bộ sáng kiến Vĩnh Châu", officer_group, "st-vinh-chau", "cán bộ LĐLĐ TX Vĩnh Châu"),
    ]:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": full_name, "is_staff": True, "email": f"{username}@example.vn"}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(group)
        if unit_code:
            StaffScope.objects.get_or_create(user=user, defaults={"unit": units[unit_code]})
        accounts.append((username, role, password if created else "(đã có, giữ nguyên mật khẩu)"))
    return accounts
