"""The public list's filters: type, issuer, field, year, status and a search."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Field, Issuer, Kind, LegalStatus
from news import search

FIRST_YEAR = 1990


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Số ký hiệu, trích yếu"), required=False, max_length=200)
    loai = forms.ChoiceField(label=_("Loại văn bản"), required=False)
    co_quan = forms.ModelChoiceField(
        label=_("Cơ quan ban hành"), queryset=Issuer.objects.all(), to_field_name="slug", required=False,
        empty_label=_("Tất cả"),
    )  # fmt: skip
    linh_vuc = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.all(), to_field_name="slug", required=False,
        empty_label=_("Tất cả"),
    )  # fmt: skip
    nam = forms.TypedChoiceField(label=_("Năm ban hành"), required=False, coerce=int, empty_value=None)
    hieu_luc = forms.ChoiceField(label=_("Hiệu lực"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["loai"].choices = everything + list(Kind.choices)
        self.fields["hieu_luc"].choices = everything + list(LegalStatus.choices)
        this_year = timezone.localdate().year
        self.fields["nam"].choices = everything + [(year, year) for year in range(this_year, FIRST_YEAR - 1, -1)]

    def filter(self, documents):
        """`documents` narrowed by the valid filters; an invalid one is ignored, never an error page."""
        data = self.cleaned_data if self.is_valid() else {}
        documents = documents.with_legal_status()
        if data.get("loai"):
            documents = documents.filter(kind=data["loai"])
        if data.get("co_quan"):
            documents = documents.filter(issuer=data["co_quan"])
        if data.get("linh_vuc"):
            documents = documents.filter(fields=data["linh_vuc"])
        if data.get("nam"):
            documents = documents.filter(issued_on__year=data["nam"])
        if data.get("hieu_luc"):
            documents = documents.filter(legal_status=data["hieu_luc"])
        if data.get("q") and search.is_searchable(data["q"]):
            documents = search.matching(documents, data["q"])
        return documents

    def is_filtered(self):
        return self.is_valid() and any(self.cleaned_data.get(name) for name in self.fields)
