"""Editor vs publisher vs anonymous: only a publisher can put an article on the site, by any route."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from news import services
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory, StaffFactory, UserFactory, image_upload

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:news_article_add")
CHANGELIST_URL = reverse("admin:news_article_changelist")
UPLOAD_URL = reverse("ckeditor_upload")


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


@pytest.fixture
def users(db):
    return {
        "anonymous": None,
        "member": UserFactory(username="doanvien"),
        "staff_without_groups": StaffFactory(username="nhanvien"),
        "editor": StaffFactory(username="bientap", groups=[services.EDITORS_GROUP]),
        "publisher": StaffFactory(username="duyetbai", groups=[services.PUBLISHERS_GROUP]),
        "superuser": StaffFactory(username="quantri", is_superuser=True),
    }


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


def article_form(category, **overrides):
    now = timezone.localtime()
    data = {
        "title": "Công đoàn tỉnh phát động tháng công nhân",
        "slug": "",
        "category": category.pk,
        "sapo": "Lễ phát động diễn ra sáng nay.",
        "body": "<p>Nội dung bài viết.</p>",
        "cover_caption": "",
        "cover_credit": "",
        "author": "BẢO HÂN",
        "source_name": "",
        "source_url": "",
        "status": "published",
        "published_at_0": now.strftime("%d/%m/%Y"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "_workflow": "publish",
    }
    data.update(overrides)
    return data


# --- the groups from migration 0002 ---------------------------------------------


def test_migration_creates_the_two_groups_with_their_permissions():
    editors = set(Group.objects.get(name="Biên tập viên").permissions.values_list("codename", flat=True))
    publishers = set(Group.objects.get(name="Duyệt bài").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "view_article", "view_category"} <= editors
    assert "publish_article" not in editors and "delete_article" not in editors
    assert editors < publishers
    assert {"publish_article", "delete_article"} <= publishers


# --- adding through the form -------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "outcome"),
    [
        ("anonymous", "login"),
        ("member", "login"),
        ("staff_without_groups", "forbidden"),
        ("editor", "forbidden"),
        ("publisher", "published"),
        ("superuser", "published"),
    ],
)
def test_add_form_post_with_status_published(client, users, who, outcome):
    category = CategoryFactory()
    response = client_for(client, users[who]).post(ADD_URL, article_form(category))
    if outcome == "login":
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert not Article.objects.exists()
    elif outcome == "forbidden":
        assert response.status_code == 403
        assert not Article.objects.exists()
    else:
        assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
        article = Article.objects.get()
        assert article.status == outcome
        assert article.created_by == users[who]
        assert article.slug == "cong-doan-tinh-phat-dong-thang-cong-nhan"


# --- changing through the form ------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "outcome"),
    [
        ("anonymous", "login"),
        ("staff_without_groups", "forbidden"),
        ("editor", "forbidden"),
        ("publisher", "published"),
        ("superuser", "published"),
    ],
)
def test_change_form_post_of_a_draft_with_status_published(client, users, who, outcome):
    draft = ArticleFactory(status="draft", title="Bản nháp về an toàn lao động", slug="")
    response = client_for(client, users[who]).post(
        change_url(draft), article_form(draft.category, title="Bản nháp đã sửa")
    )
    draft.refresh_from_db()
    if outcome == "login":
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert draft.title == "Bản nháp về an toàn lao động"
    elif outcome == "forbidden":
        assert response.status_code == 403
        assert draft.title == "Bản nháp về an toàn lao động"
    else:
        assert response.status_code == 302
        assert draft.title == "Bản nháp đã sửa"
        assert draft.status == outcome


@pytest.mark.parametrize("when", ["live", "scheduled"])
def test_an_editor_cannot_change_an_approved_article(client, users, when):
    offset = timedelta(hours=-1) if when == "live" else timedelta(days=1)
    approved = ArticleFactory(status="published", published_at=timezone.now() + offset, title="Tin đã duyệt")
    client.force_login(users["editor"])
    page = client.get(change_url(approved))
    assert page.status_code == 200  # read-only view
    assert b'name="title"' not in page.content
    response = client.post(change_url(approved), article_form(approved.category, title="Nội dung khác"))
    assert response.status_code == 403
    approved.refresh_from_db()
    assert (approved.title, approved.status) == ("Tin đã duyệt", "published")


def test_a_publisher_can_change_an_approved_article(client, users):
    approved = ArticleFactory(status="published", title="Tin đã duyệt")
    client.force_login(users["publisher"])
    response = client.post(change_url(approved), article_form(approved.category, title="Tin đã duyệt, sửa lỗi"))
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.title == "Tin đã duyệt, sửa lỗi" and approved.status == "published"


def test_the_editor_gets_send_for_review_and_the_publisher_gets_publish(client, users):
    client.force_login(users["editor"])
    page = client.get(ADD_URL).content.decode()
    assert 'name="status"' not in page and 'name="review_note"' not in page
    assert 'value="submit"' in page and 'value="publish"' not in page
    client.force_login(users["publisher"])
    page = client.get(ADD_URL).content.decode()
    assert 'value="publish"' in page and 'name="review_note"' in page


# --- list actions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "published"),
    [("editor", False), ("staff_without_groups", False), ("publisher", True), ("superuser", True)],
)
def test_publish_action(client, users, who, published):
    drafts = ArticleFactory.create_batch(2, status="draft")
    data = {"action": "publish_selected", "_selected_action": [a.pk for a in drafts], "index": 0}
    response = client_for(client, users[who]).post(CHANGELIST_URL, data)
    assert response.status_code in (200, 302, 403)
    statuses = set(Article.objects.values_list("status", flat=True))
    assert statuses == ({"published"} if published else {"draft"})


def test_actions_are_offered_only_to_publishers(client, users):
    ArticleFactory(status="draft")
    client.force_login(users["editor"])
    page = client.get(CHANGELIST_URL).content.decode()
    assert 'value="publish_selected"' not in page and 'value="unpublish_selected"' not in page
    assert 'value="submit_selected"' in page
    client.force_login(users["publisher"])
    page = client.get(CHANGELIST_URL).content.decode()
    assert 'value="publish_selected"' in page and 'value="unpublish_selected"' in page


@pytest.mark.parametrize(("who", "withdrawn"), [("editor", False), ("publisher", True)])
def test_unpublish_action(client, users, who, withdrawn):
    live = ArticleFactory(status="published")
    client.force_login(users[who])
    client.post(CHANGELIST_URL, {"action": "unpublish_selected", "_selected_action": [live.pk], "index": 0})
    live.refresh_from_db()
    assert live.status == ("draft" if withdrawn else "published")


def test_an_editor_cannot_delete(client, users):
    article = ArticleFactory(status="draft")
    client.force_login(users["editor"])
    response = client.post(reverse("admin:news_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


# --- the upload endpoint is not a way around it -------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("staff_without_groups", 403),
        ("editor", 200),
        ("publisher", 200),
        ("superuser", 200),
    ],
)
def test_upload_endpoint_permission_matrix(client, users, who, status):
    draft = ArticleFactory(status="draft")
    response = client_for(client, users[who]).post(UPLOAD_URL, {"upload": image_upload(), "status": "published"})
    assert response.status_code == status
    draft.refresh_from_db()
    assert draft.status == "draft"


# --- the service itself ---------------------------------------------------------------------


def test_services_refuse_an_editor_whatever_the_caller(users):
    draft = ArticleFactory(status="draft")
    with pytest.raises(PermissionDenied):
        services.publish(obj=draft, by=users["editor"])
    with pytest.raises(PermissionDenied):
        services.publish_all(objects=[draft], by=users["editor"])
    draft.status = "published"
    services.save(obj=draft, by=users["editor"])
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_save_article_refuses_an_editor_on_an_approved_article(users):
    live = ArticleFactory(status="published")
    live.title = "Đổi nội dung đã duyệt"
    with pytest.raises(PermissionDenied):
        services.save(obj=live, by=users["editor"])
    assert Article.objects.get(pk=live.pk).title != "Đổi nội dung đã duyệt"


def test_an_inactive_publisher_cannot_publish(users):
    publisher = users["publisher"]
    publisher.is_active = False
    publisher.save()
    with pytest.raises(PermissionDenied):
        services.publish(obj=ArticleFactory(status="draft"), by=publisher)


def test_publishing_a_draft_written_earlier_publishes_it_now():
    draft = ArticleFactory(status="draft", published_at=timezone.now() - timedelta(days=7))
    publisher = StaffFactory(groups=[services.PUBLISHERS_GROUP])
    services.publish(obj=draft, by=publisher)
    assert draft.is_published()
    assert timezone.now() - draft.published_at < timedelta(minutes=1)


def test_publishing_a_draft_with_a_future_time_schedules_it():
    when = timezone.now() + timedelta(days=2)
    draft = ArticleFactory(status="draft", published_at=when)
    services.publish(obj=draft, by=StaffFactory(groups=[services.PUBLISHERS_GROUP]))
    draft.refresh_from_db()
    assert draft.is_scheduled() and draft.published_at == when


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_editor_saving_while_a_publisher_approves_waits_and_is_refused():
    """The publisher's approval holds the row; the editor's save waits for it, then sees an approved article."""
    import threading

    from django.db import connection, transaction

    draft = ArticleFactory(status="draft", title="Tin chờ duyệt")
    editor = StaffFactory(username="bientap2", groups=[services.EDITORS_GROUP])
    publisher = StaffFactory(username="duyetbai2", groups=[services.PUBLISHERS_GROUP])
    approved, outcome = threading.Event(), {}

    def editor_saves():
        try:
            approved.wait(5)
            edited = Article.objects.get(pk=draft.pk)
            edited.status = "draft"  # read before the approval commits
            edited.title = "Nội dung chưa duyệt"
            services.save(obj=edited, by=editor)
            outcome["editor"] = "saved"
        except PermissionDenied:
            outcome["editor"] = "refused"
        finally:
            connection.close()

    worker = threading.Thread(target=editor_saves)
    worker.start()
    with transaction.atomic():
        services.publish(obj=Article.objects.get(pk=draft.pk), by=publisher)
        approved.set()
        worker.join(0.5)
        assert worker.is_alive()  # waiting on the row lock
    worker.join(5)
    assert outcome["editor"] == "refused"
    draft.refresh_from_db()
    assert (draft.status, draft.title) == ("published", "Tin chờ duyệt")
