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


class UploadForm(forms.Form):
    """A spreadsheet to import, refused above INITIATIVES_IMPORT_MAX_BYTES before it is read."""

    file = forms.FileField(
        label=gettext_lazy("Tệp XLSX hoặc CSV"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = importing.max_bytes()
        if upload.size > limit:
            raise ValidationError(
                _("Tệp quá lớn: tối đa %(mb)s MB. Hãy chia thành nhiều tệp nhỏ hơn.") % {"mb": limit // (1024 * 1024)}
            )
        return upload


def handle_upload(model_admin, request, form_class, run, *, initial=None):
    """The form of an import page: on a POST with a valid file, `run(upload, cleaned_data)` imports it.

    Returns (form, result, file_error); a successful import is also said in the admin's messages.
    """
    result = file_error = None
    if request.method != "POST":
        return form_class(initial=initial), None, None
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            result = run(form.cleaned_data["file"], form.cleaned_data)
        except importing.ImportFileError as error:
            file_error = str(error)
        if result is not None and result.ok:
            model_admin.message_user(request, result.summary(), messages.SUCCESS)
    return form, result, file_error


def import_page(model_admin, request, template, *, title, form, result, file_error, **extra):
    """The import page (templates/admin/initiatives/import_page.html and the pages that extend it)."""
    errors = result.errors if result is not None else []
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        "form": form,
        "result": result,
        "file_error": file_error,
        "max_rows": importing.max_rows(),
        "max_megabytes": importing.max_bytes() // (1024 * 1024),
        "shown_errors": errors[:MAX_SHOWN_ERRORS],
        "hidden_errors": max(0, len(errors) - MAX_SHOWN_ERRORS),
        "changelist_url": reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist"),
        **extra,
    }
    return TemplateResponse(request, template, context)


class ImportPageMixin:
    """A model admin's "Nhập từ tệp" page (`import_view`) and its template downloads (`import_template_view`)."""

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

    # The file name of the templates (without extension), and `write_template(request, response, extension)`.
    template_name = None
    TEMPLATE_TYPES = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv; charset=utf-8",
    }

    def import_template_view(self, request, extension):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if extension not in self.TEMPLATE_TYPES:
            raise Http404
        response = HttpResponse(content_type=self.TEMPLATE_TYPES[extension])
        self.write_template(request, response, extension)
        response["Content-Disposition"] = f'attachment; filename="{self.template_name}.{extension}"'
        return response


class ImportingMixin(ImportPageMixin):
    """The "Nhập từ tệp" page and its template downloads, for the initiatives' model admin."""

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form, result, file_error = handle_upload(
            self,
            request,
            ImportForm,
            lambda upload, data: importing.import_initiatives(
                fp=upload, filename=upload.name, campaign=data["campaign"], by=request.user, dry_run=data["dry_run"]
            ),
            initial={"campaign": Campaign.objects.first()},
        )
        return import_page(
            self,
            request,
            "admin/initiatives/initiative/import.html",
            title=_("Nhập sáng kiến từ tệp"),
            form=form,
            result=result,
            file_error=file_error,
            columns=importing.COLUMNS,
        )

    template_name = "mau-nhap-sang-kien"

    def write_template(self, request, response, extension):
        if extension == "xlsx":
            importing.write_template_xlsx(response, units=scopes.units_for(request.user).order_by("path"))
        else:
            importing.write_template_csv(response)


class ImportForm(UploadForm):
    campaign = forms.ModelChoiceField(label=gettext_lazy("Phong trào"), queryset=Campaign.objects.all())
    dry_run = forms.BooleanField(label=gettext_lazy("Chỉ kiểm tra (không ghi)"), required=False)
    field_order = ["campaign", "file", "dry_run"]
