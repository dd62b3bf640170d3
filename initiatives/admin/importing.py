"""Importing initiatives from a spreadsheet in the admin: the upload page and the templates to fill in."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import importing, scopes
from ..models import Campaign

# The page lists at most this many row errors (the command prints them all).
MAX_SHOWN_ERRORS = 500


class ImportingMixin:
    """The "Nhập từ tệp" page and its template downloads, for the initiatives' model admin."""

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("nhap-tu-tep/", self.admin_site.admin_view(self.import_view), name=f"{prefix}_import"),
            path(
                "nhap-tu-tep/mau.<str:extension>",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{prefix}_import_template",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        result = file_error = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    result = importing.import_initiatives(
                        fp=upload,
                        filename=upload.name,
                        campaign=form.cleaned_data["campaign"],
                        by=request.user,
                        dry_run=form.cleaned_data["dry_run"],
                    )
                except importing.ImportFileError as error:
                    file_error = str(error)
                if result is not None and result.ok:
                    self.message_user(request, result.summary(), messages.SUCCESS)
        else:
            form = ImportForm(initial={"campaign": Campaign.objects.first()})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Nhập sáng kiến từ tệp"),
            "form": form,
            "result": result,
            "file_error": file_error,
            "columns": importing.COLUMNS,
            "max_rows": importing.max_rows(),
            "max_megabytes": importing.max_bytes() // (1024 * 1024),
            "shown_errors": result.errors[:MAX_SHOWN_ERRORS] if result else [],
            "hidden_errors": max(0, len(result.errors) - MAX_SHOWN_ERRORS) if result else 0,
            "changelist_url": reverse("admin:initiatives_initiative_changelist"),
        }
        return TemplateResponse(request, "admin/initiatives/initiative/import.html", context)

    def import_template_view(self, request, extension):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if extension == "xlsx":
            response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            importing.write_template_xlsx(response, units=scopes.units_for(request.user).order_by("path"))
        elif extension == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            importing.write_template_csv(response)
        else:
            raise Http404
        response["Content-Disposition"] = f'attachment; filename="mau-nhap-sang-kien.{extension}"'
        return response


class ImportForm(forms.Form):
    campaign = forms.ModelChoiceField(label=gettext_lazy("Phong trào"), queryset=Campaign.objects.all())
    file = forms.FileField(
        label=gettext_lazy("Tệp XLSX hoặc CSV"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Chỉ kiểm tra (không ghi)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = importing.max_bytes()
        if upload.size > limit:
            raise ValidationError(
                _("Tệp quá lớn: tối đa %(mb)s MB. Hãy chia thành nhiều tệp nhỏ hơn.") % {"mb": limit // (1024 * 1024)}
            )
        return upload
