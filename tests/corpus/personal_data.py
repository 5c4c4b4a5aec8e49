"""Personal numbers as clerks write them, and the numbers that only look like them.

Generated in code, the same every run (one seeded ``random.Random``): ID numbers
computed from real county codes of the places in the seeds (兰考, 杞县, 郑州,
日照, 上海, 北京) and real birth dates, with the GB 11643 check character;
first-generation 15-digit numbers; suspected ones (a wrong check character, as a
mistyped number has); mobiles on the operators' real number segments; bank
cards on real issuer prefixes (BINs) with the Luhn check digit. Each is written
the ways county websites show them — whole, grouped 6-8-4 or in fours, after
``IDNo`` or ``身份证号：``, with full-width digits, dashes, dots, ideographic and
zero-width spaces, soft hyphens — inside a sentence or a table row of a 公示.

``NEGATIVES`` are what a notice holds besides: dates, amounts, document and
case numbers, order and serial numbers, landlines and hotlines, postcodes,
division codes, unified social credit codes, long numbers that fail the
checks, numbers already masked.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from disclosure.pii import (
    BANK_CARD,
    ID_CARD,
    MOBILE,
    SUSPECTED_ID_CARD,
    id_card_check_character,
    uscc_check_character,
)

# County-level codes of the places the seeds name (GB/T 2260).
REGIONS = {
    "410225": "兰考县",
    "410221": "杞县",
    "410102": "郑州市中原区",
    "410105": "郑州市金水区",
    "410122": "中牟县",
    "419001": "济源市",
    "371102": "日照市东港区",
    "371103": "日照市岚山区",
    "371121": "五莲县",
    "371122": "莒县",
    "310101": "上海市黄浦区",
    "310104": "上海市徐汇区",
    "310115": "上海市浦东新区",
    "110102": "北京市西城区",
    "110105": "北京市朝阳区",
}
NAMES = (
    "张秀英 李建国 王桂兰 刘玉珍 陈志强 杨淑珍 赵国庆 黄美玲 周长海 吴春梅 "
    "徐红霞 孙立新 马玉兰 朱学文 胡凤英 郭建军 何秀云 高德胜 林晓燕 罗永福"
).split()
TOWNS = ("东坝头镇张庄村", "城关镇朱庄村", "堌阳镇徐场村", "城关镇金城村")
MOBILE_SEGMENTS = (
    "130 131 132 133 134 135 136 137 138 139 147 150 151 152 153 155 156 157 "
    "158 159 166 173 176 177 180 181 182 183 185 186 187 188 189 191 198 199"
).split()
# Issuer prefixes in use, with the card length each issuer uses.
CARD_BINS = (
    ("622202", 19),  # 工商银行 牡丹灵通卡
    ("621226", 19),  # 工商银行
    ("955880", 19),  # 工商银行 (old 9558 cards)
    ("622848", 19),  # 农业银行 金穗借记卡
    ("95599", 19),  # 农业银行 (old 95599 cards)
    ("622700", 19),  # 建设银行 龙卡
    ("621700", 19),  # 建设银行
    ("621661", 19),  # 中国银行
    ("601382", 19),  # 中国银行 (old 60 cards)
    ("622262", 19),  # 交通银行
    ("622588", 16),  # 招商银行
    ("621483", 16),  # 招商银行
    ("623058", 19),  # 平安银行
    ("436742", 16),  # 建设银行 Visa
    ("427020", 16),  # 工商银行 Visa
    ("518710", 16),  # 招商银行 Mastercard
    ("356833", 16),  # 中国银行 JCB
    ("622908", 18),  # 兴业银行 (18 digits)
)
FULL_WIDTH = str.maketrans("0123456789-X", "０１２３４５６７８９－Ｘ")
ZWSP, SOFT_HYPHEN, IDEOGRAPHIC_SPACE, NBSP = "\u200b", "\u00ad", "\u3000", "\u00a0"


@dataclass(frozen=True)
class Sample:
    """One text; a positive holds one personal number (``digits``, ``kind``)."""

    text: str
    kind: str | None = None
    digits: str = ""
    how: str = ""
    written: str = ""  # the number as written in ``text``

    @property
    def positive(self) -> bool:
        return self.kind is not None


def luhn_complete(partial: str) -> str:
    """``partial`` with the Luhn check digit appended."""
    total = 0
    for position, char in enumerate(reversed(partial)):
        value = int(char)
        if position % 2 == 0:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return partial + str((10 - total % 10) % 10)


def _birth(rng: random.Random, first: int, last: int) -> date:
    start = date(first, 1, 1)
    return start + timedelta(days=rng.randrange((date(last, 12, 31) - start).days))


def _id_number(rng: random.Random) -> str:
    region = rng.choice(list(REGIONS))
    first17 = f"{region}{_birth(rng, 1935, 2012):%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_card_check_character(first17)


def _cut(number: str, sizes, sep: str) -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(number[at : at + size])
        at += size
    if at < len(number):
        parts.append(number[at:])
    return sep.join(parts)


# How an 18-character ID number is written.
ID_STYLES = {
    "whole": lambda n: n,
    "6-8-4 spaces": lambda n: _cut(n, (6, 8), " "),
    "6-8-4 dashes": lambda n: _cut(n, (6, 8), "-"),
    "6-4-4-4": lambda n: _cut(n, (6, 4, 4), " "),
    "groups of four": lambda n: _cut(n, (4, 4, 4, 4), " "),
    "after IDNo": lambda n: "IDNo" + n,
    "after ID:": lambda n: "ID:" + n,
    "zero-width space inside": lambda n: _cut(n, (6, 8), ZWSP),
    "soft hyphen inside": lambda n: _cut(n, (10,), SOFT_HYPHEN),
    "ideographic spaces": lambda n: _cut(n, (6, 8), IDEOGRAPHIC_SPACE),
    "full-width digits": lambda n: n.translate(FULL_WIDTH),
    "full-width 6-8-4": lambda n: _cut(n, (6, 8), "－").translate(FULL_WIDTH),
    "no-break spaces": lambda n: _cut(n, (6, 8), NBSP),
    "em dashes": lambda n: _cut(n, (6, 8), "—"),
    "unicode hyphens": lambda n: _cut(n, (6, 8), "\u2010"),
    "lower-case x": lambda n: n[:17] + n[17].lower(),
}
OLD_ID_STYLES = {
    "whole": lambda n: n,
    "6-6-3": lambda n: _cut(n, (6, 6), " "),
    "full-width": lambda n: n.translate(FULL_WIDTH),
    "zero-width space": lambda n: _cut(n, (6,), ZWSP),
}
MOBILE_STYLES = {
    "whole": lambda n: n,
    "3-4-4 spaces": lambda n: _cut(n, (3, 4), " "),
    "3-4-4 dashes": lambda n: _cut(n, (3, 4), "-"),
    "3-4-4 dots": lambda n: _cut(n, (3, 4), "."),
    "full-width hyphens": lambda n: _cut(n, (3, 4), "－"),
    "brackets": lambda n: f"({n[:3]}){n[3:7]}-{n[7:]}",
    "full-width brackets": lambda n: f"（{n[:3]}）{n[3:7]} {n[7:]}",
    "+86": lambda n: f"+86 {n}",
    "+86-": lambda n: "+86-" + _cut(n, (3, 4), "-"),
    "0086": lambda n: "0086-" + _cut(n, (3, 4), "-"),
    "+86 glued": lambda n: f"+86{n}",
    "ideographic spaces": lambda n: _cut(n, (3, 4), IDEOGRAPHIC_SPACE),
    "zero-width spaces": lambda n: _cut(n, (3, 4), ZWSP),
    "full-width digits": lambda n: n.translate(FULL_WIDTH),
    "middle dots": lambda n: _cut(n, (3, 4), "·"),
    "em dashes": lambda n: _cut(n, (3, 4), "—"),
    "after Tel": lambda n: f"Tel:{n}",
    "3-8": lambda n: _cut(n, (3,), " "),
}
CARD_STYLES = {
    "whole": lambda n: n,
    "groups of four": lambda n: _cut(n, (4, 4, 4, 4), " "),
    "groups of four, dashes": lambda n: _cut(n, (4, 4, 4, 4), "-"),
    "6 and the rest": lambda n: _cut(n, (6,), " "),
    "full-width": lambda n: _cut(n, (4, 4, 4, 4), " ").translate(FULL_WIDTH),
    "ideographic spaces": lambda n: _cut(n, (4, 4, 4, 4), IDEOGRAPHIC_SPACE),
    "zero-width space": lambda n: _cut(n, (6,), ZWSP),
    "no-break spaces": lambda n: _cut(n, (4, 4, 4, 4), NBSP),
}
ID_CONTEXTS = (
    "{name} {number} 领取补贴",
    "{name}，身份证号：{number}，{town}",
    "姓名：{name}　身份证号码：{number}　保障人数：3人",
    "{name}\t{number}\t{town}\t620",
    "申请人{name}（公民身份号码{number}）已通过审核。",
    "户主{name}，身份证{number}，月保障金485元。",
    "{number}",
)
MOBILE_CONTEXTS = (
    "联系电话：{number}",
    "{name}，手机{number}，{town}",
    "{name}\t{number}\t3人",
    "如有异议，请拨打{number}（{name}）反映。",
    "监督电话 {number} 工作日8:30-17:30",
    "{number}",
)
CARD_CONTEXTS = (
    "{name} 银行卡号{number} 发放金额620元",
    "开户行：中国工商银行兰考支行　账号：{number}",
    "补贴已发放至{name}的社会保障卡（{number}）。",
    "{name}\t{number}\t390",
    "{number}",
)


def _place(rng, contexts, number: str) -> str:
    return rng.choice(contexts).format(
        name=rng.choice(NAMES), town=rng.choice(TOWNS), number=number
    )


def _wrong_check(number: str, rng: random.Random) -> str:
    right = number[17]
    return number[:17] + rng.choice([c for c in "0123456789X" if c != right])


def _positive(rng, contexts, written: str, kind: str, number: str, how: str):
    return Sample(_place(rng, contexts, written), kind, number, how, written)


def _positives(rng: random.Random) -> list[Sample]:
    samples = []
    for how, style in ID_STYLES.items():
        for _round in range(5):
            number = _id_number(rng)
            if how == "lower-case x":  # needs a number whose check character is X
                while number[17] != "X":
                    number = _id_number(rng)
            samples.append(
                _positive(rng, ID_CONTEXTS, style(number), ID_CARD, number, how)
            )
    for how, style in OLD_ID_STYLES.items():
        for _round in range(4):
            region = rng.choice(list(REGIONS))
            number = (
                f"{region}{_birth(rng, 1930, 1984):%y%m%d}{rng.randrange(1000):03d}"
            )
            samples.append(
                _positive(
                    rng, ID_CONTEXTS, style(number), ID_CARD, number, f"15-digit, {how}"
                )
            )
    for how in ("whole", "6-8-4 spaces", "groups of four", "full-width digits"):
        for _round in range(4):
            number = _wrong_check(_id_number(rng), rng)
            samples.append(
                _positive(
                    rng,
                    ID_CONTEXTS,
                    ID_STYLES[how](number),
                    SUSPECTED_ID_CARD,
                    number,
                    f"suspected, {how}",
                )
            )
    for how, style in MOBILE_STYLES.items():
        for _round in range(4):
            number = rng.choice(MOBILE_SEGMENTS) + f"{rng.randrange(10**8):08d}"
            samples.append(
                _positive(rng, MOBILE_CONTEXTS, style(number), MOBILE, number, how)
            )
    for how, style in CARD_STYLES.items():
        for _round in range(6):
            bin_, length = rng.choice(CARD_BINS)
            body = "".join(
                str(rng.randrange(10)) for _ in range(length - len(bin_) - 1)
            )
            number = luhn_complete(bin_ + body)
            samples.append(
                _positive(rng, CARD_CONTEXTS, style(number), BANK_CARD, number, how)
            )
    return samples


def _uscc(rng: random.Random, *, digits_only: bool) -> str:
    alphabet = "0123456789" if digits_only else "0123456789ABCDEFGHJKLMNPQRTUWXY"
    while True:
        first17 = (
            rng.choice(["11", "12", "51", "52", "91", "92", "93"])
            + rng.choice(list(REGIONS))
            + "".join(rng.choice(alphabet) for _ in range(9))
        )
        code = first17 + uscc_check_character(first17)
        if not digits_only or code.isdigit():
            return code


def _failing_luhn(number: str) -> str:
    completed = luhn_complete(number[:-1])
    wrong = (int(completed[-1]) + 1 + int(number[-1]) % 9) % 10
    return completed[:-1] + str(wrong)


def _negatives(rng: random.Random) -> list[Sample]:
    texts = []
    for _round in range(24):
        day = _birth(rng, 2015, 2026)
        texts += [
            f"公示期：{day:%Y年}{day.month}月{day.day}日起7个工作日",
            f"发布日期：{day:%Y-%m-%d}",
            f"成文日期 {day:%Y%m%d}",
            f"{day:%Y.%m.%d}—{day + timedelta(days=6):%Y.%m.%d}",
            f"更新时间：{day:%Y/%m/%d} {rng.randrange(8, 18):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}",
        ]
    for _round in range(10):
        amount = rng.randrange(10**9, 10**11)
        texts += [
            f"资金总额{amount:,}.{rng.randrange(100):02d}元",
            f"合计 {amount // 100:,}.{rng.randrange(100):02d} 元",
            f"金额{rng.choice(MOBILE_SEGMENTS)}{rng.randrange(10**8):08d}.{rng.randrange(100):02d}元",
            f"拨付资金 ¥{rng.randrange(10**6, 10**8)}.00",
        ]
    texts += ["1,380,123,456.78", "13,812,345.67元", "138.12万元", "占比95.58%"]
    for _round in range(6):
        year = rng.randrange(2017, 2026)
        number = rng.randrange(1, 300)
        texts += [
            f"兰人社〔{year}〕{number}号",
            f"豫民〔{year}〕{number}号",
            f"日政办发〔{year}〕{number}号",
            f"沪人社规〔{year}〕{number}号",
            f"案号：（{year}）豫0225民初{rng.randrange(1, 9999)}号",
        ]
    texts += [
        "人社厅函〔2019〕113号",
        "国办发〔2017〕47号",
        "国办公开办函〔2021〕30号",
        "国务院令第711号",
    ]
    for _round in range(8):
        day = _birth(rng, 2020, 2026)
        texts += [
            f"No.{day:%Y%m%d}{rng.randrange(10**6):06d}",
            f"订单号{day:%Y%m%d}{rng.randrange(10**10):010d}",
            f"流水号 {day:%Y%m%d}{rng.randrange(10**11):011d}",
            f"受理编号 {rng.choice(list(REGIONS))}-{day:%Y}-{rng.randrange(10**6):06d}",
        ]
    landlines = [
        "0371-65506827",
        "0371-12345678",
        "(0371)2345 6789",
        "0633-8781234",
        "021-6388 1234",
        "010-8888 6666 转 8012",
        "0378-2345678-8001",
    ]
    for _round in range(3):
        landlines += [
            f"0371-{rng.randrange(2, 9)}{rng.randrange(10**6, 10**7)}",
            f"（0378）{rng.randrange(2, 9)}{rng.randrange(10**6)}",
            f"0633-{rng.randrange(2, 9)}{rng.randrange(10**6, 10**7)}",
        ]
    texts += [f"咨询电话：{n}" for n in landlines]
    texts += [
        f"服务热线{n}"
        for n in ("12333", "12345", "400-810-8888", "95588", "96655", "12348")
    ]
    texts += [f"邮编：{n}" for n in ("475300", "450000", "276800", "200003", "100032")]
    texts += [
        "统计用区划代码410225104201",
        "东坝头镇 410225104",
        "区划代码：410225",
        "全国约2,844个县级行政区、38,700个乡级行政区",
        "序号 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
        "2019 2020 2021 2022 2023 2024 年度",
        "ISBN 978-7-5097-1234-5",
        "条码 6901234567892",
        "东经114.8213°，北纬34.8226°",
        "办理时间 08:30-12:00，14:30-17:30",
    ]
    for _round in range(10):
        texts.append(f"统一社会信用代码：{_uscc(rng, digits_only=False)}")
    for _round in range(10):
        texts.append(f"统一社会信用代码 {_uscc(rng, digits_only=True)}")
    for _round in range(8):
        bin_, length = rng.choice(CARD_BINS)
        body = "".join(str(rng.randrange(10)) for _ in range(length - len(bin_)))
        texts.append(f"参考号 {_failing_luhn(bin_ + body)}")
        number = _id_number(rng)
        texts.append(f"编号{number[:10]}13{number[12:]}")  # month 13: not a date
        texts.append(f"编号9{number[1:]}")  # no province starts with 9
        texts.append(f"档案号{number}{rng.randrange(10)}")  # 19 digits
        texts.append(f"12{rng.randrange(10**9):09d}")  # 11 digits on no segment
        texts.append(f"对公账户 4105016{rng.randrange(10**13):013d}")  # 20 digits
        texts.append(f"{number[:6]}********{number[14:]}")  # masked already
        texts.append(f"138****{rng.randrange(10**4):04d}")
    return [Sample(t, how="look-alike") for t in texts]


def build() -> tuple[list[Sample], list[Sample]]:
    rng = random.Random(20250603)  # 人社厅函〔2019〕113号 was issued on 3 June
    return _positives(rng), _negatives(rng)


POSITIVES, NEGATIVES = build()
