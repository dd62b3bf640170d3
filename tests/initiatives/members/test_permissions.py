"""Who may read an attachment, edit an initiative and review it: author, another member, a reviewer of the unit,
a reviewer of another unit, a provincial administrator, anonymous."""

import pytest
from django.urls import reverse

from initiatives import services
from initiatives.models import Initiative

from .conftest import file_one

pytestmark = pytest.mark.django_db

PEOPLE = ["author", "other_member", "reviewer_a", "reviewer_b", "province_admin", "anonymous"]


def login(client, world, who):
    users = {
        "author": world.member.user,
        "other_member": world.other_member.user,
        "reviewer_a": world.reviewer_a,
        "reviewer_b": world.reviewer_b,
        "province_admin": world.province_admin,
    }
    if who != "anonymous":
        client.force_login(users[who])


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("author", True),
        ("other_member", False),
        ("reviewer_a", True),
        ("reviewer_b", False),
        ("province_admin", True),
        ("anonymous", False),
    ],
)
def test_reading_a_private_attachment(client, world, who, allowed):
    attachment = file_one(world).attachments.get()
    login(client, world, who)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("confidential", "approved", "marked_public", "visible"),
    [(False, True, True, True), (False, True, False, False), (False, False, True, False), (True, True, True, False)],
)
def test_a_public_attachment_is_for_everyone_only_on_an_approved_open_initiative(
    client, world, confidential, approved, marked_public, visible
):
    initiative = file_one(world, confidential=confidential)
    initiative.attachments.update(is_public=marked_public)
    if approved:
        services.review(by=world.reviewer_a, initiative=initiative, decision="hop_le")
    response = client.get(initiative.attachments.get().get_absolute_url())
    assert response.status_code == (200 if visible else 404)


def test_production_hands_the_file_to_nginx(client, world, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    attachment = file_one(world).attachments.get()
    client.force_login(world.member.user)
    response = client.get(attachment.get_absolute_url())
    assert response["X-Accel-Redirect"] == f"/_private/{attachment.file.name}"
    assert response.content == b""


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("author", 200),
        ("other_member", 404),
        ("reviewer_a", 404),
        ("reviewer_b", 404),
        ("province_admin", 404),
        ("anonymous", 302),
    ],
)
def test_editing_is_the_authors_alone(client, world, who, status):
    draft = file_one(world, send=False)
    login(client, world, who)
    assert client.get(reverse("members:edit", kwargs={"pk": draft.pk})).status_code == status


@pytest.mark.parametrize(
    ("who", "page", "decides"),
    [
        ("author", 403, False),
        ("other_member", 403, False),
        ("reviewer_a", 200, True),
        ("reviewer_b", 404, False),
        ("province_admin", 200, True),
        ("anonymous", 302, False),
    ],
)
def test_reviewing(client, world, who, page, decides):
    initiative = file_one(world)
    login(client, world, who)
    url = reverse("members:review", kwargs={"pk": initiative.pk})
    assert client.get(url).status_code == page
    client.post(url, {"decision": "hop_le"})
    initiative.refresh_from_db()
    assert initiative.is_approved is decides


def test_the_queue_holds_the_scope_oldest_first_with_the_attachments(client, world):
    first = file_one(world, title="Nộp trước")
    second = file_one(world, title="Nộp sau")
    Initiative.objects.filter(pk=first.pk).update(
        submitted_at=second.submitted_at.replace(year=second.submitted_at.year)
    )
    client.force_login(world.reviewer_a)
    html = client.get(reverse("members:review_queue")).content.decode()
    assert html.index("Nộp trước") < html.index("Nộp sau")
    assert first.attachments.get().get_absolute_url() in html
    client.force_login(world.reviewer_b)
    assert "Nộp trước" not in client.get(reverse("members:review_queue")).content.decode()


def test_a_decision_without_its_reason_keeps_the_page_with_the_error(client, world):
    initiative = file_one(world)
    client.force_login(world.reviewer_a)
    response = client.post(reverse("members:review", kwargs={"pk": initiative.pk}), {"decision": "khong_hop_le"})
    assert response.status_code == 400
    assert response.context["form"].errors["note"] == ["Cần ghi lý do không thông qua."]
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.DA_NOP
