"""The columns of an initiatives spreadsheet, and which of them an update compares.

The first row holds the column names below (in any order; case, accents and
spaces do not matter; other columns such as "STT" are ignored). Every following
non-empty row is one initiative. XLSX: the first sheet is read. CSV: UTF-8 (with
or without BOM), separated by commas or semicolons (detected from the header).
=======================  ==========  =================================================================
Cột                      Bắt buộc    Nội dung
=======================  ==========  =================================================================
ma_sang_kien             có          Mã sáng kiến, duy nhất trong phong trào (tối đa 64 ký tự). Nhập
                                     lại cùng mã thì cập nhật sáng kiến đó, không thêm mới.
ma_don_vi                có          Mã đơn vị công đoàn, ví dụ ``st-vinh-chau``; phải thuộc phạm vi
                                     quản lý của người nhập và còn tồn tại vào ngày đăng ký.
giai_doan                có          Số giai đoạn của phong trào: 1, 2 …
ten_sang_kien            có          Tên sáng kiến.
tac_gia                  có          Tác giả: ``Họ tên - Chức vụ; Họ tên - Chức vụ`` (chức vụ có thể bỏ).
loai_giai_phap           có          Mã hoặc tên: ky_thuat (Giải pháp kỹ thuật), quan_ly (Giải pháp
                                     quản lý), tac_nghiep (Giải pháp tác nghiệp), ung_dung (Ứng dụng
                                     tiến bộ kỹ thuật - công nghệ), nghien_cuu (Đề tài nghiên cứu khoa
                                     học). Không phân biệt hoa thường, có dấu hay không dấu.
linh_vuc                 có          hanh_chinh (Hành chính nhà nước), su_nghiep (Sự nghiệp công lập),
                                     san_xuat (Sản xuất kinh doanh).
trang_thai               không       dang_ky (Đăng ký, mặc định khi bỏ trống), da_nop (Đã nộp),
                                     dang_xet (Đang xét), thong_qua (Được thông qua), khong_thong_qua
                                     (Không được thông qua), de_nghi_khen (Đề nghị khen thưởng),
                                     duoc_tang_bang (Được tặng Bằng lao động sáng tạo).
ngay_dang_ky             có          dd/mm/yyyy, trong thời gian phong trào, không sau ngày kết thúc
                                     giai đoạn, không sau hôm nay.
ngay_nop                 khi đã nộp  dd/mm/yyyy, trong thời gian của giai đoạn, không trước ngày đăng
                                     ký. Bắt buộc từ trạng thái "Đã nộp" trở đi, bỏ trống khi "Đăng ký".
tom_tat                  không       Tóm tắt nội dung.
hieu_qua                 không       Hiệu quả mang lại.
gia_tri_lam_loi          không       Giá trị làm lợi, số đồng, không âm: ``15000000`` hoặc ``15.000.000``.
cap_cong_nhan            không       hoi_dong (Hội đồng sáng kiến) hoặc thu_truong (Thủ trưởng đơn vị).
ngay_cong_nhan           cùng cột    dd/mm/yyyy; ghi cùng lúc với cap_cong_nhan.
                         trên
ly_do_khong_thong_qua    khi không   Bắt buộc khi trạng thái là "Không được thông qua", bỏ trống với
                         thông qua   trạng thái khác.
=======================  ==========  =================================================================
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from ..models import Initiative


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str
    example: str = ""


COLUMNS = (
    Column("ma_sang_kien", True, gettext_lazy("Mã sáng kiến, duy nhất trong phong trào"), "VC-2022-0001"),
    Column("ma_don_vi", True, gettext_lazy("Mã đơn vị công đoàn"), "st-vinh-chau"),
    Column("giai_doan", True, gettext_lazy("Số giai đoạn: 1, 2 …"), "1"),
    Column("ten_sang_kien", True, gettext_lazy("Tên sáng kiến"), "Số hóa hồ sơ đoàn viên tại công đoàn cơ sở"),
    Column(
        "tac_gia",
        True,
        gettext_lazy("Họ tên - Chức vụ; Họ tên - Chức vụ"),
        "Nguyễn Văn An - Chủ tịch công đoàn; Trần Thị Bình - Kế toán",
    ),
    Column("loai_giai_phap", True, gettext_lazy("Loại giải pháp (mã hoặc tên)"), "Giải pháp quản lý"),
    Column("linh_vuc", True, gettext_lazy("Lĩnh vực (mã hoặc tên)"), "Hành chính nhà nước"),
    Column("trang_thai", False, gettext_lazy("Trạng thái (mã hoặc tên); bỏ trống là Đăng ký"), "Đã nộp"),
    Column("ngay_dang_ky", True, gettext_lazy("Ngày đăng ký, dd/mm/yyyy"), "10/01/2022"),
    Column("ngay_nop", False, gettext_lazy("Ngày nộp, dd/mm/yyyy; bắt buộc từ trạng thái Đã nộp"), "15/03/2022"),
    Column("tom_tat", False, gettext_lazy("Tóm tắt nội dung"), "Quét và lưu hồ sơ đoàn viên trên máy tính."),
    Column("hieu_qua", False, gettext_lazy("Hiệu quả"), "Giảm một nửa thời gian tra cứu hồ sơ."),
    Column("gia_tri_lam_loi", False, gettext_lazy("Giá trị làm lợi (đồng)"), "15.000.000"),
    Column("cap_cong_nhan", False, gettext_lazy("Hội đồng sáng kiến hoặc Thủ trưởng đơn vị"), "Hội đồng sáng kiến"),
    Column("ngay_cong_nhan", False, gettext_lazy("Ngày công nhận, dd/mm/yyyy"), "20/04/2022"),
    Column(
        "ly_do_khong_thong_qua",
        False,
        gettext_lazy("Bắt buộc khi trạng thái là Không được thông qua"),
        "",
    ),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
REQUIRED_COLUMNS = tuple(c.name for c in COLUMNS if c.required)

# Fields compared to decide whether an existing initiative changed.
COMPARED_FIELDS = (
    "unit_id",
    "phase_id",
    "title",
    "kind",
    "sector",
    "summary",
    "effect",
    "benefit_value",
    "recognized_by",
    "recognized_on",
    "rejection_reason",
)


KIND_WORD = gettext_lazy("loại giải pháp")
SECTOR_WORD = gettext_lazy("lĩnh vực")
STATUS_WORD = gettext_lazy("trạng thái")


class ImportedStatus:
    """The statuses a spreadsheet may give: all but "trả lại để bổ sung", a step of members' online filing that
    needs a reviewer's note (as TextChoices: `choices` and `labels`)."""

    choices = [(code, label) for code, label in Initiative.Status.choices if code != Initiative.Status.TRA_LAI]
    labels = [label for _code, label in choices]


RECOGNIZER_WORD = gettext_lazy("cấp công nhận")
