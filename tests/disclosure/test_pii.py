"""The personal-number finder: real-shaped numbers are found, look-alikes are not."""

import pytest

from disclosure.pii import (
    BANK_CARD,
    ID_CARD,
    MOBILE,
    bank_card_is_valid,
    find_personal_data,
    id_card_is_valid,
    mask_bank_card,
    mask_id_card,
    mask_mobile,
    mask_personal_data,
)

from .conftest import id_number

# Real-shaped ID numbers with correct check characters (GB 11643-1999).
VALID_IDS = [
    "11010519491231002X",  # the standard's own example, check character X
    "440524188001010014",
    id_number("41010219900307123"),
    id_number("41022519851120041"),  # check character X
]


def kinds(text):
    return [(f.kind, f.value) for f in find_personal_data(text)]


@pytest.mark.parametrize("number", VALID_IDS)
def test_valid_id_numbers_are_found(number):
    assert id_card_is_valid(number)
    assert kinds(f"申请人身份证号{number}，已审核。") == [(ID_CARD, number)]


def test_the_check_character_x_may_be_lower_case():
    assert id_card_is_valid("11010519491231002x")
    assert kinds("身份证：11010519491231002x") == [(ID_CARD, "11010519491231002x")]


@pytest.mark.parametrize(
    "look_alike",
    [
        "110105194912310021",  # the example with a wrong check digit
        "410102199003071234",  # real shape, wrong check digit
        "410102199002301235",  # 30 February
        "990102199003071230",  # no province starts with 9
    ],
)
def test_id_look_alikes_with_wrong_check_digits_or_dates_are_not_found(look_alike):
    assert not id_card_is_valid(look_alike)
    assert kinds(f"编号{look_alike}") == []


@pytest.mark.parametrize(
    "order_number", ["202501150000123456", "202412310987654321", "100000000000000001"]
)
def test_eighteen_digit_order_numbers_do_not_trip_the_check(order_number):
    assert kinds(f"订单号：{order_number}") == []


def test_an_id_number_inside_a_longer_digit_string_is_not_found():
    number = VALID_IDS[2]
    assert kinds(f"流水号9{number}7") == []


def test_mobile_numbers_are_found_with_and_without_separators():
    text = "联系电话13812345678；备用 +86 139-3781-2345，或 158 0378 1234。"
    assert kinds(text) == [
        (MOBILE, "13812345678"),
        (MOBILE, "139-3781-2345"),
        (MOBILE, "158 0378 1234"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "订单号2025138123456789",  # a phone number inside a longer digit string
        "编号913812345678",  # one digit too many in front
        "13812345678901",  # and behind
        "12812345678",  # no mobile number starts with 12
        "电话0371-22345678",  # a landline
    ],
)
def test_phone_look_alikes_inside_longer_numbers_are_not_found(text):
    assert [k for k, _v in kinds(text) if k == MOBILE] == []


@pytest.mark.parametrize(
    "card",
    [
        "6222021234567890128",
        "4111111111111111",
        "5555555555554444",
        "6212 2611 0200 1234 569",
    ],
)
def test_bank_cards_passing_luhn_are_found(card):
    digits = card.replace(" ", "")
    assert bank_card_is_valid(digits)
    assert kinds(f"银行卡号：{card}") == [(BANK_CARD, card)]


@pytest.mark.parametrize(
    "number",
    [
        "6222021234567890123",  # fails Luhn
        "4111111111111112",  # fails Luhn
        "1234567812345670",  # passes Luhn, but no card starts with 1
        "0000000000000000",
    ],
)
def test_numbers_failing_luhn_or_the_card_prefix_are_not_found(number):
    assert kinds(f"账号{number}") == []


def test_full_width_digits_are_found():
    assert kinds("电话：１３８１２３４５６７８") == [(MOBILE, "１３８１２３４５６７８")]


def test_masking_output_is_exactly_the_agreed_shape():
    assert mask_id_card("410102199003071234") == "410102********1234"
    assert mask_id_card("11010519491231002X") == "110105********002X"
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_mobile("138-1234-5678") == "138-****-5678"
    assert mask_bank_card("6222021234567890128") == "622202*********0128"


def test_mask_personal_data_masks_every_number_and_leaves_the_rest():
    number = VALID_IDS[2]
    text = f"张三\t{number}\t13812345678\t订单202501150000123456\n李四\t无"
    assert mask_personal_data(text) == (
        "张三\t410102********1230\t138****5678\t订单202501150000123456\n李四\t无"
    )


def test_findings_report_their_line():
    text = "第一行\n第二行 13812345678"
    (finding,) = find_personal_data(text)
    assert finding.line == 2
    assert finding.masked == "138****5678"
    assert str(finding.label) == "mobile phone number"
