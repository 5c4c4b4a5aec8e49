"""The labelled query set: precision and recall at 10 at least 0.9, on both databases.

The world (demo data, the set's publications, one county of seed_scale data) is
built once for the module; ``manage.py search_quality`` prints the same figures.
"""

import pytest
from django.core.management import call_command
from django.db import transaction

from disclosure.models import SearchEntry
from disclosure.public.search import quality, tokens, vocabulary
from disclosure.public.search.publications import Filters
from disclosure.public.search.query import search

BAR = 0.9


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", verbosity=0)
            keys = quality.build_world()
            yield keys
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def measured(world, django_db_blocker):
    with django_db_blocker.unblock():
        return quality.evaluate(world)


def test_the_set_holds_at_least_150_queries_of_every_kind(measured):
    assert len(measured) >= 150
    kinds = {m.query.kind for m in measured}
    assert {"abbreviation", "colloquial", "question", "typo", "traditional"} <= kinds
    assert {m.query.region for m in measured} >= {"", "scale", "410225"}


def test_precision_and_recall_at_10_are_at_least_the_bar(measured):
    overall = quality.summary(measured)["all"]
    low = {k: round(v, 3) for k, v in overall.items() if k != "queries" and v < BAR}
    assert not low, (low, overall)


def test_the_database_matches_what_the_phrase_rule_says(world, django_db_blocker):
    """Every labelled query's matches, from the index, equal a plain reading of
    each entry's stream: the same answer on SQLite (FTS5) and PostgreSQL."""
    with django_db_blocker.unblock():
        entries = list(SearchEntry.objects.values_list("pk", "title_tokens", "tokens"))
        for labelled in quality.labelled_set():
            formula = vocabulary.formula(labelled.text)
            for column, at in (("tokens", 2), ("title_tokens", 1)):
                wanted = {
                    e[0]
                    for e in entries
                    if all(
                        any(tokens.contains(e[at], p) for p in t) for t in formula.terms
                    )
                }
                found = set(
                    SearchEntry.objects.filter(
                        **{f"{column}__matches": formula}
                    ).values_list("pk", flat=True)
                )
                assert found == wanted, (labelled.text, column)


def test_every_example_the_page_suggests_finds_something(world, client, db):
    body = client.get("/search/").content.decode()
    placeholder = body.split('placeholder="')[1].split('"')[0]
    suggested = placeholder.removeprefix("例如：").removeprefix("e.g. ")
    for comma in ("，", "、"):
        suggested = suggested.replace(comma, ",")
    shown = [s.strip() for s in suggested.split(",")]
    examples = list(vocabulary.vocabulary().examples)
    assert set(shown) <= set(examples), shown
    for example in examples:
        for region in ("", "410225"):
            results = search(example, Filters(region=region))
            assert results.items or results.publications.count(), (example, region)
