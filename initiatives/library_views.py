"""The public library: `/sang-kien/<slug>/thu-vien/` (list, search, filters), one initiative
`/sang-kien/<slug>/thu-vien/<id>/`, and `/sang-kien/<slug>/thu-vien.json` (the same list as data).

What may be shown of each initiative is `library.public_entry` (confidential ones: title, unit, effect, award).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from news.search import ResultPaginator

from . import library
from .forms import current_units
from .models import Initiative
from .views import CampaignMixin


class LibraryMixin(CampaignMixin):
    def get_filters(self):
        return library.read_filters(self.get_campaign(), self.request.GET, self.get_phases())

    def get_page(self, filters):
        paginator = ResultPaginator(library.entries(self.get_campaign(), filters), library.PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        page.object_list = library.with_public_parts(page.object_list)
        return page


class LibraryView(LibraryMixin, TemplateView):
    template_name = "initiatives/library/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.get_filters()
        page = self.get_page(filters)
        context.update(
            campaign=self.get_campaign(),
            phases=self.get_phases(),
            filters=filters,
            page_obj=page,
            entries=[library.public_entry(item) for item in page.object_list],
            unit_options=[
                (unit.code, "\u00a0\u00a0" * unit.depth + unit.name)
                for unit in current_units().only("code", "name", "depth")
            ],
            kinds=Initiative.Kind.choices,
            sectors=Initiative.Sector.choices,
            filter_query=urlencode(filters.as_params()),
        )
        return context


class LibraryEntryView(LibraryMixin, TemplateView):
    template_name = "initiatives/library/entry.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = library.with_public_parts(library.entries(self.get_campaign()))
        initiative = queryset.filter(pk=self.kwargs["pk"]).first()
        if initiative is None:
            raise Http404(_("Không có sáng kiến này trong thư viện."))
        context.update(campaign=self.get_campaign(), entry=library.public_entry(initiative))
        return context


class LibraryJsonView(LibraryMixin, View):
    def get(self, request, *args, **kwargs):
        filters = self.get_filters()
        page = self.get_page(filters)
        data = {
            "campaign": {"slug": self.get_campaign().slug, "name": self.get_campaign().name},
            "count": page.paginator.count,
            "more": page.paginator.capped,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [library.public_entry(item, request=request) for item in page.object_list],
        }
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
        return HttpResponse(body, content_type="application/json")
