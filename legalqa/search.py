"""Answered questions in the site search: published, matching every word of the query, newest answer first."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from legalqa.models import Question
from news import search


def find(query):
    questions = Question.objects.published().select_related("topic")
    return search.matching(questions, query).order_by("-answered_at", "-id")


def more_url(query):
    return f"{reverse('legalqa:list')}?{urlencode({'q': query})}"


SECTION = search.Section(
    key="hoi-dap", label=_("Hỏi đáp"), template="legalqa/_search_item.html", find=find, more_url=more_url
)
