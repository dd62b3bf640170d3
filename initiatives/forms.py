"""Forms of the members' pages: filing an initiative (with its authors and attachments) and a reviewer's decision.

Staff forms live in the admin (`initiatives/admin/`); these are for members on their phones: every message in
Vietnamese, per field, and nothing typed is lost when something is wrong.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from privatefiles.checks import ACCEPT, check_attachment

from . import rules
from .models import Initiative, Unit
from .services import Decision
from .services.submissions import DECISION_STATUS, MAX_ATTACHMENTS


def current_units():
    return Unit.objects.active_on(timezone.localdate()).only("pk", "name", "depth", "path").order_by("path")


class UnitChoiceField(forms.ModelChoiceField):
    """The union units of today's tree, in tree order, each indented under its parent.

    A plain select works without JavaScript; `static/js/unit-picker.js` adds a search box that ignores accents.
    """

    def __init__(self, **kwargs):
        super().__init__(queryset=current_units(), empty_label=_("— Chọn đơn vị —"), **kwargs)
        self.widget.attrs.update(
            {"data-unit-picker": "", "data-search-placeholder": _("Gõ tên đơn vị để tìm (không cần dấu)")}
        )

    def label_from_instance(self, unit):
        return "\u00a0\u00a0" * unit.depth + unit.name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once, each checked by content (`privatefiles.checks`); cleans to a list of CheckedFile."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT, "multiple": True}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > MAX_ATTACHMENTS:
            raise ValidationError(_("Mỗi lần gửi tối đa %(n)s tệp.") % {"n": MAX_ATTACHMENTS})
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_attachment(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class MoneyField(forms.IntegerField):
    """Đồng, written as 15000000, 15.000.000 or "15 000 000 đồng"; never negative (`rules.whole_amount`)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"(?i)(đồng|dong|vnđ|vnd|đ)\s*$", "", value.strip())
            value = value.replace(".", "").replace(" ", "").replace("\u00a0", "")
        value = super().to_python(value)
        if value is not None and rules.whole_amount(value):
            raise ValidationError(_("Giá trị làm lợi không được âm."), code="min_value")
        return value


DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]


class InitiativeForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), help_text=_("Mặc định là đơn vị công tác của bạn."))
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=Initiative._meta.get_field("title").max_length)
    kind = forms.ChoiceField(label=_("Loại giải pháp"), choices=[("", _("— Chọn —")), *Initiative.Kind.choices])
    sector = forms.ChoiceField(label=_("Khu vực"), choices=[("", _("— Chọn —")), *Initiative.Sector.choices])
    summary = forms.CharField(label=_("Tóm tắt nội dung"), widget=forms.Textarea(attrs={"rows": 5}))
    effect = forms.CharField(label=_("Hiệu quả"), widget=forms.Textarea(attrs={"rows": 4}))
    benefit_value = MoneyField(
        label=_("Giá trị làm lợi (đồng)"),
        required=False,
        help_text=_("Không bắt buộc. Ví dụ: 15.000.000"),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    recognized_by = forms.ChoiceField(
        label=_("Cấp công nhận"), choices=Initiative.Recognizer.choices, widget=forms.RadioSelect
    )
    recognition_number = forms.CharField(
        label=_("Số quyết định công nhận"), max_length=100, help_text=_("Ví dụ: 15/QĐ-HĐSK")
    )
    recognized_on = forms.DateField(
        label=_("Ngày công nhận"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    confidential = forms.BooleanField(
        label=_("Sáng kiến là bí mật công nghệ"),
        required=False,
        help_text=_("Thư viện chỉ công khai tên, đơn vị, hiệu quả và khen thưởng."),
    )
    attachments = AttachmentsField(
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("Quyết định công nhận và tài liệu thuyết minh: PDF, DOCX, XLSX, JPEG hoặc PNG."),
    )
    attachments_public = forms.BooleanField(
        label=_("Cho phép công khai các tệp vừa chọn khi sáng kiến được thông qua"), required=False
    )

    def __init__(self, *args, attachment_limit_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recognized_on"].error_messages["invalid"] = _("Ngày không hợp lệ; ghi theo dạng 14/03/2024.")
        if attachment_limit_text:
            self.fields["attachments"].help_text = f"{self.fields['attachments'].help_text} {attachment_limit_text}"

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_recognized_on(self):
        day = self.cleaned_data["recognized_on"]
        if rules.not_in_future(day, timezone.localdate()):
            raise ValidationError(_("Ngày công nhận không thể sau hôm nay."))
        return day

    # The initiative's own fields, as the services take them and as an edit starts from.
    INITIATIVE_FIELDS = (
        "title",
        "kind",
        "sector",
        "summary",
        "effect",
        "benefit_value",
        "recognized_by",
        "recognition_number",
        "recognized_on",
        "confidential",
    )

    def initiative_fields(self):
        """What the services take about the initiative itself."""
        return {name: self.cleaned_data[name] for name in self.INITIATIVE_FIELDS}


class AuthorForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=200)
    position = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)
    workplace = forms.CharField(label=_("Nơi công tác"), max_length=255, required=False)


class BaseAuthorFormSet(forms.BaseFormSet):
    def authors(self):
        return [form.cleaned_data for form in self.forms if form.cleaned_data and form.cleaned_data.get("name")]


AuthorFormSet = forms.formset_factory(
    AuthorForm,
    formset=BaseAuthorFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=rules.MAX_AUTHORS,
    validate_max=True,
)
AuthorFormSet.default_error_messages = {
    **forms.BaseFormSet.default_error_messages,
    "too_few_forms": lazy(lambda: rules.sentence(rules.authors_given(0)), str)(),
    "too_many_forms": _("Tối đa 10 tác giả."),
}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        widget=forms.RadioSelect,
        choices=[
            (Decision.APPROVE, _("Hợp lệ")),
            (Decision.REJECT, _("Không hợp lệ")),
            (Decision.RETURN, _("Trả lại để bổ sung")),
        ],
    )
    note = forms.CharField(
        label=_("Lý do hoặc nội dung cần bổ sung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bắt buộc khi không hợp lệ hoặc trả lại; tác giả sẽ nhận được nội dung này qua thư điện tử."),
    )

    def clean(self):
        cleaned = super().clean()
        status = DECISION_STATUS.get(cleaned.get("decision"))
        note = cleaned.get("note")
        if message := rules.rejection_reason(status, note) or rules.return_note(status, note):
            self.add_error("note", rules.sentence(message))
        return cleaned
