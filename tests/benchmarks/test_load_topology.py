"""Beyond one machine under load: two gunicorns, PgBouncer, a standby, one Redis.

The deployment of ``docs/deployment.md`` on the loopback, every tier a real
server: Redis (no persistence), PgBouncer in transaction mode in front of the
throwaway cluster's primary, a hot standby of it (``pg_basebackup -R`` once the
large size is built), and two gunicorn instances (``loadgen.served``: the
production settings, one sync worker each) reaching the database through
PgBouncer, rendering anonymous pages on the standby and sharing Redis.

1. Throughput: wrk against both instances at once, the trivial view and the
   four cached page types in turn; pages were rendered through one instance
   only, so the other answers them from Redis. Target: at least 0.9× trivial.
2. Faults: checking clients read publication pages on both instances while a
   writer withdraws half of them one by one; the standby is stopped, then the
   primary crashes (``pg_ctl stop -m immediate``, with ``synchronous_commit``
   on for the test database) and starts again, then the standby comes back.
   No error once each instance answers again after the crash, none at all
   while only the standby is down, no acknowledged withdrawal lost, and no
   withdrawn publication answered to a request made after its withdrawal was
   acknowledged.

Run on demand in ``make benchmark-postgres``; skipped on SQLite and without
wrk, redis-server or pgbouncer, saying so.
"""

import os
import statistics
import threading
import time

import pytest
from django import test as django_test
from django.conf import settings
from django.db import connection, connections

from disclosure.models import Publication, PublicationStatus
from disclosure.public.rules import public_publications
from portal.models import Region, RegionLevel
from tests import factories, loopback, pgcluster

from . import loadgen, measure, scale
from .topology import FaultRun, wait_for_primary

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.scale("large"),
    pytest.mark.skipif(
        loadgen.wrk_path() is None,
        reason="wrk is not installed: apt-get install -y wrk",
    ),
    pytest.mark.skipif(
        bool(loopback.missing("redis", "pgbouncer")),
        reason="redis-server and pgbouncer are needed: "
        "apt-get install -y redis-server pgbouncer",
    ),
]

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "10"))
ROUNDS = 2
INSTANCES = 2
CONNECTIONS = 4  # per instance, as test_load's 4 per worker
MIN_RATIO = 0.9
TARGETS = 40  # publication pages read in the fault run; half are withdrawn


@pytest.fixture(scope="module")
def deployment(django_db_setup, django_db_blocker, tmp_path_factory):
    """Redis, PgBouncer and the standby, started once the data is there."""
    if connection.vendor != "postgresql" or not os.environ.get("PGCLUSTER_DATADIR"):
        pytest.skip(
            "The deployment load test needs the PostgreSQL cluster of "
            "tests/pgcluster.py (make benchmark-postgres)."
        )
    redis = loopback.Redis().start()
    bouncer = loopback.PgBouncer(
        host="127.0.0.1", port=int(os.environ["PGCLUSTER_PORT"]), pool_size=10
    ).start()
    try:
        yield {
            "redis": redis,
            "pgbouncer": bouncer,
            "standby_factory": pgcluster.Standby,
        }
    finally:
        bouncer.remove()
        redis.remove()


def instance_env(deployment, standby) -> dict[str, str]:
    database = connection.settings_dict["NAME"]
    return {
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # the staff session made here
        "DATABASE_URL": deployment["pgbouncer"].url(database),
        "DATABASE_POOL_MODE": "transaction",
        "DATABASE_CONN_MAX_AGE": "600",
        "DATABASE_REPLICA_URLS": f"postgres://postgres@127.0.0.1:{standby.port}/{database}",
        "DATABASE_REPLICA_RETRY_SECONDS": "2",
        "DJANGO_CACHE_URL": deployment["redis"].url,
        "DJANGO_CACHE_RETRY_SECONDS": "2",
    }


