"""The candidate indexes for search at scale, measured side by side (PostgreSQL).

    DATABASE_URL=postgres://… python -m tests.benchmarks.search_candidates [--queries N]

Reads a database holding ``seed_scale`` data (a province: ``--counties 150``) and
writes a scratch table ``search_candidate`` beside the real index: one row per
public publication with the token streams of ``disclosure.public.search.index``
(``title_vec``, ``vec``) and the normalised text (``plain``, for ``pg_trgm``).
Then, one candidate at a time, it builds the candidate's indexes (timing them
and reporting their size), runs the labelled set's queries in every scope
(a county, the province, the whole country) as the search does (the title
matches newest first, then the rest, 20 rows, and the capped count), and prints
median and 90th percentile per scope; the indexes are dropped before the next.
Run by ``tests/benchmarks/test_search_speed.py`` when ``BENCH_SEARCH_CANDIDATES=1``;
the figures are in docs/performance.md ("Search at scale").
"""

import os
import statistics
import sys
import time
from dataclasses import dataclass

TABLE = "search_candidate"
PAGE = 20
CAP = 1000


@dataclass
class Candidate:
    name: str
    extensions: tuple[str, ...]
    indexes: tuple[str, ...]
    order: str = "published_at DESC, publication_id DESC"
    trigram: bool = False
    probe: int = 0  # read the newest entries first, this many, before the index


CANDIDATES = [
    Candidate(
        "stored tsvector + GIN",
        (),
        (
            f"CREATE INDEX cand_vec ON {TABLE} USING gin (vec)",
            f"CREATE INDEX cand_title ON {TABLE} USING gin (title_vec)",
        ),
    ),
    Candidate(
        "btree_gin (county, words) + GIN",
        ("btree_gin",),
        (
            f"CREATE INDEX cand_vec ON {TABLE} USING gin (vec)",
            f"CREATE INDEX cand_title ON {TABLE} USING gin (title_vec)",
            f"CREATE INDEX cand_county_vec ON {TABLE} USING gin (county, vec)",
            f"CREATE INDEX cand_county_title ON {TABLE} USING gin (county, title_vec)",
        ),
    ),
    Candidate(
        "RUM (words, time)",
        ("rum",),
        (
            f"CREATE INDEX cand_vec ON {TABLE} USING rum "
            "(vec rum_tsvector_addon_ops, published_at) "
            "WITH (attach = 'published_at', to = 'vec')",
            f"CREATE INDEX cand_title ON {TABLE} USING rum "
            "(title_vec rum_tsvector_addon_ops, published_at) "
            "WITH (attach = 'published_at', to = 'title_vec')",
        ),
        order="published_at <=| '2999-01-01'::timestamptz",
    ),
    Candidate(
        "newest 2,000 probed, then GIN",
        (),
        (
            f"CREATE INDEX cand_vec ON {TABLE} USING gin (vec)",
            f"CREATE INDEX cand_title ON {TABLE} USING gin (title_vec)",
        ),
        probe=2000,
    ),
    Candidate(
        "pg_trgm on the text",
        ("pg_trgm",),
        (
            f"CREATE INDEX cand_plain ON {TABLE} USING gin (plain gin_trgm_ops)",
            f"CREATE INDEX cand_plain_title ON {TABLE} USING gin "
            "(plain_title gin_trgm_ops)",
        ),
        trigram=True,
    ),
]


def build_table(cursor) -> tuple[int, float]:
    """The scratch table from the index's entries; (rows, seconds).

    The streams are the entries' own; ``plain`` (for ``pg_trgm``) is the title,
    the places and the first 2,000 characters of the text as stored (the
    synthetic texts are simplified and half-width already).
    """
    started = time.perf_counter()
    cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    cursor.execute(
        f"CREATE TABLE {TABLE} AS SELECT e.publication_id, e.region_code, e.county, "
        "e.published_at, e.title_tokens AS title_vec, e.tokens AS vec, "
        "lower(p.title) AS plain_title, "
        "lower(p.title || ' ' || left(p.body, 2000)) AS plain "
        "FROM disclosure_searchentry e "
        "JOIN disclosure_publication p ON p.id = e.publication_id"
    )
    cursor.execute(f"ALTER TABLE {TABLE} ADD PRIMARY KEY (publication_id)")
    cursor.execute(f"CREATE INDEX cand_time ON {TABLE} (published_at, publication_id)")
    cursor.execute(f"CREATE INDEX cand_county_time ON {TABLE} (county, published_at)")
    cursor.execute(f"ANALYZE {TABLE}")
    cursor.execute(f"SELECT count(*) FROM {TABLE}")
    return cursor.fetchone()[0], time.perf_counter() - started


def _copy_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def _like(phrase) -> str:
    return "%" + "%".join(phrase.runs) + "%"


def _trigram_where(formula, column: str) -> tuple[str, list]:
    terms, params = [], []
    for term in formula.terms:
        alternatives = []
        for phrase in term:
            alternatives.append(f"{column} LIKE %s")
            params.append(_like(phrase))
        terms.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(terms), params


