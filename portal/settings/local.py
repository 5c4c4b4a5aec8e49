"""Settings for a developer's machine: debug on, embedded SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import os

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "local-development-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

# Static files straight from the finders, also with DJANGO_DEBUG=0.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
