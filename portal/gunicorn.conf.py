"""Gunicorn configuration for production: `gunicorn -c portal/gunicorn.conf.py`.

Gunicorn sits behind a TLS-terminating reverse proxy (nginx) that sets
X-Forwarded-Proto and appends the client's address to X-Forwarded-For;
settings come from the environment like Django's (see docs/security.md).
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"

# A request that takes longer is a bug or an attack; exports stream in chunks.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows without bound, but
# rarely: a new worker starts with an empty page cache, and at 1,000 requests a
# busy worker restarted every second or two, halving the throughput
# (docs/performance.md). The application is loaded once, before the fork, so a
# restart costs a fork, not an import of Django.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
preload_app = True

# Only the proxy may say a request came over HTTPS or from which address.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Bounded request heads; bodies are bounded by Django's upload settings.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No control socket in the home directory: nothing here needs runtime control.
control_socket_disable = True
