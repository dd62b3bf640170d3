"""Documents shown on other apps' pages: a campaign's legal basis, the documents an article cites."""

from django import template

from documents.models import Document

register = template.Library()


@register.inclusion_tag("documents/_legal_basis.html")
def legal_basis(campaign):
    """The published documents a campaign is based on (one query), newest first."""
    documents = Document.objects.published().filter(campaigns=campaign).select_related("issuer")
    return {"documents": list(documents.with_legal_status().order_by("-issued_on", "-id"))}


@register.inclusion_tag("documents/_cited_documents.html")
def cited_documents(article):
    """The published documents an article links: one small indexed query for the links (most articles have
    none), and one for the documents, with their legal status, when there are some."""
    linked = list(Document.articles.through.objects.filter(article=article).values_list("document_id", flat=True))
    if not linked:
        return {"documents": []}
    documents = Document.objects.published().filter(pk__in=linked).select_related("issuer")
    return {"documents": list(documents.with_legal_status().order_by("-issued_on", "-id"))}
