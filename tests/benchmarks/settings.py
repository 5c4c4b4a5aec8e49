"""The production settings served by gunicorn on loopback for the load test.

Everything comes from ``portal.settings.production`` (secret key, hosts and
database from the environment; the load generator sends
``X-Forwarded-Proto: https`` as the TLS proxy would), plus the benchmark's
URLs with the trivial baseline view.
"""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.urls"
