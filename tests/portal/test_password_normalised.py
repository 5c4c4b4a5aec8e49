"""Passwords are checked on their NFKC form and may not just repeat a short piece
(issue 15: ``ｐａｓｓｗｏｒｄ１２３Ａ`` and ``Aa1Aa1Aa1Aa1`` were accepted)."""

import pytest
from django.contrib.auth import get_user_model

from portal.demo import DEMO_PASSWORD

from .test_signin import _problems

pytestmark = pytest.mark.django_db

REPEATS = (
    "This password only repeats a short piece of 3 characters; choose one that "
    "does not repeat itself."
)


def test_a_full_width_common_password_is_refused():
    assert "This password is too common." in _problems("ｐａｓｓｗｏｒｄ１２３Ａ")


def test_a_full_width_username_is_too_similar():
    user = get_user_model()(username="zhangweiming")
    assert "The password is too similar to the username." in _problems(
        "Ｚｈａｎｇｗｅｉｍｉｎｇ-1", user
    )


@pytest.mark.parametrize("password", ["Aa1Aa1Aa1Aa1", "aA1Aa1AA1aa1", "Ａa1Aa1Aa1Aa1"])
def test_a_repeated_short_piece_is_refused(password):
    assert REPEATS in _problems(password)


@pytest.mark.parametrize(
    "password",
    [DEMO_PASSWORD, "Correct-Horse-42", "Lan-kao-7Lan-kao-8", "兰考县Lankao-2026"],
)
def test_ordinary_passwords_still_pass(password):
    assert _problems(password) == []
