"""Demo documents for `seed_demo`: laws and decrees workers ask about, and the federation's own plans.

The laws, decrees and their dates, signers and replacements are the real ones.
Of the federation's and the Confederation's own documents only "Kế hoạch số
05/KH-LĐLĐ" (tăng trưởng xanh) is cited on the old site; the other numbers,
dates and signers of union documents are demo assumptions. Files are small
demo PDFs and one XLSX, generated here. Idempotent: a document is found by
its number and issuer.
"""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from documents.models import Document, DocumentFile, Field, Issuer, Relation
from news.search import fold

QH, CP, TLD, LDLD, UBND = "Quốc hội", "Chính phủ", "Tổng Liên đoàn Lao động Việt Nam", "Liên đoàn Lao động tỉnh Sóc Trăng", "Ủy ban nhân dân tỉnh Sóc Trăng"  # fmt: skip
ISSUERS = [QH, CP, TLD, UBND, LDLD]
FIELDS = [
    "Tiền lương", "Bảo hiểm xã hội", "Hợp đồng lao động", "Thời giờ làm việc, nghỉ ngơi",
    "An toàn, vệ sinh lao động", "Tổ chức công đoàn", "Thi đua, khen thưởng", "Tuyên truyền, phổ biến pháp luật",
]  # fmt: skip

