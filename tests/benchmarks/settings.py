"""The production settings served by gunicorn on loopback for the load test.

Everything comes from ``portal.settings.production`` (secret key, hosts and
database from the environment; the load generator sends
``X-Forwarded-Proto: https`` as the TLS proxy would), plus the benchmark's
URLs with the trivial baseline view. ``BENCH_PUBLIC_VERSION_TTL`` sets
``PUBLIC_VERSION_TTL``, the seconds a page's cache version is memoised.
"""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import os

ROOT_URLCONF = "tests.benchmarks.urls"
PUBLIC_VERSION_TTL = int(os.environ.get("BENCH_PUBLIC_VERSION_TTL", "0"))
