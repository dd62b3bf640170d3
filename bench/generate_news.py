"""Benchmark data for the news portal: 20.000 published articles in 15 categories.

    python bench/generate_news.py [--articles 20000] [--reset]

Each article has a title, a lead, a body of 5–8 KB of Vietnamese text in paragraphs, a cover
image with caption and credit, an author, a publish time spread over the last six years, its
search text (news.search.document_for) and a starting "Lượt xem". A handful of real JPEG covers
and their renditions are drawn once with Pillow and shared by the articles through their
file fields, so generating stays fast. Also a few videos and web links for the sidebar.

Idempotent: when the articles are already there it does nothing; --reset deletes the news
content (articles, categories, videos, links, their view counts) first. Settings come from
DJANGO_SETTINGS_MODULE (default: bench.settings).
"""

import argparse
import io
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CATEGORIES = [
    "Tin tức - Sự kiện",
    "Hoạt động công đoàn",
    "Chăm lo đời sống",
    "Pháp luật - Chính sách",
    "Thi đua - Khen thưởng",
    "Sáng kiến - Sáng tạo",
    "An toàn vệ sinh lao động",
    "Nữ công",
    "Công đoàn các Khu công nghiệp",
    "Công đoàn ngành",
    "Tuyên giáo",
    "Kiểm tra công đoàn",
    "Tài chính công đoàn",
    "Gương người tốt việc tốt",
    "Văn hóa - Thể thao",
]

