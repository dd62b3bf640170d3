"""The editing workflow: who may publish, and the writes that publish or withdraw an article.

Two groups are created by migration 0002: "Biên tập viên" write and edit
drafts; "Duyệt bài" also hold `news.publish_article`. The rules, enforced here
whatever route a request took (change form, list action, a hand-made POST):

- only a publisher makes an article published (now or scheduled), withdraws
  it, or changes one that is already published or scheduled;
- an editor's save always leaves the article a draft, and an editor cannot
  change an article once it is approved (its content is what was approved);
- "Xuất bản" on an article whose publish time has passed sets it to now, so a
  draft written last week does not appear back-dated; a future time is kept
  and the article is scheduled.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import Article

EDITORS_GROUP = "Biên tập viên"
PUBLISHERS_GROUP = "Duyệt bài"
PUBLISH_PERMISSION = "news.publish_article"


def can_publish(user):
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def can_edit(user, article):
    """Whether `user` may change `article`: any draft with the change permission; approved ones only as publisher."""
    if not (user and user.is_active and user.has_perm("news.change_article")):
        return False
    if article is None or article.pk is None:
        return True
    return can_publish(user) or _stored_status(article) == Article.Status.DRAFT


@transaction.atomic
def save_article(*, article, by):
    """Save `article` edited by `by`, keeping it a draft unless `by` may publish.

    The row is locked first, so a publisher approving it at the same moment
    cannot slip between the check and the write.
    """
    if article.pk:
        Article.objects.select_for_update().filter(pk=article.pk).values_list("pk").first()
    if article.pk and not can_edit(by, article):
        raise PermissionDenied(_("Bài đã được duyệt; chỉ người duyệt bài được sửa."))
    if not can_publish(by):
        article.status = Article.Status.DRAFT
    if article.pk is None and article.created_by_id is None:
        article.created_by = by
    article.save()
    return article


@transaction.atomic
def publish_article(*, article, by):
    """Publish `article` now, or at its publish time if that is still to come."""
    _require_publisher(by)
    now = timezone.now()
    if article.status != Article.Status.PUBLISHED and article.published_at <= now:
        article.published_at = now
    article.status = Article.Status.PUBLISHED
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


@transaction.atomic
def unpublish_article(*, article, by):
    """Take `article` off the site: it becomes a draft again."""
    _require_publisher(by)
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article


@transaction.atomic
def publish_articles(*, articles, by):
    """Publish each of `articles`; returns how many changed."""
    _require_publisher(by)
    changed = 0
    for article in articles:
        if article.status != Article.Status.PUBLISHED:
            publish_article(article=article, by=by)
            changed += 1
    return changed


@transaction.atomic
def unpublish_articles(*, articles, by):
    """Withdraw each of `articles`; returns how many changed."""
    _require_publisher(by)
    changed = 0
    for article in articles:
        if article.status != Article.Status.DRAFT:
            unpublish_article(article=article, by=by)
            changed += 1
    return changed


def _require_publisher(user):
    if not can_publish(user):
        raise PermissionDenied(_("Bạn không có quyền xuất bản bài viết."))


def _stored_status(article):
    """The status saved in the database, not what an edit in progress says."""
    return Article.objects.filter(pk=article.pk).values_list("status", flat=True).first()
