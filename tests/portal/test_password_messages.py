"""Password rules speak Chinese (issue 16 §1: "a password error comes in English").

The cause: Django 5.2.19 changed MinimumLengthValidator's message to "…at least %d
character." while its zh_Hans catalog still translates "…%(min_length)d
character.", so the message fell back to English; the Chinese for the new msgid is
in locale/vendor/. The test walks every configured validator, so the next such
drift fails here too."""

import re

import pytest
from django.contrib.auth.password_validation import (
    get_default_password_validators,
    password_validators_help_texts,
)
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests import factories

PASSWORD = "Correct-Horse-42"  # tests.factories.user's password
BAD = ["abc", "password123A", "ｐａｓｓｗｏｒｄ１２３Ａ", "12345678901234",
       "Aa1Aa1Aa1Aa1", "onlylowercaseletters", "clerk1A"]  # fmt: skip
HAN = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}")


def _chinese(text: str) -> bool:
    return bool(HAN.search(text)) and not ENGLISH_SENTENCE.search(text)


@pytest.mark.django_db
@pytest.mark.parametrize("password", BAD)
def test_every_validator_message_is_chinese(password):
    user = factories.user("clerk")
    messages = []
    with translation.override("zh-hans"):
        for validator in get_default_password_validators():
            try:
                validator.validate(password, user)
            except ValidationError as error:
                messages += error.messages
    assert messages, password
    assert all(_chinese(m) for m in messages), messages


def test_every_help_text_is_chinese():
    with translation.override("zh-hans"):
        texts = password_validators_help_texts()
    assert texts and all(_chinese(str(t)) for t in texts), texts


def test_the_too_short_message_says_the_minimum():
    with translation.override("zh-hans"):
        validator = next(
            v for v in get_default_password_validators() if hasattr(v, "min_length")
        )
        with pytest.raises(ValidationError) as raised:
            validator.validate("Ab1-")
    assert raised.value.messages == ["密码长度太短。密码必须包含至少 12 个字符。"]


@pytest.mark.django_db
def test_the_admin_password_change_form_answers_in_chinese(client):
    clerk = factories.user("clerk", is_staff=True)
    client.force_login(clerk)

    response = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": "Ab1-", "new_password2": "Ab1-"},
    )

    assert response.status_code == 200
    assert "密码长度太短。密码必须包含至少 12 个字符。" in response.text
    assert "This password is too short" not in response.text


@pytest.mark.django_db
def test_the_admin_set_password_form_answers_in_chinese(client):
    root = factories.user("root", is_staff=True, is_superuser=True)
    clerk = factories.user("clerk", is_staff=True)
    client.force_login(root)

    response = client.post(
        reverse("admin:auth_user_password_change", args=[clerk.pk]),
        {"password1": "abc", "password2": "abc", "usable_password": "true"},
    )

    assert response.status_code == 200
    assert "密码长度太短" in response.text
    assert "This password is too short" not in response.text
