"""Made-up but plausible Chinese place and person names, drawn from a seeded RNG."""

import random

# Characters common in real place names; any two make a plausible name.
PLACE_CHARACTERS = (
    "安宁平和丰泰兴隆福寿永康新华东南西北中山河湖江清源金石青龙凤阳明光临高桥"
    "白马黄花柳林杨梅桃李杏枣桑榆松柏云霞红星太德仁义信武文昌盛荣双三五七九"
    "沙坪坝岭峰溪泉塘湾庄集店铺营屯堡寨坡口关渡埠洲滩"
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹"
GIVEN_NAMES = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红玉兰志海"


def seeded(*parts) -> random.Random:
    """An RNG seeded from ``parts`` (the run's seed and a code), the same every run."""
    # Reproducible synthetic data, not secrets: a seeded PRNG is what is wanted.
    return random.Random("/".join(map(str, parts)))  # noqa: S311


def distinct_place_names(rng: random.Random, count: int) -> list[str]:
    """``count`` different two-character names (no character twice in one name)."""
    n = len(PLACE_CHARACTERS)
    names = []
    for index in rng.sample(range(n * (n - 1)), count):
        first, second = divmod(index, n - 1)
        if second >= first:
            second += 1  # skip the first character, so no name doubles it
        names.append(PLACE_CHARACTERS[first] + PLACE_CHARACTERS[second])
    return names


def person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN_NAMES) for _ in range(rng.choice((1, 2))))
    return rng.choice(SURNAMES) + given
