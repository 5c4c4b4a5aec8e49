"""What the personal-data check costs: a 公示 list, a workbook, a public page.

Run on demand:
.venv/bin/python -m pytest -q -s tests/benchmarks/test_pii_speed.py \
    -p no:cacheprovider -o addopts=""

Targets (docs/performance.md, "Personal-data check"), each a ratio in the
same run:
- the check is linear: a row of a 20,000-row list costs at most 1.5× a row of
  a 2,000-row list (the first version compared every finding with every other);
- an .xlsx 公示 list is read whole (cells, formulas, comments, headers, every
  part) in at most 2× the time bare openpyxl (read-only) takes to iterate its
  cells, and its peak memory is printed at two sizes;
- masking on the way out costs a public publication page showing a 1,000-row
  list (2,000 numbers; uncached) at most 4× the same page without masking the
  first time, and at most 1.25× when it is rendered again after its county's
  cache version moved (the masked text is kept per process).
"""

import io
import random
import tracemalloc

import pytest
from django.core.cache import cache
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from disclosure import personaldata
from disclosure.models import Publication
from disclosure.pii import find_personal_data, read_parts
from disclosure.pii.finder import _mask_memo
from portal.audit import audited_save
from tests.corpus.personal_data import MOBILE_SEGMENTS, NAMES, _id_number

from . import measure

pytestmark = pytest.mark.benchmark


def rows(count: int, seed: int = 15):
    rng = random.Random(seed)
    for _ in range(count):
        yield (
            rng.choice(NAMES),
            _id_number(rng),
            rng.choice(MOBILE_SEGMENTS) + f"{rng.randrange(10**8):08d}",
            f"{rng.randrange(1, 6)}人",
            f"{rng.randrange(300, 900)}元",
        )


def listing(count: int) -> str:
    head = "经入户调查、民主评议，拟纳入最低生活保障对象名单公示如下：\n"
    return head + "\n".join("\t".join(row) for row in rows(count))


def best_of(action, rounds: int = 5) -> float:
    return measure.interleaved_medians({"a": action}, rounds=rounds)["a"]


def test_the_check_is_linear_in_the_text():
    small, large = listing(2_000), listing(20_000)
    assert len(find_personal_data(small)) == 4_000
    per_row_small = best_of(lambda: find_personal_data(small)) / 2_000
    per_row_large = best_of(lambda: find_personal_data(large), rounds=3) / 20_000
    ratio = per_row_large / per_row_small
    print(
        f"\ncheck: {per_row_small * 1e6:.0f} µs a row at 2,000 rows "
        f"({len(small) // 1000} KB), {per_row_large * 1e6:.0f} µs at 20,000: "
        f"{ratio:.2f}× (target ≤ 1.5×)"
    )
    assert ratio <= 1.5


def workbook(count: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "公示"
    sheet.append(["姓名", "身份证号", "联系电话", "保障人数", "月保障金"])
    for row in rows(count):
        sheet.append(list(row))
    sheet.oddHeader.center.text = "张庄村最低生活保障审核信息公示"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def bare_openpyxl(content: bytes) -> int:
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        return sum(1 for row in book.active.iter_rows(values_only=True) for _ in row)
    finally:
        book.close()


def peak_bytes(action) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_workbook_is_read_whole_in_at_most_twice_bare_openpyxl():
    lines = []
    for count in (5_000, 20_000):
        content = workbook(count)
        medians = measure.interleaved_medians(
            {
                "ours": lambda c=content: read_parts("xlsx", c),
                "bare": lambda c=content: bare_openpyxl(c),
            },
            rounds=3,
        )
        ratio = medians["ours"] / medians["bare"]
        ours, bare = (
            peak_bytes(lambda c=content: read_parts("xlsx", c)),
            peak_bytes(lambda c=content: bare_openpyxl(c)),
        )
        lines.append(
            f"{count:>6} rows ({len(content) // 1000} KB): read whole "
            f"{medians['ours']:.2f} s, bare openpyxl {medians['bare']:.2f} s, "
            f"{ratio:.2f}× (target ≤ 2×); peak {ours / 1e6:.1f} MB "
            f"(openpyxl {bare / 1e6:.1f} MB)"
        )
        assert ratio <= 2, lines[-1]
    print("\nxlsx:\n" + "\n".join(lines))


@pytest.mark.django_db
def test_masking_on_the_way_out_costs_a_long_list_page_little(monkeypatch):
    call_command("seed_demo", verbosity=0)
    notice = Publication.objects.get(
        title="张庄村2026年第四季度最低生活保障审核信息公示"
    )
    notice.body = listing(1_000)
    audited_save(notice, user=notice.author, reason="基准测试：1,000行名单")
    url = f"/p/{notice.pk}/"

    def page():
        status, _headers, body = measure.get(app, url)
        assert status == 200
        return body

    with measure.handler() as app:
        masked = page()
        assert b"410225" in masked and b"********" in masked
        original = personaldata.mask_personal_data

        def without_masking():
            monkeypatch.setattr(personaldata, "mask_personal_data", lambda t, **k: t)
            try:
                page()
            finally:
                monkeypatch.setattr(personaldata, "mask_personal_data", original)

        def cold():
            _mask_memo.cache_clear()  # as after a restart: nothing masked yet
            page()

        medians = measure.interleaved_medians(
            {"cold": cold, "warm": page, "unmasked": without_masking},
            rounds=7,
            before=cache.clear,
        )
    cold_ratio = medians["cold"] / medians["unmasked"]
    warm_ratio = medians["warm"] / medians["unmasked"]
    print(
        f"\npublication page, 1,000-row list, uncached: unmasked "
        f"{medians['unmasked'] * 1000:.0f} ms; masked {medians['cold'] * 1000:.0f} ms "
        f"the first time ({cold_ratio:.2f}×, target ≤ 4×), "
        f"{medians['warm'] * 1000:.0f} ms when the county's version moved "
        f"({warm_ratio:.2f}×, target ≤ 1.25×)"
    )
    assert cold_ratio <= 4
    assert warm_ratio <= 1.25
