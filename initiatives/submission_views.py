"""Members' pages: filing an initiative (`/sang-kien/<slug>/nop/`), their own initiatives with every step of their
history (`/tai-khoan/sang-kien/`), editing and sending them, and reading attachments.

The views pick objects and forms; what may happen is decided in `initiatives/scopes.py` and done by
`initiatives/services/submissions.py`.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, View

from accounts.models import Member
from accounts.services import is_verified
from accounts.views import MemberLoginRequiredMixin
from privatefiles.checks import KINDS
from privatefiles.serving import private_file_response

from . import scopes, services
from .forms import AuthorFormSet, InitiativeForm
from .models import Attachment, Initiative, StatusChange
from .views import visible_campaigns

SEND = "nop"  # the name of the button that files and sends at once


def history_prefetch():
    return Prefetch(
        "status_changes",
        queryset=StatusChange.objects.select_related("changed_by").order_by("changed_at", "id"),
    )


class InitiativeFormMixin:
    """The initiative form and its authors' formset, bound together; errors are shown field by field."""

    template_name = "initiatives/member/form.html"

    def build_forms(self, initial=None, authors=None):
        data = self.request.POST if self.request.method == "POST" else None
        files = self.request.FILES if self.request.method == "POST" else None
        limit = _("Mỗi tệp tối đa %(size)s.") % {"size": filesizeformat(self.attachment_limit())}
        form = InitiativeForm(data, files, initial=initial, attachment_limit_text=limit)
        formset = AuthorFormSet(data, initial=authors, prefix="tac-gia")
        return form, formset

    def attachment_limit(self):
        return settings.ATTACHMENT_MAX_BYTES

    def lost_files(self):
        """Names of the files chosen in a form sent back with errors: the page asks for them again by name."""
        return [upload.name for upload in self.request.FILES.getlist("attachments")]

    def apply_errors(self, form, error):
        """Put a service's refusal on the form: on its field when the form has one, above the form otherwise."""
        if not hasattr(error, "error_dict"):
            form.add_error(None, error.messages)
            return
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)


