"""The demo's figures and names: the Sóc Trăng union tree, the campaigns and their phase plans, titles and
authors. Which of these are the federation's published facts and which are assumptions is said in
`initiatives/demo/__init__.py`."""

from dataclasses import dataclass
from datetime import date

from ..models import Initiative

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


WORKFLOW_PATH = [S.DANG_KY, S.DA_NOP, S.DANG_XET, S.THONG_QUA, S.DE_NGHI_KHEN, S.DUOC_TANG_BANG]
REJECTION_REASONS = [
    "Trùng nội dung với sáng kiến đã được công nhận.",
    "Chưa chứng minh được hiệu quả áp dụng thực tế.",
    "Hồ sơ thiếu xác nhận của thủ trưởng đơn vị.",
]

# Emulation clusters of the "1 triệu sáng kiến" campaign (demo assumption: the federation groups its unions into
# cụm by area and khối by sector; which union sits where here is invented).
MILLION_CLUSTERS = [
    ("cum-1", "Cụm thi đua số 1", ["st-vinh-chau", "st-tran-de", "st-my-xuyen", "st-long-phu", "st-cu-lao-dung"]),
    ("cum-2", "Cụm thi đua số 2", ["st-tp-soc-trang", "st-nga-nam", "st-my-tu", "st-ke-sach", "st-chau-thanh"]),
    ("cum-3", "Cụm thi đua số 3", ["st-thanh-tri"]),
    (
        "khoi-nganh",
        "Khối thi đua các công đoàn ngành",
        ["st-nganh-giao-duc", "st-nganh-y-te", "st-nganh-gtxd", "st-vien-chuc", "st-kcn"],
    ),
    (
        "khoi-doanh-nghiep",
        "Khối thi đua doanh nghiệp",
        ["st-cdcs-cong-trinh-do-thi", "st-cdcs-dien-luc", "st-cdcs-cap-nuoc", "st-cdcs-buu-dien"],
    ),
]
