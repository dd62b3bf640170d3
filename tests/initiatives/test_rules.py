"""The rules in `initiatives/rules.py` that more than one caller asks: each rule alone, then each caller asking it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from initiatives import rules
from initiatives.forms import AuthorFormSet, MoneyField
from initiatives.importing import parse_authors, parse_money
from tests.factories import UnitFactory

# --- the initiative's own fields --------------------------------------------------------------------------------


def test_title_given():
    assert rules.title_given("Số hóa hồ sơ") is None
    assert rules.title_given("   ") == "cần nhập tên sáng kiến."
    assert rules.title_given(None) == "cần nhập tên sáng kiến."


def test_key_length_follows_the_model_field():
    assert rules.KEY_LENGTH == 64
    assert rules.key_length("x" * 64) is None
    assert rules.key_length("x" * 65) == "mã sáng kiến dài tối đa 64 ký tự."


def test_authors_given():
    assert rules.authors_given(1) is None
    assert rules.authors_given(0) == "sáng kiến cần ít nhất một tác giả."


def test_the_authors_formset_speaks_the_rule():
    assert str(AuthorFormSet.default_error_messages["too_few_forms"]) == "Sáng kiến cần ít nhất một tác giả."


def test_the_cell_parser_leaves_counting_authors_to_the_rule():
    assert parse_authors(" ; ") == []


def test_whole_amount_in_the_member_form_and_the_cell_parser():
    assert rules.whole_amount(0) is None and rules.whole_amount(-1) is not None
    assert MoneyField(required=False).clean("15.000.000 đồng") == 15_000_000
    with pytest.raises(ValidationError, match="Giá trị làm lợi không được âm."):
        MoneyField(required=False).clean("-5.000")
    assert parse_money("-5.000") == -5000  # read as written; the importer then asks the rule


def test_not_in_future_guards_the_member_forms_recognition_date():
    from initiatives.forms import InitiativeForm

    form = InitiativeForm(data={"recognized_on": (timezone.localdate() + timedelta(days=1)).isoformat()})
    form.is_valid()
    assert form.errors["recognized_on"] == ["Ngày công nhận không thể sau hôm nay."]


# --- union units ------------------------------------------------------------------------------------------------


def test_unit_code_is_what_the_model_field_accepts():
    assert rules.unit_code("st-vinh-chau") is None
    assert rules.unit_code("st vinh châu") == (
        "mã “st vinh châu” chỉ gồm chữ cái không dấu, chữ số, gạch ngang hoặc gạch dưới, tối đa 40 ký tự."
    )
    assert rules.unit_code("x" * 41) is not None


def test_unit_dates():
    assert rules.unit_dates(date(2020, 1, 1), date(2020, 1, 1)) is None
    assert rules.unit_dates(None, date(2020, 1, 1)) is None
    assert rules.unit_dates(date(2020, 1, 2), date(2020, 1, 1)) == (
        "ngày ngừng hoạt động 01/01/2020 trước ngày bắt đầu hoạt động 02/01/2020."
    )


def test_unit_not_beneath_itself():
    assert rules.unit_not_beneath_itself(7, [1, 3]) is None
    assert rules.unit_not_beneath_itself(None, [1, 3]) is None
    assert rules.unit_not_beneath_itself("a", ["b", "a"]) == "không thể đặt đơn vị làm cấp dưới của chính nó."


def test_head_count():
    assert rules.head_count(0) is None
    assert rules.head_count(-1) == "phải là số nguyên không âm."
    assert rules.head_count(1.5) is not None


@pytest.mark.django_db
def test_the_unit_model_asks_the_unit_rules():
    top = UnitFactory(code="top")
    child = UnitFactory(code="child", parent=top)
    top.parent = child
    with pytest.raises(ValidationError) as error:
        top.clean()
    assert error.value.message_dict["parent"] == ["Không thể đặt đơn vị làm cấp dưới của chính nó."]
    with pytest.raises(ValidationError):
        top.save()
    child.valid_from, child.valid_to = date(2020, 1, 2), date(2020, 1, 1)
    with pytest.raises(ValidationError) as error:
        child.clean()
    assert error.value.message_dict["valid_to"] == [
        "Ngày ngừng hoạt động 01/01/2020 trước ngày bắt đầu hoạt động 02/01/2020."
    ]
