"""Settings shared by every environment; environments differ by environment variables."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
REFERENCE_CATALOGS_DIR = Path(
    os.environ.get(
        "REFERENCE_CATALOGS_DIR",
        BASE_DIR.parent / "shared" / "reference" / "catalogs",
    )
)
FIXTURES_DIR = BASE_DIR / "fixtures"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "import_export",
    "simple_history",
    "portal",
    "catalogs",
    "disclosure",
]

MIDDLEWARE = [
    # First, so every answer carries the request id its error lines name.
    "portal.deployment.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before sessions, locale or CSRF run.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside sessions, so a session written on the way out also pins the
    # browser to the primary; does nothing without replicas.
    "portal.deployment.pinning.ReadYourWritesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the public page cache, so the pages it answers carry the header too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Public pages rendered before, answered before the URL resolver and
    # everything below runs (disclosure/public/caching.py).
    "disclosure.public.caching.PublicPageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages, so the idle sign-out can say why; reads the session only
    # when the request carries the session cookie.
    "portal.middleware.StaffIdleTimeoutMiddleware",
    # A view's "database is locked" on SQLite → 503 with a message, not a 500.
    "portal.middleware.DatabaseBusyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_from_url(url: str) -> dict:
    """Turn DATABASE_URL (postgres://user:pass@host:port/name or sqlite:///path)
    into a Django DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
            "CONN_HEALTH_CHECKS": True,
        }
    if parsed.scheme == "sqlite":
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": unquote(parsed.path) or str(BASE_DIR / "db.sqlite3"),
        }
    raise ValueError(f"DATABASE_URL scheme {parsed.scheme!r} is not supported.")


def replica_databases(urls: str) -> dict:
    """DATABASE_REPLICA_URLS (comma-separated PostgreSQL URLs of streaming
    replicas) as the aliases ``replica1``, ``replica2`` … A replica that does not
    answer within two seconds is skipped (portal/deployment/replicas.py)."""
    aliases = {}
    listed = [url.strip() for url in urls.split(",") if url.strip()]
    for number, url in enumerate(listed, start=1):
        entry = database_from_url(url)
        if not entry["ENGINE"].endswith("postgresql"):
            raise ValueError("DATABASE_REPLICA_URLS lists PostgreSQL replicas only.")
        entry["OPTIONS"] = {"connect_timeout": 2}
        # A test run never creates databases on a replica: it is the primary's copy.
        entry["TEST"] = {"MIRROR": "default"}
        aliases[f"replica{number}"] = entry
    return aliases


def pooled(databases: dict, mode: str) -> dict:
    """The settings a connection pooler in ``mode`` needs (DATABASE_POOL_MODE).

    PgBouncer in transaction mode hands each transaction to any server
    connection, so nothing may outlive a transaction on the server: Django's
    server-side cursors (``WITH HOLD`` outside a transaction) would be looked for
    on another connection. The project holds no other session state — no
    session-level advisory locks, no ``SET`` outside ``SET LOCAL``, no
    ``LISTEN``, no temporary tables; ``select_for_update`` runs inside atomic
    blocks (tests/infra/test_pooler.py checks the source for these).
    """
    if mode not in ("", "session", "transaction"):
        raise ValueError(
            f"DATABASE_POOL_MODE {mode!r} is not one of session, transaction."
        )
    for entry in databases.values():
        if mode == "transaction" and entry["ENGINE"].endswith("postgresql"):
            entry["DISABLE_SERVER_SIDE_CURSORS"] = True
    return databases


DATABASES = pooled(
    {
        "default": database_from_url(
            os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
        ),
        **replica_databases(os.environ.get("DATABASE_REPLICA_URLS", "")),
    },
    os.environ.get("DATABASE_POOL_MODE", ""),
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Reads on the primary (``default``) unless a public page has found a replica
# that has caught up with it; writes always on the primary.
DATABASE_ROUTERS = ["portal.deployment.router.PrimaryReplicaRouter"]
DATABASE_REPLICAS = [alias for alias in DATABASES if alias != "default"]
# A replica that failed is left alone this long (per process).
DATABASE_REPLICA_RETRY_SECONDS = int(
    os.environ.get("DATABASE_REPLICA_RETRY_SECONDS", "10")
)
# A browser that wrote reads from the primary this long (read-your-writes).
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "30"))

