"""Public pages of Hỏi đáp pháp luật: published questions by topic and search, one question, the asking form."""

from datetime import date

from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from legalqa import services
from legalqa.forms import AskForm
from legalqa.models import Question, Topic
from news import search
from spamguard.forms import address_of, limit_reached

QUESTIONS_PER_PAGE = 15
_THANKS_SALT = "legalqa.thanks"
THANKS_PARAM = "da-gui"


def can_preview(user):
    return user.is_authenticated and user.is_staff and user.has_perm("legalqa.view_question")


class QuestionListView(ListView):
    template_name = "legalqa/question_list.html"
    context_object_name = "questions"
    paginate_by = QUESTIONS_PER_PAGE

    def get_queryset(self):
        self.topics = list(Topic.objects.all())
        slug = self.request.GET.get("chu-de", "")
        self.topic = next((topic for topic in self.topics if topic.slug == slug), None)
        self.query = self.request.GET.get("q", "").strip()[:200]
        questions = Question.objects.published().select_related("topic")
        if self.topic:
            questions = questions.filter(topic=self.topic)
        if self.query and search.is_searchable(self.query):
            questions = search.matching(questions, self.query)
        return questions.order_by("-answered_at", "-id")

    def get_context_data(self, **kwargs):
        return super().get_context_data(topics=self.topics, topic=self.topic, query=self.query, **kwargs)


class QuestionDetailView(DetailView):
    template_name = "legalqa/question_detail.html"
    context_object_name = "question"

    def get_queryset(self):
        questions = Question.objects.all() if can_preview(self.request.user) else Question.objects.published()
        return questions.select_related("topic")

    def get_context_data(self, **kwargs):
        question = self.object
        related = (
            Question.objects.published()
            .filter(topic=question.topic)
            .exclude(pk=question.pk)
            .select_related("topic")
            .order_by("-answered_at")
        )
        return super().get_context_data(
            preview=not question.is_public,
            documents=list(question.documents.published().select_related("issuer").with_legal_status()),
            related=list(related[:5]),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["preview"]:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


@never_cache
def ask(request):
    """The asking form; after a good question, a thank-you that says by when to expect the answer."""
    thanks = _due_date(request.GET.get(THANKS_PARAM, ""))
    if thanks:
        return render(request, "legalqa/ask.html", {"due_on": thanks})
    form = AskForm(request.POST or None)
    if request.method == "POST":
        if form.is_trap():
            return redirect(_thanks_url(None))
        if limit_reached(Question, request):
            form.add_error(None, _limit_message())
        elif form.is_valid():
            data = form.cleaned_data
            question = services.ask(
                topic=data["topic"],
                question=data["question"],
                asker_name=data["asker_name"],
                email=data["email"],
                phone=data["phone"],
                client_ip=address_of(request),
            )
            return redirect(_thanks_url(question.due_on))
    context = {"form": form}
    return render(request, "legalqa/ask.html", context, status=400 if form.errors else 200)


def _limit_message():
    return gettext("Hôm nay địa chỉ của bạn đã gửi đủ số câu hỏi cho phép. Vui lòng gửi lại vào ngày mai.")


def _thanks_url(due_on):
    token = signing.dumps(due_on.isoformat() if due_on else "", salt=_THANKS_SALT)
    return f"{reverse('legalqa:ask')}?{THANKS_PARAM}={token}"


def _due_date(token):
    """The due date a thank-you link carries (True when it carries none), or None for no or a forged link."""
    if not token:
        return None
    try:
        value = signing.loads(token, salt=_THANKS_SALT, max_age=24 * 60 * 60)
    except signing.BadSignature:
        return None
    return date.fromisoformat(value) if value else True
