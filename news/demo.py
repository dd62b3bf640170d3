"""Demo content for the news half of the portal: `seed_news()`, called by `manage.py seed_demo`.

Everything here was written for this portal. Unit names and figures come from
the federation's published reports (LĐLĐ tỉnh Sóc Trăng); people quoted are
invented, and so are the sector unions other than Giáo dục (Y tế, Giao thông -
Xây dựng…), which stand in for the province's real ones. The YouTube addresses
of the demo videos are placeholders ("LDLDdemo…") for editors to replace.

Running it again changes nothing: rows are found by their slug, URL or name and
left as they are, covers are drawn only for articles that have none.
"""

import colorsys
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from PIL import Image, ImageChops, ImageDraw, ImageFont

from news import demo_clips, services
from news.models import Article, Category, Video, VisitCounter, WebLink
from news.slugs import vietnamese_slugify

# The all-time period of the visit statistics (news/counting/stats.py keys it by this day).
ALL_TIME_START = date(1970, 1, 1)
# "Tất cả" on the old portal when it was replaced.
OLD_SITE_VISITS = 11_799_553

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
COVER_SIZE = (1200, 675)
THUMB_SIZE = (640, 360)


@dataclass(frozen=True)
class DemoArticle:
    category: str
    title: str
    sapo: str
    paragraphs: tuple
    author: str
    caption: str
    credit: str
    days_ago: float
    featured: bool = False
    status: str = Article.Status.PUBLISHED
    source_name: str = ""
    source_url: str = ""


def seed_news(*, stdout):
    with transaction.atomic():
        categories = _seed_categories()
        created = _seed_articles(categories)
        videos = _seed_videos()
        links = _seed_links()
        carried = _seed_visit_total()
        accounts = _seed_accounts()
    stdout.write(
        f"Tin tức mẫu: {len(categories)} chuyên mục, {created} bài mới "
        f"(tổng {Article.objects.count()}), {videos or 0} phim mới, {links} liên kết mới."
    )
    if videos is None:
        stdout.write("Không có ffmpeg nên chưa tạo phim mẫu (cài gói Debian “ffmpeg” rồi chạy lại seed_demo).")
    if carried:
        stdout.write(f"Thống kê truy cập: đã cộng {carried:,} lượt của trang cũ vào “Tất cả”.".replace(",", "."))
    for username, role, password in accounts:
        stdout.write(f"Tài khoản {role}: {username} / {password}")


# --- categories and articles -------------------------------------------------------


CATEGORIES = [
    ("tin-tuc-su-kien", "Tin tức - Sự kiện", "Tin hoạt động chung của Liên đoàn Lao động tỉnh."),
    ("hoat-dong-cong-doan", "Hoạt động Công đoàn", "Hoạt động của công đoàn các cấp trong tỉnh."),
    ("cham-lo-doi-song", "Chăm lo đời sống", "Chăm lo, hỗ trợ đoàn viên và người lao động."),
    ("thi-dua-khen-thuong", "Thi đua - Khen thưởng", "Phong trào thi đua, sáng kiến và khen thưởng."),
    ("phap-luat-chinh-sach", "Pháp luật - Chính sách", "Chính sách, pháp luật liên quan đến người lao động."),
    ("an-toan-ve-sinh-lao-dong", "An toàn vệ sinh lao động", "An toàn, vệ sinh lao động và phòng chống cháy nổ."),
]

# Each category's colour on generated covers (hue 0–1).
_HUES = {
    "tin-tuc-su-kien": 0.0,
    "hoat-dong-cong-doan": 0.58,
    "cham-lo-doi-song": 0.08,
    "thi-dua-khen-thuong": 0.12,
    "phap-luat-chinh-sach": 0.66,
    "an-toan-ve-sinh-lao-dong": 0.33,
}


def _seed_categories():
    categories = {}
    for order, (slug, name, description) in enumerate(CATEGORIES, start=1):
        category, _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order, "description": description}
        )
        categories[slug] = category
    return categories


def _seed_articles(categories):
    now = timezone.now()
    created = 0
    for item in ARTICLES:
        slug = vietnamese_slugify(item.title, max_length=152)
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            article = Article(
                slug=slug,
                title=item.title,
                sapo=item.sapo,
                body="".join(f"<p>{p}</p>" if not p.startswith("<") else p for p in item.paragraphs),
                category=categories[item.category],
                author=item.author,
                cover_caption=item.caption,
                cover_credit=item.credit,
                source_name=item.source_name,
                source_url=item.source_url,
                status=item.status,
                published_at=_publish_time(now, item.days_ago),
                is_featured=item.featured,
            )
            created += 1
        if not article.cover:
            article.cover = ContentFile(_draw_cover(item.title, item.category), name="bia.jpg")
        if article.pk is None or not (article.cover_thumb and article.cover_large):
            article.save()
    return created


def _publish_time(now, days_ago):
    """`days_ago` days before now, at a plausible office hour (a negative value is in the future)."""
    local = timezone.localtime(now) - timedelta(days=days_ago)
    if days_ago < 0:
        return local
    hour = 7 + int(days_ago * 7) % 11
    moment = datetime.combine(local.date(), time(hour, int(days_ago * 37) % 60))
    moment = timezone.make_aware(moment)
    return min(moment, now - timedelta(minutes=30))


# --- videos and links -----------------------------------------------------------------

# Documentary films of the demo: short MP4 clips made by ffmpeg on this machine (news/demo_clips.py), so they
# play offline. (title, days ago, tone of the clip's sound in Hz)
VIDEOS = [
    ("Đại hội Công đoàn tỉnh nhiệm kỳ 2023 - 2028", 12, 392),
    ("Quy trình cập nhật sáng kiến trên cổng thông tin", 25, 440),
    ("Chương trình Tết Sum vầy năm 2024", 40, 494),
    ("Phong trào 1 triệu sáng kiến: những con số ấn tượng", 55, 523),
    ("Mái ấm Công đoàn: niềm vui nhà mới", 90, 587),
    ("An toàn lao động trong mùa mưa bão", 130, 659),
]

WEB_LINKS = [
    ("Tổng Liên đoàn Lao động Việt Nam", "https://www.congdoan.vn/"),
    ("Báo Lao Động", "https://laodong.vn/"),
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("UBND tỉnh Sóc Trăng", "https://www.soctrang.gov.vn/"),
    ("Tỉnh ủy Sóc Trăng", "https://soctrang.dcs.vn/"),
    ("Bộ Lao động - Thương binh và Xã hội", "https://www.molisa.gov.vn/"),
    ("Bảo hiểm xã hội Việt Nam", "https://baohiemxahoi.gov.vn/"),
    ("Báo Sóc Trăng", "https://www.baosoctrang.org.vn/"),
]


def _seed_videos():
    """The demo's films as MP4 clips; none without ffmpeg (the seed says so)."""
    created = 0
    today = timezone.localdate()
    for title, days_ago, tone in VIDEOS:
        video = Video.objects.filter(title=title).first()
        if video is not None and video.file:
            continue
        clip = demo_clips.make_clip(tone=tone)
        if clip is None:
            return None
        if video is None:
            video = Video(title=title, published_on=today - timedelta(days=days_ago), status=Video.Status.PUBLISHED)
            created += 1
        video.youtube_url = ""
        video.file = ContentFile(clip, name="phim.mp4")
        if not video.thumbnail:
            video.thumbnail = ContentFile(_draw_cover(title, "video", size=THUMB_SIZE), name="phim.jpg")
        video.save()
    return created


def _seed_links():
    created = 0
    for order, (title, url) in enumerate(WEB_LINKS, start=1):
        _, was_created = WebLink.objects.get_or_create(
            url=url, defaults={"title": title, "order": order, "status": WebLink.Status.PUBLISHED}
        )
        created += was_created
    return created


