"""Settings for the test suite: fast hashing, the database chosen by DATABASE_URL."""

from .base import *  # noqa: F403
from .base import os

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if "DATABASE_URL" not in os.environ:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    }  # noqa: F405
# Replicas are started by the tests that need them (tests/infra/), never taken
# from the environment.
DATABASES = {"default": DATABASES["default"]}  # noqa: F405
DATABASE_REPLICAS = []

# Static files straight from the finders: the suite never needs collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Every cache-version read exact, whatever the environment says.
PUBLIC_VERSION_TTL = 0
