"""Cached public pages under load: at least 0.9× the throughput of a trivial view.

gunicorn serves the test database (the large size) on 127.0.0.1 with the
production settings; wrk drives it for a bounded time, in turn at the trivial
view and at the four page types of ``scale.county_pages``, whose rendered
copies every worker already holds (a warm-up run fills them), then at the same
pages with a matching If-None-Match. The configuration is the one shipped:
``portal/gunicorn.conf.py`` and the production settings as they are.

Run on demand (``make benchmark``); needs ``wrk`` (``apt-get install -y wrk``).
"""

import os
import statistics

import pytest
from django.db import connection

from . import loadgen, measure, scale

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.scale("large"),
    pytest.mark.skipif(
        loadgen.wrk_path() is None,
        reason="wrk is not installed: apt-get install -y wrk",
    ),
]

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "10"))
ROUNDS = 2  # trivial, pages, trivial, pages: the machine's drift hits both
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
CONNECTIONS = 4 * WORKERS
MIN_RATIO = 0.9
CONFIGURATIONS = {"shipped": {"env": {}, "args": []}}


@pytest.mark.parametrize("configuration", list(CONFIGURATIONS))
def test_cached_pages_under_load(counties, scale_database, tmp_path, configuration):
    urls = scale.county_pages()
    pages = [urls[name] for name in scale.PAGE_TYPES]
    trivial = [measure.TRIVIAL_URL]
    setup = CONFIGURATIONS[configuration]

    def load(paths, seconds=SECONDS, **headers):
        return loadgen.wrk(
            server,
            paths,
            seconds=seconds,
            connections=CONNECTIONS,
            tmp_path=tmp_path,
            **headers,
        )

    with loadgen.served(
        tmp_path, workers=WORKERS, env=setup["env"], args=setup["args"]
    ) as server:
        etags = {}
        for path in pages:
            status, headers, _body = server.get(path)
            assert status == 200, (path, status)
            etags[path] = headers["ETag"]
        load(pages, seconds=3)  # every worker renders and keeps each page
        load(trivial, seconds=2)
        runs = {"trivial": [], "pages": []}
        for _ in range(ROUNDS):
            runs["trivial"].append(load(trivial))
            runs["pages"].append(load(pages))
        revalidated = load(
            pages, headers={p: {"If-None-Match": etags[p]} for p in pages}
        )
        restarts = server.log.read_text().count("Autorestarting worker")
    rate = {
        name: statistics.mean(r.requests_per_second for r in results)
        for name, results in runs.items()
    }
    ratio = rate["pages"] / rate["trivial"]
    print(
        f"\nload, {configuration} configuration, at {counties} counties "
        f"({connection.vendor}): gunicorn {WORKERS} sync workers, wrk 1 thread "
        f"{CONNECTIONS} connections, {SECONDS} s a run; {restarts} worker restarts"
    )
    for name, results in runs.items():
        for result in results:
            print(f"  {name:<13} {result}  latency {result.latency}")
    print(f"  {'304s':<13} {revalidated}  latency {revalidated.latency}")
    print(
        f"  cached pages {rate['pages']:.0f} req/s against trivial "
        f"{rate['trivial']:.0f} req/s: {ratio:.2f}× (304s "
        f"{revalidated.requests_per_second / rate['trivial']:.2f}×)"
    )
    scale_database.record(f"load {configuration}", counties, ratio)
    every = [r for results in [*runs.values(), [revalidated]] for r in results]
    # Timeouts are a figure (printed above); an error answer is a failure.
    assert not any(r.errors for r in every), f"{every}; see {server.log}"


def test_cached_pages_reach_0_9_of_a_trivial_view(counties, scale_database):
    assert scale_database.recorded("load shipped", counties) >= MIN_RATIO
