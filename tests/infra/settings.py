"""The production settings as the deployment tests' gunicorn sites run them.

Everything comes from ``portal.settings.production`` and the environment the
test gives (database through PgBouncer, replicas, Redis); only static files
come straight from the finders (no ``collectstatic`` per site), and the test
suite's fast password hash is accepted besides production's, so an account the
tests made can sign in.
"""

from django.conf import global_settings

from portal.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = [
    *global_settings.PASSWORD_HASHERS,
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
