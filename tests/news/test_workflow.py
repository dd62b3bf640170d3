"""The publishing workflow: Nháp → Chờ duyệt → Đã xuất bản / Hẹn giờ, Trả lại with a note; every role, every route."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from news import services
from news.models import Article, Video, WebLink
from tests.factories import ArticleFactory, StaffFactory, VideoFactory, WebLinkFactory

pytestmark = pytest.mark.django_db

ROLES = ["editor", "publisher", "superuser", "staff_without_groups"]
PUBLISHERS = {"publisher", "superuser"}


@pytest.fixture
def people(db):
    return {
        "editor": StaffFactory(username="bientap", first_name="Phương Anh", groups=[services.EDITORS_GROUP]),
        "publisher": StaffFactory(username="duyetbai", groups=[services.PUBLISHERS_GROUP]),
        "superuser": StaffFactory(username="quantri", is_superuser=True),
        "staff_without_groups": StaffFactory(username="nhanvien"),
    }


def change_url(obj):
    return reverse(f"admin:news_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:news_{model._meta.model_name}_changelist")


def article_form(article, **overrides):
    when = timezone.localtime(article.published_at)
    data = {
        "title": article.title,
        "slug": article.slug,
        "category": article.category_id,
        "sapo": article.sapo,
        "body": article.body,
        "cover_caption": "",
        "cover_credit": "",
        "author": article.author,
        "source_name": "",
        "source_url": "",
        "published_at_0": when.strftime("%d/%m/%Y"),
        "published_at_1": when.strftime("%H:%M:%S"),
        "review_note": "",
        "_save": "Lưu",
    }
    data.update(overrides)
    return data


def draft_by(editor, **kwargs):
    return ArticleFactory(status="draft", created_by=editor, **kwargs)


def in_review(editor, **kwargs):
    article = draft_by(editor, **kwargs)
    services.submit_for_review(obj=article, by=editor)
    return article


# --- each role against each transition, through the service --------------------------


@pytest.mark.parametrize("role", ROLES)
def test_send_for_review_by_service(people, role):
    article = draft_by(people["editor"])
    if role == "staff_without_groups":
        with pytest.raises(PermissionDenied):
            services.submit_for_review(obj=article, by=people[role])
        return
    services.submit_for_review(obj=article, by=people[role])
    article.refresh_from_db()
    assert article.status == "review" and article.submitted_by == people[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "transition",
    [
        lambda obj, by: services.publish(obj=obj, by=by),
        lambda obj, by: services.return_to_editor(obj=obj, by=by, note="Sửa tít"),
        lambda obj, by: services.publish_all(objects=[obj], by=by),
    ],
    ids=["publish", "return", "publish_all"],
)
def test_only_publishers_publish_or_return_by_service(people, role, transition):
    article = in_review(people["editor"])
    if role in PUBLISHERS:
        transition(article, people[role])
        assert Article.objects.get(pk=article.pk).status in ("published", "returned")
    else:
        with pytest.raises(PermissionDenied):
            transition(article, people[role])
        assert Article.objects.get(pk=article.pk).status == "review"


@pytest.mark.parametrize("role", ROLES)
def test_only_publishers_unpublish_by_service(people, role):
    live = ArticleFactory(status="published")
    if role in PUBLISHERS:
        services.unpublish(obj=live, by=people[role])
        assert Article.objects.get(pk=live.pk).status == "draft"
    else:
        with pytest.raises(PermissionDenied):
            services.unpublish(obj=live, by=people[role])
        assert Article.objects.get(pk=live.pk).status == "published"


def test_an_editors_save_never_changes_the_state(people):
    article = in_review(people["editor"])
    article.status = "published"
    article.title = "Sửa khi chờ duyệt"
    services.save(obj=article, by=people["editor"])
    article.refresh_from_db()
    assert (article.status, article.title) == ("review", "Sửa khi chờ duyệt")


def test_return_needs_a_note_and_only_drafts_or_returned_go_to_review(people):
    article = in_review(people["editor"])
    with pytest.raises(ValidationError):
        services.return_to_editor(obj=article, by=people["publisher"], note="  ")
    with pytest.raises(ValidationError):
        services.submit_for_review(obj=article, by=people["editor"])  # already waiting
    services.return_to_editor(obj=article, by=people["publisher"], note="Thiếu nguồn ảnh.")
    services.submit_for_review(obj=article, by=people["editor"])
    assert Article.objects.get(pk=article.pk).status == "review"


# --- through the change form (buttons and hand-made POSTs) ------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["submit", "publish", "return", "unpublish"])
def test_every_button_for_every_role(client, people, role, action):
    start = "published" if action == "unpublish" else ("review" if action == "return" else "draft")
    article = draft_by(people["editor"])
    Article.objects.filter(pk=article.pk).update(status=start)
    client.force_login(people[role])

    response = client.post(
        change_url(article), article_form(article, _workflow=action, review_note="Viết lại đoạn mở đầu.")
    )

    article.refresh_from_db()
    expected = {"submit": "review", "publish": "published", "return": "returned", "unpublish": "draft"}[action]
    if role == "staff_without_groups":
        assert response.status_code == 403 and article.status == start
    elif role == "editor" and action != "submit":
        assert response.status_code == 403 and article.status == start
    else:
        assert response.status_code == 302, response.content.decode()[:500]
        assert article.status == expected


def test_a_crafted_status_field_is_ignored(client, people):
    article = draft_by(people["editor"])
    client.force_login(people["editor"])
    client.post(change_url(article), article_form(article, status="published", title="Tự đăng"))
    article.refresh_from_db()
    assert (article.status, article.title) == ("draft", "Tự đăng")


def test_returning_without_a_note_keeps_the_form_with_a_vietnamese_error(client, people):
    article = in_review(people["editor"])
    client.force_login(people["publisher"])
    response = client.post(change_url(article), article_form(article, _workflow="return", review_note=""))
    assert response.status_code == 200
    assert "Khi trả lại, hãy ghi điều biên tập viên cần sửa." in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == "review"


# --- list actions ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["submit_selected", "publish_selected", "unpublish_selected"])
def test_list_actions_for_every_role(client, people, role, action):
    start = "published" if action == "unpublish_selected" else "draft"
    articles = ArticleFactory.create_batch(2, status=start, created_by=people["editor"])
    client.force_login(people[role])
    client.post(changelist_url(Article), {"action": action, "_selected_action": [a.pk for a in articles]})
    statuses = set(Article.objects.values_list("status", flat=True))
    allowed = role in PUBLISHERS or (role == "editor" and action == "submit_selected")
    expected = {"submit_selected": "review", "publish_selected": "published", "unpublish_selected": "draft"}[action]
    assert statuses == ({expected} if allowed else {start})


# --- what people are told --------------------------------------------------------------


def test_messages_say_what_happened(client, people):
    editor, publisher = people["editor"], people["publisher"]
    article = draft_by(editor, title="Hội nghị tổng kết")
    client.force_login(editor)
    page = client.post(change_url(article), article_form(article, _workflow="submit"), follow=True)
    assert "Đã gửi “Hội nghị tổng kết” cho người duyệt." in page.content.decode()

    client.force_login(publisher)
    page = client.post(change_url(article), article_form(article, _workflow="return", review_note="Thêm ảnh."))
    page = client.get(page["Location"])
    assert "Đã trả lại cho biên tập viên Phương Anh." in page.content.decode()
    assert "thành công" not in page.content.decode()

    Article.objects.filter(pk=article.pk).update(status="review")
    page = client.post(change_url(article), article_form(article, _workflow="publish"), follow=True)
    assert "Đã xuất bản bài “Hội nghị tổng kết”." in page.content.decode()


def test_a_future_time_is_scheduled_and_said_so(client, people):
    article = in_review(people["editor"])
    client.force_login(people["publisher"])
    page = client.post(
        change_url(article),
        article_form(article, _workflow="publish", published_at_0="15/12/2099", published_at_1="08:00:00"),
        follow=True,
    )
    assert "Đã hẹn giờ đăng lúc 08:00 15/12/2099." in page.content.decode()
    article.refresh_from_db()
    assert article.is_scheduled()
    listing = client.get(changelist_url(Article) + "?trang_thai=scheduled").content.decode()
    assert article.title in listing and "Hẹn giờ đăng" in listing


# --- e-mail, after the commit ---------------------------------------------------------------


def test_publishers_hear_of_work_waiting_and_the_editor_of_the_answer(people, django_capture_on_commit_callbacks):
    editor, publisher = people["editor"], people["publisher"]
    article = draft_by(editor, title="Tin an toàn lao động")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit_for_review(obj=article, by=editor)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    [waiting] = mail.outbox
    assert set(waiting.to) == {publisher.email, people["superuser"].email}
    assert "Chờ duyệt" in waiting.subject and "Tin an toàn lao động" in waiting.subject
    assert change_url(article) in waiting.body

    with django_capture_on_commit_callbacks(execute=True):
        services.return_to_editor(obj=article, by=publisher, note="Ghi rõ tên đơn vị.")
    returned = mail.outbox[-1]
    assert returned.to == [editor.email] and "Ghi rõ tên đơn vị." in returned.body

    article.refresh_from_db()
    services.submit_for_review(obj=article, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(obj=article, by=publisher)
    assert mail.outbox[-1].to == [editor.email] and "Đã xuất bản" in mail.outbox[-1].subject


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing():
    from django.db import transaction

    editor = StaffFactory(username="bt", groups=[services.EDITORS_GROUP])
    StaffFactory(username="db", groups=[services.PUBLISHERS_GROUP])
    article = ArticleFactory(status="draft", created_by=editor)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.submit_for_review(obj=article, by=editor)
        raise RuntimeError
    assert mail.outbox == []
    services.submit_for_review(obj=article, by=editor)
    assert len(mail.outbox) == 1


# --- the publisher's queue ------------------------------------------------------------------


def test_the_queue_on_the_index_and_in_the_filter_oldest_first(client, people, django_assert_max_num_queries):
    editor = people["editor"]
    older = in_review(editor, title="Bài gửi trước")
    newer = in_review(editor, title="Bài gửi sau")
    Article.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timedelta(hours=3))
    draft_by(editor, title="Bài còn nháp")
    client.force_login(people["publisher"])

    index = client.get(reverse("admin:index")).content.decode()
    assert "Việc chờ duyệt" in index and f"{changelist_url(Article)}?trang_thai=review" in index
    assert "<strong>2</strong> chờ duyệt" in index

    listing = client.get(changelist_url(Article) + "?trang_thai=review").content.decode()
    assert "Chờ duyệt (2)" in listing and "Hẹn giờ đăng" in listing
    assert "Bài còn nháp" not in listing
    assert listing.index("Bài gửi trước") < listing.index("Bài gửi sau")
    assert newer.title in listing


def test_editors_see_no_queue_on_the_index(client, people):
    in_review(people["editor"])
    client.force_login(people["editor"])
    assert "Việc chờ duyệt" not in client.get(reverse("admin:index")).content.decode()


# --- versions: diff and restore ---------------------------------------------------------------


def test_every_save_keeps_a_version_with_who_and_what(people):
    editor = people["editor"]
    article = ArticleFactory(status="draft", body="<p>Đoạn một.</p><p>Đoạn hai cũ.</p>")
    article.body = "<p>Đoạn một.</p><p>Đoạn hai mới.</p>"
    services.save(obj=article, by=editor)
    services.submit_for_review(obj=article, by=editor)
    versions = list(article.history.order_by("history_date"))
    assert len(versions) == 3
    assert versions[-1].history_change_reason == "Gửi duyệt"
    assert versions[-1].history_user is None  # made outside a request: no user middleware


def test_the_versions_page_shows_a_readable_diff(client, people):
    editor = people["editor"]
    article = draft_by(editor, title="Tin cũ", body="<p>Đoạn một.</p><p>Hội nghị có 100 đại biểu.</p>")
    client.force_login(editor)
    client.post(
        change_url(article),
        article_form(article, title="Tin mới", body="<p>Đoạn một.</p><p>Hội nghị có 120 đại biểu.</p>"),
    )
    page = client.get(reverse("admin:news_article_history", args=[article.pk])).content.decode()
    assert "<del>100</del> <ins>120</ins>" in page
    assert "Tin <del>cũ</del> <ins>mới</ins>" in page
    assert "bientap" in page or "Phương Anh" in page
    assert "Khôi phục" not in page  # editors do not restore


@pytest.mark.parametrize("role", ROLES)
def test_only_publishers_restore(client, people, role):
    article = draft_by(people["editor"], title="Bản đầu")
    first = article.history.earliest("history_date")
    article.title = "Bản sau"
    services.save(obj=article, by=people["editor"])
    client.force_login(people[role])
    url = reverse("admin:news_article_restore", args=[article.pk, first.history_id])
    response = client.post(url)
    article.refresh_from_db()
    if role in PUBLISHERS:
        assert response.status_code == 302 and article.title == "Bản đầu"
    else:
        assert response.status_code == 403 and article.title == "Bản sau"
    assert client.get(url).status_code in (403, 405)


def test_restoring_a_live_article_goes_through_review(people, django_capture_on_commit_callbacks):
    publisher = people["publisher"]
    live = ArticleFactory(status="published", title="Tin đã đăng", slug="tin-da-dang")
    first = live.history.earliest("history_date")
    live.title = "Tin đã đăng, sửa"
    services.save(obj=live, by=publisher)
    with django_capture_on_commit_callbacks(execute=True):
        services.restore(obj=live, record=first, by=publisher)
    live.refresh_from_db()
    assert (live.title, live.status, live.slug) == ("Tin đã đăng", "review", "tin-da-dang")
    assert "Chờ duyệt" in mail.outbox[-1].subject


def test_a_version_of_another_article_is_refused(people):
    one, other = ArticleFactory(status="draft"), ArticleFactory(status="draft")
    with pytest.raises(ValidationError):
        services.restore(obj=one, record=other.history.first(), by=people["publisher"])


# --- web links and videos go through review --------------------------------------------------


@pytest.mark.parametrize("model, factory", [(WebLink, WebLinkFactory), (Video, VideoFactory)])
def test_an_editors_new_link_or_video_waits_for_the_publisher(client, people, model, factory):
    client.force_login(people["editor"])
    if model is WebLink:
        data = {"title": "Trang giả mạo", "url": "https://phishing.example.com/", "order": 1, "_workflow": "submit"}
    else:
        data = {
            "title": "Phim mới",
            "youtube_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "published_on": timezone.localdate().strftime("%d/%m/%Y"),
            "_workflow": "submit",
        }
    response = client.post(reverse(f"admin:news_{model._meta.model_name}_add"), data)
    assert response.status_code == 302
    obj = model.objects.get()
    assert obj.status == "review"
    assert data["title"] not in client.get("/").content.decode()

    client.force_login(people["publisher"])
    client.post(changelist_url(model), {"action": "publish_selected", "_selected_action": [obj.pk]})
    assert model.objects.get().status == "published"


@pytest.mark.parametrize("factory", [WebLinkFactory, VideoFactory])
def test_an_editor_cannot_change_or_hide_what_is_live(client, people, factory):
    live = factory(status="published", title="Tổng Liên đoàn")
    model = type(live)
    client.force_login(people["editor"])
    assert b'name="title"' not in client.get(change_url(live)).content
    response = client.post(change_url(live), {"title": "Đã đổi", "url": "https://phishing.example.com/", "order": 1})
    assert response.status_code == 403
    client.post(changelist_url(model), {"action": "unpublish_selected", "_selected_action": [live.pk]})
    with pytest.raises(PermissionDenied):
        services.unpublish(obj=live, by=people["editor"])
    live.refresh_from_db()
    assert (live.title, live.status) == ("Tổng Liên đoàn", "published")


def test_the_publishers_group_may_publish_links_and_videos(people):
    publisher, editor = people["publisher"], people["editor"]
    assert services.can_publish(publisher, WebLink) and services.can_publish(publisher, Video)
    assert not services.can_publish(editor, WebLink) and not services.can_publish(editor, Video)
