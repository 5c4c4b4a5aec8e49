"""Production settings: everything secure by default, secrets from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, os

if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY for production.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# A public page's cache version memoised (see base.py): in each worker's memory
# for 2 s, so a change shows within 2 s; in the shared cache for 60 s, where a
# change moves it at once for every worker (disclosure/public/versions.py).
PUBLIC_VERSION_TTL = int(
    os.environ.get("DJANGO_PUBLIC_VERSION_TTL", "60" if "signins" in CACHES else "2")  # noqa: F405
)

# `collectstatic` writes hashed, compressed copies into STATIC_ROOT
# (DJANGO_STATIC_ROOT); WhiteNoise serves the hashed names with far-future,
# immutable caching.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Server errors: JSON lines on stderr (LOGGING in base.py), and to Sentry when
# SENTRY_DSN is set (portal/deployment/logs.py).
if os.environ.get("SENTRY_DSN"):
    from portal.deployment.logs import sentry_init

    sentry_init(
        os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
    )
