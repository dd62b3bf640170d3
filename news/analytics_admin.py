"""What editors and publishers see of their readers in the admin, and django-hitcount's admin without its blacklists.

Under Tin tức › Bài viết: "Thống kê lượt đọc" (the most read articles of a period overall, by
category and by author; visits per day for the last 90 days) and, for each article, its views
per day over its first 30 days. Every table downloads as XLSX or CSV (through `spreadsheets`:
no live formulas; XLSX numbers and dates are typed cells shown as 1.234 and 14/03/2024, CSV dates
are written 14/03/2024 and counts as plain whole numbers). The reads are in news/analytics.py.

The address and User-Agent blacklists django-hitcount registers are left out of the admin: the
portal's counting (news/counting/) refuses bots, HTTP libraries and prefetches by their
User-Agent and headers, and a control that changes nothing is not offered.
"""

import io
from datetime import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from hitcount.models import BlacklistIP, BlacklistUserAgent, Hit

import spreadsheets
from news import analytics
from news.models import Article

DATE_INPUT = "%d/%m/%Y"


class PeriodForm(forms.Form):
    ky = forms.ChoiceField(label=gettext_lazy("Kỳ"), choices=analytics.PERIOD_CHOICES, required=False)
    tu = forms.DateField(label=gettext_lazy("Từ ngày"), input_formats=[DATE_INPUT], required=False)
    den = forms.DateField(label=gettext_lazy("Đến ngày"), input_formats=[DATE_INPUT], required=False)

    def clean(self):
        data = super().clean()
        if data.get("ky") == "range":
            if not data.get("tu") or not data.get("den"):
                raise forms.ValidationError(_("Chọn khoảng ngày: nhập cả “Từ ngày” và “Đến ngày” (dd/mm/yyyy)."))
            if data["tu"] > data["den"]:
                raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “Đến ngày”."))
            if (data["den"] - data["tu"]).days > 366:
                raise forms.ValidationError(_("Khoảng ngày dài nhất là một năm."))
        return data

    def period(self):
        data = self.cleaned_data if self.is_valid() else {}
        return analytics.period(data.get("ky") or "7d", start=data.get("tu"), end=data.get("den"))


def urls(admin_site):
    """The report URLs, added to ArticleAdmin's own (news/admin.py)."""
    return [
        path("thong-ke/", admin_site.admin_view(report_view), name="news_article_readers"),
        path("<int:pk>/luot-xem/", admin_site.admin_view(article_view), name="news_article_views_by_day"),
    ]


def _allowed(request):
    if not request.user.has_perm("news.view_article"):
        raise PermissionDenied


def report_view(request):
    _allowed(request)
    form = PeriodForm(request.GET or None)
    span = form.period()
    tables = {
        "bai-viet": _articles_table(span),
        "chuyen-muc": _categories_table(span),
        "tac-gia": _authors_table(span),
        "truy-cap": _visits_table(),
    }
    download = request.GET.get("tai")
    if download in tables:
        return _download(
            tables[download], request.GET.get("dinh-dang"), f"{download}-{span.start:%Y%m%d}-{span.end:%Y%m%d}"
        )
    visits = analytics.visits_per_day()
    context = {
        **admin.site.each_context(request),
        "opts": Article._meta,
        "title": _("Thống kê lượt đọc"),
        "form": form,
        "span": span,
        "tables": tables,
        "visit_bars": analytics.bars(visits),
        "visits_total": sum(value for _day, value in visits),
        "query": request.GET.urlencode(),
    }
    return TemplateResponse(request, "admin/news/article/readers.html", context)


def article_view(request, pk):
    _allowed(request)
    article = get_object_or_404(Article, pk=pk)
    days = analytics.article_days(article)
    table = {
        "title": _("Lượt xem theo ngày: %(title)s") % {"title": article.title},
        "header": [_("Ngày"), _("Lượt xem")],
        "rows": [[day, views] for day, views in days],
    }
    if request.GET.get("tai") == "ngay":
        return _download(table, request.GET.get("dinh-dang"), f"luot-xem-{article.pk}")
    context = {
        **admin.site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": _("Lượt xem theo ngày"),
        "article": article,
        "bars": analytics.bars(days),
        "table": table,
        "total": sum(views for _day, views in days),
    }
    return TemplateResponse(request, "admin/news/article/views_by_day.html", context)


# --- tables --------------------------------------------------------------------------------------


def _period_text(span):
    return _("%(start)s – %(end)s") % {"start": _date(span.start), "end": _date(span.end)}


def _articles_table(span):
    rows = analytics.top_articles(span)
    return {
        "title": _("Bài được đọc nhiều nhất, %(period)s") % {"period": _period_text(span)},
        "header": [_("Hạng"), _("Bài viết"), _("Chuyên mục"), _("Tác giả"), _("Lượt xem")],
        "rows": [[n, row["title"], row["category"], row["author"], row["views"]] for n, row in enumerate(rows, 1)],
    }


def _categories_table(span):
    rows = analytics.views_by_category(span)
    return {
        "title": _("Lượt xem theo chuyên mục, %(period)s") % {"period": _period_text(span)},
        "header": [_("Chuyên mục"), _("Số bài được đọc"), _("Lượt xem")],
        "rows": [[row["category"], row["articles"], row["views"]] for row in rows],
    }


def _authors_table(span):
    rows = analytics.views_by_author(span)
    return {
        "title": _("Lượt xem theo tác giả, %(period)s") % {"period": _period_text(span)},
        "header": [_("Tác giả"), _("Số bài được đọc"), _("Lượt xem")],
        "rows": [[row["author"] or _("(chưa ghi tác giả)"), row["articles"], row["views"]] for row in rows],
    }


def _visits_table():
    days = analytics.visits_per_day()
    return {
        "title": _("Lượt truy cập theo ngày, %(days)s ngày qua") % {"days": analytics.VISIT_DAYS},
        "header": [_("Ngày"), _("Lượt truy cập")],
        "rows": [[day, visits] for day, visits in reversed(days)],
    }


def _date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


# --- downloads -----------------------------------------------------------------------------------


def _download(table, kind, name):
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if kind == "csv":
        rows = [[_date(value) if hasattr(value, "isoformat") else value for value in row] for row in table["rows"]]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        spreadsheets.write_csv(response, [[table["title"]], table["header"], *rows])
        response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
        return response
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response.write(_xlsx(table))
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response


def _xlsx(table):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Thống kê")[:31]
    spreadsheets.set_cell(sheet, 1, 1, table["title"]).font = Font(bold=True, size=13)
    for column, title in enumerate(table["header"], start=1):
        spreadsheets.set_cell(sheet, 3, column, title).font = Font(bold=True)
    for row_number, values in enumerate(table["rows"], start=4):
        for column, value in enumerate(values, start=1):
            if hasattr(value, "isoformat"):
                cell = spreadsheets.set_cell(sheet, row_number, column, datetime(value.year, value.month, value.day))
                cell.number_format = "DD/MM/YYYY"
            else:
                spreadsheets.set_cell(sheet, row_number, column, value, number_format="#,##0")
    sheet.freeze_panes = sheet.cell(row=4, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- django-hitcount's admin, without the blacklists ---------------------------------------------

for model in (BlacklistIP, BlacklistUserAgent):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

if admin.site.is_registered(Hit):
    _hit_admin = type(admin.site.get_model_admin(Hit))
    admin.site.unregister(Hit)

    @admin.register(Hit)
    class HitAdmin(_hit_admin):
        """django-hitcount's list of hits, without the actions that fill the blacklists."""

        actions = ["delete_queryset"]