# django-axes first: it refuses a locked-out username and address before any
# password is checked; it authenticates nobody itself.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Too many failures from one address across usernames (password spraying).
    "portal.access.spraying.AddressLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
    "portal.access.roles.RoleBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    # Similarity and common passwords on the NFKC form (portal/access/signin.py).
    {"NAME": "portal.access.signin.NormalisedSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "portal.access.signin.NormalisedCommonPasswordValidator"},
    {"NAME": "portal.access.signin.RepetitionValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "portal.access.signin.CharacterClassesValidator",
        "OPTIONS": {"min_classes": 3},
    },
]

# Sign-in controls (等保 2.0 level 3; docs/security.md). Five failed sign-ins for
# one username from one address lock that pair out for 30 minutes; a further
# failure during the lock-out starts the 30 minutes again.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.access.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.access.signin.client_ip"
# Every sign-in (AccessLog) and failed sign-in (AccessFailureLog) is kept;
# only `archive_audit` moves old ones out, never a per-user cap.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 2**62
# Log lines name the username and address (the password is always masked).
AXES_SENSITIVE_PARAMETERS = []
# portal.admin registers the sign-in records read-only.
AXES_ENABLE_ADMIN = False
# No start-up banner on every command; sign-ins are still logged.
AXES_VERBOSE = False
# The reverse proxies (addresses or networks, comma-separated) whose
# X-Forwarded-For is believed; none means REMOTE_ADDR is the client's address.
PORTAL_TRUSTED_PROXIES = [
    part.strip()
    for part in os.environ.get("DJANGO_TRUSTED_PROXIES", "").split(",")
    if part.strip()
]
# Failed sign-ins from one address across usernames before it is paused.
PORTAL_SIGNIN_FAILED_RATE = os.environ.get("DJANGO_SIGNIN_FAILED_RATE", "30/30m")

# A staff member's session ends after 30 minutes without a request.
STAFF_SESSION_IDLE_SECONDS = 30 * 60

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# locale/ holds the project's strings (make messages); locale/vendor/ the Chinese
# for django-axes' own strings, which ships none (kept apart so make messages,
# which drops obsolete entries, leaves them alone).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "vendor"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").exists() else []
# Production replaces the static storage with WhiteNoise's compressed manifest.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# No inline scripts anywhere; no nonces either, so a page's headers stay the
# same for every visitor and public pages can be cached.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"


# The rendered public pages, the URLs they answer and the memoised versions live in
# the default cache: each worker's memory, bounded (the embedded default; Django's
# default bound, 300 entries, holds about 100 pages; a county's pages number in
# the thousands), or, with DJANGO_CACHE_URL, one Redis all workers on all hosts
# share, which also holds the sign-in lock-out counters.
def caches_from_url(url: str) -> dict:
    """DJANGO_CACHE_URL (``redis://host:port/db``; several, comma-separated: the
    first takes the writes, the others are read replicas) as CACHES."""
    if not url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {
                    "MAX_ENTRIES": int(
                        os.environ.get("DJANGO_CACHE_MAX_ENTRIES", "10000")
                    )
                },
            }
        }
    locations = [part.strip() for part in url.split(",") if part.strip()]
    if not all(urlparse(u).scheme in ("redis", "rediss", "unix") for u in locations):
        raise ValueError("DJANGO_CACHE_URL takes redis://, rediss:// or unix:// URLs.")
    shared = {
        "LOCATION": locations,
        "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "portal"),
        # A cache that does not answer within these is treated as gone.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
    }
    return {
        # Failures answer a miss: pages are rendered instead (deployment/cache.py).
        "default": {
            "BACKEND": "portal.deployment.cache.SharedRedisCache",
            "RETRY_SECONDS": int(os.environ.get("DJANGO_CACHE_RETRY_SECONDS", "5")),
            **shared,
        },
        # Django's own backend, whose failures the sign-in handler sees and
        # answers by counting in the database (deployment/signins.py).
        "signins": {"BACKEND": "django.core.cache.backends.redis.RedisCache", **shared},
    }


CACHES = caches_from_url(os.environ.get("DJANGO_CACHE_URL", ""))
if "signins" in CACHES:
    AXES_HANDLER = "portal.deployment.signins.SharedCacheHandler"
    AXES_CACHE = "signins"