# number, kind, issuer, signer, issued, effective from, until, summary, fields, file ("pdf", "xlsx" or None)
DOCUMENTS = [
    ("10/2012/QH13", "luat", QH, "Nguyễn Sinh Hùng", date(2012, 6, 18), date(2013, 5, 1), None,
     "Bộ luật Lao động", ["Hợp đồng lao động", "Tiền lương", "Thời giờ làm việc, nghỉ ngơi"], None),
    ("45/2019/QH14", "luat", QH, "Nguyễn Thị Kim Ngân", date(2019, 11, 20), date(2021, 1, 1), None,
     "Bộ luật Lao động", ["Hợp đồng lao động", "Tiền lương", "Thời giờ làm việc, nghỉ ngơi"], "pdf"),
    ("145/2020/NĐ-CP", "nghi_dinh", CP, "Nguyễn Xuân Phúc", date(2020, 12, 14), date(2021, 2, 1), None,
     "Quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao động và quan hệ "
     "lao động", ["Hợp đồng lao động", "Thời giờ làm việc, nghỉ ngơi"], "pdf"),
    ("12/2012/QH13", "luat", QH, "Nguyễn Sinh Hùng", date(2012, 6, 20), date(2013, 1, 1), None,
     "Luật Công đoàn", ["Tổ chức công đoàn"], None),
    ("50/2024/QH15", "luat", QH, "Trần Thanh Mẫn", date(2024, 11, 27), date(2025, 7, 1), None,
     "Luật Công đoàn (sửa đổi)", ["Tổ chức công đoàn"], "pdf"),
    ("58/2014/QH13", "luat", QH, "Nguyễn Sinh Hùng", date(2014, 11, 20), date(2016, 1, 1), None,
     "Luật Bảo hiểm xã hội", ["Bảo hiểm xã hội"], None),
    ("41/2024/QH15", "luat", QH, "Trần Thanh Mẫn", date(2024, 6, 29), date(2025, 7, 1), None,
     "Luật Bảo hiểm xã hội (sửa đổi)", ["Bảo hiểm xã hội"], "pdf"),
    ("84/2015/QH13", "luat", QH, "Nguyễn Sinh Hùng", date(2015, 6, 25), date(2016, 7, 1), None,
     "Luật An toàn, vệ sinh lao động", ["An toàn, vệ sinh lao động"], "pdf"),
    ("38/2022/NĐ-CP", "nghi_dinh", CP, "Lê Minh Khái", date(2022, 6, 12), date(2022, 7, 1), None,
     "Quy định mức lương tối thiểu đối với người lao động làm việc theo hợp đồng lao động", ["Tiền lương"], None),
    ("74/2024/NĐ-CP", "nghi_dinh", CP, "Lê Minh Khái", date(2024, 6, 30), date(2024, 7, 1), None,
     "Quy định mức lương tối thiểu đối với người lao động làm việc theo hợp đồng lao động", ["Tiền lương"], "pdf"),
    ("42/2022/NĐ-CP", "nghi_dinh", CP, "Lê Minh Khái", date(2022, 6, 24), date(2022, 8, 1), None,
     "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
     ["Tuyên truyền, phổ biến pháp luật"], None),
    ("1234/KH-TLĐ", "ke_hoach", TLD, "Trần Thanh Hải", date(2022, 1, 5), None, date(2023, 9, 1),
     "Kế hoạch tổ chức phong trào thi đua “1 triệu sáng kiến nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại "
     "dịch Covid-19”", ["Thi đua, khen thưởng"], "pdf"),
    ("46/HD-TLĐ", "huong_dan", TLD, "Trần Thanh Hải", date(2022, 1, 8), None, date(2023, 9, 1),
     "Hướng dẫn đăng ký, cập nhật và xét chọn sáng kiến trong phong trào “1 triệu sáng kiến”",
     ["Thi đua, khen thưởng"], "pdf"),
    ("07/HD-LĐLĐ", "huong_dan", LDLD, "Lê Văn Phải", date(2022, 1, 20), None, date(2023, 9, 1),
     "Hướng dẫn triển khai phong trào “1 triệu sáng kiến” trong công đoàn các cấp tỉnh Sóc Trăng",
     ["Thi đua, khen thưởng"], "pdf"),
    ("18/TB-LĐLĐ", "thong_bao", LDLD, "Lê Văn Phải", date(2022, 6, 10), None, None,
     "Thông báo kết quả giai đoạn 1 phong trào “1 triệu sáng kiến”: 2.822 sáng kiến, đạt 282,2% chỉ tiêu",
     ["Thi đua, khen thưởng"], "xlsx"),
    ("215/QĐ-LĐLĐ", "quyet_dinh", LDLD, "Lê Văn Phải", date(2022, 7, 15), None, None,
     "Quyết định khen thưởng tập thể, cá nhân có thành tích xuất sắc trong giai đoạn 1 phong trào "
     "“1 triệu sáng kiến”", ["Thi đua, khen thưởng"], "pdf"),
    ("05/KH-LĐLĐ", "ke_hoach", LDLD, "Trịnh Thị Bảo Khuyên", date(2022, 3, 2), None, date(2030, 12, 31),
     "Kế hoạch thực hiện Chiến lược quốc gia về tăng trưởng xanh giai đoạn 2021-2030 trong công đoàn tỉnh",
     ["Tuyên truyền, phổ biến pháp luật"], "pdf"),
    ("112/LĐLĐ-TG", "cong_van", LDLD, "Trịnh Thị Bảo Khuyên", date(2024, 4, 5), None, None,
     "V/v tuyên truyền Tháng Công nhân, Tháng hành động về an toàn, vệ sinh lao động năm 2024",
     ["An toàn, vệ sinh lao động", "Tuyên truyền, phổ biến pháp luật"], "pdf"),
    ("25/BC-LĐLĐ", "bao_cao", LDLD, "Lê Văn Phải", date(2024, 7, 12), None, None,
     "Báo cáo sơ kết hoạt động công đoàn 6 tháng đầu năm 2024, phương hướng nhiệm vụ 6 tháng cuối năm",
     ["Tổ chức công đoàn"], "xlsx"),
    ("03/NQ-LĐLĐ", "nghi_quyet", LDLD, "Lê Văn Phải", date(2025, 1, 10), date(2025, 1, 15), None,
     "Nghị quyết về nhiệm vụ trọng tâm năm 2025 của Ban Chấp hành Liên đoàn Lao động tỉnh", ["Tổ chức công đoàn"], None),
]  # fmt: skip