def search_once(cursor, candidate: Candidate, formula, scope: str) -> list[int]:
    """One search as the portal runs it: a page of ids and the capped count."""
    where, params = "", []
    if len(scope) == 6:
        where, params = " AND county = %s", [scope]
    elif scope:
        where, params = " AND region_code LIKE %s", [scope + "%"]
    if candidate.trigram:
        title, title_params = _trigram_where(formula, "plain_title")
        whole, whole_params = _trigram_where(formula, "plain")
    else:
        title, title_params = "title_vec @@ %s::tsquery", [formula.tsquery()]
        whole, whole_params = "vec @@ %s::tsquery", [formula.tsquery()]

    def newest(condition, condition_params, limit):
        if candidate.probe:
            cursor.execute(
                f"SELECT publication_id, n FROM (SELECT *, count(*) OVER () AS n "
                f"FROM (SELECT * FROM {TABLE} WHERE TRUE{where} "
                f"ORDER BY {candidate.order} LIMIT {candidate.probe}) AS newest) "
                f"AS probed WHERE {condition} ORDER BY {candidate.order} "
                f"LIMIT {limit}",
                params + condition_params,
            )
            rows = cursor.fetchall()
            if len(rows) == limit or (rows and rows[0][1] < candidate.probe):
                return [row[0] for row in rows]
        cursor.execute(
            f"SELECT publication_id FROM {TABLE} WHERE {condition}{where} "
            f"ORDER BY {candidate.order} LIMIT {limit}",
            condition_params + params,
        )
        return [row[0] for row in cursor.fetchall()]

    ids = newest(title, title_params, PAGE)
    if len(ids) < PAGE:
        ids += newest(
            f"{whole} AND NOT ({title})", whole_params + title_params, PAGE - len(ids)
        )
    cursor.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {whole}{where} "
        f"LIMIT {CAP + 1}) AS capped",
        whole_params + params,
    )
    cursor.fetchone()
    return ids


def scopes(cursor) -> dict[str, str]:
    cursor.execute(f"SELECT min(county) FROM {TABLE}")
    county = cursor.fetchone()[0]
    return {"county": county, "province": county[:2], "country": ""}


def measure(cursor, candidate, formulas, places, rounds=3) -> dict[str, list[float]]:
    """Per scope, each query's median time over ``rounds`` (after one warm-up)."""
    times: dict[str, list[float]] = {}
    results: dict[tuple, list[int]] = {}
    for scope_name, scope in places.items():
        for text, formula in formulas:
            search_once(cursor, candidate, formula, scope)
            spent = []
            for _round in range(rounds):
                started = time.perf_counter()
                results[scope_name, text] = search_once(
                    cursor, candidate, formula, scope
                )
                spent.append((time.perf_counter() - started) * 1000)
            times.setdefault(scope_name, []).append(statistics.median(spent))
    return times, results


def size(cursor, names) -> int:
    total = 0
    for name in names:
        cursor.execute("SELECT pg_relation_size(%s)", [name])
        total += cursor.fetchone()[0]
    return total


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def compare(queries: list[str], *, out=sys.stdout) -> list[dict]:
    from django.db import connection

    from disclosure.public.search import vocabulary

    formulas = [(q, f) for q in queries if (f := vocabulary.formula(q))]
    report = []
    with connection.cursor() as cursor:
        rows, seconds = build_table(cursor)
        print(f"{TABLE}: {rows:,} rows in {seconds:.0f} s", file=out)
        cursor.execute(f"SELECT pg_total_relation_size('{TABLE}')")
        print(
            f"  table with its b-tree indexes: {cursor.fetchone()[0] / 2**20:.0f} MiB"
        )
        places = scopes(cursor)
        reference = None
        for candidate in CANDIDATES:
            for extension in candidate.extensions:
                cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")
            names, built = [], 0.0
            for statement in candidate.indexes:
                started = time.perf_counter()
                cursor.execute(statement)
                built += time.perf_counter() - started
                names.append(statement.split()[2])
            cursor.execute(f"ANALYZE {TABLE}")
            times, results = measure(cursor, candidate, formulas, places)
            same = None
            if not candidate.trigram:
                if reference is None:
                    reference = results
                same = sum(results[k] == reference[k] for k in results) / len(results)
            line = {
                "candidate": candidate.name,
                "build_s": built,
                "size_mib": size(cursor, names) / 2**20,
                **{
                    f"{scope}_median_ms": statistics.median(values)
                    for scope, values in times.items()
                },
                **{f"{scope}_p90_ms": p90(values) for scope, values in times.items()},
                "same_results": same,
            }
            report.append(line)
            print(
                f"{candidate.name}: built in {built:.0f} s, {line['size_mib']:.0f} MiB; "
                + "; ".join(
                    f"{scope} median {statistics.median(v):.1f} ms, p90 {p90(v):.1f} ms"
                    for scope, v in times.items()
                )
                + (f"; same page as the first: {same:.0%}" if same is not None else ""),
                file=out,
                flush=True,
            )
            for statement in candidate.indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {statement.split()[2]}")
        cursor.execute(f"DROP TABLE {TABLE}")
    return report


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")
    django.setup()
    from disclosure.public.search import quality

    limit = (
        int(sys.argv[sys.argv.index("--queries") + 1])
        if "--queries" in sys.argv
        else None
    )
    queries = [q.text for q in quality.labelled_set()][:limit]
    compare(queries)


if __name__ == "__main__":
    main()
