"""Search: tokens and phrases, the vocabulary, filters, ranking, highlighting, help
when nothing matches, the index kept in step, and hostile queries."""

import pytest
from django.db import connection

from disclosure.models import Publication, SearchEntry
from disclosure.public.search import fields, highlight, index, tokens, vocabulary
from disclosure.public.search.publications import Filters
from disclosure.public.search.query import search
from disclosure.services import publication_withdraw
from portal.models import Region

from .conftest import COUNTY, DIBAO_NOTICE, TOWNSHIP, VILLAGE, make_publication


def titles(query, **filters):
    return [p.title for p in search(query, Filters(**filters)).publications[0:100]]


def rows(query, **filters):
    return [i.name for i in search(query, Filters(**filters)).items]


# Tokens and phrases.


def test_a_text_is_its_bigrams_in_order_each_run_closed_by_its_last_character():
    assert tokens.stream("低保公示 ABC-12，2026年") == [
        "低保",
        "保公",
        "公示",
        "示",
        "abc",
        "12",
        "2026",
        "年",
    ]
    # Full-width letters and digits, upper case and traditional characters.
    assert tokens.stream("社會保障卡ＡＢ１") == tokens.stream("社会保障卡ab1")


def test_a_phrase_is_found_only_where_its_characters_stand_together():
    stream = tokens.stream(DIBAO_NOTICE)
    assert tokens.contains(stream, tokens.phrase("生活保障"))
    assert tokens.contains(stream, tokens.phrase("2026年第四"))
    assert tokens.contains(stream, tokens.phrase("村"))  # a prefix: 村2026
    assert not tokens.contains(stream, tokens.phrase("低保"))  # 最低…保障, apart
    assert not tokens.contains(stream, tokens.phrase("审核公示"))
    assert tokens.phrase("%_'\";--") is None


def test_the_stored_tsvector_gives_the_stream_back():
    stream = index.streams("张庄村低保公示", ["河南省", "兰考县"], ["审核信息"], "x")[1]
    assert fields.stream_of_tsvector(fields.tsvector(stream)) == stream


# The vocabulary.


@pytest.mark.parametrize(
    "query, meant",
    [
        ("社保卡", {"社保卡", "社会保障卡"}),
        ("失业金怎么领", {"失业金", "失业保险金"}),
        ("養老金認證", {"养老金认证", "待遇资格认证"}),
        ("低宝", {"低保", "最低生活保障"}),  # a typo, replaced
        ("临时求助", {"临时救助"}),
    ],
)
def test_a_word_is_looked_for_in_every_wording(query, meant):
    formula = vocabulary.formula(query)
    wordings = {"".join(p.runs) for p in formula.terms[0]}
    assert meant <= wordings, wordings


def test_question_words_are_dropped_and_how_to_apply_means_a_procedure():
    words = vocabulary.words("我想问一下低保怎么申请")
    assert [w.meant for w in words if not w.dropped] == ["低保", "怎么申请"]
    formula = vocabulary.formula("低保怎么申请")
    assert len(formula.terms) == 2
    assert "办事指南" in {"".join(p.runs) for p in formula.terms[1]}
    # Nothing but question words: what was typed is looked for.
    assert vocabulary.formula("怎么办") is not None


def test_words_are_cut_from_both_sides_keeping_the_shorter_cut():
    assert [w.meant for w in vocabulary.words("兰考失业登记")] == ["兰考", "失业登记"]
    kept = [w.meant for w in vocabulary.words("社保缴费记录查询") if not w.dropped]
    assert kept == ["社保", "缴费记录"]


def test_the_examples_the_page_suggests_are_in_the_vocabulary_file():
    examples = vocabulary.vocabulary().examples
    assert {"低保 公示", "社保卡", "就业补贴"} <= set(examples)


# Publications: filters and ranking.


def test_the_documents_wording_finds_what_citizens_type(site):
    make_publication("张庄村低保对象动态调整公示")
    found = titles("低保")
    assert DIBAO_NOTICE in found  # written 最低生活保障
    assert "张庄村低保对象动态调整公示" in found
    make_publication("社会保险待遇领取资格认证提醒", body="请按时完成认证。")
    assert "社会保险待遇领取资格认证提醒" in titles("养老金认证")
    assert rows("社保卡") == ["社会保障卡申领", "社会保障卡挂失与解挂"]


def test_filters_by_place_domain_and_level(site):
    county_level = make_publication(
        "兰考县最低生活保障标准调整", org="410225-mca", level="county"
    )
    assert county_level.title in titles("低保", region=COUNTY)
    assert county_level.title not in titles("低保", region=VILLAGE)
    assert DIBAO_NOTICE in titles("低保", region=VILLAGE)
    assert DIBAO_NOTICE in titles("低保", region="4102")
    assert titles("低保", level="county") == [county_level.title]
    assert titles("低保", region="410221") == []
    domain = county_level.item.catalog.domain_id
    assert set(titles("低保", domain=domain)) >= {county_level.title, DIBAO_NOTICE}


