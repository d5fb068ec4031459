"""Settings, read from the environment.

DATABASE_URL   a database URL; SQLite file ``var/expediente.sqlite3`` by default.
SECRET_KEY     required when DEBUG is off and not running tests; a stable dev key otherwise.
DEBUG          "1" to enable Django's debug mode (never in production).
ALLOWED_HOSTS  comma-separated host names (default: localhost names).
EXPEDIENTE_VAR directory for the SQLite file and other local state (default ./var).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.storage import CompressedManifestStaticFilesStorage  # type: ignore[import-untyped]

from expediente import greenlets
from expediente.access.client_address import parse_proxies

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("EXPEDIENTE_VAR", Path.cwd() / "var")).resolve()


def _flag(name: str, default: bool = False) -> bool:
    """The on/off environment variable ``name``, read strictly (``switch``): a typo such
    as ``SECURE_COOKIES=ture`` stops start-up instead of meaning off."""
    return switch(name, os.environ.get(name), default)


def switch(name: str, value: str | None, default: bool) -> bool:
    """An on/off setting that says which it is: anything else stops start-up."""
    if value is None:
        return default
    text = value.strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 'on' or 'off' (or true/false, 1/0), not {value!r}")


def count(
    name: str, value: str | None, default: int, *, least: int, most: int | None = None
) -> int:
    """A whole-number setting of at least ``least`` (and at most ``most``): anything
    else stops start-up."""
    if value is None:
        return default
    text = value.strip()
    if not text.isdigit() or int(text) < least or (most is not None and int(text) > most):
        limits = f"at least {least}" if most is None else f"from {least} to {most}"
        raise ImproperlyConfigured(f"{name} must be a whole number {limits}, not {value!r}")
    return int(text)


def replica_database(url: str, primary: dj_database_url.DBConfig) -> dj_database_url.DBConfig:
    """DATABASE_REPLICA_URL: a PostgreSQL standby of a PostgreSQL primary, read only for
    releases of statistics. Anything else stops start-up, naming the setting."""
    try:
        replica = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URL is not a database URL: {error}") from None
    postgres = "django.db.backends.postgresql"
    if replica["ENGINE"] != postgres or primary["ENGINE"] != postgres:
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL must be a PostgreSQL standby of a PostgreSQL DATABASE_URL"
        )
    options = replica.setdefault("OPTIONS", {})
    # a standby that is down or cut off must not hold a page: 3 s to connect, a dead
    # connection noticed in about 25 s, and no statement longer than 5 minutes (a
    # release's longest takes seconds at a million cases)
    options.setdefault("connect_timeout", 3)
    options.setdefault("keepalives", 1)
    options.setdefault("keepalives_idle", 10)
    options.setdefault("keepalives_interval", 5)
    options.setdefault("keepalives_count", 3)
    options.setdefault("options", "-c statement_timeout=300000")
    options["server_side_binding"] = True
    # the statistics' queries run once per release: nothing to prepare
    options.setdefault("prepare_threshold", None)
    return replica


def disclosure_policies(value: str) -> dict[str, dict[str, object]]:
    """EXPEDIENTE_DISCLOSURE: a JSON object of policies by jurisdiction code (or
    "default"), each checked now: a typo stops start-up instead of publishing small
    counts under the default policy."""
    if not value.strip():
        return {}
    from expediente.stats.disclosure import Policy

    try:
        raw = json.loads(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"EXPEDIENTE_DISCLOSURE is not JSON: {error}") from None
    if not isinstance(raw, dict) or not all(isinstance(p, dict) for p in raw.values()):
        raise ImproperlyConfigured(
            "EXPEDIENTE_DISCLOSURE must be an object of policies by jurisdiction, e.g. "
            '{"cr": {"threshold": 10, "rounding": 5}}'
        )
    for code, policy in raw.items():
        try:
            Policy.from_mapping(policy)
        except ValueError as error:
            raise ImproperlyConfigured(f"EXPEDIENTE_DISCLOSURE[{code!r}]: {error}") from None
    return raw


def prepare_threshold(value: str) -> int | None:
    """EXPEDIENTE_DB_PREPARE_THRESHOLD: after how many runs on a connection psycopg
    prepares a statement (0: at once), or "off" for never."""
    text = value.strip().lower()
    if text in {"off", "none", "never"}:
        return None
    if not text.isdigit():
        raise ImproperlyConfigured(
            "EXPEDIENTE_DB_PREPARE_THRESHOLD must be a whole number (runs of a statement "
            f"before psycopg prepares it, 0 or more) or 'off', not {value!r}"
        )
    return int(text)


DEBUG = _flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # A fixed key is only acceptable for a laptop demo; `expediente serve` warns about it.
    SECRET_KEY = "insecure-development-key-set-SECRET_KEY-in-production"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs (Swagger UI) from our own static files, not a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "expediente.rules",
    "expediente.integrity",
    "expediente.docket",
    "expediente.custody",
    "expediente.measures",
    "expediente.petitions",
    "expediente.notify",
    "expediente.stats",
    "expediente.access",
    "expediente.api",
    "expediente.demo",
    "expediente.portal",
    "expediente.court",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before the rest runs: collected files are sent
    # from their pre-compressed .gz (STORAGES below), so they skip GZipMiddleware.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages, JSON and CSV downloads are gzip-compressed for a client that sends
    # Accept-Encoding: gzip (families read on cheap phones over slow links; /stats/ of
    # the demo goes from 39 KB to 6 KB). Placed above every middleware that reads or changes the
    # body or sets Content-Length (CommonMiddleware, CSP, messages), as Django's docs ask,
    # so it compresses the finished response; streaming responses are compressed as they
    # stream. BREACH: see expediente/compression.py; a page that shows a lasting secret
    # (an authenticator key being enrolled, a portal access code's printed notice) is
    # never compressed.
    "expediente.compression.GZipUnlessSecret",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "expediente.content_security_policy.CSPMiddleware",  # django-csp's, header built once
    "expediente.db_unavailable.UnavailablePage",  # 503, not 500, when PostgreSQL is away
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out users and addresses
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "court:login"
LOGIN_REDIRECT_URL = "court:home"

# Lockout after repeated failed sign-ins (django-axes): 5 failures per user and address
# lock that combination for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "court/locked_out.html"
AXES_ENABLED = _flag("AXES_ENABLED", True)
# The client's address behind reverse proxies (access/client_address.py): the proxies'
# addresses or networks, comma-separated; none by default (X-Forwarded-For not read).
EXPEDIENTE_TRUSTED_PROXIES = parse_proxies(os.environ.get("EXPEDIENTE_TRUSTED_PROXIES", ""))
AXES_CLIENT_IP_CALLABLE = "expediente.access.client_address.client_address"

OTP_TOTP_ISSUER = "Expediente"

# Content-Security-Policy (django-csp): our own scripts and styles only, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
SESSION_COOKIE_AGE = 8 * 3600  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

ROOT_URLCONF = "expediente.urls"
WSGI_APPLICATION = "expediente.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "expediente.court.menu.staff_menu",
            ],
        },
    },
]

_default_sqlite = f"sqlite:///{VAR_DIR / 'expediente.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_sqlite), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # BEGIN IMMEDIATE: a writer takes the lock when its transaction starts, so two
        # appends to the same case wait for each other instead of failing half-way.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    # The statistics' covering index (stats.Decision, ``include=``) is PostgreSQL's: on
    # SQLite it is an ordinary index, as intended. Without this, every `migrate` and
    # every `make run` on the default database opened with a warning saying so.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Bind parameters on the server (psycopg 3), and prepare a statement once it has run
    # 5 times on a connection: afterwards it is only executed, which saves its parsing
    # and planning on every later call (docs/performance.md). Django passes
    # prepare_threshold=None (never prepare) unless it is set here. A prepared statement
    # fails once if a table it reads is altered on the same connection: migrations run
    # before the server's connections exist.
    # EXPEDIENTE_DB_PREPARE_THRESHOLD=off turns it off (PgBouncer in transaction mode
    # before 1.21 cannot keep prepared statements).
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
    DATABASES["default"]["OPTIONS"].setdefault(
        "prepare_threshold",
        prepare_threshold(os.environ.get("EXPEDIENTE_DB_PREPARE_THRESHOLD", "5")),
    )
    # read on every start on PostgreSQL, so that a bad value stops start-up even where
    # threads serve (a server restarted with greenlets would otherwise find it then)
    pool_size = count(
        "EXPEDIENTE_DB_POOL_SIZE", os.environ.get("EXPEDIENTE_DB_POOL_SIZE"), 4, least=1, most=1000
    )
    if greenlets.patched():
        # A server answering with greenlets (expediente/greenlets.py) holds a greenlet per
        # client connection, and Django a database connection per greenlet: without a
        # pool, each phone's new connection would open one of PostgreSQL's, and a
        # thousand slow clients a thousand. The pool lends each request one of at most
        # EXPEDIENTE_DB_POOL_SIZE per process; a request finding none waits up to 5 s,
        # then the API and the pages answer 503 with Retry-After (db_unavailable.py).
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them instead
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": pool_size,
            "timeout": 5,
        }

# A PostgreSQL hot standby for the statistics (DATABASE_REPLICA_URL, optional): a
# release of figures (the dashboard, its downloads, `stats export`) is read from it, in
# one snapshot, while it is no more than EXPEDIENTE_REPLICA_MAX_LAG_SECONDS behind;
# otherwise, or when it does not answer, from the primary (`expediente/replica.py`).
# Everything else (the staff pages, the API, every write) uses the primary only.
# A test run never has one: the replica's tests start servers and commands that do
# (EXPEDIENTE_TEST_REPLICA_URL, tests/replica/test_figures_are_read_from_the_standby.py).
if os.environ.get("DATABASE_REPLICA_URL") and "pytest" not in sys.modules:
    DATABASES["replica"] = replica_database(
        os.environ["DATABASE_REPLICA_URL"], DATABASES["default"]
    )
    if greenlets.patched():
        # as the primary's: a greenlet per client connection would otherwise keep a
        # standby connection of its own until the garbage collector found it
        DATABASES["replica"]["CONN_MAX_AGE"] = 0
        DATABASES["replica"]["OPTIONS"]["pool"] = {"min_size": 0, "max_size": 2, "timeout": 5}
DATABASE_ROUTERS = ["expediente.replica.PublicationRouter"]
EXPEDIENTE_REPLICA_MAX_LAG_SECONDS = count(
    "EXPEDIENTE_REPLICA_MAX_LAG_SECONDS",
    os.environ.get("EXPEDIENTE_REPLICA_MAX_LAG_SECONDS"),
    300,
    least=0,
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "access.User"

# Django's own hashers, the first (the one new passwords get) hashing in a real thread
# when the server answers with greenlets (access/password_hashing.py); the same stored form
PASSWORD_HASHERS = [
    "expediente.access.password_hashing.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "es"
LANGUAGES = [
    ("es", _("Spanish")),
    ("en", _("English")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# English times on the 24-hour clock, as the other languages (formats/en/formats.py)
FORMAT_MODULE_PATH = ["expediente.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing


class CollectedStaticFiles(CompressedManifestStaticFilesStorage):
    """Static files by their hashed names (``site.3f2a….css``) once `collectstatic` has
    run (`make run` runs it), with a .gz beside each: WhiteNoise sends them compressed,
    cached for a year as immutable. A file the manifest does not list (collectstatic has
    not run, as under `expediente serve` alone or the benchmarks, or the file was added
    since) keeps its plain name, found by WhiteNoise's finders and cached for 60 s,
    instead of the manifest storage's error on every page. A file edited since is sent as
    last collected until collectstatic runs again (`make run` runs it every time)."""

    def stored_name(self, name: str) -> str:
        try:
            return str(super().stored_name(name))
        except ValueError:  # not in the manifest, and not collected to hash it now
            return name


# Tests use the plain storage: they never depend on a var/static/ left by an earlier
# `make run`, whose manifest could name an older site.css than the one being tested.
# tests/portal/test_slow_link_static_files_get_hashed_names.py tests CollectedStaticFiles.
_testing = "pytest" in sys.modules
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedStaticFilesStorage"
            if _testing
            else "expediente.settings.CollectedStaticFiles"
        )
    },
}
WHITENOISE_USE_FINDERS = True  # the files collectstatic has not copied (see above)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _flag("SECURE_COOKIES")
CSRF_COOKIE_SECURE = _flag("SECURE_COOKIES")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Rule packs: directories searched for `<pack>.yaml`, besides the packs shipped with the code.
# How long a server process remembers an API token it found (seconds; 0: never). A token
# revoked in another process is refused at most this long after (access/tokens.py).
EXPEDIENTE_TOKEN_CACHE_SECONDS = float(os.environ.get("EXPEDIENTE_TOKEN_CACHE_SECONDS", "10"))

# API case reads (api/kept_bodies.py): how many rendered case bodies a server process
# keeps (about 10 KB each), and whether a kept body is confirmed by the process's shared
# statement (on) or by the request's own query and log line (off).
EXPEDIENTE_KEPT_CASE_BODIES = count(
    "EXPEDIENTE_KEPT_CASE_BODIES", os.environ.get("EXPEDIENTE_KEPT_CASE_BODIES"), 5000, least=1
)
EXPEDIENTE_CONFIRM_KEPT_READS = switch(
    "EXPEDIENTE_CONFIRM_KEPT_READS", os.environ.get("EXPEDIENTE_CONFIRM_KEPT_READS"), True
)
# Statistical disclosure control, by jurisdiction code or "default", as JSON:
# '{"default": {"threshold": 10}, "cr": {"threshold": 10, "rounding": 5}}'. Unset: a
# threshold of 10, zeros sensitive in tables of persons (docs/statistics.md).
EXPEDIENTE_DISCLOSURE = disclosure_policies(os.environ.get("EXPEDIENTE_DISCLOSURE", ""))
# Public aggregates (the home page's case counts, the statistics pages' releases): how
# long each server process keeps the figures it computed before computing them again
# (seconds; 0: every time). The pages say when their figures were computed (recent.py).
EXPEDIENTE_PUBLIC_FIGURES_SECONDS = count(
    "EXPEDIENTE_PUBLIC_FIGURES_SECONDS",
    os.environ.get("EXPEDIENTE_PUBLIC_FIGURES_SECONDS"),
    300,
    least=0,
)
# Whether the confirmer's commit of those lines waits for the disk (PostgreSQL's
# synchronous_commit) before the bodies go. Off: each line is still committed, visible to
# "who viewed my case", before its body is sent, but the lines of the last ~0.6 s could
# be lost if PostgreSQL or the machine crashed; about a third more kept reads per second
# on two CPUs (docs/privacy.md, docs/performance.md).
EXPEDIENTE_ACCESS_LOG_WAITS_FOR_DISK = switch(
    "EXPEDIENTE_ACCESS_LOG_WAITS_FOR_DISK",
    os.environ.get("EXPEDIENTE_ACCESS_LOG_WAITS_FOR_DISK"),
    True,
)

# The Merkle log of every docket entry and its signed checkpoints (docs/integrity.md):
# the Ed25519 key that signs them (a PEM file, created on first use with mode 0600; a
# deployment may put its own there), the public keys it replaced (a file of verifier
# keys, one a line, so that `expediente verify` still accepts their checkpoints), the
# log's name in every checkpoint (set it to the court system's own host name: checked
# at start-up, integrity.E001), and how often the worker takes new entries into the
# log and signs a checkpoint (seconds; 0: never, `expediente checkpoint` from cron).
EXPEDIENTE_LOG_KEY_FILE = Path(
    os.environ.get("EXPEDIENTE_LOG_KEY_FILE", VAR_DIR / "integrity" / "checkpoint-key.pem")
)
EXPEDIENTE_LOG_RETIRED_KEYS = Path(
    os.environ.get("EXPEDIENTE_LOG_RETIRED_KEYS", VAR_DIR / "integrity" / "retired-keys.txt")
)
EXPEDIENTE_LOG_ORIGIN = os.environ.get("EXPEDIENTE_LOG_ORIGIN", "expediente.localhost/log")
EXPEDIENTE_CHECKPOINT_SECONDS = count(
    "EXPEDIENTE_CHECKPOINT_SECONDS",
    os.environ.get("EXPEDIENTE_CHECKPOINT_SECONDS"),
    300,
    least=0,
)

# How often the worker takes the newest entries into the log (unsigned) and sends the
# agencies' webhooks (seconds; 0: never): how late the feed and the webhooks may be.
EXPEDIENTE_FEED_SECONDS = count(
    "EXPEDIENTE_FEED_SECONDS",
    os.environ.get("EXPEDIENTE_FEED_SECONDS"),
    5,
    least=0,
)

# How many days the worker keeps each POST to an agency's webhook on record
# (`notify.AgencyHookAttempt`, "was it sent to us?"); older ones are deleted once an hour.
# 0 keeps them all. A failing hook is tried again and again: without a limit the record
# grows for ever.
EXPEDIENTE_HOOK_ATTEMPTS_DAYS = count(
    "EXPEDIENTE_HOOK_ATTEMPTS_DAYS",
    os.environ.get("EXPEDIENTE_HOOK_ATTEMPTS_DAYS"),
    90,
    least=0,
    most=36_500,  # a hundred years: more is "keep them all", which 0 says
)

EXPEDIENTE_RULE_PACK_DIRS = [
    Path(p) for p in os.environ.get("EXPEDIENTE_RULE_PACK_DIRS", "").split(os.pathsep) if p
]

# Notifications (docs/notifications.md). Email: EMAIL_BACKEND "file" (default: one file
# per message under var/mail), "console", "smtp" or a dotted path; SMTP from EMAIL_HOST…
_email_backends = {
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_backend = os.environ.get("EMAIL_BACKEND", "file")
EMAIL_BACKEND = _email_backends.get(_email_backend, _email_backend)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS")
EMAIL_USE_SSL = _flag("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Expediente <no-reply@localhost>")
# The address people reach the portal at, for links in messages.
NOTIFY_BASE_URL = os.environ.get(
    "NOTIFY_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
# SMS gateway (POST JSON with a bearer token); empty: messages are written to var/sms.
NOTIFY_SMS_GATEWAY_URL = os.environ.get("NOTIFY_SMS_GATEWAY_URL", "")
NOTIFY_SMS_GATEWAY_TOKEN = os.environ.get("NOTIFY_SMS_GATEWAY_TOKEN", "")
NOTIFY_SMS_DIR = VAR_DIR / "sms"
NOTIFY_HTTP_TIMEOUT = float(os.environ.get("NOTIFY_HTTP_TIMEOUT", "10"))
# Worker: attempts before a delivery fails for good, backoff (seconds), claim lease.
NOTIFY_MAX_ATTEMPTS = int(os.environ.get("NOTIFY_MAX_ATTEMPTS", "8"))
NOTIFY_BACKOFF_BASE = float(os.environ.get("NOTIFY_BACKOFF_BASE", "30"))
NOTIFY_BACKOFF_CAP = float(os.environ.get("NOTIFY_BACKOFF_CAP", "3600"))
NOTIFY_LEASE_SECONDS = float(os.environ.get("NOTIFY_LEASE_SECONDS", "120"))
# The worker runs the deadline sweep every this many seconds (0: never; use cron instead).
NOTIFY_SWEEP_SECONDS = float(os.environ.get("NOTIFY_SWEEP_SECONDS", "60"))
# A missed measure deadline is alerted at this time (HH:MM, court time) of the next working day.
MEASURES_ALERT_MORNING = os.environ.get("MEASURES_ALERT_MORNING", "08:00")
# Tests only: let webhooks go to http://127.0.0.1 (a local receiver). Never in production.
NOTIFY_WEBHOOK_ALLOW_LOOPBACK = _flag("NOTIFY_WEBHOOK_ALLOW_LOOPBACK")
