"""The public library: approved only, newest first, search without accents, filters, and confidentiality on the
list, the page, the search and the JSON."""

import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from initiatives import services
from initiatives.models import Initiative

from .conftest import file_one

pytestmark = pytest.mark.django_db
SECRET_SUMMARY = "Hợp kim vonfram pha coban theo tỉ lệ riêng"


def approve(world, initiative):
    return services.review(by=world.province_admin, initiative=initiative, decision="hop_le")


def library_url(world, **params):
    url = reverse("initiatives:library", kwargs={"slug": world.campaign.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def json_of(client, world, **params):
    url = reverse("initiatives:library_json", kwargs={"slug": world.campaign.slug})
    return json.loads(client.get(url, params).content)


def text_of(response):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def shelf(world):
    """Three approved (one confidential, one awarded, one in another district), one still waiting."""
    open_one = approve(world, file_one(world, title="Máy bóc vỏ tôm cải tiến"))
    secret = file_one(
        world,
        title="Lưỡi dao hợp kim bí mật",
        summary=SECRET_SUMMARY,
        effect="Dao bền gấp ba, giảm chi phí thay dao.",
        confidential=True,
    )
    secret.attachments.update(is_public=True)
    secret = approve(world, secret)
    other = file_one(
        world,
        title="Phần mềm quản lý đoàn viên",
        kind="ung_dung",
        sector="hanh_chinh",
        summary="Sổ đoàn viên điện tử trên điện thoại.",
        effect="Giảm giấy tờ ở công đoàn cơ sở.",
    )
    Initiative.objects.filter(pk=other.pk).update(unit=world.district_b)
    other = approve(world, other)
    for status in ("de_nghi_khen", "duoc_tang_bang"):
        other = services.transition(by=world.province_admin, initiative=other, to_status=status)
    waiting = file_one(world, title="Đang chờ duyệt")
    # Newest submitted first: open_one oldest, then secret, then other.
    now = timezone.now()
    for age, item in ((3, open_one), (2, secret), (1, other), (0, waiting)):
        Initiative.objects.filter(pk=item.pk).update(submitted_at=now - timedelta(hours=age))
    return {"open": open_one, "secret": secret, "other": other, "waiting": waiting}


def test_only_approved_initiatives_newest_first(client, world, shelf):
    titles = [entry["title"] for entry in json_of(client, world)["results"]]
    assert titles == ["Phần mềm quản lý đoàn viên", "Lưỡi dao hợp kim bí mật", "Máy bóc vỏ tôm cải tiến"]
    assert "Đang chờ duyệt" not in text_of(client.get(library_url(world)))
    waiting_page = reverse("initiatives:library_entry", kwargs={"slug": world.campaign.slug, "pk": shelf["waiting"].pk})
    assert client.get(waiting_page).status_code == 404


@pytest.mark.parametrize("query", ["may boc vo tom", "MÁY BÓC", "Bóc Vỏ", "tiet kiem 120 gio"])
def test_search_ignores_accents_and_case(client, world, shelf, query):
    titles = [entry["title"] for entry in json_of(client, world, q=query)["results"]]
    assert titles == ["Máy bóc vỏ tôm cải tiến"]


@pytest.mark.postgres
def test_search_ignores_accents_and_case_on_postgresql(client, world, shelf):
    assert connection.vendor == "postgresql"
    assert [e["title"] for e in json_of(client, world, q="PHAN mem quan ly")["results"]] == [
        "Phần mềm quản lý đoàn viên"
    ]
    assert [e["title"] for e in json_of(client, world, q="Dao BỀN gấp ba")["results"]] == ["Lưỡi dao hợp kim bí mật"]
    assert json_of(client, world, q="vonfram coban")["results"] == []


def test_filters_unit_with_subtree_kind_sector_phase_awarded(client, world, shelf):
    def titles(**params):
        return {entry["title"] for entry in json_of(client, world, **params)["results"]}

    assert titles(**{"don-vi": "vinh-chau"}) == {"Máy bóc vỏ tôm cải tiến", "Lưỡi dao hợp kim bí mật"}
    assert titles(**{"don-vi": "tinh"}) == {
        "Máy bóc vỏ tôm cải tiến",
        "Lưỡi dao hợp kim bí mật",
        "Phần mềm quản lý đoàn viên",
    }
    assert titles(loai="ung_dung") == {"Phần mềm quản lý đoàn viên"}
    assert titles(**{"khu-vuc": "san_xuat"}) == {"Máy bóc vỏ tôm cải tiến", "Lưỡi dao hợp kim bí mật"}
    assert titles(**{"giai-doan": "2"}) == titles()
    assert titles(**{"giai-doan": "1"}) == set()
    assert titles(**{"khen-thuong": "1"}) == {"Phần mềm quản lý đoàn viên"}


def test_a_confidential_initiative_shows_only_title_unit_effect_and_award_everywhere(client, world, shelf):
    secret = shelf["secret"]
    listing = text_of(client.get(library_url(world)))
    assert "Lưỡi dao hợp kim bí mật" in listing and SECRET_SUMMARY not in listing
    page = client.get(secret.get_library_url())
    text = text_of(page)
    assert "Lưỡi dao hợp kim bí mật" in text and "CĐCS Trường THPT Vĩnh Châu" in text and "Dao bền gấp ba" in text
    for hidden in (SECRET_SUMMARY, "Nguyễn Thị Mai", "Giải pháp kỹ thuật", "15.000.000", "quyet-dinh.pdf"):
        assert hidden not in text
    entry = next(e for e in json_of(client, world)["results"] if e["id"] == secret.pk)
    assert set(entry) == {"id", "title", "unit", "effect", "award", "confidential", "url"}
    assert client.get(secret.attachments.get().get_absolute_url()).status_code == 404  # even marked public


def test_search_never_matches_what_a_confidential_initiative_hides(client, world, shelf):
    assert json_of(client, world, q="vonfram")["results"] == []
    assert "Lưỡi dao" not in text_of(client.get(library_url(world, q="vonfram coban")))
    assert [e["title"] for e in json_of(client, world, q="hop kim bi mat")["results"]] == ["Lưỡi dao hợp kim bí mật"]


def test_an_open_initiative_shows_everything_and_only_the_files_its_author_made_public(client, world, shelf):
    initiative = shelf["open"]
    text = text_of(client.get(initiative.get_library_url()))
    for shown in ("Nguyễn Thị Mai", "Giải pháp kỹ thuật", "Sản xuất kinh doanh", "Thay lưỡi dao thép", "15.000.000"):
        assert shown in text
    assert "quyet-dinh.pdf" not in text
    initiative.attachments.update(is_public=True)
    page = client.get(initiative.get_library_url())
    assert "quyet-dinh.pdf" in text_of(page)
    assert client.get(initiative.attachments.get().get_absolute_url()).status_code == 200


def test_the_library_is_paginated_with_a_flat_query_count(client, world, django_assert_max_num_queries):
    for n in range(3):
        approve(world, file_one(world, title=f"Sáng kiến số {n}"))
    with django_assert_max_num_queries(13) as few:
        client.get(library_url(world))
    for n in range(3, 25):
        approve(world, file_one(world, title=f"Sáng kiến số {n}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(library_url(world))
    assert response.context["page_obj"].paginator.num_pages == 2
    assert "Sáng kiến số 24" in text_of(response) and "Sáng kiến số 0" not in text_of(response)


def test_linked_from_the_progress_and_unit_pages_and_in_the_sitemap(client, world, shelf):
    library = library_url(world)
    assert library in client.get(world.campaign.get_absolute_url()).content.decode()
    unit_page = reverse("initiatives:unit", kwargs={"slug": world.campaign.slug, "code": "vinh-chau"})
    assert f"{library}?don-vi=vinh-chau" in client.get(unit_page).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert library in sitemap and shelf["open"].get_library_url() in sitemap
    assert shelf["waiting"].get_library_url() not in sitemap
