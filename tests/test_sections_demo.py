"""The demo's documents, questions, the federation's pages and tags: real-looking, linked, idempotent."""

import io

import pytest

from about.demo import seed_about
from about.models import AboutPage, ContactDetails, Leader
from documents.demo import seed_documents
from documents.models import Document, DocumentFile, LegalStatus, Relation
from legalqa.demo import seed_questions
from legalqa.models import Question
from news.demo import seed_news
from tags.demo import seed_tags
from tags.models import Tag
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def counts():
    return [
        Document.objects.count(), DocumentFile.objects.count(), Relation.objects.count(), Question.objects.count(),
        AboutPage.objects.count(), Leader.objects.count(), ContactDetails.objects.count(), Tag.objects.count(),
        sum(tag.articles.count() for tag in Tag.objects.all()),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            out = io.StringIO()
            campaign = CampaignFactory(slug="1-trieu-sang-kien")
            seed_news(stdout=out)
            runs = []
            for _ in range(2):
                seed_documents(stdout=out)
                seed_questions(stdout=out)
                seed_about(stdout=out)
                seed_tags(stdout=out)
                runs.append(counts())
            yield {"runs": runs, "campaign": campaign}
            transaction.set_rollback(True)


def test_running_twice_changes_nothing(seeded):
    assert seeded["runs"][0] == seeded["runs"][1]


def test_documents_have_real_looking_numbers_relations_and_derived_status(seeded):
    old_code = Document.objects.with_legal_status().get(number="10/2012/QH13")
    new_code = Document.objects.with_legal_status().get(number="45/2019/QH14")
    assert old_code.legal_status == LegalStatus.EXPIRED and new_code.legal_status == LegalStatus.IN_FORCE
    assert Relation.objects.filter(source=new_code, target=old_code, kind=Relation.Kind.REPLACES).exists()
    assert Document.objects.filter(number="05/KH-LĐLĐ").exists()
    assert DocumentFile.objects.filter(kind="pdf").count() >= 10 and DocumentFile.objects.filter(kind="xlsx").exists()
    assert seeded["campaign"].documents.count() == 5
    assert Document.objects.filter(articles__isnull=False).distinct().count() >= 5


def test_at_least_fifteen_answered_questions_across_the_topics(seeded):
    published = Question.objects.published()
    assert published.count() >= 15
    assert published.values("topic").distinct().count() == 7
    assert Question.objects.overdue().exists() and Question.objects.waiting().count() == 2


def test_the_federations_pages_leaders_and_contact(seeded):
    assert AboutPage.objects.published().count() == 3
    assert list(Leader.objects.current().values_list("name", flat=True)) == ["Lê Văn Phải", "Trịnh Thị Bảo Khuyên"]
    assert ContactDetails.objects.get().map_url.startswith("https://www.openstreetmap.org/")


def test_articles_carry_tags(seeded):
    assert Tag.objects.get(name="Sáng kiến").articles.count() >= 3
    assert Tag.objects.filter(articles__isnull=False).distinct().count() == 8
