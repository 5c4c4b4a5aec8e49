"""Where synthetic counties sit: real-shaped division codes and made-up names.

County ``i`` (counting from 0) sits in province ``PROVINCE_CODES[i // 150]``, city
``i % 150 // 12 + 1`` of it, with the county suffix ``COUNTY_SUFFIXES[i % 12]``:
so ``--counties 150`` is one province and 2,844 counties need 19. Henan (41),
the demo's province, is never used. Below a county, township codes follow the
statistical shape (街道 0xx, 镇 1xx, 乡 2xx) and so do villages (社区 0xx, 村 2xx).
Names come from an RNG seeded with the seed and the parent's code, so a
county's layout does not depend on how many counties are built.
"""

import random
from dataclasses import dataclass

from .names import distinct_place_names, seeded

COUNTIES_PER_PROVINCE = 150
COUNTIES_PER_CITY = 12
CITIES_PER_PROVINCE = -(-COUNTIES_PER_PROVINCE // COUNTIES_PER_CITY)  # 13
PROVINCE_CODES = (
    "13", "14", "15", "21", "22", "23", "32", "33", "34", "35",
    "36", "37", "42", "43", "44", "45", "46", "51", "52", "53",
    "54", "61", "62", "63", "64", "65", "11", "12", "31", "50",
)  # fmt: skip
MAX_COUNTIES = len(PROVINCE_CODES) * COUNTIES_PER_PROVINCE
# GB/T 2260 suffixes: districts 0x (区), counties 2x (县), county-level cities 8x.
COUNTY_SUFFIXES = (
    ("02", "区"), ("03", "区"), ("04", "区"), ("21", "县"), ("22", "县"),
    ("23", "县"), ("24", "县"), ("25", "县"), ("26", "县"), ("27", "县"),
    ("28", "县"), ("81", "市"),
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    """A region to be: its code, its name and the places under it."""

    code: str
    name: str
    children: tuple["Place", ...] = ()


@dataclass(frozen=True)
class CountyLayout:
    """A county with its province and city (those without their other children)."""

    index: int
    province: Place  # without children: only its code and name
    city: Place
    county: Place  # townships as children, villages under them


def province_code(index: int) -> str:
    return PROVINCE_CODES[index // COUNTIES_PER_PROVINCE]


def city_code(index: int) -> str:
    within = index % COUNTIES_PER_PROVINCE
    return f"{province_code(index)}{within // COUNTIES_PER_CITY + 1:02d}"


def _spread(rng: random.Random, mean: int) -> int:
    """About ``mean``: up to a quarter more or fewer, the mean kept."""
    width = mean // 4
    return rng.randint(mean - width, mean + width)


def county_layout(
    index: int, *, seed: int, townships: int, villages: int
) -> CountyLayout:
    """County ``index`` with about ``townships`` townships of about ``villages``."""
    p_code, c_code = province_code(index), city_code(index)
    p_name = distinct_place_names(seeded(seed, p_code), 1)[0] + "省"
    city_names = distinct_place_names(
        seeded(seed, p_code, "cities"), CITIES_PER_PROVINCE
    )
    c_name = city_names[int(c_code[2:]) - 1] + "市"
    county_names = distinct_place_names(seeded(seed, c_code), 12)
    suffix, kind = COUNTY_SUFFIXES[index % COUNTIES_PER_PROVINCE % COUNTIES_PER_CITY]
    code = c_code + suffix
    rng = seeded(seed, code)
    name = county_names[index % COUNTIES_PER_PROVINCE % COUNTIES_PER_CITY] + kind
    count = max(1, _spread(rng, townships))
    subdistricts = min(count - 1, 3 if kind == "区" else 1)
    township_names = distinct_place_names(rng, count)
    children = []
    for n, t_name in enumerate(township_names):
        if n < subdistricts:
            t_code, t_suffix = f"{code}{n + 1:03d}", "街道"
        elif n < count * 3 // 4:
            t_code, t_suffix = f"{code}{100 + n:03d}", "镇"
        else:
            t_code, t_suffix = f"{code}{200 + n:03d}", "乡"
        children.append(_township(seed, t_code, t_name + t_suffix, villages))
    county = Place(code, name, tuple(children))
    return CountyLayout(index, Place(p_code, p_name), Place(c_code, c_name), county)


def _township(seed: int, code: str, name: str, villages: int) -> Place:
    rng = seeded(seed, code)
    count = max(1, _spread(rng, villages))
    communities = count if name.endswith("街道") else min(count - 1, 1)
    children = []
    for n, v_name in enumerate(distinct_place_names(rng, count)):
        if n < communities:
            children.append(Place(f"{code}{n + 1:03d}", v_name + "社区"))
        else:
            children.append(Place(f"{code}{200 + n:03d}", v_name + "村"))
    return Place(code, name, tuple(children))