class SubmitView(MemberLoginRequiredMixin, InitiativeFormMixin, TemplateView):
    """`/sang-kien/<slug>/nop/`: open while a phase's window holds today; saves as đăng ký, or files and sends."""

    def dispatch(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(visible_campaigns(request.user), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        is_open, phase = self.campaign.submission_window(today)
        member = Member.objects.filter(user=self.request.user).select_related("unit").first()
        context.update(
            campaign=self.campaign,
            is_open=is_open,
            phase=phase,
            next_phase=None if is_open else self.campaign.next_phase_after(today),
            verified=is_verified(self.request.user),
            member=member,
            heading=_("Nộp sáng kiến"),
        )
        if "form" not in context and is_open:
            initial = {"unit": member.unit_id} if member else {}
            authors = [{"name": member.full_name, "workplace": member.unit.name}] if member else None
            context["form"], context["formset"] = self.build_forms(initial=initial, authors=authors)
        return context

    def post(self, request, *args, **kwargs):
        is_open, _phase = self.campaign.submission_window(timezone.localdate())
        if not is_open or not is_verified(request.user):
            return self.render_to_response(self.get_context_data(), status=403)
        form, formset = self.build_forms()
        if form.is_valid() & formset.is_valid():
            try:
                initiative = services.file_initiative(
                    by=request.user,
                    campaign=self.campaign,
                    unit=form.cleaned_data["unit"],
                    authors=formset.authors(),
                    attachments=form.cleaned_data["attachments"],
                    public_attachments=form.cleaned_data["attachments_public"],
                    send=SEND in request.POST,
                    **form.initiative_fields(),
                )
            except ValidationError as error:
                self.apply_errors(form, error)
            else:
                if initiative.status == Initiative.Status.DA_NOP:
                    messages.success(request, _("Đã nộp sáng kiến. Bạn sẽ nhận thư khi sáng kiến được xét."))
                else:
                    messages.success(request, _("Đã lưu sáng kiến (đăng ký). Bạn có thể sửa rồi nộp sau."))
                return redirect("members:initiative", pk=initiative.pk)
        context = self.get_context_data(form=form, formset=formset, lost_files=self.lost_files())
        return self.render_to_response(context, status=400)


class OwnInitiativesMixin(MemberLoginRequiredMixin):
    def get_queryset(self):
        return (
            Initiative.objects.filter(submitted_by=self.request.user)
            .select_related("campaign", "phase", "unit")
            .prefetch_related(history_prefetch(), "attachments", "authors")
            .order_by("-registered_at", "-id")
        )


class MyInitiativesView(OwnInitiativesMixin, ListView):
    """`/tai-khoan/sang-kien/`: the member's initiatives, their status and every step of their history."""

    template_name = "initiatives/member/list.html"
    context_object_name = "initiatives"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["open_campaigns"] = [
            campaign
            for campaign in visible_campaigns(self.request.user).filter(starts_on__lte=today, ends_on__gte=today)
            if campaign.submission_window(today)[0]
        ]
        return context


class MyInitiativeView(OwnInitiativesMixin, DetailView):
    template_name = "initiatives/member/detail.html"
    context_object_name = "initiative"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiative = self.object
        context["editable"] = initiative.is_editable_by_author
        context["window_open"] = initiative.campaign.submission_window(timezone.localdate())[0]
        context["kinds"] = KINDS
        return context


class EditView(OwnInitiativesMixin, InitiativeFormMixin, TemplateView):
    """The author changes an initiative while it is registered or returned for changes."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.initiative = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        if not self.initiative.is_editable_by_author:
            messages.error(request, _("Sáng kiến đã nộp hoặc đã được xét thì không sửa được."))
            return redirect("members:initiative", pk=self.initiative.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        initiative = self.initiative
        context.update(
            campaign=initiative.campaign,
            initiative=initiative,
            is_open=True,
            verified=True,
            heading=_("Sửa sáng kiến"),
            attachments=list(initiative.attachments.all()),
            window_open=initiative.campaign.submission_window(timezone.localdate())[0],
        )
        if "form" not in context:
            initial = {name: getattr(initiative, name) for name in InitiativeForm.INITIATIVE_FIELDS}
            initial["unit"] = initiative.unit_id
            authors = [
                {"name": a.name, "position": a.position, "workplace": a.workplace} for a in initiative.authors.all()
            ]
            context["form"], context["formset"] = self.build_forms(initial=initial, authors=authors)
        return context

    def post(self, request, *args, **kwargs):
        form, formset = self.build_forms()
        if form.is_valid() & formset.is_valid():
            ids = {a.pk for a in self.initiative.attachments.all()}
            try:
                initiative = services.edit_own_initiative(
                    by=request.user,
                    initiative=self.initiative,
                    authors=formset.authors(),
                    attachments=form.cleaned_data["attachments"],
                    public_attachments=form.cleaned_data["attachments_public"],
                    remove=[pk for pk in ids if f"xoa-{pk}" in request.POST],
                    public=[pk for pk in ids if f"cong-khai-{pk}" in request.POST],
                    unit=form.cleaned_data["unit"],
                    **form.initiative_fields(),
                )
                if SEND in request.POST:
                    initiative = services.send_for_review(by=request.user, initiative=initiative)
            except ValidationError as error:
                self.apply_errors(form, error)
            else:
                if initiative.status == Initiative.Status.DA_NOP:
                    messages.success(request, _("Đã nộp sáng kiến. Bạn sẽ nhận thư khi sáng kiến được xét."))
                else:
                    messages.success(request, _("Đã lưu các thay đổi."))
                return redirect("members:initiative", pk=initiative.pk)
        context = self.get_context_data(form=form, formset=formset, lost_files=self.lost_files())
        return self.render_to_response(context, status=400)


class SendView(OwnInitiativesMixin, View):
    """POST: the author sends a registered or returned initiative for review."""

    http_method_names = ["post"]

    def post(self, request, pk):
        initiative = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            services.send_for_review(by=request.user, initiative=initiative)
        except (ValidationError, PermissionDenied) as error:
            for message in getattr(error, "messages", [str(error)]):
                messages.error(request, message)
        else:
            messages.success(request, _("Đã nộp sáng kiến. Bạn sẽ nhận thư khi sáng kiến được xét."))
        return redirect("members:initiative", pk=pk)


class AttachmentView(View):
    """An attachment, to whoever may read it (`scopes.may_read_attachment`); to anyone else it does not exist."""

    def get(self, request, pk):
        attachment = get_object_or_404(
            Attachment.objects.select_related("initiative", "initiative__unit", "initiative__campaign"), pk=pk
        )
        if not scopes.may_read_attachment(request.user, attachment):
            raise Http404(_("Không có tệp này."))
        kind = KINDS.get(attachment.kind)
        if kind is None:  # pragma: no cover - every stored attachment passed the checks
            raise Http404
        return private_file_response(
            name=attachment.file.name, download_name=attachment.name, content_type=kind.content_type, inline=kind.inline
        )
