"""Public pages of the documents library: the list with its filters, a document, its files."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from documents import services
from documents.forms import DocumentFilterForm
from documents.models import Document, DocumentFile, Relation
from news.counting.readers import request_is_bot

DOCUMENTS_PER_PAGE = 20


def can_preview(user):
    return user.is_authenticated and user.is_staff and user.has_perm("documents.view_document")


class DocumentListView(ListView):
    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = DOCUMENTS_PER_PAGE

    def get_queryset(self):
        self.form = DocumentFilterForm(self.request.GET or None)
        documents = self.form.filter(Document.objects.published().select_related("issuer"))
        return documents.order_by("-issued_on", "-id")

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(form=self.form, filter_query=query.urlencode(), **kwargs)


class DocumentDetailView(DetailView):
    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        documents = Document.objects.all() if can_preview(self.request.user) else Document.objects.published()
        return documents.with_legal_status().select_related("issuer")

    def get_context_data(self, **kwargs):
        document = self.object
        return super().get_context_data(
            preview=not document.is_published(),
            files=list(document.files.all()),
            fields=list(document.fields.all()),
            relations=relations_of(document, public=not can_preview(self.request.user)),
            articles=list(document.articles.published().order_by("-published_at")[:10]),
            campaigns=list(document.campaigns.filter(is_public=True)),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["preview"]:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


def relations_of(document, *, public=True):
    """[(label, [documents])] seen from `document`: what it replaces or amends, what replaces or amends it."""
    visible = Document.objects.published() if public else Document.objects.all()
    visible_ids = visible.values("pk")
    rows = list(
        Relation.objects.filter(source=document, target__in=visible_ids).select_related("target", "target__issuer")
    ) + list(
        Relation.objects.filter(target=document, source__in=visible_ids).select_related("source", "source__issuer")
    )
    groups = {}
    for relation in sorted(rows, key=lambda r: r.pk):
        if relation.source_id == document.pk:
            label, other = relation.get_kind_display(), relation.target
        else:
            label, other = Relation.INVERSE_LABELS[relation.kind], relation.source
        groups.setdefault(str(label), []).append(other)
    return list(groups.items())


@require_safe
def download(request, slug, pk):
    """A document's file: a PDF opens in the browser's own viewer, other formats download; each GET counts."""
    documents = Document.objects.all() if can_preview(request.user) else Document.objects.published()
    file = get_object_or_404(DocumentFile.objects.select_related("document"), pk=pk, document__in=documents)
    if file.document.slug != slug:
        raise Http404
    try:
        handle = file.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    if request.method == "GET" and not request_is_bot(request):
        services.count_download(file)
    filename = f"{file.document.slug}.{file.kind}"
    response = FileResponse(handle, as_attachment=not file.is_pdf, filename=filename, content_type=file.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
