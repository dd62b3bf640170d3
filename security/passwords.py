"""Password rules, with messages in Vietnamese.

Django's validators (length, similarity to the account, its list of 20.000 common passwords, all digits)
speak Vietnamese here, and `VietnameseWordsValidator` refuses passwords made only of the words, names and
years people in this federation reach for first: "matkhau123", "congdoan123", "Matkhau@123",
"vietnam123", "soctrang2024". The words are in `vietnamese_words.txt`, one a line, accents folded.
"""

import re
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from news.search import fold

WORDS_FILE = Path(__file__).with_name("vietnamese_words.txt")
# Letters left once the listed words, digits and symbols are taken out, below which a password is guessable.
MIN_OWN_LETTERS = 4

ATTRIBUTE_NAMES = {
    "username": _("tên đăng nhập"),
    "first_name": _("tên"),
    "last_name": _("họ"),
    "email": _("địa chỉ thư điện tử"),
    "full_name": _("họ tên"),
}


class LengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
            "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
            self.min_length,
        )

    def get_help_text(self):
        return self.get_error_message().replace("Mật khẩu quá ngắn: cần", "Mật khẩu cần") % {
            "min_length": self.min_length
        }


class SimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    """Also compares without accents and with the full name, so "Nguyễn Văn An" rules out "nguyenvanan1990"."""

    def validate(self, password, user=None):
        if not user:
            return
        candidates = {password.lower(), fold(password)}
        for name, value in _attributes(user, self.user_attributes):
            for text in {value.lower(), fold(value)}:
                for part in {*re.split(r"\W+", text), text, re.sub(r"\W+", "", text)}:
                    if part and any(self._similar(candidate, part) for candidate in candidates):
                        raise ValidationError(
                            self.get_error_message(),
                            code="password_too_similar",
                            params={"verbose_name": ATTRIBUTE_NAMES.get(name, name)},
                        )

    def _similar(self, candidate, part):
        if password_validation.exceeds_maximum_length_ratio(candidate, self.max_similarity, part):
            return False
        return SequenceMatcher(a=candidate, b=part).quick_ratio() >= self.max_similarity

    def get_error_message(self):
        return _("Mật khẩu quá giống %(verbose_name)s của tài khoản.")

    def get_help_text(self):
        return _("Mật khẩu không được giống tên, tên đăng nhập hay địa chỉ thư của bạn.")


def _attributes(user, names):
    for name in names:
        value = getattr(user, name, None)
        if value and isinstance(value, str):
            yield name, value
    full_name = " ".join(part for part in (getattr(user, "last_name", ""), getattr(user, "first_name", "")) if part)
    if full_name:
        yield "full_name", full_name


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("Mật khẩu này quá phổ biến, dễ bị đoán ra.")

    def get_help_text(self):
        return _("Mật khẩu không được là mật khẩu phổ biến.")


class NumericValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self):
        return self.get_error_message()


class VietnameseWordsValidator:
    """Refuses a password that is only listed words (Vietnamese, place and unit names), years and symbols."""

    def validate(self, password, user=None):
        if own_letters(password) < MIN_OWN_LETTERS:
            raise ValidationError(
                _(
                    "Mật khẩu chỉ gồm những từ, tên hoặc con số dễ đoán (như “matkhau”, “congdoan”, tên tỉnh, "
                    "huyện, đơn vị hay năm). Hãy thêm những chữ khó đoán hơn."
                ),
                code="password_vietnamese_word",
            )

    def get_help_text(self):
        return _("Mật khẩu không được chỉ gồm những từ dễ đoán như “matkhau”, “congdoan”, tên địa danh hay năm.")


def own_letters(password):
    """How many letters of `password` are left once listed words, digits and symbols are taken out."""
    text = re.sub(r"[^a-z]", "", fold(password).lower())
    text = _words_pattern().sub("", text)
    return len(text)


@lru_cache(maxsize=1)
def _words_pattern():
    words = set()
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(re.sub(r"[^a-z]", "", fold(line).lower()))
    words.discard("")
    # Longest first, so "soctrang" goes before "trang".
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))
