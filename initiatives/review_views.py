"""Reviewers' pages (`/tai-khoan/duyet-sang-kien/`): the queue of submitted initiatives in their scope, oldest
first, and the decision page with everything about an initiative, its attachments at hand.

Who may review what is `initiatives/scopes.py`; the decision is `services.review`, which records every step and
mails the author once committed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from accounts.views import MemberLoginRequiredMixin

from . import scopes, services
from .forms import ReviewForm
from .models import Initiative
from .submission_views import history_prefetch


class ReviewerRequiredMixin(MemberLoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scopes.is_reviewer(request.user):
            raise PermissionDenied(_("Tài khoản này không có quyền duyệt sáng kiến."))
        return super().dispatch(request, *args, **kwargs)

    def in_scope(self):
        return Initiative.objects.filter(unit__in=scopes.review_units(self.request.user))


class ReviewQueueView(ReviewerRequiredMixin, ListView):
    template_name = "initiatives/review/queue.html"
    context_object_name = "initiatives"
    paginate_by = 25

    def get_queryset(self):
        return (
            self.in_scope()
            .filter(status__in=Initiative.AWAITING_REVIEW_STATUSES)
            .select_related("campaign", "unit", "submitted_by")
            .prefetch_related("attachments")
            .order_by("submitted_at", "id")
        )


class ReviewView(ReviewerRequiredMixin, TemplateView):
    template_name = "initiatives/review/decide.html"

    def get_initiative(self):
        queryset = (
            self.in_scope()
            .select_related("campaign", "phase", "unit", "submitted_by")
            .prefetch_related("authors", "attachments", history_prefetch())
        )
        try:
            return queryset.get(pk=self.kwargs["pk"])
        except Initiative.DoesNotExist as exc:
            raise Http404(_("Không có sáng kiến này trong phạm vi duyệt của bạn.")) from exc

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiative = context.setdefault("initiative", self.get_initiative())
        context.setdefault("form", ReviewForm())
        context["awaiting"] = initiative.status in Initiative.AWAITING_REVIEW_STATUSES
        return context

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.review(
                    by=request.user,
                    initiative=initiative,
                    decision=form.cleaned_data["decision"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, field_messages in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, field_messages)
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(request, _("Đã ghi quyết định về “%(title)s”.") % {"title": initiative.title})
                return redirect("members:review_queue")
        return self.render_to_response(self.get_context_data(initiative=initiative, form=form), status=400)