def test_title_matches_come_first_then_the_newest(site):
    in_body = make_publication(
        "张庄村困难群众救助情况说明", body="本季度最低生活保障资金已发放。", days_ago=0
    )
    in_title = make_publication("张庄村低保对象名单", days_ago=5)
    hits = search("低保", Filters()).publications
    found = hits[0:50]
    assert found.index(in_title) < found.index(in_body)
    assert [p.rank for p in found if p == in_body] == [0]
    titled = [p for p in found if p.rank == 1]
    assert titled == sorted(titled, key=lambda p: (p.published_at, p.pk), reverse=True)
    assert hits.count() == len(found)
    assert [p.pk for p in hits[1:3]] == [p.pk for p in found[1:3]]


def test_the_probe_and_the_index_give_the_same_pages_and_counts(site, monkeypatch):
    """However few of the newest entries the probes read (so that a tier or the
    count is read through the index instead), every page and count is the same."""
    from disclosure.public.search import publications

    # Matches crowd the newest entries, then none for a while, then more: a
    # probe's share of matches misleads it, and its answer must still be right.
    for n, kind in enumerate("TBT" + "NNNNNN" + "TBTBTBB"):
        title = f"张庄村第{n}批护林员名单" if kind == "T" else f"张庄村第{n}期村务公开"
        body = f"第{n}期生态护林员补助已发放。" if kind == "B" else ""
        make_publication(title, body=body, days_ago=n)
    assert len(search("护林员", Filters()).publications[0:100]) == 10

    def pages(cap):
        monkeypatch.setattr(publications, "MAX_RESULTS", cap)
        hits = search("护林员", Filters()).publications
        found = [[(p.pk, p.rank) for p in hits[i : i + 3]] for i in range(0, 12, 3)]
        return found, hits.count(), hits.capped

    for cap in (1000, 4, 2):
        monkeypatch.setattr(publications, "PROBE", 10_000)
        whole = pages(cap)
        assert sum(len(page) for page in whole[0]) == min(whole[1], cap)
        for probe in (1, 2, 3, 5, 8, 13):
            monkeypatch.setattr(publications, "PROBE", probe)
            for count_probe in (probe + 1, 3 * probe, 5 * probe, 6 * probe, 10_000):
                monkeypatch.setattr(publications, "COUNT_PROBE", count_probe)
                assert pages(cap) == whole, (cap, probe, count_probe)
    assert whole[1] == 2 and whole[2]  # at the last cap, 2: 10 match


def test_the_count_stops_at_the_cap(site, monkeypatch):
    from disclosure.public.search import publications

    for n in range(4):
        make_publication(f"张庄村第{n}批低保对象公示")
    monkeypatch.setattr(publications, "MAX_RESULTS", 3)
    hits = search("低保", Filters()).publications
    assert hits.count() == 3 and hits.capped
    assert len(hits[0:10]) == 3


def test_a_personal_number_is_never_found(site):
    from disclosure.demo import id_number

    number = id_number("410225", "19580312", "002")  # a valid check character
    make_publication(
        "张庄村困难家庭名单", body=f"张秀英，身份证号{number}，电话13937812345。"
    )
    assert titles(number) == [] and titles("13937812345") == []
    assert titles("张庄村困难家庭名单") == ["张庄村困难家庭名单"]


# Rows and what was published under them.


def test_a_row_of_the_county_and_what_was_published_under_it_there(site, client):
    results = search("低保怎么申请", Filters(region=TOWNSHIP), region=_region(TOWNSHIP))
    assert [i.name for i in results.items] == ["办事指南"]
    guide = results.items[0]
    assert [p.title for p in guide.published_here] == ["东坝头镇最低生活保障办事指南"]
    page = client.get("/search/", {"q": "失业登记", "region": COUNTY}).content.decode()
    assert "<mark>失业登记</mark>" in page
    assert f'href="/r/{COUNTY}/items/' in page
    assert "就业登记" not in page  # beside it under 就业失业登记, not what was asked


def _region(code):
    return Region.objects.get(code=code)


# Highlighting.


def test_matched_words_are_marked_after_escaping():
    formula = vocabulary.formula("低保")
    marked = highlight.highlight("<b>张庄村</b>最低生活保障&低保", formula)
    assert marked == (
        "&lt;b&gt;张庄村&lt;/b&gt;<mark>最低生活保障</mark>&amp;<mark>低保</mark>"
    )
    assert str(highlight.highlight("社會保障卡", vocabulary.formula("社保卡"))) == (
        "<mark>社會保障卡</mark>"
    )


