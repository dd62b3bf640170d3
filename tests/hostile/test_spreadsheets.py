"""Every spreadsheet the portal writes holds formula-like text as inert text, with numbers kept numbers;
spreadsheets that are not what they claim are refused with a Vietnamese message and nothing is written."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from initiatives import importing as importer
from initiatives import services
from initiatives.models import Initiative
from tests.factories import CampaignFactory, StaffFactory, UnitFactory, bulk_initiatives
from tests.hostile.corpus import BAD_SPREADSHEETS, FORMULA_TEXTS

pytestmark = pytest.mark.django_db

PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile_campaign():
    """A campaign and units whose every name is formula-like text from the corpus."""
    campaign = CampaignFactory(name=FORMULA_TEXTS[0], slug="phong-trao")
    root = UnitFactory(code="tinh", name=FORMULA_TEXTS[1], short_name=FORMULA_TEXTS[2], kind="ldld_tinh")
    campaign.root_unit = root
    campaign.save(update_fields=["root_unit"])
    services.set_target(unit=root, campaign=campaign, kind="chi_tieu", value=50)  # "còn thiếu": a negative delta
    for number, text in enumerate(FORMULA_TEXTS[3:]):
        unit = UnitFactory(code=f"don-vi-{number}", name=text, short_name=text, parent=root)
        bulk_initiatives(campaign=campaign, phase=None, unit=unit, submitted=number + 1)
    services.after_bulk_change(campaign=campaign)
    return campaign


def assert_csv_inert(data):
    text = data.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert any(cell.startswith("'=") for cell in cells)  # the hostile names are there, neutralised
    for cell in cells:
        if cell.startswith(PREFIXES):
            float(cell.replace(",", "."))  # only numbers (a negative delta) may start so


def assert_xlsx_inert(data):
    workbook = load_workbook(io.BytesIO(data))
    seen = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(PREFIXES):
                    assert cell.data_type == "s"
                    seen.append(cell.value)
    return seen


def test_tally_csv_download_is_inert(client, hostile_campaign):
    response = client.get(reverse("initiatives:tally_csv", kwargs={"slug": hostile_campaign.slug}))
    assert response.status_code == 200
    assert_csv_inert(response.content)


def test_tally_xlsx_download_is_inert_and_keeps_numbers(client, hostile_campaign):
    response = client.get(reverse("initiatives:tally_xlsx", kwargs={"slug": hostile_campaign.slug}))
    assert response.status_code == 200
    seen = assert_xlsx_inert(response.content)
    assert set(FORMULA_TEXTS[3:]) - {t for t in FORMULA_TEXTS if "\r" in t} <= set(seen)
    sheet = load_workbook(io.BytesIO(response.content)).active
    numbers = [cell.value for row in sheet.iter_rows() for cell in row if cell.data_type == "n" and cell.value]
    assert numbers and all(isinstance(value, int | float) for value in numbers)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_command_is_inert(hostile_campaign, tmp_path, fmt):
    target = tmp_path / f"tong-hop.{fmt}"
    call_command("export_tallies", "--campaign", hostile_campaign.slug, "--format", fmt, "-o", str(target))
    if fmt == "csv":
        assert_csv_inert(target.read_bytes())
    else:
        assert assert_xlsx_inert(target.read_bytes())


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_templates_are_inert(client, hostile_campaign, fmt):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.get(reverse("admin:initiatives_initiative_import_template", args=[fmt]))
    assert response.status_code == 200
    if fmt == "xlsx":
        assert_xlsx_inert(response.content)  # the unit-code sheet lists the hostile unit names
    else:
        data = response.content.decode("utf-8-sig")
        assert not any(cell.startswith(PREFIXES) for row in csv.reader(io.StringIO(data)) for cell in row)


@pytest.mark.parametrize("case", sorted(BAD_SPREADSHEETS))
def test_bad_spreadsheets_are_refused_in_vietnamese_and_write_nothing(hostile_campaign, case):
    filename, data = BAD_SPREADSHEETS[case]
    before = Initiative.objects.count()
    with pytest.raises(importer.ImportFileError) as refused:
        importer.import_initiatives(
            fp=io.BytesIO(data), filename=filename, campaign=hostile_campaign, by=StaffFactory(is_superuser=True)
        )
    message = str(refused.value)
    assert message and not any(word in message for word in ("Error", "error", "Traceback", "zip", "codec"))
    assert Initiative.objects.count() == before


def test_formula_text_in_an_import_is_stored_as_typed(hostile_campaign):
    """The data keeps what was typed; only files written out neutralise it."""
    from datetime import date

    from tests.factories import PhaseFactory

    PhaseFactory(campaign=hostile_campaign, number=1, opens_on=date(2022, 1, 8), closes_on=date(2022, 5, 31))
    row = {
        "ma_sang_kien": "SK-1",
        "ma_don_vi": "don-vi-0",
        "giai_doan": "1",
        "ten_sang_kien": '=HYPERLINK("http://evil.example/","x")',
        "tac_gia": "@Nguyễn Văn A",
        "loai_giai_phap": "ky_thuat",
        "linh_vuc": "san_xuat",
        "ngay_dang_ky": "01/03/2022",
    }
    cells = ",".join('"' + value.replace('"', '""') + '"' for value in row.values())
    data = ("\ufeff" + ",".join(row) + "\n" + cells + "\n").encode()
    result = importer.import_initiatives(
        fp=io.BytesIO(data), filename="tep.csv", campaign=hostile_campaign, by=StaffFactory(is_superuser=True)
    )
    assert not result.errors, [str(error.message) for error in result.errors]
    assert Initiative.objects.get(key="SK-1").title == row["ten_sang_kien"]


@pytest.fixture
def hostile_readers():
    """Articles, categories and authors named with the corpus's formula-like text, each read on one day."""
    from django.utils import timezone

    from news.models import ArticleDayViews
    from tests.factories import ArticleFactory, CategoryFactory

    articles = []
    for number, text in enumerate(FORMULA_TEXTS):
        category = CategoryFactory(name=text, slug=f"chuyen-muc-{number}")
        article = ArticleFactory(title=text, category=category, author=text, slug=f"bai-{number}")
        ArticleDayViews.objects.create(article=article, day=timezone.localdate(), views=100 + number)
        articles.append(article)
    return articles


@pytest.mark.parametrize("table", ["bai-viet", "chuyen-muc", "tac-gia", "truy-cap"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_readers_report_downloads_are_inert(client, hostile_readers, table, fmt):
    client.force_login(StaffFactory(groups=["Duyệt bài"]))
    response = client.get(reverse("admin:news_article_readers"), {"tai": table, "dinh-dang": fmt, "ky": "today"})
    assert response.status_code == 200
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        for cell in (cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row):
            if cell.startswith(PREFIXES):
                float(cell.replace(",", "."))
        if table != "truy-cap":
            assert "'=HYPERLINK" in text
    else:
        seen = assert_xlsx_inert(response.content)
        if table != "truy-cap":
            assert FORMULA_TEXTS[0] in seen
