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
    """The published documents an article links (one query)."""
    documents = Document.objects.published().filter(articles=article).select_related("issuer")
    return {"documents": list(documents.with_legal_status().order_by("-issued_on", "-id"))}
