"""Documents in the site search: published, matching every word of the query, newest first."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from news import search


def find(query):
    documents = Document.objects.published().select_related("issuer").with_legal_status()
    return search.matching(documents, query).order_by("-issued_on", "-id")


def more_url(query):
    return f"{reverse('documents:list')}?{urlencode({'q': query})}"


SECTION = search.Section(
    key="van-ban", label=_("Văn bản"), template="documents/_search_item.html", find=find, more_url=more_url
)
