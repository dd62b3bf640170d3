"""Password rules: length 10, Django's common list, the Vietnamese list, similarity; messages in Vietnamese."""

import pytest
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GUESSABLE = [
    "matkhau123",
    "congdoan123",
    "Matkhau@123",
    "vietnam123",
    "soctrang2024",
    "Mật khẩu 2024!",
    "CongDoanSocTrang1",
    "ldld-soc-trang-2023",
    "vinhchau@1990",
    "hanoi12345678",
    "anhyeuem12345",
    "quantri@2024!",
    "1234567890",
    "password123",
]


def messages_for(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return exc.messages
    return []


@pytest.mark.parametrize("password", GUESSABLE)
def test_guessable_passwords_are_refused(password):
    assert messages_for(password), password


def test_short_passwords_are_refused_in_vietnamese():
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in messages_for("Tq9#vLp2z")


def test_a_password_like_the_account_is_refused_also_without_accents():
    user = UserFactory(username="nguyenvanan", first_name="An", last_name="Nguyễn Văn", email="an.nguyen@example.vn")
    assert any("quá giống" in message for message in messages_for("nguyenvanan1990", user))
    assert any("quá giống" in message for message in messages_for("Nguyễn Văn An", user))


@pytest.mark.parametrize("password", ["Trăng-khuyết-bến-Ninh-Kiều!7", "g7Rk2-pLw9q-Zt4x", "cá lóc nướng trui 19 ổ"])
def test_strong_passwords_pass(password):
    user = UserFactory(username="bientap01", first_name="Lan", last_name="Trần Thị")
    assert messages_for(password, user) == []


def test_every_message_and_help_text_is_vietnamese():
    english = ("password", "This ", "Your ", "too ", "must ")
    for password in (*GUESSABLE, "short", "0000000000000"):
        for message in messages_for(password, UserFactory(username="kiemtra")):
            assert not any(word in message for word in english), message
    for text in password_validators_help_texts():
        assert not any(word in text for word in english), text