# Public pages (disclosure/public/caching.py): how long any HTTP cache may keep a
# page, how long a rendered copy is kept here, and how long a county's cache
# version may be memoised (0: read on every request, exact; production: 2 s, so a
# change shows within 2 s and a cached page costs no query).
PUBLIC_MAX_AGE = int(os.environ.get("DJANGO_PUBLIC_MAX_AGE", "60"))
PUBLIC_PAGE_CACHE_SECONDS = int(
    os.environ.get("DJANGO_PUBLIC_PAGE_CACHE_SECONDS", "600")
)
PUBLIC_VERSION_TTL = int(os.environ.get("DJANGO_PUBLIC_VERSION_TTL", "0"))

# Attachments are served only through scoped staff views, never from MEDIA_URL.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
DISCLOSURE_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("DISCLOSURE_ATTACHMENT_MAX_BYTES", 10_000_000)
)
# A 公示's .xlsx attachment shown as a table on its page (disclosure/public/noticetables.py).
DISCLOSURE_NOTICE_TABLE_MAX_ROWS = 1_000
DISCLOSURE_NOTICE_TABLE_MAX_COLUMNS = 30
DISCLOSURE_NOTICE_TABLE_MAX_CELL_CHARS = 500

LOGIN_URL = "admin:login"

# Outgoing mail (reminders, subscriptions): an SMTP relay when DJANGO_EMAIL_HOST is
# set, otherwise printed to the console, so `make run` needs no mail server.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DJANGO_EMAIL_USE_TLS", "") == "1"
EMAIL_TIMEOUT = 30
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "政务公开平台 <noreply@localhost>"
)
# The address in links sent by mail (a mail has no request to take the host from).
PORTAL_PUBLIC_URL = os.environ.get("DJANGO_PUBLIC_URL", "http://127.0.0.1:8000")

# Uploaded spreadsheets and documents: sizes are checked before anything is parsed.
CATALOG_IMPORT_MAX_BYTES = int(os.environ.get("CATALOG_IMPORT_MAX_BYTES", 10_000_000))
CATALOG_IMPORT_MAX_UNCOMPRESSED_BYTES = 60_000_000
CATALOG_IMPORT_MAX_ROWS = 5_000
CATALOG_IMPORT_MAX_CELL_CHARS = 4_000
# The .xlsx layout reader (catalogs/layout/xlsx.py): openpyxl holds the whole
# shared-strings table, so it is counted first; 5,000 rows × 60 columns of texts
# at most, 5 million characters in all (about 20 MB held); and a time bound.
CATALOG_IMPORT_MAX_SHARED_STRINGS = 300_000
CATALOG_IMPORT_MAX_TEXT_CHARS = 5_000_000
CATALOG_IMPORT_MAX_SECONDS = int(os.environ.get("CATALOG_IMPORT_MAX_SECONDS", "60"))
DATA_UPLOAD_MAX_MEMORY_SIZE = CATALOG_IMPORT_MAX_BYTES

IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

SIMPLE_HISTORY_REVERT_DISABLED = False
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.deployment.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Server errors as one JSON line each on stderr, with the request id.
        "errors": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "json",
            "level": "ERROR",
        },
    },
    "loggers": {
        "django.request": {
            "handlers": ["errors"],
            "level": "ERROR",
            "propagate": False,
        },
        "portal.auth": {"handlers": ["console"], "level": "INFO"},
        # Sign-ins, failed sign-ins and lock-outs, besides their database records.
        "axes": {"handlers": ["console"], "level": "INFO"},
    },
}

PORTAL_NAME = _("Grassroots Government Disclosure Standard Catalogs")

# What a Chinese government site's footer must show, set per deployment; an empty
# value is left out of the footer. See README ("Footer") and .env.example.
SITE_FOOTER = {
    "site_code": os.environ.get("PORTAL_SITE_CODE", ""),  # 网站标识码
    "icp": os.environ.get("PORTAL_ICP", ""),  # ICP 备案编号, e.g. 豫ICP备12345678号
    "police": os.environ.get("PORTAL_POLICE_RECORD", ""),  # 公安机关备案号
    "mark_url": os.environ.get("PORTAL_GOV_MARK_URL", ""),  # 党政机关网站标识 link
    "host": os.environ.get("PORTAL_HOST_NAME", ""),  # 主办单位
    "contact": os.environ.get("PORTAL_HOST_CONTACT", ""),  # 联系方式
}
