"""Demo tags for `seed_demo`: articles whose title holds a phrase get its tag. Idempotent."""

from news.models import Article
from news.search import fold
from tags.models import Tag

# tag: phrases (folded) of the titles that carry it
TAGS = {
    "Sáng kiến": ["sang kien"],
    "Tháng Công nhân": ["thang cong nhan"],
    "An toàn, vệ sinh lao động": ["an toan", "kho lanh", "phong chay"],
    "Chăm lo đoàn viên": ["tet", "mai am", "hoc bong", "phien cho", "kham suc khoe"],
    "Tiền lương": ["tien luong", "luong toi thieu", "gio lam them"],
    "Bảo hiểm xã hội": ["bao hiem xa hoi"],
    "Công đoàn cơ sở": ["cong doan co so", "dai hoi"],
    "Thi đua": ["thi dua", "tuyen duong", "lao dong sang tao"],
}


def seed_tags(*, stdout):
    articles = list(Article.objects.only("pk", "title"))
    linked = 0
    for name, phrases in TAGS.items():
        tag = Tag.objects.get_or_create(name=name)[0]
        matching = [a for a in articles if any(phrase in fold(a.title) for phrase in phrases)]
        tag.articles.add(*matching)
        linked += len(matching)
    stdout.write(f"Thẻ: {len(TAGS)} thẻ, {linked} lượt gắn.")