# (source, kind, target)
RELATIONS = [
    ("45/2019/QH14", Relation.Kind.REPLACES, "10/2012/QH13"),
    ("50/2024/QH15", Relation.Kind.REPLACES, "12/2012/QH13"),
    ("41/2024/QH15", Relation.Kind.REPLACES, "58/2014/QH13"),
    ("74/2024/NĐ-CP", Relation.Kind.REPLACES, "38/2022/NĐ-CP"),
    ("145/2020/NĐ-CP", Relation.Kind.RELATED, "45/2019/QH14"),
    ("46/HD-TLĐ", Relation.Kind.RELATED, "1234/KH-TLĐ"),
    ("07/HD-LĐLĐ", Relation.Kind.RELATED, "46/HD-TLĐ"),
    ("18/TB-LĐLĐ", Relation.Kind.RELATED, "07/HD-LĐLĐ"),
    ("215/QĐ-LĐLĐ", Relation.Kind.RELATED, "18/TB-LĐLĐ"),
    ("112/LĐLĐ-TG", Relation.Kind.RELATED, "84/2015/QH13"),
]
CAMPAIGN_BASIS = {"1-trieu-sang-kien": ["1234/KH-TLĐ", "46/HD-TLĐ", "07/HD-LĐLĐ", "18/TB-LĐLĐ", "215/QĐ-LĐLĐ"]}
# Articles (by a word of their title) and the documents they cite.
ARTICLE_LINKS = {
    "tien luong toi thieu vung": ["74/2024/NĐ-CP", "38/2022/NĐ-CP"],
    "bao hiem xa hoi mot lan": ["58/2014/QH13", "41/2024/QH15"],
    "thoi gio lam them": ["45/2019/QH14"],
    "ngay le, tet": ["45/2019/QH14"],
    "doi thoai tai noi lam viec": ["145/2020/NĐ-CP"],
    "282,2%": ["1234/KH-TLĐ", "18/TB-LĐLĐ"],
    "giai doan 2 phong trao": ["07/HD-LĐLĐ"],
    "an toan, ve sinh lao dong": ["84/2015/QH13", "112/LĐLĐ-TG"],
}


def seed_documents(*, stdout):
    from initiatives.models import Campaign
    from news.models import Article

    issuers = {
        name: Issuer.objects.get_or_create(name=name, defaults={"order": n})[0] for n, name in enumerate(ISSUERS)
    }
    fields = {name: Field.objects.get_or_create(name=name, defaults={"order": n})[0] for n, name in enumerate(FIELDS)}
    documents, created = {}, 0
    for number, kind, issuer, signer, issued, starts, ends, summary, field_names, file_kind in DOCUMENTS:
        document = Document.objects.filter(number=number, issuer=issuers[issuer]).first()
        if document is None:
            document = Document.objects.create(
                number=number, kind=kind, issuer=issuers[issuer], signer=signer, issued_on=issued,
                effective_from=starts, effective_until=ends, summary=summary, status=Document.Status.PUBLISHED,
                published_at=timezone.make_aware(timezone.datetime(issued.year, issued.month, issued.day, 8)),
            )  # fmt: skip
            document.fields.set([fields[name] for name in field_names])
            if file_kind:
                DocumentFile.objects.create(document=document, file=_demo_file(document, file_kind))
            created += 1
        documents[number] = document
    for source, kind, target in RELATIONS:
        Relation.objects.get_or_create(source=documents[source], kind=kind, target=documents[target])
    for slug, numbers in CAMPAIGN_BASIS.items():
        campaign = Campaign.objects.filter(slug=slug).first()
        if campaign:
            campaign.documents.add(*(documents[number] for number in numbers))
    for words, numbers in ARTICLE_LINKS.items():
        for article in Article.objects.filter(search_text__contains=fold(words)).only("pk")[:3]:
            article.documents.add(*(documents[number] for number in numbers))
    stdout.write(f"Văn bản: {created} văn bản mới, {len(documents)} văn bản mẫu.")


def _demo_file(document, kind):
    name = fold(f"{document.get_kind_display()} {document.number}").replace("/", "-").replace(" ", "-")
    if kind == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["Đơn vị", "Số sáng kiến đã nộp", "Tỉ lệ so với chỉ tiêu"])
        for row in [("LĐLĐ TX Vĩnh Châu", 507), ("LĐLĐ huyện Trần Đề", 441), ("Công đoàn Ngành Giáo dục", 337)]:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return SimpleUploadedFile(f"{name}.xlsx", buffer.getvalue())
    return SimpleUploadedFile(
        f"{name}.pdf", demo_pdf([fold(str(document.title)).upper(), fold(document.summary)[:90], "BAN DEMO"])
    )


def demo_pdf(lines):
    """A one-page PDF showing `lines` (ASCII) in Helvetica: enough for the browser's viewer."""
    text = " ".join(
        f"BT /F1 {14 if n == 0 else 11} Tf 56 {780 - 24 * n} Td ({line.replace('(', '[').replace(')', ']')}) Tj ET"
        for n, line in enumerate(lines)
    ).encode("ascii", "replace")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        b"<</Length %d>>stream\n" % len(text) + text + b"\nendstream",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
