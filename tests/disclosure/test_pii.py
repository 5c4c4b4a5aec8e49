"""The personal-number check: each way of writing a number the issue saw missed,
the look-alikes it must leave alone, and masking that changes nothing else."""

import pytest

from disclosure.pii import (
    BANK_CARD,
    ID_CARD,
    MOBILE,
    SUSPECTED_ID_CARD,
    bank_card_is_valid,
    find_personal_data,
    id_card_is_valid,
    mask_personal_data,
    refuse_personal_data,
    uscc_is_valid,
)
from disclosure.pii.normalise import normalise

from .conftest import id_number

NUMBER = "410225199003071230"  # the repro: 兰考县, born 1990-03-07
assert id_card_is_valid(NUMBER)


def kinds(text):
    return [(f.kind, f.digits) for f in find_personal_data(text)]


@pytest.mark.parametrize(
    "written",
    [
        "410225199003071230",
        "410225 19900307 1230",  # 6-8-4, the repro
        "410225-19900307-1230",
        "4102 2519 9003 0712 30",  # groups of four
        "IDNo410225199003071230",  # after Latin letters
        "身份证号:410225199003071230",
        "410225\u200b19900307\u200b1230",  # zero-width spaces
        "4102251990\u00ad03071230",  # a soft hyphen
        "410225\u300019900307\u30001230",  # ideographic spaces
        "４１０２２５１９９００３０７１２３０",  # full-width digits
        "４１０２２５－１９９００３０７－１２３０",
        "410225\u201419900307\u20141230",  # em dashes
    ],
)
def test_id_numbers_are_found_however_they_are_written(written):
    assert kinds(f"张三 {written} 领取补贴") == [(ID_CARD, NUMBER)]


def test_a_first_generation_15_digit_number_is_found():
    assert kinds("旧证号 410225900307123") == [(ID_CARD, "410225900307123")]
    assert kinds("旧证号 410225 900307 123") == [(ID_CARD, "410225900307123")]
    assert kinds("编号 410225901307123") == []  # month 13


@pytest.mark.parametrize("number", ["410102199003071234", "41022519850612004X"])
def test_a_wrong_check_character_makes_a_suspected_id_number(number):
    """Issue 16 point 4: real region and birth date, wrong check character."""
    assert not id_card_is_valid(number)
    assert kinds(f"身份证号{number}") == [(SUSPECTED_ID_CARD, number)]
    assert kinds(f"身份证号{number[:6]} {number[6:14]} {number[14:]}") == [
        (SUSPECTED_ID_CARD, number)
    ]


@pytest.mark.parametrize(
    "look_alike",
    [
        "410102199002301235",  # 30 February
        "990102199003071230",  # no province 99
        "410025199003071230",  # no city 00
        "202501150000123456",  # an order number: no province 20
    ],
)
def test_numbers_without_a_region_and_birth_date_are_not_id_numbers(look_alike):
    assert kinds(f"编号{look_alike}") == []


def test_an_id_number_inside_a_longer_digit_string_is_not_found():
    assert kinds(f"流水号9{NUMBER}7") == []
    assert kinds(f"档案号{NUMBER[:17]}X2") == []


@pytest.mark.parametrize(
    "written",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "138.1234.5678",
        "138－1234－5678",  # full-width hyphen
        "(138)1234-5678",
        "（138）1234 5678",
        "+86 13812345678",
        "+8613812345678",
        "0086-138-1234-5678",
        "138\u30001234\u30005678",  # ideographic spaces
        "138\u200b1234\u200b5678",  # zero-width spaces
        "１３８１２３４５６７８",
    ],
)
def test_mobiles_are_found_however_they_are_written(written):
    assert kinds(f"联系电话：{written}。") == [(MOBILE, "13812345678")]


@pytest.mark.parametrize(
    "text",
    [
        "订单号2025138123456789",  # inside a longer digit string
        "编号913812345678",
        "13812345678901",
        "12812345678",  # no segment 128
        "0371-12345678",  # a landline
        "电话0371-65506827",
        "金额13812345678.00元",  # an amount with decimals
        "1,380,123,456.78",
        "138****5678",  # masked already
    ],
)
def test_phone_look_alikes_are_not_found(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "written",
    [
        "6222021111111111112",
        "6222 0211 1111 1111 112",  # 4-4-4-4-3
        "622202 1111111111112",  # 6-13
        "9558 8012 3456 7890 128",  # an old 9558 card
    ],
)
def test_bank_cards_are_found_however_they_are_written(written):
    digits = "".join(c for c in written if c.isdigit())
    assert bank_card_is_valid(digits)
    assert kinds(f"银行卡号：{written}") == [(BANK_CARD, digits)]


@pytest.mark.parametrize(
    "number",
    [
        "6222021111111111113",  # fails Luhn
        "1234567812345670",  # passes Luhn, but no card starts with 1
        "4111111111111111110",  # Luhn-valid, but Visa cards issued here have 16 digits
        "371102-2022-508061",  # a case number, not a card's grouping
    ],
)
def test_numbers_failing_the_card_rules_are_not_found(number):
    assert kinds(f"编号{number}") == []


def test_a_unified_social_credit_code_is_not_a_personal_number():
    assert uscc_is_valid("91350100M000100Y43")
    assert kinds("统一社会信用代码91350100M000100Y43") == []
    assert kinds("统一社会信用代码 12410225005184621X") == []


def test_masking_hides_the_birth_date_and_changes_nothing_else():
    text = "张三 410225 19900307 1230 领取补贴，电话138－1234－5678\n李四 无"
    assert mask_personal_data(text) == (
        "张三 410225 ******** 1230 领取补贴，电话138－****－5678\n李四 无"
    )
    zero_width = "410225\u200b19900307\u200b1230"
    assert mask_personal_data(zero_width) == "410225\u200b********\u200b1230"
    assert mask_personal_data("卡号6222 0211 1111 1111 112") == (
        "卡号6222 02** **** ***1 112"
    )
    assert mask_personal_data("旧证410225900307123") == "旧证410225******123"


def test_a_masked_text_holds_nothing_more_to_find():
    text = f"{NUMBER} 13812345678 6222021111111111112 410102199003071234"
    assert len(find_personal_data(text)) == 4
    assert find_personal_data(mask_personal_data(text)) == []


def test_a_released_suspected_number_is_kept_and_nothing_else():
    text = "档案号410102199003071234，电话13812345678"
    assert mask_personal_data(text, keep={"410102199003071234"}) == (
        "档案号410102199003071234，电话138****5678"
    )


def test_findings_say_where_they_are():
    text = "第一行\n第二行 13812345678"
    (finding,) = find_personal_data(text)
    assert (finding.line, finding.start, finding.end) == (2, 8, 19)
    assert finding.value == "13812345678"
    assert finding.masked == "138****5678"
    assert finding.label == "mobile phone number"


def test_normalising_keeps_the_original_position_of_every_character():
    folded = normalise("４１\u200b０－")
    assert folded.text == "410-"
    assert list(folded.origin) == [0, 1, 3, 4]
    assert folded.span(2, 4) == (3, 5)


def test_refusing_names_what_was_found_in_its_masked_form():
    refuse_personal_data("已被修订版替代。")  # nothing to refuse
    with pytest.raises(Exception) as excinfo:
        refuse_personal_data(
            f"经核实{id_number('41022519850612004')}，电话13937812345",
            field="reason",
            what="The reason",
        )
    (message,) = excinfo.value.message_dict["reason"]
    assert message == (
        "The reason holds personal information (ID-card number 410225********0044, "
        "mobile phone number 139****2345) and would be shown to the public. Write "
        "it without the number."
    )