SUBJECTS = [
    "LĐLĐ tỉnh Sóc Trăng",
    "LĐLĐ thị xã Vĩnh Châu",
    "LĐLĐ huyện Trần Đề",
    "LĐLĐ thành phố Sóc Trăng",
    "LĐLĐ thị xã Ngã Năm",
    "LĐLĐ huyện Mỹ Tú",
    "LĐLĐ huyện Kế Sách",
    "LĐLĐ huyện Long Phú",
    "Công đoàn Ngành Giáo dục",
    "Công đoàn Viên chức tỉnh",
    "Công đoàn Các Khu công nghiệp tỉnh",
    "Công đoàn Ngành Y tế",
    "CĐCS Công ty CP Công trình Đô thị",
    "Ban Nữ công LĐLĐ tỉnh",
]
ACTIONS = [
    "tổ chức hội nghị về {obj}",
    "trao quà Tết cho đoàn viên khó khăn",
    "phát động thi đua thực hiện {obj}",
    "tập huấn nghiệp vụ về {obj} cho cán bộ công đoàn",
    "đối thoại với người lao động về {obj}",
    "kiểm tra việc thực hiện {obj}",
    "bàn giao Mái ấm Công đoàn cho đoàn viên",
    "biểu dương điển hình tiên tiến trong {obj}",
    "ký kết chương trình phối hợp về {obj}",
    "tuyên truyền {obj} cho công nhân",
    "thăm hỏi, động viên công nhân lao động",
    "sơ kết {obj}",
]
OBJECTS = [
    "công tác công đoàn năm {year}",
    "Chương trình “1 triệu sáng kiến”",
    "Tháng Công nhân {year}",
    "an toàn, vệ sinh lao động",
    "chính sách bảo hiểm xã hội",
    "thỏa ước lao động tập thể",
    "phong trào “Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động”",
    "nhà ở cho công nhân khu công nghiệp",
    "Tết Sum vầy {year}",
    "nữ đoàn viên có hoàn cảnh khó khăn",
    "phát triển đoàn viên, thành lập công đoàn cơ sở",
    "Đại hội Công đoàn các cấp nhiệm kỳ 2023 - 2028",
]
SENTENCES = [
    "Tham dự hội nghị có đại diện lãnh đạo Liên đoàn Lao động tỉnh, các ban chuyên môn và chủ tịch công đoàn cơ sở trực thuộc.",
    "Theo báo cáo, trong năm qua các cấp công đoàn đã tổ chức thăm hỏi, hỗ trợ hơn 4.968 đoàn viên, người lao động có hoàn cảnh khó khăn với tổng số tiền trên 2,05 tỉ đồng.",
    "Công tác phát triển đoàn viên tiếp tục được chú trọng, toàn tỉnh kết nạp mới 4.968 đoàn viên, tăng thực 1.653 đoàn viên, đạt 114% chỉ tiêu được giao.",
    "Phát biểu chỉ đạo, đồng chí Chủ tịch Liên đoàn Lao động tỉnh ghi nhận những kết quả đạt được và đề nghị các cấp công đoàn tiếp tục đổi mới nội dung, phương thức hoạt động.",
    "Nhiều mô hình hay, cách làm sáng tạo đã được nhân rộng, góp phần nâng cao đời sống vật chất và tinh thần cho người lao động.",
    "Hội nghị cũng đã thảo luận, đóng góp ý kiến vào phương hướng, nhiệm vụ trọng tâm của năm tới, trong đó nhấn mạnh việc chăm lo, bảo vệ quyền và lợi ích hợp pháp, chính đáng của đoàn viên.",
    "Dịp này, Ban Thường vụ Liên đoàn Lao động tỉnh đã tặng bằng khen cho các tập thể và cá nhân có thành tích xuất sắc trong phong trào công nhân, viên chức, lao động.",
    "Chương trình “1 triệu sáng kiến nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại dịch Covid-19” được đông đảo đoàn viên hưởng ứng tích cực.",
    "Kết thúc giai đoạn 1, đoàn viên, người lao động trong tỉnh đã tham gia với 2.822 sáng kiến, so với chỉ tiêu Tổng Liên đoàn giao đạt 282,2%.",
    "Các sáng kiến tập trung vào giải pháp kỹ thuật, giải pháp quản lý, tác nghiệp và ứng dụng tiến bộ khoa học kỹ thuật vào thực tiễn sản xuất.",
    "Công đoàn Các Khu công nghiệp tỉnh hiện có 33 công đoàn cơ sở với 25.562 đoàn viên trên tổng số 26.876 công nhân, viên chức, lao động.",
    "Đoàn công tác đã ân cần thăm hỏi sức khỏe, động viên gia đình vượt qua khó khăn, tiếp tục gắn bó với doanh nghiệp.",
    "Mỗi suất quà gồm tiền mặt và các nhu yếu phẩm thiết yếu, trị giá từ 500.000 đồng đến 1.000.000 đồng.",
    "Thông qua đối thoại, nhiều kiến nghị của người lao động về tiền lương, thời giờ làm việc và bữa ăn ca đã được doanh nghiệp tiếp thu, giải quyết kịp thời.",
    "Lớp tập huấn trang bị cho cán bộ công đoàn cơ sở kiến thức về Bộ luật Lao động, Luật Công đoàn và kỹ năng thương lượng tập thể.",
    "Ban Nữ công các cấp đã tổ chức nhiều hoạt động thiết thực nhân kỷ niệm Ngày Quốc tế Phụ nữ 8/3 và Ngày Phụ nữ Việt Nam 20/10.",
    "Công tác kiểm tra, giám sát việc thực hiện chế độ, chính sách đối với người lao động được thực hiện thường xuyên, đúng quy định.",
    "Trong Tháng Công nhân, các cấp công đoàn đã tổ chức khám sức khỏe miễn phí, tặng quà và tổ chức các hoạt động văn hóa, thể thao cho công nhân.",
    "Đến nay, toàn tỉnh đã đạt và vượt 13/13 chỉ tiêu thi đua do Tổng Liên đoàn Lao động Việt Nam giao.",
    "Tỷ lệ công nhân, viên chức, lao động được học tập, quán triệt nghị quyết đạt 78%, vượt chỉ tiêu 70% đề ra.",
    "Những công trình “Mái ấm Công đoàn” được bàn giao đã giúp nhiều đoàn viên an cư, yên tâm lao động sản xuất.",
    "Đại diện doanh nghiệp cam kết tiếp tục phối hợp chặt chẽ với tổ chức công đoàn trong việc chăm lo cho người lao động.",
    "Phong trào thi đua lao động giỏi, lao động sáng tạo tiếp tục lan tỏa mạnh mẽ trong các doanh nghiệp, cơ quan, đơn vị.",
    "Các đại biểu thống nhất cao với báo cáo và đề ra nhiều giải pháp nâng cao chất lượng hoạt động của công đoàn cơ sở.",
    "Công đoàn Ngành Giáo dục đã vận động đoàn viên đóng góp Quỹ “Vì trẻ em” và hỗ trợ học sinh nghèo vượt khó.",
    "Các đơn vị đã triển khai kịp thời các văn bản hướng dẫn của cấp trên, bảo đảm đúng tiến độ và chất lượng.",
    "Công tác tài chính công đoàn được quản lý chặt chẽ, thu đúng, thu đủ kinh phí và đoàn phí theo quy định.",
    "Năm tới, Liên đoàn Lao động tỉnh xác định nhiệm vụ trọng tâm là chăm lo việc làm, thu nhập và điều kiện làm việc cho người lao động.",
    "Nhiều tấm gương người tốt, việc tốt trong công nhân, viên chức, lao động đã được biểu dương, khen thưởng kịp thời.",
    "Giải bóng đá công nhân, viên chức, lao động thu hút đông đảo đội bóng đến từ các khu công nghiệp và cơ quan, đơn vị tham gia.",
]
PHOTOGRAPHERS = ["Phương Anh", "Anh Khoa", "Bảo Hân", "Minh Trí", "Thanh Tâm", "Hồng Nhung"]
AUTHORS = ["PHƯƠNG ANH", "ANH KHOA", "BẢO HÂN", "MINH TRÍ", "THANH TÂM", "HỒNG NHUNG", "KIM NGÂN"]
COVER_COUNT = 8
COVER_SIZE = (1200, 800)
THUMB_SIZE = (360, 240)
LARGE_SIZE = (960, 640)
BATCH = 500


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def _jpeg(size, seed):
    """A real JPEG: a coloured gradient with a few shapes (not a solid block, so it compresses like a photo)."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    width, height = size
    base = Image.linear_gradient("L").resize(size)
    tint = tuple(rng.randrange(40, 220) for _ in range(3))
    image = Image.merge("RGB", [base.point(lambda v, c=c: (v * c) // 255) for c in tint])
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(20, width // 5)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def make_covers(storage):
    """Save COVER_COUNT covers and their renditions once; return [(cover, thumb, large, width, height)…]."""
    from django.core.files.base import ContentFile

    covers = []
    for n in range(1, COVER_COUNT + 1):
        names = {}
        for kind, size, folder in (
            ("cover", COVER_SIZE, "covers/bench"),
            ("thumb", THUMB_SIZE, "renditions/bench"),
            ("large", LARGE_SIZE, "renditions/bench"),
        ):
            name = f"{folder}/anh-{n:02d}-{kind}.jpg"
            if not storage.exists(name):
                name = storage.save(name, ContentFile(_jpeg(size, n)))
            names[kind] = name
        covers.append((names["cover"], names["thumb"], names["large"], *COVER_SIZE))
    return covers


def _body(rng):
    """Paragraphs of Vietnamese sentences until the body weighs 5–8 KB (UTF-8)."""
    target = rng.randrange(5 * 1024, 8 * 1024 - 300)
    paragraphs, size = [], 0
    while size < target:
        text = " ".join(rng.sample(SENTENCES, rng.randrange(2, 5)))
        paragraph = f"<p>{text}</p>"
        if size + len(paragraph.encode()) > 8 * 1024 - 200:  # room for the heading below
            break
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 1
    if len(paragraphs) > 3:
        paragraphs.insert(2, f"<h3>{rng.choice(OBJECTS).format(year=2024)}</h3>")
    return "\n".join(paragraphs)


def _title(rng, year):
    obj = rng.choice(OBJECTS).format(year=year)
    return f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS).format(obj=obj)}"


def reset():
    from django.contrib.contenttypes.models import ContentType
    from hitcount.models import Hit, HitCount

    from news.models import Article, Category, Video, WebLink

    article_type = ContentType.objects.get_for_model(Article)
    Hit.objects.filter(hitcount__content_type=article_type).delete()
    HitCount.objects.filter(content_type=article_type).delete()
    Article.objects.all().delete()
    Category.objects.all().delete()
    Video.objects.all().delete()
    WebLink.objects.all().delete()


def generate(*, articles=20_000, seed=2024, do_reset=False, stdout=sys.stdout):
    """Create the benchmark's news content; returns the number of articles created (0 if already there)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.storage import default_storage
    from django.db import transaction
    from django.utils import timezone
    from hitcount.models import HitCount

    from news.models import Article, Category, Video, WebLink
    from news.search import document_for
    from news.slugs import vietnamese_slugify

    if do_reset:
        reset()
    covers = make_covers(default_storage)  # also when the articles exist: a new checkout has no media yet
    existing = Article.objects.count()
    if existing >= articles:
        stdout.write(f"Đã có {existing} bài viết, không tạo thêm (dùng --reset để tạo lại).\n")
        return 0

    started = time.monotonic()
    rng = random.Random(seed)
    categories = []
    for order, name in enumerate(CATEGORIES, start=1):
        category, _ = Category.objects.get_or_create(
            slug=vietnamese_slugify(name), defaults={"name": name, "order": order}
        )
        categories.append(category)
    if not Video.objects.exists():
        Video.objects.bulk_create(
            Video(
                title=f"Phim tư liệu: {rng.choice(OBJECTS).format(year=2020 + n % 5)}",
                youtube_url=f"https://www.youtube.com/watch?v=bench{n:06d}",
                published_on=timezone.localdate() - timedelta(days=30 * n),
                status=Video.Status.PUBLISHED,
            )
            for n in range(1, 25)
        )
    if not WebLink.objects.exists():
        WebLink.objects.bulk_create(
            WebLink(title=name, url=url, order=n, status=WebLink.Status.PUBLISHED)
            for n, (name, url) in enumerate(
                [
                    ("Tổng Liên đoàn Lao động Việt Nam", "https://congdoanvn.org.vn/"),
                    ("Báo Lao Động", "https://laodong.vn/"),
                    ("Cổng thông tin tỉnh Sóc Trăng", "https://www.soctrang.gov.vn/"),
                    ("Bộ Lao động - Thương binh và Xã hội", "https://molisa.gov.vn/"),
                    ("Bảo hiểm xã hội Việt Nam", "https://baohiemxahoi.gov.vn/"),
                ]
            )
        )
    article_type = ContentType.objects.get_for_model(Article)
    now = timezone.now()
    span_seconds = 6 * 365 * 24 * 3600
    to_create = articles - existing
    created = 0
    while created < to_create:
        batch = []
        for _ in range(min(BATCH, to_create - created)):
            n = existing + created + len(batch) + 1
            published_at = now - timedelta(seconds=rng.randrange(3600, span_seconds))
            title = _title(rng, published_at.year)
            sapo = " ".join(rng.sample(SENTENCES, 2))
            body = _body(rng)
            cover, thumb, large, width, height = covers[n % len(covers)]
            batch.append(
                Article(
                    title=title,
                    slug=f"{vietnamese_slugify(title, max_length=200)}-{n}",
                    sapo=sapo,
                    body=body,
                    category=categories[n % len(categories)],
                    cover=cover,
                    cover_thumb=thumb,
                    cover_large=large,
                    cover_width=width,
                    cover_height=height,
                    cover_caption=f"{rng.choice(SUBJECTS)} tại buổi lễ.",
                    cover_credit=rng.choice(PHOTOGRAPHERS),
                    author=rng.choice(AUTHORS),
                    status=Article.Status.PUBLISHED,
                    published_at=published_at,
                    is_featured=n % 97 == 0,
                    search_text=document_for(title, sapo, html_parts=(body,)),
                )
            )
        with transaction.atomic():
            saved = Article.objects.bulk_create(batch)
            HitCount.objects.bulk_create(
                HitCount(content_type=article_type, object_pk=article.pk, hits=rng.randrange(50, 5000))
                for article in saved
            )
        created += len(batch)
        stdout.write(f"  {existing + created}/{articles} bài viết ({time.monotonic() - started:.0f} s)\n")
    _content_changed()
    stdout.write(
        f"Đã tạo {created} bài viết trong {len(categories)} chuyên mục ({time.monotonic() - started:.0f} s).\n"
    )
    return created


def _content_changed():
    """bulk_create sends no signals: move the cache generation on once, as a save would."""
    try:
        from news import caching
    except ImportError:
        return
    caching.bump()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000, help="how many articles (default 20000)")
    parser.add_argument("--seed", type=int, default=2024, help="random seed, for the same data every time")
    parser.add_argument("--reset", action="store_true", help="delete existing news content first")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    _setup_django()
    generate(articles=args.articles, seed=args.seed, do_reset=args.reset)


if __name__ == "__main__":
    main()
