"""Query budgets of the documents, Q&A, about, contact and tag pages: fixed, whatever the amount of content.

Each page is requested by a new visitor on a small site and on a larger one
(more documents, relations, files, questions, leaders, units, tagged articles);
the counts must be equal and within the page's budget. Counted once the
layout's cached parts (menu, sidebar, footer) and the statistics are warm, as
most requests find them.
"""

import itertools
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from about.models import AboutPage, Leader
from documents.models import Relation
from news import caching, pagecache
from news.counting import stats
from tags import services as tagging
from tags.models import Tag
from tests.factories import (
    AnsweredQuestionFactory,
    ArticleFactory,
    DocumentFactory,
    DocumentFieldFactory,
    DocumentFileFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"

# Each page's own reads, on top of recording the new visit (the reader's presence row locked and looked at,
# its upsert, the visit counters' UPDATE, with their SAVEPOINT/RELEASE here: 5); the layout's parts and the
# statistics come from their caches, as for most requests:
#   documents list: count 1, page 1, filter choices (issuers 1, fields 1)
#   document: the document 1, files 1, fields 1, relations both ways 2, articles 1, campaigns 1
#   questions list: topics 1, count 1, page 1; question: the question 1, cited documents 1, same topic 1
#   ask form: topics 1; about: pages 1, leaders 1; organisation: leaders 1, units 1; contact: details 1
#   tag: the tag 1, count 1, page 1
BUDGETS = {
    "documents": 9,
    "document": 12,
    "questions": 8,
    "question": 8,
    "ask": 6,
    "about": 7,
    "organisation": 7,
    "contact": 6,
    "tag": 8,
}


def grow(size):
    today = date(2024, 3, 14)
    fields = [DocumentFieldFactory(name=f"Lĩnh vực {n}") for n in range(size)]
    documents = []
    for n in range(size * 3):
        document = DocumentFactory(issued_on=today - timedelta(days=n))
        document.fields.add(*fields[: n % size + 1])
        documents.append(document)
    main = documents[0]
    for other in documents[1 : size + 1]:
        Relation.objects.create(source=main, kind=Relation.Kind.RELATED, target=other)
        Relation.objects.create(source=other, kind=Relation.Kind.AMENDS, target=main)
        DocumentFileFactory(document=main)
    articles = [ArticleFactory() for _ in range(size)]
    main.articles.add(*articles)
    for article in articles:
        tagging.set_tags(article=article, names=["Tháng Công nhân"])
    questions = [AnsweredQuestionFactory() for _ in range(size * 2)]
    questions[0].documents.add(*documents[:size])
    for n in range(size):
        AboutPage.objects.create(title=f"Mục {n}", body="<p>Nội dung.</p>", order=n)
        Leader.objects.create(name=f"Lãnh đạo {n}", position="Phó Chủ tịch", order=n)
    root = UnitFactory(code="st", name="LĐLĐ tỉnh", kind="ldld_tinh")
    for _ in range(size * 2):
        UnitFactory(parent=UnitFactory(parent=root, kind="ldld_huyen"))
    return {
        "documents": "/van-ban/",
        "document": main.get_absolute_url(),
        "questions": "/hoi-dap/",
        "question": questions[0].get_absolute_url(),
        "ask": "/hoi-dap/dat-cau-hoi/",
        "about": "/gioi-thieu/",
        "organisation": "/gioi-thieu/co-cau-to-chuc/",
        "contact": "/lien-he/",
        "tag": Tag.objects.get().get_absolute_url(),
    }


_addresses = itertools.count(1)


def queries_of(url):
    """Queries of one request by a new visitor (no cookies, an address of its own)."""
    n = next(_addresses)
    with CaptureQueriesContext(connection) as captured:
        response = Client(headers={"User-Agent": BROWSER}, REMOTE_ADDR=f"198.51.{n // 250}.{n % 250 + 1}").get(url)
    assert response.status_code == 200, url
    return len(captured)


def counts(pages):
    result = {}
    for name, url in pages.items():
        cache.clear()
        caching.forget()
        pagecache.forget()
        stats.forget()
        queries_of(url)  # warms the layout's cached parts and the statistics
        result[name] = queries_of(url)
    return result


@pytest.fixture(autouse=True)
def _one_visit_slot(settings):
    # One slot: every measured visit finds its counter rows (with several, a slot's first visit creates them).
    settings.VISIT_COUNTER_SLOTS = 1


def test_new_pages_stay_within_their_budget_whatever_the_content():
    small = counts(grow(2))
    large = counts(grow(12))
    assert large == small
    for name, budget in BUDGETS.items():
        assert small[name] <= budget, (name, small[name])