def wrk_on_all(servers, paths, *, seconds, tmp_path, **kwargs) -> loadgen.Load:
    """wrk against every instance at once; the rates and counts added up."""
    results = [None] * len(servers)

    def run(index):
        folder = tmp_path / f"wrk-{index}"
        folder.mkdir(exist_ok=True)
        results[index] = loadgen.wrk(
            servers[index],
            paths,
            seconds=seconds,
            connections=CONNECTIONS,
            tmp_path=folder,
            **kwargs,
        )

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(servers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return loadgen.Load(
        sum(r.requests_per_second for r in results),
        sum(r.requests for r in results),
        sum(r.errors for r in results),
        sum(r.socket_errors for r in results),
        " | ".join(r.latency for r in results),
    )


def fault_targets() -> list[int]:
    county = (
        Region.objects.filter(level=RegionLevel.COUNTY).order_by("code").first().code
    )
    return list(
        public_publications()
        .filter(organisation__region__code__startswith=county)
        .order_by("-published_at", "pk")
        .values_list("pk", flat=True)[:TARGETS]
    )


def test_two_instances_through_pgbouncer_and_redis(
    counties, scale_database, deployment, tmp_path
):
    started = time.monotonic()
    standby = deployment["standby_factory"]().start()
    copy_seconds = time.monotonic() - started
    size = pgcluster.primary(
        os.environ,
        "SELECT pg_size_pretty(pg_database_size(current_database()))",
        connection.settings_dict["NAME"],
    )
    env = instance_env(deployment, standby)
    urls = scale.county_pages()
    pages = [urls[name] for name in scale.PAGE_TYPES]
    targets = fault_targets()
    admin = factories.user("load-admin", is_staff=True, is_superuser=True)
    browser = django_test.Client()
    browser.force_login(admin)
    staff_cookies = {"sessionid": browser.cookies["sessionid"].value}
    try:
        with (
            loadgen.served(tmp_path / "a", workers=1, env=env) as first,
            loadgen.served(tmp_path / "b", workers=1, env=env) as second,
        ):
            servers = [first, second]
            throughput = _throughput(servers, pages, tmp_path)
            faults = _faults(servers, targets, staff_cookies, standby)
    finally:
        if not standby.running():
            standby.restart()
        standby.remove()
        connections.close_all()

    rate = {
        name: statistics.mean(r.requests_per_second for r in results)
        for name, results in throughput.items()
    }
    ratio = rate["pages"] / rate["trivial"]
    run, moments = faults["run"], faults["moments"]
    print(
        f"\nload through PgBouncer and Redis at {counties} counties: {INSTANCES} "
        f"gunicorn instances × 1 sync worker, wrk 1 thread {CONNECTIONS} connections "
        f"per instance, {SECONDS} s a run; standby copied in {copy_seconds:.0f} s "
        f"({size})"
    )
    for name, results in throughput.items():
        for result in results:
            print(f"  {name:<8} {result}  latency {result.latency}")
    print(
        f"  cached pages {rate['pages']:.0f} req/s against trivial "
        f"{rate['trivial']:.0f} req/s: {ratio:.2f}×"
    )
    scale_database.record("load topology", counties, ratio)
    every = [r for results in throughput.values() for r in results]
    assert not any(r.errors for r in every), every

    _report_and_check_faults(run, moments)


def _throughput(servers, pages, tmp_path) -> dict[str, list[loadgen.Load]]:
    first = servers[0]
    for path in pages:  # rendered once, through the first instance only
        status, _headers, _body = first.get(path)
        assert status == 200, (path, status)
    for server in servers:
        for path in pages:  # the second finds them in Redis
            assert server.get(path)[0] == 200
    wrk_on_all(servers, pages, seconds=3, tmp_path=tmp_path)
    wrk_on_all(servers, [measure.TRIVIAL_URL], seconds=2, tmp_path=tmp_path)
    runs = {"trivial": [], "pages": []}
    for _round in range(ROUNDS):
        runs["trivial"].append(
            wrk_on_all(
                servers, [measure.TRIVIAL_URL], seconds=SECONDS, tmp_path=tmp_path
            )
        )
        runs["pages"].append(
            wrk_on_all(servers, pages, seconds=SECONDS, tmp_path=tmp_path)
        )
    return runs


def _withdrawn(pk: int) -> bool:
    try:
        return Publication.objects.filter(
            pk=pk, status=PublicationStatus.WITHDRAWN
        ).exists()
    finally:
        connections.close_all()  # this thread's connection; the primary may restart


def _faults(servers, targets, staff_cookies, standby) -> dict:
    database = connection.settings_dict["NAME"]
    pgcluster.primary(
        os.environ, f'ALTER DATABASE "{database}" SET synchronous_commit = on'
    )
    bases = [server.base for server in servers]
    for base_index in range(len(servers)):  # every page kept in Redis first
        for pk in targets:
            assert servers[base_index].get(f"/p/{pk}/")[0] == 200
    run = FaultRun(
        bases, staff_cookies=staff_cookies, targets=targets, withdrawn=_withdrawn
    )
    moments = {}
    run.start(write_every=0.6)  # the withdrawals span the whole run
    try:
        time.sleep(2)
        moments["standby stopping"] = time.monotonic()
        standby.stop()
        moments["standby stopped"] = time.monotonic()
        time.sleep(3)
        moments["primary stopping"] = time.monotonic()
        pgcluster.stop_server(mode="immediate")
        time.sleep(1)
        pgcluster.start_server()
        wait_for_primary()
        moments["primary started"] = time.monotonic()
        time.sleep(4)
        standby.restart()
        moments["standby started"] = time.monotonic()
        time.sleep(4)
    finally:
        run.stop()
        connections.close_all()
        pgcluster.primary(
            os.environ, f'ALTER DATABASE "{database}" RESET synchronous_commit'
        )
    moments["end"] = time.monotonic()
    return {"run": run, "moments": moments}


def _report_and_check_faults(run: FaultRun, moments: dict) -> None:
    lost = [
        pk
        for pk in run.acknowledged
        if not Publication.objects.filter(
            pk=pk, status=PublicationStatus.WITHDRAWN
        ).exists()
    ]
    recovered = {
        i: run.recovered_at(i, moments["primary started"]) for i in range(INSTANCES)
    }
    after = [
        a
        for a in run.answers
        if recovered[a.instance] is not None
        and a.start > recovered[a.instance]
        and run.failed(a)
    ]
    standby_only = run.failures_between(
        moments["standby stopping"], moments["primary stopping"]
    ) + run.failures_between(moments["standby started"], moments["end"])
    down = [
        a
        for a in run.answers
        if moments["primary stopping"] <= a.start <= moments["primary started"]
    ]
    stale = run.stale()
    zero = moments["standby stopping"]
    print(
        f"  faults: {len(run.answers):,} checked answers; standby stopped at "
        f"{moments['standby stopped'] - zero:.1f} s, primary crashed at "
        f"{moments['primary stopping'] - zero:.1f} s and back at "
        f"{moments['primary started'] - zero:.1f} s, standby back at "
        f"{moments['standby started'] - zero:.1f} s"
    )
    print(
        f"  while the primary was down: {len(down)} answers, "
        f"{sum(1 for a in down if a.status == 200)} of them 200 (from Redis), "
        f"{sum(1 for a in down if run.failed(a))} failed; each instance answered "
        "again "
        + ", ".join(
            f"{(t - moments['primary started']):.2f} s" if t else "never"
            for t in recovered.values()
        )
        + " after the primary was back"
    )
    crash = moments["primary stopping"]
    before = sum(1 for t in run.acknowledged.values() if t < crash)
    print(
        f"  withdrawals acknowledged: {len(run.acknowledged)} ({before} before the "
        f"crash, {len(run.acknowledged) - before} after) "
        f"({run.write_failures} tries failed while the primary was down), lost: "
        f"{len(lost)}; withdrawn pages answered after the acknowledgement: "
        f"{len(stale)}; errors after recovery: {len(after)}, while only the "
        f"standby was down: {len(standby_only)}"
    )
    assert all(t is not None for t in recovered.values()), recovered
    assert after == []
    assert standby_only == []
    assert lost == []
    assert stale == []
    assert before > 0 and len(run.acknowledged) - before > 0  # across the crash


def test_cached_pages_through_redis_reach_0_9_of_a_trivial_view(
    counties, scale_database
):
    assert scale_database.recorded("load topology", counties) >= MIN_RATIO