def _seed_visit_total():
    """Make "Tất cả" start from the old site's 11.799.553, once.

    The statistics show the all-time row plus `settings.VISIT_STARTING_TOTAL`.
    When that sum is below the old figure, the row gets the difference
    added (visits already counted here stay on top); afterwards the sum is at
    least the old figure, so running the seed again adds nothing, and setting
    VISIT_STARTING_TOTAL=11799553 instead makes this a no-op.
    """
    key = {"period": VisitCounter.Period.ALL, "start": ALL_TIME_START}
    VisitCounter.objects.bulk_create([VisitCounter(**key, slot=0)], ignore_conflicts=True)
    counter = VisitCounter.objects.select_for_update().get(**key, slot=0)
    counted = VisitCounter.objects.filter(**key).aggregate(total=Sum("visits"))["total"] or 0
    carried = OLD_SITE_VISITS - settings.VISIT_STARTING_TOTAL
    if carried <= 0 or counted + settings.VISIT_STARTING_TOTAL >= OLD_SITE_VISITS:
        return 0
    VisitCounter.objects.filter(pk=counter.pk).update(visits=F("visits") + carried)
    return carried


# --- accounts ------------------------------------------------------------------------

ACCOUNTS = [
    ("quantri", "quản trị", None),
    ("bientap", "biên tập viên", services.EDITORS_GROUP),
    ("duyetbai", "duyệt bài", services.PUBLISHERS_GROUP),
]


def _seed_accounts():
    """The three demo accounts, created only when missing; their password is settings.DEMO_PASSWORD."""
    User = get_user_model()
    password = settings.DEMO_PASSWORD
    shown = []
    for username, role, group_name in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@example.vn", is_staff=True)
            user.is_superuser = group_name is None
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            shown.append((username, role, password))
        else:
            shown.append((username, role, "(đã có, giữ nguyên mật khẩu)"))
    return shown


# --- generated pictures ------------------------------------------------------------------


def _font(size, bold=True):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        return ImageFont.load_default(size)


def _rgb(hue, lightness, saturation):
    return tuple(round(c * 255) for c in colorsys.hls_to_rgb(hue % 1, lightness, saturation))