# When nothing matches.


def test_an_empty_result_says_so_and_offers_rows_catalogs_and_the_level_up(
    site, client
):
    body = client.get(
        "/en/search/", {"q": "低保资金发放情况", "region": VILLAGE}
    ).content.decode()
    assert "Nothing matches “低保资金发放情况”." in body
    assert "The nearest catalog rows:" in body
    assert f'href="/en/r/{VILLAGE}/items/' in body
    assert f'href="/en/r/{VILLAGE}/social_relief/"' in body  # the place's catalogs
    assert f"region={TOWNSHIP}" in body and "in all of 东坝头镇" in body
    province = client.get("/en/search/", {"q": "没有的事项", "region": "41"})
    assert "everywhere" in province.content.decode()


def test_results_show_no_empty_message(site, client):
    body = client.get("/en/search/", {"q": "低保"}).content.decode()
    assert "Nothing matches" not in body
    assert "<mark>" in body


# The index kept in step.


def test_the_index_follows_every_write_and_the_rebuild_writes_the_same(site):
    notice = Publication.objects.get(title=DIBAO_NOTICE)
    before = {
        e.publication_id: (e.title_tokens, e.tokens) for e in SearchEntry.objects.all()
    }
    assert index.rebuild_index() == len(before)
    after = {
        e.publication_id: (e.title_tokens, e.tokens) for e in SearchEntry.objects.all()
    }
    assert after == before
    notice.title = "张庄村特困供养公示"
    notice.save()
    assert DIBAO_NOTICE not in titles("低保审核") and titles("特困供养") == [
        notice.title
    ]
    publication_withdraw(publication=notice, user=notice.author, reason="名单有误。")
    assert titles("特困供养") == []
    if connection.vendor == "sqlite":  # the FTS5 table saw the update and delete
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO disclosure_searchentry_fts(disclosure_searchentry_fts) "
                "VALUES ('integrity-check')"
            )
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'disclosure_searchentry_fts_%'"
            )
            assert cursor.fetchone()[0] == 3


def test_a_renamed_row_is_found_by_its_new_name(site):
    from catalogs.models import Item

    row = Item.objects.get(
        catalog__organisation__region__code=COUNTY,
        catalog__status="in_force",
        catalog__domain__key="social_relief",
        code="2.2",
    )
    assert "东坝头镇最低生活保障办事指南" not in titles("低保申请须知")
    row.name = "办事指南及申请须知"
    row.save()
    assert "东坝头镇最低生活保障办事指南" in titles("申请须知", region=COUNTY)


# Hostile and odd queries.

HOSTILE = [
    "' OR 1=1 --",
    "%",
    "_",
    ".*",
    "[a-z]+$",
    "\\",
    "<script>alert(1)</script>",
    '低保" OR "a',
    "低保 NEAR(a b)",
    "低保' ; DROP TABLE disclosure_publication; --",
    "a:* & !b",
    "低" * 5000,
    "   ",
    "\x00",
    "兰人社〔2026〕\x0012号",  # read as a 文号 too: PostgreSQL refuses the NUL
    "410225-2026-\u200b00001",
]


def test_hostile_and_odd_queries_get_a_page_not_an_error(site, client):
    for query in HOSTILE:
        response = client.get("/en/search/", {"q": query})
        assert response.status_code == 200, query
        body = response.content.decode()
        assert "<script>alert(1)</script>" not in body
        if len(query) > 100:
            assert "only its first 100 characters were searched" in body
        api = client.get("/api/v1/publications/", {"q": query})
        assert api.status_code == 200, query


def test_an_empty_query_explains_itself_and_suggests_examples(site, client):
    body = client.get("/en/search/").content.decode()
    assert "two characters such as 低保 or 社保 are enough" in body
    for example in vocabulary.vocabulary().examples:
        assert f">{example}</a>" in body


def test_the_api_answers_the_search_page_s_publications_in_its_order(site, client):
    for n in range(3):
        make_publication(f"张庄村第{n}批低保对象公示", days_ago=n)
    page = client.get("/search/", {"q": "低保", "region": COUNTY})
    api = client.get("/api/v1/publications/", {"q": "低保", "region": COUNTY}).json()
    shown = [p.pk for p in page.context["page_obj"].object_list]
    assert [r["id"] for r in api["results"]] == shown
    assert api["count"] == page.context["page_obj"].paginator.count
    assert api["capped"] is False
    item = Publication.objects.get(title=DIBAO_NOTICE).item_id
    narrowed = client.get("/api/v1/publications/", {"q": "低保", "item": item}).json()
    assert {r["item"] for r in narrowed["results"]} == {item}
