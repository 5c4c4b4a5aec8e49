"""The 文号 corpus: real document numbers from the seeds, the catalogs' legal
bases and the reference sources, as clerks type them; and look-alikes refused."""

import pytest
from django.core.exceptions import ValidationError

from disclosure.metadata.docnumbers import (
    document_number_normalise,
    validate_document_number,
)

# As printed in the seeds and fixtures (国办公开办函〔2021〕30号 …): canonical already.
REAL = [
    "人社厅函〔2019〕113号",
    "人社厅发〔2014〕20号",
    "人社部发〔2010〕29号",
    "人社部发〔2011〕47号",
    "人社部发〔2011〕83号",
    "人社部发〔2012〕11号",
    "人社部发〔2014〕103号",
    "人社部发〔2014〕52号",
    "人社部发〔2018〕3号",
    "国办发〔2010〕5号",
    "国办函〔2020〕109号",
    "国办公开办函〔2021〕30号",
    "国发〔2012〕45号",
    "国发〔2014〕47号",
    "国发〔2015〕23号",
    "国发〔2016〕14号",
    "日人社函〔2019〕20号",
    "日政办发〔2019〕15号",
    "民办函〔2019〕52号",
    "民发〔2012〕220号",
    "民发〔2016〕115号",
    "民发〔2016〕178号",
    "民发〔2018〕23号",
    "民发〔2021〕57号",
    "沪人社办〔2023〕81号",
    "渝人社办〔2020〕225号",
    "豫人社办〔2020〕23号",
    "豫人社办函〔2019〕187号",
    "豫人社规〔2020〕5号",
    "豫政〔2015〕59号",
    "豫政办〔2020〕5号",
    "豫财金〔2024〕2号",
    "财金〔2023〕75号",
    "郑人社办〔2024〕317号",
    "郑政办〔2019〕13号",
    "闽民养老函〔2019〕126号",
    "鲁政办发〔2019〕15号",
    "兰人社〔2025〕3号",
    "国务院令第711号",
    "国务院令第258号",
    "中华人民共和国国务院令第586号",
    "国令第711号",
]

# What clerks type (and the sources print: 郑政办【2019】13号, 国办发〔2017〕42 号).
VARIANTS = [
    ("兰人社[2025]3号", "兰人社〔2025〕3号"),
    ("兰人社（2025）3号", "兰人社〔2025〕3号"),
    ("兰人社(2025)3号", "兰人社〔2025〕3号"),
    ("兰人社［2025］3号", "兰人社〔2025〕3号"),
    ("兰人社【2025】3号", "兰人社〔2025〕3号"),
    ("兰人社〔２０２５〕３号", "兰人社〔2025〕3号"),
    ("兰人社 〔2025〕 3 号", "兰人社〔2025〕3号"),
    ("兰人社\u3000〔2025〕3号", "兰人社〔2025〕3号"),
    ("兰人社〔2025〕\u200b3号", "兰人社〔2025〕3号"),
    ("兰人社〔2025〕第3号", "兰人社〔2025〕3号"),
    ("兰人社〔2025〕003号", "兰人社〔2025〕3号"),
    ("郑政办【2019】13号", "郑政办〔2019〕13号"),
    ("国办发〔2017〕42 号", "国办发〔2017〕42号"),
    ("国务院令第７１１号", "国务院令第711号"),
    (" 豫政〔2015〕59号 ", "豫政〔2015〕59号"),
]

REFUSED = [
    ("2025年3号", "document_number_shape"),
    ("〔2025〕3号", "document_number_shape"),  # no issuer
    ("兰人社〔25〕3号", "document_number_shape"),  # two-digit year
    ("兰人社〔2025〕号", "document_number_shape"),  # no number
    ("兰人社〔2025〕3", "document_number_shape"),  # no 号
    ("兰人社2025-3号", "document_number_shape"),
    ("兰人社〔2025〕3号，兰人社〔2025〕4号", "document_number_shape"),
    ("兰人社〔2025〕3号<script>", "document_number_shape"),
    ("<b>兰人社</b>〔2025〕3号", "document_number_shape"),
    ('=HYPERLINK("x")', "document_number_shape"),
    ("兰人社〔1900〕3号", "document_number_year"),
    ("兰人社〔2999〕3号", "document_number_year"),
    ("国务院令711号", "document_number_shape"),
    ("兰" * 61, "document_number_long"),
]


@pytest.mark.parametrize("number", REAL)
def test_real_document_numbers_are_kept_as_printed(number):
    assert document_number_normalise(number) == number
    validate_document_number(number)


@pytest.mark.parametrize(("typed", "stored"), VARIANTS)
def test_what_clerks_type_is_written_in_one_form(typed, stored):
    assert document_number_normalise(typed) == stored


@pytest.mark.parametrize(("typed", "code"), REFUSED)
def test_look_alikes_are_refused_with_a_message(typed, code):
    with pytest.raises(ValidationError) as caught:
        document_number_normalise(typed)
    assert caught.value.code == code
    assert caught.value.messages[0]


def test_an_empty_number_is_no_number():
    assert document_number_normalise("  ") == ""


def test_a_stored_number_must_be_canonical():
    with pytest.raises(ValidationError):
        validate_document_number("兰人社[2025]3号")