def _draw_cover(title, category_slug, *, size=COVER_SIZE):
    """A JPEG: a diagonal gradient in the category's colour, soft circles, and the title in white."""
    width, height = size
    seed = int(hashlib.sha256(title.encode()).hexdigest()[:8], 16)
    hue = _HUES.get(category_slug, 0.95) + (seed % 7 - 3) / 100
    start, end = _rgb(hue, 0.30, 0.65), _rgb(hue + 0.06, 0.50, 0.70)
    vertical = Image.linear_gradient("L")
    gradient = ImageChops.add(vertical, vertical.rotate(90), scale=2).resize(size)  # diagonal, top-left dark
    image = Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), gradient)
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for i in range(6):
        radius = (seed >> (i * 3)) % (height // 3) + height // 8
        cx = (seed >> i) % width
        cy = (seed >> (i + 5)) % height
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(255, 255, 255, 22 + i * 4))
    draw.rectangle((0, height - height // 3, width, height), fill=(0, 0, 0, 70))
    image = Image.alpha_composite(image.convert("RGBA"), overlay)
    draw = ImageDraw.Draw(image)
    margin = width // 20
    font = _font(max(18, width // 26))
    lines = _wrap(draw, title, font, width - 2 * margin)[:3]
    line_height = font.size + font.size // 3
    y = height - margin - line_height * len(lines)
    for line in lines:
        draw.text((margin, y), line, font=font, fill=(255, 255, 255))
        y += line_height
    draw.text((margin, margin), "LĐLĐ TỈNH", font=_font(max(12, width // 50)), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def _wrap(draw, text, font, max_width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= max_width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


# --- the articles ----------------------------------------------------------------------
# Written for this portal. Figures from the federation's reports; people are invented.

A = DemoArticle

ARTICLES = [
    # Tin tức - Sự kiện
    A(
        "tin-tuc-su-kien",
        "Sóc Trăng vượt 282,2% chỉ tiêu sáng kiến giai đoạn 1",
        "Kết thúc giai đoạn 1 phong trào “1 triệu sáng kiến”, công đoàn các cấp trong tỉnh ghi nhận 2.822 sáng kiến, "
        "gấp gần ba lần chỉ tiêu Tổng Liên đoàn giao.",
        (
            "Theo báo cáo của Ban Thường vụ Liên đoàn Lao động (LĐLĐ) tỉnh, chỉ tiêu Tổng Liên đoàn Lao động Việt Nam "
            "giao cho tỉnh trong giai đoạn 1 là 1.000 sáng kiến, kế hoạch của tỉnh đặt ra 2.000 sáng kiến. Kết quả, "
            "đoàn viên, người lao động đã đăng ký và nộp 2.822 sáng kiến, đạt 282,2% chỉ tiêu và vượt kế hoạch 822 sáng kiến.",
            "Dẫn đầu phong trào là LĐLĐ thị xã Vĩnh Châu với 507 sáng kiến, tiếp theo là LĐLĐ huyện Trần Đề 441 sáng "
            "kiến, Công đoàn Ngành Giáo dục 337 sáng kiến, LĐLĐ thành phố Sóc Trăng 272 sáng kiến và Công đoàn Viên "
            "chức tỉnh 259 sáng kiến. Ở khu vực công đoàn cơ sở trực thuộc, CĐCS Công ty Cổ phần Công trình Đô thị "
            "có 87 sáng kiến.",
            "Các sáng kiến tập trung vào ba nhóm: giải pháp kỹ thuật; giải pháp về quản lý, tác nghiệp; ứng dụng tiến "
            "bộ khoa học kỹ thuật vào thực tiễn. Nhiều giải pháp đã được áp dụng ngay tại cơ quan, doanh nghiệp, giúp "
            "tiết kiệm thời gian xử lý hồ sơ và chi phí sản xuất.",
            "LĐLĐ tỉnh đề nghị công đoàn các cấp tiếp tục hướng dẫn đoàn viên cập nhật sáng kiến trên cổng thông tin, "
            "đồng thời phối hợp với chuyên môn đánh giá, công nhận để kịp thời khen thưởng trong giai đoạn 2.",
        ),
        "THANH TÂM",
        "Đoàn viên Công đoàn Ngành Giáo dục giới thiệu sáng kiến làm đồ dùng dạy học.",
        "Thanh Tâm",
        2.2,
        featured=True,
    ),
    A(
        "tin-tuc-su-kien",
        "Công đoàn tỉnh đạt và vượt 13/13 chỉ tiêu năm",
        "Hội nghị Ban Chấp hành LĐLĐ tỉnh lần thứ tám đánh giá năm qua công đoàn các cấp hoàn thành toàn diện nhiệm vụ, "
        "đạt và vượt cả 13 chỉ tiêu Đại hội đề ra.",
        (
            "Năm qua, công đoàn các cấp trong tỉnh kết nạp mới 4.968 đoàn viên; số đoàn viên tăng thực 1.653 người, "
            "đạt 114% so với chỉ tiêu 1.450 đoàn viên. Thành lập mới 3 công đoàn cơ sở, đạt 100% kế hoạch.",
            "Công tác tuyên truyền, giáo dục được chú trọng với 20.963 lượt công nhân, viên chức, lao động được phổ "
            "biến chính sách, pháp luật, đạt 78% trong khi chỉ tiêu đặt ra là 70%.",
            "<h2>Trọng tâm năm tới</h2>",
            "Hội nghị thống nhất tiếp tục đổi mới nội dung, phương thức hoạt động, hướng mạnh về cơ sở; đẩy nhanh "
            "chuyển đổi số trong quản lý đoàn viên và tài chính công đoàn; tăng cường đối thoại tại nơi làm việc ở "
            "các doanh nghiệp ngoài nhà nước.",
            "Phát biểu kết luận, Chủ tịch LĐLĐ tỉnh nhấn mạnh mỗi cán bộ công đoàn phải gần gũi, lắng nghe người lao "
            "động, giải quyết kịp thời những bức xúc ngay từ cơ sở.",
        ),
        "BẢO HÂN",
        "Quang cảnh hội nghị Ban Chấp hành LĐLĐ tỉnh.",
        "Bảo Hân",
        5.4,
        featured=True,
    ),
    A(
        "tin-tuc-su-kien",
        "Khai mạc Tháng Công nhân với chủ đề an toàn và nghĩa tình",
        "Hơn 600 công nhân, lao động dự lễ phát động Tháng Công nhân tại Khu công nghiệp An Nghiệp sáng chủ nhật.",
        (
            "Lễ phát động do LĐLĐ tỉnh phối hợp với Công đoàn các Khu công nghiệp tỉnh tổ chức. Trong khuôn khổ chương "
            "trình, ban tổ chức trao 150 phần quà cho công nhân có hoàn cảnh khó khăn và khám sức khỏe miễn phí cho "
            "300 người lao động.",
            "Tháng Công nhân năm nay tập trung vào các hoạt động thiết thực: tổ chức đối thoại giữa người sử dụng lao "
            "động và người lao động, kiểm tra bữa ăn ca, hỗ trợ công nhân thuê trọ và tổ chức các giải thể thao "
            "phong trào.",
            "Đại diện doanh nghiệp cam kết phối hợp với công đoàn cơ sở thực hiện đầy đủ chế độ, chính sách, cải "
            "thiện điều kiện làm việc và nâng chất lượng bữa ăn giữa ca.",
        ),
        "ANH KHOA",
        "Công nhân tham gia lễ phát động Tháng Công nhân.",
        "Anh Khoa",
        9.1,
    ),
    A(
        "tin-tuc-su-kien",
        "Hội nghị tập huấn cán bộ công đoàn cơ sở khu vực ven biển",
        "Hơn 120 chủ tịch, phó chủ tịch công đoàn cơ sở ở thị xã Vĩnh Châu và huyện Trần Đề được bồi dưỡng kỹ năng "
        "trong hai ngày.",
        (
            "Nội dung tập huấn gồm kỹ năng thương lượng tập thể, quản lý tài chính công đoàn cơ sở, cách tổ chức đại "
            "hội công đoàn cơ sở và sử dụng phần mềm quản lý đoàn viên.",
            "Giảng viên là cán bộ các ban của LĐLĐ tỉnh và chuyên gia pháp luật lao động. Các học viên được thực hành "
            "tình huống thương lượng về tiền lương, thời giờ làm việc và nghỉ ngơi.",
            "Nhiều học viên cho biết lớp học giúp họ tự tin hơn khi đại diện cho đoàn viên trao đổi với người sử dụng "
            "lao động, nhất là tại các doanh nghiệp thủy sản có đông lao động thời vụ.",
        ),
        "PHƯƠNG ANH",
        "Học viên thảo luận nhóm tại lớp tập huấn.",
        "Phương Anh",
        13.6,
    ),
    A(
        "tin-tuc-su-kien",
        "Lãnh đạo tỉnh gặp gỡ, đối thoại với công nhân lao động",
        "Buổi đối thoại thu hút gần 400 công nhân, lao động; 27 ý kiến được nêu trực tiếp, tập trung vào nhà ở, trường "
        "học cho con và tiền lương.",
        (
            "Tại buổi đối thoại, nhiều công nhân đề nghị tỉnh sớm đầu tư nhà ở xã hội gần khu công nghiệp, mở thêm "
            "nhóm trẻ nhận giữ con công nhân làm ca và tăng tuyến xe buýt đưa đón.",
            "Lãnh đạo UBND tỉnh và các sở, ngành đã trả lời trực tiếp các ý kiến. Với những kiến nghị chưa thể giải "
            "quyết ngay, tỉnh giao các cơ quan chuyên môn nghiên cứu và trả lời bằng văn bản trong 30 ngày.",
            "LĐLĐ tỉnh sẽ theo dõi, đôn đốc việc thực hiện các cam kết sau đối thoại và thông tin kết quả đến người "
            "lao động qua cổng thông tin và các công đoàn cơ sở.",
        ),
        "MINH THƯ",
        "Công nhân nêu ý kiến tại buổi đối thoại.",
        "Minh Thư",
        18.3,
    ),
    A(
        "tin-tuc-su-kien",
        "Ra mắt cổng thông tin điện tử mới của Liên đoàn Lao động tỉnh",
        "Cổng thông tin mới hiển thị tốt trên điện thoại, cho phép đoàn viên theo dõi tin tức và phong trào sáng kiến "
        "ở mọi nơi.",
        (
            "Cổng thông tin được xây dựng lại trên nền tảng mới, tập trung vào trải nghiệm đọc trên điện thoại di động "
            "vì phần lớn đoàn viên truy cập bằng điện thoại.",
            "Bên cạnh các chuyên mục tin tức, cổng có trang theo dõi phong trào sáng kiến với số liệu đăng ký, nộp và "
            "thông qua của từng đơn vị, cập nhật thường xuyên.",
            "Số lượt truy cập của trang cũ được giữ nguyên và cộng dồn trên trang mới. Ban biên tập mong nhận được góp "
            "ý của đoàn viên để cổng thông tin ngày càng hữu ích.",
        ),
        "BAN BIÊN TẬP",
        "Giao diện cổng thông tin trên điện thoại.",
        "Ban Biên tập",
        24.0,
    ),
    A(
        "tin-tuc-su-kien",
        "Kỷ niệm ngày thành lập Công đoàn Việt Nam bằng nhiều hoạt động ý nghĩa",
        "Công đoàn các cấp trong tỉnh tổ chức mít tinh, tọa đàm, thăm hỏi cán bộ công đoàn hưu trí và trao quà cho "
        "đoàn viên khó khăn.",
        (
            "Tại buổi tọa đàm, các thế hệ cán bộ công đoàn ôn lại truyền thống vẻ vang của tổ chức Công đoàn Việt Nam "
            "và chia sẻ kinh nghiệm vận động công nhân trong giai đoạn mới.",
            "Dịp này, LĐLĐ tỉnh thăm và tặng quà 40 cán bộ công đoàn nghỉ hưu có nhiều đóng góp, trao 200 suất quà cho "
            "đoàn viên có hoàn cảnh khó khăn với tổng trị giá 100 triệu đồng.",
            "Các LĐLĐ huyện, thị xã, thành phố và công đoàn ngành đồng loạt tổ chức hội thao, văn nghệ, tạo không khí "
            "vui tươi trong đoàn viên, người lao động.",
        ),
        "THANH TÂM",
        "Đại biểu dâng hoa tại buổi lễ kỷ niệm.",
        "Thanh Tâm",
        150.0,
    ),
    # Hoạt động Công đoàn
    A(
        "hoat-dong-cong-doan",
        "Công đoàn các Khu công nghiệp tỉnh: 25.562 đoàn viên trong 33 công đoàn cơ sở",
        "Tỷ lệ tập hợp đoàn viên tại các khu công nghiệp đạt hơn 95% trên tổng số 26.876 công nhân, lao động.",
        (
            "Công đoàn các Khu công nghiệp (KCN) tỉnh hiện quản lý 33 công đoàn cơ sở với 25.562 đoàn viên trên tổng "
            "số 26.876 công nhân, viên chức, lao động đang làm việc tại các doanh nghiệp.",
            "Để giữ vững tỷ lệ này, công đoàn thường xuyên phối hợp với doanh nghiệp tuyên truyền về lợi ích khi gia "
            "nhập công đoàn ngay từ khi người lao động mới vào làm việc.",
            "Năm nay, Công đoàn các KCN đặt mục tiêu ký mới hoặc sửa đổi thỏa ước lao động tập thể có lợi hơn cho "
            "người lao động tại ít nhất 5 doanh nghiệp.",
            "Nhiều công đoàn cơ sở đã chủ động đề xuất doanh nghiệp nâng mức tiền ăn giữa ca, hỗ trợ tiền nhà trọ và "
            "tổ chức xe đưa đón công nhân ở xa.",
        ),
        "ANH KHOA",
        "Công nhân một doanh nghiệp chế biến thủy sản trong giờ làm việc.",
        "Anh Khoa",
        3.5,
    ),
    A(
        "hoat-dong-cong-doan",
        "LĐLĐ huyện Mỹ Tú ra mắt mô hình công đoàn cơ sở số",
        "Đoàn viên có thể tra cứu thông tin, gửi kiến nghị và nhận thông báo của công đoàn cơ sở ngay trên điện thoại.",
        (
            "Mô hình được thí điểm tại 4 công đoàn cơ sở khối trường học và cơ quan hành chính của huyện. Mỗi đơn vị "
            "có nhóm trao đổi riêng và sổ theo dõi đoàn viên điện tử.",
            "Theo LĐLĐ huyện, việc số hóa giúp giảm đáng kể giấy tờ, rút ngắn thời gian tổng hợp báo cáo từ vài ngày "
            "xuống còn vài giờ.",
            "Sau 6 tháng thí điểm, huyện sẽ đánh giá và nhân rộng mô hình ra toàn bộ công đoàn cơ sở trên địa bàn.",
        ),
        "PHƯƠNG ANH",
        "Cán bộ công đoàn hướng dẫn đoàn viên sử dụng ứng dụng.",
        "Phương Anh",
        7.2,
    ),
    A(
        "hoat-dong-cong-doan",
        "Công đoàn thị xã Ngã Năm đẩy mạnh phát triển đoàn viên khu vực ngoài nhà nước",
        "Trong 9 tháng, LĐLĐ thị xã Ngã Năm kết nạp 312 đoàn viên mới, phần lớn làm việc tại các doanh nghiệp nhỏ và "
        "hợp tác xã.",
        (
            "Cán bộ công đoàn thị xã trực tiếp đến từng doanh nghiệp, gặp gỡ chủ doanh nghiệp và người lao động để "
            "tuyên truyền về quyền lợi khi tham gia tổ chức công đoàn.",
            "Nhiều người lao động trước đây còn e ngại nay đã chủ động làm đơn gia nhập sau khi được công đoàn hỗ trợ "
            "giải quyết chế độ bảo hiểm xã hội bị chậm.",
            "LĐLĐ thị xã đặt mục tiêu thành lập thêm 1 công đoàn cơ sở tại doanh nghiệp có từ 25 lao động trở lên "
            "trước cuối năm.",
        ),
        "MINH THƯ",
        "Cán bộ công đoàn thị xã trao đổi với người lao động.",
        "Minh Thư",
        11.8,
    ),
    A(
        "hoat-dong-cong-doan",
        "Tọa đàm vai trò nữ công nhân trong doanh nghiệp",
        "Ban Nữ công LĐLĐ tỉnh tổ chức tọa đàm với sự tham gia của 80 nữ đoàn viên đang làm việc tại các khu công nghiệp.",
        (
            "Các đại biểu chia sẻ khó khăn khi vừa làm ca vừa chăm sóc con nhỏ, mong muốn doanh nghiệp bố trí phòng vắt "
            "trữ sữa và hỗ trợ tiền gửi trẻ.",
            "Đại diện Ban Nữ công thông tin về các quy định của Bộ luật Lao động đối với lao động nữ: nghỉ thai sản, "
            "thời gian nghỉ trong ngày khi nuôi con dưới 12 tháng tuổi và bảo vệ thai sản.",
            "Kết thúc tọa đàm, ban tổ chức trao 50 suất học bổng cho con nữ công nhân học giỏi có hoàn cảnh khó khăn.",
        ),
        "BẢO HÂN",
        "Nữ đoàn viên phát biểu tại buổi tọa đàm.",
        "Bảo Hân",
        16.4,
    ),
    A(
        "hoat-dong-cong-doan",
        "Công đoàn Ngành Y tế tổ chức hội thao chào mừng ngày Thầy thuốc",
        "Gần 300 vận động viên của 18 công đoàn cơ sở ngành Y tế tranh tài ở các môn bóng chuyền, kéo co và cầu lông.",
        (
            "Hội thao là dịp để đội ngũ y, bác sĩ, nhân viên y tế giao lưu, rèn luyện sức khỏe sau những ngày làm việc "
            "căng thẳng.",
            "Ngoài phần thi đấu, ban tổ chức còn có gian hàng giới thiệu các sáng kiến cải tiến quy trình khám chữa "
            "bệnh của các bệnh viện tuyến huyện.",
            "Kết quả, Bệnh viện Đa khoa tỉnh đoạt giải nhất toàn đoàn, Trung tâm Y tế thị xã Vĩnh Châu xếp thứ hai.",
        ),
        "THANH TÂM",
        "Trận chung kết môn kéo co nam.",
        "Thanh Tâm",
        22.7,
    ),
    A(
        "hoat-dong-cong-doan",
        "Đại hội Công đoàn cơ sở Công ty Cổ phần Công trình Đô thị nhiệm kỳ mới",
        "Đại hội bầu Ban Chấp hành 7 người và thông qua chương trình hành động với trọng tâm chăm lo việc làm, thu nhập "
        "cho đoàn viên.",
        (
            "Nhiệm kỳ qua, công đoàn cơ sở đã phối hợp với ban giám đốc tổ chức đối thoại định kỳ, ký thỏa ước lao động "
            "tập thể với nhiều điều khoản có lợi hơn quy định của pháp luật.",
            "Phong trào sáng kiến của đơn vị nổi bật với 87 sáng kiến trong giai đoạn 1, dẫn đầu khu vực công đoàn cơ "
            "sở trực thuộc LĐLĐ tỉnh.",
            "Đại hội đề ra mục tiêu 100% đoàn viên được tham gia các hoạt động do công đoàn tổ chức và mỗi năm có ít nhất "
            "20 sáng kiến được công nhận.",
        ),
        "ANH KHOA",
        "Ban Chấp hành nhiệm kỳ mới ra mắt đại hội.",
        "Anh Khoa",
        30.2,
    ),
    A(
        "hoat-dong-cong-doan",
        "Công đoàn Giao thông - Xây dựng tập huấn nghiệp vụ cho cán bộ cơ sở",
        "Lớp tập huấn giúp 60 cán bộ công đoàn cơ sở nắm vững cách xây dựng kế hoạch hoạt động và quản lý quỹ công đoàn.",
        (
            "Các học viên được hướng dẫn lập dự toán, quyết toán tài chính công đoàn cơ sở theo quy định mới, tránh các "
            "sai sót thường gặp khi kiểm tra.",
            "Lớp học cũng dành thời gian trao đổi về cách vận động công nhân xây dựng làm việc theo công trình, thường "
            "xuyên thay đổi nơi làm việc.",
            "Công đoàn ngành cho biết sẽ tổ chức thêm một lớp cho cán bộ mới được bầu vào dịp cuối năm.",
        ),
        "MINH THƯ",
        "Học viên lớp tập huấn nghiệp vụ.",
        "Minh Thư",
        44.9,
    ),
    # Chăm lo đời sống
    A(
        "cham-lo-doi-song",
        "Trên 12 tỉ đồng chăm lo Tết cho đoàn viên, người lao động",
        "Công đoàn các cấp trong tỉnh đã thăm hỏi, tặng quà hơn 20.000 lượt đoàn viên, người lao động dịp Tết Nguyên đán.",
        (
            "Nguồn kinh phí được huy động từ tài chính công đoàn, đóng góp của doanh nghiệp và các nhà hảo tâm. Mỗi "
            "suất quà gồm tiền mặt và nhu yếu phẩm, ưu tiên đoàn viên có hoàn cảnh khó khăn, bị mất việc làm.",
            "Chương trình “Chuyến xe mùa xuân” hỗ trợ vé xe cho 500 công nhân về quê đón Tết. “Phiên chợ Tết Công đoàn” "
            "bán hàng ưu đãi giảm giá từ 10 đến 50% cho đoàn viên.",
            "LĐLĐ tỉnh yêu cầu công đoàn cơ sở rà soát kỹ danh sách, bảo đảm quà đến đúng người, đúng đối tượng, "
            "không để đoàn viên nào không có Tết.",
        ),
        "PHƯƠNG ANH",
        "Trao quà Tết cho công nhân có hoàn cảnh khó khăn.",
        "Phương Anh",
        60.3,
    ),
    A(
        "cham-lo-doi-song",
        "Bàn giao 9 Mái ấm Công đoàn cho đoàn viên khó khăn về nhà ở",
        "Mỗi căn nhà được hỗ trợ 50 triệu đồng từ quỹ Xã hội Công đoàn và sự đóng góp của đoàn viên cùng cụm thi đua.",
        (
            "Các căn nhà được xây dựng kiên cố, diện tích từ 40 đến 50 mét vuông, giúp gia đình đoàn viên yên tâm ổn "
            "định cuộc sống, nhất là trong mùa mưa bão.",
            "Anh Trần Văn Phúc, công nhân một doanh nghiệp chế biến thủy sản, xúc động cho biết gia đình anh ở nhà "
            "tạm hơn mười năm, nay mới có căn nhà vững chãi.",
            "Trong năm, công đoàn các cấp đặt mục tiêu hỗ trợ xây mới và sửa chữa ít nhất 30 Mái ấm Công đoàn trên "
            "địa bàn tỉnh.",
        ),
        "BẢO HÂN",
        "Lãnh đạo LĐLĐ tỉnh trao quyết định hỗ trợ Mái ấm Công đoàn.",
        "Bảo Hân",
        8.6,
    ),
    A(
        "cham-lo-doi-song",
        "Phiên chợ Công đoàn mang hàng hóa giá tốt đến công nhân",
        "Gần 2.000 công nhân được mua hàng thiết yếu giảm giá tại phiên chợ tổ chức ngay cổng khu công nghiệp.",
        (
            "Phiên chợ có 40 gian hàng của các doanh nghiệp, hợp tác xã trong tỉnh, bày bán gạo, dầu ăn, thực phẩm khô, "
            "đồ gia dụng với mức giảm giá đến 30%.",
            "Mỗi công nhân được phát phiếu mua hàng trị giá 200.000 đồng do công đoàn và doanh nghiệp cùng tài trợ.",
            "Chị Lâm Thị Mai, công nhân may, cho biết phiên chợ diễn ra sau giờ tan ca nên rất thuận tiện, giúp chị "
            "tiết kiệm một khoản đáng kể trong tháng.",
        ),
        "ANH KHOA",
        "Công nhân mua sắm tại phiên chợ Công đoàn.",
        "Anh Khoa",
        58.1,
    ),
    A(
        "cham-lo-doi-song",
        "Trao học bổng cho con đoàn viên vượt khó học giỏi",
        "250 suất học bổng, mỗi suất 1 triệu đồng, được trao cho học sinh, sinh viên là con đoàn viên trong toàn tỉnh.",
        (
            "Học bổng được trích từ quỹ khuyến học của LĐLĐ tỉnh và sự hỗ trợ của các doanh nghiệp đồng hành.",
            "Nhiều em có cha mẹ là công nhân lao động phổ thông, thu nhập thấp nhưng vẫn đạt danh hiệu học sinh giỏi "
            "nhiều năm liền.",
            "Ban tổ chức mong các em tiếp tục nỗ lực học tập, trở thành niềm tự hào của gia đình và tổ chức Công đoàn.",
        ),
        "THANH TÂM",
        "Các em học sinh nhận học bổng.",
        "Thanh Tâm",
        35.5,
    ),
    A(
        "cham-lo-doi-song",
        "Hỗ trợ công nhân bị giảm giờ làm do doanh nghiệp thiếu đơn hàng",
        "Công đoàn kịp thời thăm hỏi, hỗ trợ 420 công nhân tại 3 doanh nghiệp may mặc bị giảm giờ làm trong quý vừa qua.",
        (
            "Mỗi công nhân được hỗ trợ 500.000 đồng từ nguồn tài chính công đoàn. Công đoàn cơ sở cũng đề nghị doanh "
            "nghiệp bố trí lịch làm việc hợp lý để người lao động có thể làm thêm bên ngoài.",
            "LĐLĐ tỉnh phối hợp với Trung tâm Dịch vụ việc làm giới thiệu việc làm thời vụ cho những công nhân có nhu "
            "cầu.",
            "Công đoàn theo dõi sát tình hình, sẵn sàng đại diện người lao động thương lượng khi doanh nghiệp có kế "
            "hoạch cắt giảm lao động.",
        ),
        "MINH THƯ",
        "Cán bộ công đoàn thăm hỏi công nhân bị giảm giờ làm.",
        "Minh Thư",
        27.3,
    ),
    A(
        "cham-lo-doi-song",
        "Khám sức khỏe miễn phí cho 1.000 nữ công nhân",
        "Chương trình tầm soát bệnh phụ khoa và ung thư vú được tổ chức tại 5 doanh nghiệp đông lao động nữ.",
        (
            "Các bác sĩ của bệnh viện tỉnh trực tiếp thăm khám, tư vấn chăm sóc sức khỏe sinh sản cho nữ công nhân "
            "ngay tại doanh nghiệp.",
            "Những trường hợp phát hiện bất thường được hướng dẫn đến cơ sở y tế để điều trị kịp thời, công đoàn hỗ "
            "trợ một phần chi phí.",
            "Đây là năm thứ ba chương trình được tổ chức và nhận được sự hưởng ứng tích cực của doanh nghiệp.",
        ),
        "BẢO HÂN",
        "Bác sĩ tư vấn sức khỏe cho nữ công nhân.",
        "Bảo Hân",
        49.8,
    ),
    A(
        "cham-lo-doi-song",
        "Tết Sum vầy: 1.500 phần quà cho công nhân ở lại làm việc",
        "Chương trình dành cho công nhân không về quê đón Tết, có bữa cơm tất niên, văn nghệ và bốc thăm trúng thưởng.",
        (
            "Bữa cơm tất niên ấm cúng được tổ chức ngay tại nhà ăn doanh nghiệp với sự tham gia của lãnh đạo tỉnh, "
            "LĐLĐ tỉnh và ban giám đốc.",
            "Bên cạnh quà tặng, chương trình có gian hàng 0 đồng với quần áo, đồ dùng cho con em công nhân.",
            "Nhiều công nhân chia sẻ không khí ấm áp giúp họ vơi bớt nỗi nhớ nhà trong những ngày cuối năm.",
        ),
        "ANH KHOA",
        "Công nhân dự bữa cơm tất niên do công đoàn tổ chức.",
        "Anh Khoa",
        64.0,
    ),
    # Thi đua - Khen thưởng
    A(
        "thi-dua-khen-thuong",
        "Tuyên dương 95 công nhân lao động giỏi, lao động sáng tạo",
        "Các cá nhân được tuyên dương có nhiều sáng kiến, cải tiến kỹ thuật giúp doanh nghiệp tiết kiệm hàng tỉ đồng.",
        (
            "Trong số được tuyên dương, nhiều người là công nhân trực tiếp sản xuất tại các doanh nghiệp chế biến thủy "
            "sản, may mặc và vật liệu xây dựng.",
            "Anh Nguyễn Hoàng Nam, tổ trưởng cơ điện, có sáng kiến cải tiến hệ thống làm lạnh giúp giảm 15% điện năng "
            "tiêu thụ mỗi tháng.",
            "LĐLĐ tỉnh trao Bằng khen cho 20 cá nhân tiêu biểu và giới thiệu 5 người đề nghị Tổng Liên đoàn xét tặng "
            "Bằng Lao động sáng tạo.",
        ),
        "THANH TÂM",
        "Các cá nhân tiêu biểu nhận Bằng khen.",
        "Thanh Tâm",
        10.5,
    ),
    A(
        "thi-dua-khen-thuong",
        "Cụm thi đua số 2 ký kết giao ước thi đua năm",
        "Các đơn vị trong cụm cam kết hoàn thành chỉ tiêu phát triển đoàn viên và hỗ trợ ít nhất 9 Mái ấm Công đoàn.",
        (
            "Cụm thi đua số 2 gồm LĐLĐ các huyện Kế Sách, Long Phú, Châu Thành và Mỹ Xuyên. Năm qua, cụm dẫn đầu tỉnh "
            "về phát triển đoàn viên khu vực ngoài nhà nước.",
            "Năm nay, các đơn vị thống nhất nội dung thi đua gồm phát triển đoàn viên, thành lập công đoàn cơ sở, chăm "
            "lo đời sống và phong trào sáng kiến.",
            "Trưởng cụm đề nghị các đơn vị thường xuyên trao đổi kinh nghiệm, hỗ trợ lẫn nhau để cùng hoàn thành nhiệm vụ.",
        ),
        "PHƯƠNG ANH",
        "Đại diện các đơn vị ký giao ước thi đua.",
        "Phương Anh",
        38.2,
    ),
    A(
        "thi-dua-khen-thuong",
        "Hai sáng kiến của tỉnh được tặng Bằng Lao động sáng tạo",
        "Tổng Liên đoàn Lao động Việt Nam trao Bằng Lao động sáng tạo cho hai giải pháp trong lĩnh vực giáo dục và y tế.",
        (
            "Giải pháp thứ nhất là phần mềm quản lý thiết bị dạy học do một nhóm giáo viên xây dựng, đang được dùng tại "
            "hơn 40 trường học.",
            "Giải pháp thứ hai là quy trình sắp xếp lịch khám giúp giảm một nửa thời gian chờ của người bệnh tại trung "
            "tâm y tế huyện.",
            "Lãnh đạo LĐLĐ tỉnh cho rằng đây là kết quả xứng đáng, khích lệ đoàn viên tiếp tục sáng tạo trong công việc.",
        ),
        "BẢO HÂN",
        "Tác giả sáng kiến nhận Bằng Lao động sáng tạo.",
        "Bảo Hân",
        52.4,
    ),
    A(
        "thi-dua-khen-thuong",
        "Phát động thi đua giai đoạn 2 phong trào “1 triệu sáng kiến”",
        "Công đoàn các cấp tiếp tục vận động đoàn viên đăng ký sáng kiến, phấn đấu vượt kết quả giai đoạn 1.",
        (
            "Giai đoạn 2 khuyến khích các sáng kiến ứng dụng công nghệ số trong quản lý, sản xuất, kinh doanh.",
            "Đoàn viên đăng ký và nộp sáng kiến trực tuyến trên cổng thông tin; công đoàn cơ sở có trách nhiệm hướng "
            "dẫn, xác nhận và theo dõi tiến độ.",
            "<ul><li>Đăng ký sáng kiến: trước ngày 30 hằng tháng.</li><li>Nộp hồ sơ sáng kiến: theo hướng dẫn của công "
            "đoàn cấp trên trực tiếp.</li><li>Thông qua: do Ban Tổ chức các cấp xem xét.</li></ul>",
            "LĐLĐ tỉnh sẽ sơ kết, khen thưởng kịp thời các tập thể, cá nhân tiêu biểu sau mỗi đợt.",
        ),
        "THANH TÂM",
        "Đoàn viên đăng ký sáng kiến trực tuyến.",
        "Thanh Tâm",
        1.3,
    ),
    A(
        "thi-dua-khen-thuong",
        "Kinh nghiệm từ Cao Bằng: 1.038 sáng kiến được thông qua",
        "Phong trào “75 nghìn sáng kiến, vượt khó, phát triển” ở Cao Bằng thu hút 1.900 người tham gia, 2 sáng kiến "
        "được tặng Bằng Lao động sáng tạo.",
        (
            "Theo Ban Tổ chức, điểm mạnh của Cao Bằng là hướng dẫn tỉ mỉ cách nhập sáng kiến lên cổng thông tin của Tổng "
            "Liên đoàn, kèm video hướng dẫn từng bước.",
            "Có 1.038 sáng kiến được Ban Tổ chức thông qua, trải đều ở các lĩnh vực hành chính, sự nghiệp và sản xuất "
            "kinh doanh.",
            "LĐLĐ tỉnh đã cử đoàn cán bộ trao đổi kinh nghiệm và sẽ áp dụng cách làm phù hợp vào giai đoạn 2 của phong "
            "trào tại địa phương.",
        ),
        "BAN BIÊN TẬP",
        "Buổi trao đổi kinh nghiệm giữa hai tỉnh.",
        "Ban Biên tập",
        72.6,
        source_name="Báo Lao Động",
        source_url="https://laodong.vn/cong-doan/",
    ),
    A(
        "thi-dua-khen-thuong",
        "Công đoàn Viên chức tỉnh sơ kết phong trào thi đua sáu tháng",
        "259 sáng kiến của viên chức được ghi nhận, nhiều giải pháp giúp cải cách thủ tục hành chính.",
        (
            "Các công đoàn cơ sở khối cơ quan đã gắn phong trào thi đua với cải cách hành chính, chuyển đổi số và thực "
            "hành tiết kiệm.",
            "Nhiều sáng kiến giúp rút ngắn thời gian giải quyết hồ sơ của người dân, được cơ quan chuyên môn đánh giá "
            "cao về hiệu quả.",
            "Dịp này, 1 tập thể và 3 cá nhân được tặng Bằng khen của LĐLĐ tỉnh vì có thành tích xuất sắc.",
        ),
        "PHƯƠNG ANH",
        "Trao Bằng khen cho tập thể, cá nhân xuất sắc.",
        "Phương Anh",
        80.2,
    ),
    A(
        "thi-dua-khen-thuong",
        "Ngành Giáo dục: sáng kiến từ bục giảng",
        "337 sáng kiến của thầy cô giáo đưa Công đoàn Ngành Giáo dục vào nhóm dẫn đầu phong trào sáng kiến của tỉnh.",
        (
            "Phần lớn sáng kiến tập trung vào đổi mới phương pháp dạy học, làm đồ dùng dạy học từ vật liệu tái chế và "
            "ứng dụng công nghệ thông tin vào quản lý lớp học.",
            "Cô Lý Thị Hồng, giáo viên tiểu học ở huyện Trần Đề, chia sẻ sáng kiến dạy tiếng Việt cho học sinh dân tộc "
            "Khmer bằng trò chơi đã giúp lớp cô tiến bộ rõ rệt.",
            "Công đoàn ngành sẽ biên tập các sáng kiến tiêu biểu thành tài liệu chia sẻ cho các trường trong tỉnh.",
        ),
        "MINH THƯ",
        "Giáo viên giới thiệu đồ dùng dạy học tự làm.",
        "Minh Thư",
        95.0,
    ),
    # Pháp luật - Chính sách
    A(
        "phap-luat-chinh-sach",
        "Những điểm mới về tiền lương tối thiểu vùng người lao động cần biết",
        "Mức lương tối thiểu vùng mới áp dụng từ đầu tháng 7; người lao động nên kiểm tra hợp đồng và bảng lương của mình.",
        (
            "Lương tối thiểu vùng là mức thấp nhất làm cơ sở để doanh nghiệp và người lao động thỏa thuận, trả lương. "
            "Tỉnh có các địa bàn thuộc vùng III và vùng IV.",
            "Doanh nghiệp không được xóa bỏ, cắt giảm các chế độ tiền lương khi người lao động làm thêm giờ, làm đêm và "
            "các chế độ bồi dưỡng bằng hiện vật theo quy định.",
            "Nếu phát hiện doanh nghiệp trả lương thấp hơn mức tối thiểu, người lao động có thể phản ánh với công đoàn "
            "cơ sở hoặc gọi đường dây nóng của LĐLĐ tỉnh để được hỗ trợ.",
        ),
        "BAN BIÊN TẬP",
        "Công nhân tìm hiểu chính sách tiền lương tại bảng tin công đoàn.",
        "Ban Biên tập",
        4.8,
    ),
    A(
        "phap-luat-chinh-sach",
        "Hỏi - đáp: rút bảo hiểm xã hội một lần, nên hay không?",
        "Nhiều công nhân nghỉ việc muốn rút bảo hiểm xã hội một lần. Luật sư của Văn phòng tư vấn pháp luật công đoàn "
        "giải đáp.",
        (
            "Hỏi: Tôi 35 tuổi, đã đóng bảo hiểm xã hội 8 năm, nay nghỉ việc. Tôi có nên rút bảo hiểm xã hội một lần?",
            "Đáp: Khi rút một lần, bạn sẽ mất toàn bộ thời gian đã đóng để tính lương hưu sau này. Nếu còn khả năng đi "
            "làm, bạn nên bảo lưu thời gian đóng và tiếp tục tham gia, kể cả bảo hiểm xã hội tự nguyện.",
            "<blockquote><p>Bảo lưu thời gian đóng là giữ lại quyền được hưởng lương hưu và thẻ bảo hiểm y tế khi về "
            "già.</p></blockquote>",
            "Đoàn viên cần tư vấn có thể liên hệ Văn phòng tư vấn pháp luật của LĐLĐ tỉnh trong giờ hành chính, hoàn "
            "toàn miễn phí.",
        ),
        "BAN BIÊN TẬP",
        "Luật sư tư vấn cho công nhân tại doanh nghiệp.",
        "Ban Biên tập",
        12.2,
    ),
    A(
        "phap-luat-chinh-sach",
        "Thời giờ làm thêm: giới hạn và cách tính tiền lương",
        "Bộ luật Lao động quy định chặt chẽ số giờ làm thêm và mức trả lương; người lao động có quyền từ chối khi không "
        "đồng ý.",
        (
            "Số giờ làm thêm không quá 50% số giờ làm việc bình thường trong một ngày và không quá 40 giờ trong một "
            "tháng. Một số ngành nghề được làm thêm đến 300 giờ một năm.",
            "Tiền lương làm thêm vào ngày thường ít nhất bằng 150%, ngày nghỉ hằng tuần ít nhất 200%, ngày lễ, Tết ít "
            "nhất 300% chưa kể tiền lương ngày lễ.",
            "Doanh nghiệp phải được sự đồng ý của người lao động khi bố trí làm thêm giờ. Công đoàn cơ sở có trách nhiệm "
            "giám sát việc thực hiện.",
        ),
        "PHƯƠNG ANH",
        "Công nhân tan ca tại khu công nghiệp.",
        "Phương Anh",
        26.4,
    ),
    A(
        "phap-luat-chinh-sach",
        "Tuyên truyền pháp luật cho lao động thời vụ ngành thủy sản",
        "Đội tuyên truyền của LĐLĐ tỉnh đến tận các vựa tôm, xưởng sơ chế ở Vĩnh Châu để phổ biến quyền lợi của người "
        "lao động.",
        (
            "Nhiều lao động thời vụ chưa ký hợp đồng lao động, chưa tham gia bảo hiểm xã hội nên thiệt thòi khi ốm đau, "
            "tai nạn.",
            "Cán bộ công đoàn hướng dẫn cách đọc hợp đồng, những điều khoản cần lưu ý và quyền được trả lương đúng hạn.",
            "Sau đợt tuyên truyền, 3 chủ cơ sở đã cam kết ký hợp đồng và đóng bảo hiểm cho người lao động làm việc từ "
            "1 tháng trở lên.",
        ),
        "ANH KHOA",
        "Cán bộ công đoàn phát tờ rơi pháp luật cho lao động thời vụ.",
        "Anh Khoa",
        41.7,
    ),
    A(
        "phap-luat-chinh-sach",
        "Quy định mới về đối thoại tại nơi làm việc",
        "Doanh nghiệp phải tổ chức đối thoại định kỳ ít nhất một lần mỗi năm; công đoàn cơ sở là đại diện của người lao "
        "động.",
        (
            "Đối thoại tại nơi làm việc là dịp để người lao động và người sử dụng lao động chia sẻ thông tin, giải quyết "
            "vướng mắc trước khi phát sinh tranh chấp.",
            "Nội dung đối thoại gồm tình hình sản xuất kinh doanh, việc thực hiện hợp đồng, thỏa ước, điều kiện làm việc "
            "và các kiến nghị của người lao động.",
            "LĐLĐ tỉnh khuyến khích công đoàn cơ sở chuẩn bị kỹ ý kiến của đoàn viên và công khai kết quả đối thoại.",
        ),
        "MINH THƯ",
        "Buổi đối thoại định kỳ tại một doanh nghiệp.",
        "Minh Thư",
        67.3,
    ),
    A(
        "phap-luat-chinh-sach",
        "Người lao động được nghỉ những ngày lễ, Tết nào trong năm?",
        "Người lao động được nghỉ làm việc, hưởng nguyên lương 11 ngày lễ, Tết mỗi năm theo Bộ luật Lao động.",
        (
            "Các ngày nghỉ gồm Tết Dương lịch, Tết Âm lịch, ngày Chiến thắng, ngày Quốc tế lao động, Quốc khánh và ngày "
            "Giỗ Tổ Hùng Vương.",
            "Nếu ngày nghỉ lễ trùng vào ngày nghỉ hằng tuần, người lao động được nghỉ bù vào ngày làm việc kế tiếp.",
            "Khi phải làm việc vào ngày lễ, người lao động được trả ít nhất 300% tiền lương, chưa kể tiền lương ngày lễ "
            "được hưởng.",
        ),
        "BAN BIÊN TẬP",
        "Đoàn viên tìm hiểu pháp luật lao động.",
        "Ban Biên tập",
        100.5,
    ),
    # An toàn vệ sinh lao động
    A(
        "an-toan-ve-sinh-lao-dong",
        "Phát động Tháng hành động về an toàn, vệ sinh lao động",
        "Công đoàn phối hợp với ngành lao động kiểm tra điều kiện làm việc tại 30 doanh nghiệp trong tháng hành động.",
        (
            "Chủ đề năm nay nhấn mạnh phòng ngừa tai nạn lao động trong ngành xây dựng và chế biến thủy sản, nơi người "
            "lao động thường xuyên tiếp xúc với máy móc, hóa chất và môi trường lạnh.",
            "Đoàn kiểm tra tập trung vào trang bị bảo hộ, huấn luyện an toàn, quan trắc môi trường lao động và khám "
            "sức khỏe định kỳ.",
            "Mạng lưới an toàn, vệ sinh viên tại các doanh nghiệp được khuyến khích phát hiện sớm nguy cơ và báo cáo "
            "ngay cho công đoàn cơ sở.",
        ),
        "ANH KHOA",
        "Kiểm tra thiết bị bảo hộ tại doanh nghiệp.",
        "Anh Khoa",
        6.5,
    ),
    A(
        "an-toan-ve-sinh-lao-dong",
        "Tập huấn phòng cháy, chữa cháy cho công nhân khu nhà trọ",
        "Hơn 200 công nhân được hướng dẫn sử dụng bình chữa cháy và thoát nạn an toàn khi có sự cố.",
        (
            "Buổi tập huấn do Công đoàn các KCN phối hợp với lực lượng cảnh sát phòng cháy tổ chức ngay tại khu nhà "
            "trọ đông công nhân.",
            "Các tình huống giả định như chập điện, rò rỉ gas được xử lý trực tiếp để công nhân thực hành.",
            "Ban tổ chức trao tặng 50 bình chữa cháy cho các chủ nhà trọ và nhắc nhở không sạc xe điện qua đêm trong "
            "phòng ở.",
        ),
        "THANH TÂM",
        "Công nhân thực hành dập lửa bằng bình chữa cháy.",
        "Thanh Tâm",
        19.9,
    ),
    A(
        "an-toan-ve-sinh-lao-dong",
        "Làm việc trong kho lạnh: bảo vệ sức khỏe thế nào?",
        "Nhiều công nhân chế biến thủy sản làm việc nhiều giờ trong môi trường lạnh; bác sĩ khuyến cáo cách phòng bệnh.",
        (
            "Làm việc lâu trong môi trường lạnh dễ gây viêm đường hô hấp, đau xương khớp và rối loạn tuần hoàn. Người "
            "lao động cần được trang bị quần áo giữ nhiệt, găng tay và ủng phù hợp.",
            "Doanh nghiệp cần bố trí thời gian nghỉ giải lao trong phòng ấm và khám sức khỏe định kỳ để phát hiện sớm "
            "bệnh nghề nghiệp.",
            "Công đoàn cơ sở có thể đề nghị doanh nghiệp bổ sung chế độ bồi dưỡng bằng hiện vật cho công nhân làm việc "
            "trong điều kiện này.",
        ),
        "BẢO HÂN",
        "Công nhân làm việc trong kho lạnh.",
        "Bảo Hân",
        33.1,
    ),
    A(
        "an-toan-ve-sinh-lao-dong",
        "An toàn lao động trên công trình xây dựng mùa mưa bão",
        "Công đoàn Giao thông - Xây dựng khuyến cáo nhà thầu tạm dừng thi công trên cao khi có gió mạnh, giông sét.",
        (
            "Mùa mưa bão là thời điểm nguy cơ tai nạn lao động tăng cao trên các công trình: ngã cao, điện giật, sập "
            "giàn giáo.",
            "Công nhân phải sử dụng dây an toàn khi làm việc trên cao, kiểm tra hệ thống điện thi công trước mỗi ca làm "
            "việc.",
            "Công đoàn ngành đã gửi văn bản đến các doanh nghiệp xây dựng, đề nghị rà soát phương án phòng chống thiên "
            "tai và bảo đảm an toàn cho người lao động.",
        ),
        "MINH THƯ",
        "Công nhân thi công với dây an toàn.",
        "Minh Thư",
        85.6,
    ),
    A(
        "an-toan-ve-sinh-lao-dong",
        "Doanh nghiệp thủy sản cải thiện điều kiện làm việc nhờ góp ý của công đoàn",
        "Sau khi công đoàn cơ sở kiến nghị, doanh nghiệp lắp thêm hệ thống thông gió và thay mới toàn bộ ủng bảo hộ.",
        (
            "Qua khảo sát ý kiến đoàn viên, công đoàn cơ sở ghi nhận nhiều công nhân than phiền về mùi hóa chất và sàn "
            "trơn trượt ở khu sơ chế.",
            "Ban giám đốc đã đầu tư gần 400 triệu đồng để cải tạo hệ thống thông gió, lắp thảm chống trượt và thay "
            "mới trang bị bảo hộ.",
            "Công nhân phấn khởi vì điều kiện làm việc được cải thiện rõ rệt, năng suất lao động cũng tăng lên.",
        ),
        "ANH KHOA",
        "Khu sơ chế sau khi được cải tạo.",
        "Anh Khoa",
        120.4,
        source_name="Báo Lao Động",
        source_url="https://laodong.vn/",
    ),
    A(
        "an-toan-ve-sinh-lao-dong",
        "Huấn luyện sơ cấp cứu cho an toàn, vệ sinh viên",
        "60 an toàn, vệ sinh viên của các doanh nghiệp được huấn luyện kỹ năng sơ cứu người bị tai nạn lao động.",
        (
            "Nội dung huấn luyện gồm cầm máu, cố định xương gãy, hô hấp nhân tạo và cách vận chuyển người bị nạn đến cơ "
            "sở y tế.",
            "Các học viên thực hành trên mô hình dưới sự hướng dẫn của bác sĩ Trung tâm Y tế tỉnh.",
            "Sau khóa học, mỗi doanh nghiệp được trao một túi sơ cứu đầy đủ dụng cụ.",
        ),
        "PHƯƠNG ANH",
        "Học viên thực hành sơ cứu.",
        "Phương Anh",
        140.2,
    ),
    # One draft and one scheduled article.
    A(
        "hoat-dong-cong-doan",
        "Dự thảo kế hoạch Tháng Công nhân năm sau",
        "Bản nháp để Ban Thường vụ góp ý trước khi ban hành.",
        (
            "Kế hoạch dự kiến tập trung vào chăm lo nhà ở, đối thoại tại nơi làm việc và phong trào sáng kiến.",
            "Các đơn vị gửi ý kiến đóng góp về Ban Tuyên giáo LĐLĐ tỉnh.",
            "Thời gian, địa điểm lễ phát động sẽ được thông báo sau.",
        ),
        "BAN BIÊN TẬP",
        "Ảnh minh họa.",
        "Ban Biên tập",
        0.5,
        status=Article.Status.DRAFT,
    ),
    A(
        "tin-tuc-su-kien",
        "Hội nghị sơ kết giai đoạn 2 phong trào sáng kiến sẽ diễn ra cuối tháng",
        "LĐLĐ tỉnh thông báo lịch hội nghị sơ kết và đề nghị các đơn vị gửi báo cáo đúng hạn.",
        (
            "Hội nghị sẽ đánh giá kết quả đăng ký, nộp và thông qua sáng kiến của từng đơn vị trong giai đoạn 2.",
            "Các đơn vị gửi báo cáo và danh sách đề nghị khen thưởng trước ngày hội nghị ít nhất 7 ngày.",
            "Thành phần dự gồm lãnh đạo LĐLĐ các huyện, thị xã, thành phố, công đoàn ngành và công đoàn cơ sở trực thuộc.",
        ),
        "BAN BIÊN TẬP",
        "Ảnh tư liệu hội nghị sơ kết giai đoạn 1.",
        "Ban Biên tập",
        -3.0,
    ),
]
