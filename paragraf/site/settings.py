"""Django settings, read from the environment (twelve-factor).

PARAGRAF_PROFILE  "production" (the default when DEBUG is off) or "development" (the default when
                  DEBUG is on; `paragraf demo`, `paragraf bench` and the test suite set it)
DATABASE_URL      default: sqlite:///<data dir>/paragraf.sqlite3
PARAGRAF_DATA     data directory (default: ./data of the working directory)
SECRET_KEY        required in production: without it the settings refuse to load. In development,
                  when unset, a random key kept in <data dir>/secret_key
DEBUG             "1"/"true" for development (default off; refused in the production profile)
ALLOWED_HOSTS     comma-separated (default: localhost,127.0.0.1,[::1])
CSRF_TRUSTED_ORIGINS  comma-separated origins (https://paragraf.example.se) allowed to POST
CONN_MAX_AGE      seconds a database connection is kept (default 0; `paragraf serve` 600)
STATIC_ROOT       where `paragraf manage collectstatic` writes; set, `paragraf serve` serves the static files
                  from there, compressed (unset: straight from the package, no collectstatic needed)
LOG_LEVEL         of the console log (default WARNING)
LOG_FORMAT        "json": one JSON object a line (time, level, logger, message, exception; the production
                  default) or "text": the message alone (the development default)
LOG_STREAM        "stderr" (the default) or "stdout" (`paragraf serve`'s default): where the console log goes
PARAGRAF_REVIEW_IMPORTS  "0" to publish imported packets at once (default: held until staff review
                  what their public text masks, paragraf/privacy)
The bounds of public work (PARAGRAF_RATE_SEARCH, PARAGRAF_RATE_HEAVY, PARAGRAF_RATE_PAGES,
PARAGRAF_RATE_SUBSCRIBE, PARAGRAF_CLIENT_IP_HEADER, PARAGRAF_MAX_PACKET_MB, PARAGRAF_SQLITE_TIMEOUT,
PARAGRAF_SEARCH_TIMEOUT_MS) are
read below; the README says what each does. PARAGRAF_CACHE_URL: where the rate limits are counted
(empty: in each process's memory; memcached://host:port: shared by every process, paragraf/site/caching.py).

HTTPS, each on in production and off in development unless set ("1"/"0"; a number for seconds):
SECURE_SSL_REDIRECT             redirect http:// to https://
SECURE_HSTS_SECONDS             Strict-Transport-Security max-age (production: 31536000, a year)
SECURE_HSTS_INCLUDE_SUBDOMAINS  HSTS for the subdomains too
SECURE_HSTS_PRELOAD             the preload directive of HSTS
SESSION_COOKIE_SECURE           session cookie over https only
CSRF_COOKIE_SECURE              CSRF cookie over https only
SECURE_PROXY_SSL_HEADER         "HEADER,value" that a TLS-terminating proxy sets on https requests
                                (production: HTTP_X_FORWARDED_PROTO,https; empty: off)
PARAGRAF_TRUSTED_PROXY          read by `paragraf serve`, not here: the proxy's address whose
                                X-Forwarded-Proto/-For waitress believes (default 127.0.0.1; empty: none)

Staff login (the admin), in both profiles:
AXES_FAILURE_LIMIT    failed logins of one user name from one address before it is locked out (default 5)
AXES_COOLOFF_MINUTES  how long a lockout lasts (default 15; 0: until `paragraf manage axes_reset`)
PARAGRAF_ADMIN_TOTP   "1": staff also give a code from a TOTP device (`paragraf totp USER`) to use the admin

PARAGRAF_OPARL_LICENSE, PARAGRAF_OPARL_VENDOR, PARAGRAF_OPARL_PRODUCT, PARAGRAF_OPARL_CONTACT_EMAIL
                      what the OParl System says of the data and the API (README, docs/oparl.md)

E-mail alerts of the portal (paragraf/alerts):
PARAGRAF_ALERTS_CONFIRM_DAYS  days the confirmation link of a new subscription is valid (default 7); the
                      alerts link to PARAGRAF_PUBLIC_URL and are sent with the EMAIL_* settings below
PARAGRAF_RATE_SUBSCRIBE  subscriptions a client address may ask for (default 10/h)

The secretariat (paragraf/secretariat):
PARAGRAF_PUBLIC_URL   the portal's address, for links in mails: notices and alerts (default http://127.0.0.1:8000)
PARAGRAF_MAX_DOCUMENT_MB  largest PDF a secretary may upload to a case (default 50)

Upload and background import (paragraf/intake, docs/deployment.md):
PARAGRAF_WORKER_THREAD  "1": `paragraf serve` imports uploaded packets in a thread of its own (default with
                      SQLite); "0": `paragraf worker` processes do (default with PostgreSQL)
PARAGRAF_MAX_UPLOAD_FILES  files one upload may hold (default 100); each at most PARAGRAF_MAX_PACKET_MB
PARAGRAF_KEEP_UPLOADS_DAYS  days `paragraf prune` keeps an upload (its job page) after its last file finished (default 30)
PARAGRAF_SIGNING      how minutes are signed at justering: local:DIR (a development CA, made on first
                      use; default local:<data dir>/signing-ca) or pkcs12:FILE (the organisation's
                      certificate; its passphrase in PARAGRAF_SIGNING_PASSPHRASE). docs/signing.md
EMAIL_HOST, EMAIL_PORT (587), EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS ("1" default),
DEFAULT_FROM_EMAIL    SMTP for the notices mailed to members and the alerts; without EMAIL_HOST mails are written
                      to the console log (EMAIL_BACKEND may name any Django mail backend; EMAIL_FILE_PATH
                      the folder of the file backend, which writes each mail there)

Fixed in both profiles: a Content-Security-Policy (no inline scripts or styles, nothing from other
origins), Django's four password validators, failed logins logged (logger "axes") and kept in the admin.
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from paragraf.site.caching import cache_from_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("PARAGRAF_DATA", "data")).resolve()


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _development_key() -> str:
    """The development profile's key when SECRET_KEY is unset: random, made once per data directory
    (sessions survive a restart); a key for this process alone where the directory cannot be written."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        try:
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            draft = DATA_DIR / f".secret_key.{os.getpid()}"
            with os.fdopen(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as file:
                file.write(secrets.token_urlsafe(50))
            try:
                os.link(draft, path)  # never replaces a key another process made meanwhile
            except FileExistsError:
                pass
            finally:
                draft.unlink()
        except OSError:
            return secrets.token_urlsafe(50)
    return path.read_text().strip()


DEBUG = _flag("DEBUG")
PROFILE = os.environ.get("PARAGRAF_PROFILE", "").strip().lower() or ("development" if DEBUG else "production")
if PROFILE not in {"production", "development"}:
    raise ImproperlyConfigured(f"PARAGRAF_PROFILE={PROFILE!r}: set it to production or development.")
PRODUCTION = PROFILE == "production"
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG is on in the production profile: unset DEBUG, or set PARAGRAF_PROFILE=development.")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. The production profile needs a long random key that stays the same across "
            "restarts: set the environment variable SECRET_KEY, e.g. "
            "SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\" "
            "(keep it secret). To try Paragraf locally, set PARAGRAF_PROFILE=development instead."
        )
    SECRET_KEY = _development_key()
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS", "")
# `paragraf import` holds a packet until staff have reviewed what its public text masks (paragraf/privacy).
PARAGRAF_REVIEW_IMPORTS = _flag("PARAGRAF_REVIEW_IMPORTS", default=True)

# HTTPS: on in production, off in development; each can be set from the environment.
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", PRODUCTION)
SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = _flag("CSRF_COOKIE_SECURE", PRODUCTION)
_proxy_header = _list("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO,https" if PRODUCTION else "")
if _proxy_header and len(_proxy_header) != 2:
    raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER: give HEADER,value (e.g. HTTP_X_FORWARDED_PROTO,https) or nothing.")
SECURE_PROXY_SSL_HEADER = tuple(_proxy_header) or None

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this site only, no
# inline scripts or styles, no plugins, never framed, forms post here only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

INSTALLED_APPS = [
    "paragraf.staff.apps.AdminConfig",  # django.contrib.admin with the staff login of paragraf/staff/
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "paragraf.records",
    "paragraf.privacy",
    "paragraf.search",
    "paragraf.secretariat.apps.SecretariatConfig",
    "paragraf.review.apps.ReviewConfig",
    "simple_history",  # the audit log of the secretariat (who changed what, before and after)
    "paragraf.intake.apps.IntakeConfig",  # upload and background import (reads records, the secretariat's roles)
    "django_tasks",  # Django's task framework (the import jobs)
    "django_tasks_db",  # its database backend: the queue is a table, workers are `paragraf worker`
    "paragraf.portal",
    "paragraf.alerts.apps.AlertsConfig",  # e-mail alerts of the portal (reads records, search and the portal)
    "paragraf.api",
    "paragraf.staff",
    "paragraf.staff.apps.AxesConfig",  # axes
    "csp",
    "django_otp",
    "paragraf.staff.apps.TOTPConfig",  # django_otp.plugins.otp_totp
]

MIDDLEWARE = [
    "paragraf.site.transport.HeadMiddleware",  # first: a HEAD leaves without a body, whoever made it
    # /healthz and /readyz before the host check, the https redirect, sessions and rate limits (health.py)
    "paragraf.site.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # the audit log records who made a change
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The bounds of public work (below): huge ids, rates per client, SQLite busy while an import runs.
    "paragraf.site.bounds.PathNumberMiddleware",
    "paragraf.site.limits.RateLimitMiddleware",
    "paragraf.site.busy.DatabaseBusyMiddleware",
    # After the others but axes: it sees every response of every view (and axes' own): the one
    # layer that masks personal data.
    "paragraf.site.transport.ApiGZipMiddleware",  # outside the masking layer: it compresses what was masked
    "paragraf.privacy.layer.PublicMaskingMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# Staff login: Django's four password validators; django-axes locks a user name out from an address
# after AXES_FAILURE_LIMIT failed logins and logs each failure; django-otp adds TOTP when asked.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before the password is checked
    "django.contrib.auth.backends.ModelBackend",
    "rules.permissions.ObjectPermissionBackend",  # the secretariat's per-body permissions (paragraf/secretariat/permissions.py)
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
_cooloff = int(os.environ.get("AXES_COOLOFF_MINUTES", "15"))
AXES_COOLOFF_TIME = timedelta(minutes=_cooloff) if _cooloff > 0 else None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # a correct login forgets the failures before it
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure kept, shown in the admin
AXES_SENSITIVE_PARAMETERS = ["otp_token"]  # logs name the user name and address; never the password or code
AXES_LOCKOUT_CALLABLE = "paragraf.staff.views.locked_out"
PARAGRAF_ADMIN_TOTP = _flag("PARAGRAF_ADMIN_TOTP")
OTP_TOTP_ISSUER = "Paragraf"

ROOT_URLCONF = "paragraf.site.urls"
WSGI_APPLICATION = "paragraf.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "paragraf.portal.context.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'paragraf.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while an import writes; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            # mmap: pages read straight from the OS cache; a 64 MiB page cache per connection.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# `paragraf manage collectstatic` writes the static files here, each with its gzip copy; set, `paragraf serve`
# serves them from here (WhiteNoise), the compressed copy to clients that take it (the Dockerfile does so).
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Without STATIC_ROOT, app static files are served straight from their directories: no collectstatic needed.
# (With it, WhiteNoise's finders would shadow the collected files and their compressed copies.)
WHITENOISE_USE_FINDERS = not STATIC_ROOT

# The console log: JSON lines in production (one object a record: time, level, logger, message, exception),
# the bare message in development; on stderr, but `paragraf serve` writes it to stdout (LOG_STREAM).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "").strip().lower() or ("json" if PRODUCTION else "text")
LOG_STREAM = os.environ.get("LOG_STREAM", "").strip().lower() or "stderr"
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: set it to json or text.")
if LOG_STREAM not in {"stdout", "stderr"}:
    raise ImproperlyConfigured(f"LOG_STREAM={LOG_STREAM!r}: set it to stdout or stderr.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["levelname", "name", "message"],
            "rename_fields": {"levelname": "level", "name": "logger", "exc_info": "exception"},
            "timestamp": "time",  # ISO 8601 in UTC
        },
        "text": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": f"ext://sys.{LOG_STREAM}", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Whatever LOG_LEVEL: the address `paragraf serve` listens on; each import task's start and end (its id and
    # state), the workers' start and stop, files queued again (paragraf/intake).
    "loggers": {name: {"level": "INFO"} for name in ("paragraf.serve", "paragraf.intake", "django_tasks", "django_tasks_db")},
}

# ---------------------------------------------------------------- bounded public work (issue 12)
# Requests to search and to the heavy pages are limited per client (paragraf/site/limits.py; the
# counts live in the default cache: each process's memory, or memcached shared by all of them,
# PARAGRAF_CACHE_URL). A rate is "N/s", "N/m", "N/h" or "N/d".
CACHES = {"default": cache_from_url(os.environ.get("PARAGRAF_CACHE_URL", ""))}
PARAGRAF_RATE_LIMITS = {
    "search": os.environ.get("PARAGRAF_RATE_SEARCH", "60/m"),
    "heavy": os.environ.get("PARAGRAF_RATE_HEAVY", "30/m"),
    "pages": os.environ.get("PARAGRAF_RATE_PAGES", "300/m"),
    "subscribe": os.environ.get("PARAGRAF_RATE_SUBSCRIBE", "10/h"),
}
# The request header holding the client's address behind a reverse proxy (e.g. HTTP_X_REAL_IP).
PARAGRAF_CLIENT_IP_HEADER = os.environ.get("PARAGRAF_CLIENT_IP_HEADER", "")
# `paragraf import` refuses a packet file larger than this.
PARAGRAF_MAX_PACKET_MB = float(os.environ.get("PARAGRAF_MAX_PACKET_MB", "100"))
# A statement of a search stops after this long (the database's own bound: statement_timeout, SQLite's
# progress handler). 2 000 ms gave 4 errors in 1 530 requests of 20 clients on 2 cores (docs/benchmarks.md).
PARAGRAF_SEARCH_TIMEOUT_MS = float(os.environ.get("PARAGRAF_SEARCH_TIMEOUT_MS", "5000"))
# A write on SQLite waits this long for the lock (e.g. while an import runs) before the busy page.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"]["timeout"] = float(os.environ.get("PARAGRAF_SQLITE_TIMEOUT", "20"))

# ---------------------------------------------------------------- upload and background import (issue 19)
# Import jobs are tasks of Django's task framework in a table of the database (django-tasks-db): no broker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["imports"]}}
# `paragraf serve` runs a worker thread of its own: on by default with SQLite (the embedded default needs no
# second process), off with PostgreSQL (production runs `paragraf worker` processes).
PARAGRAF_WORKER_THREAD = _flag("PARAGRAF_WORKER_THREAD", default=DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3")
# Files one upload may hold (Django refuses more in one request).
DATA_UPLOAD_MAX_NUMBER_FILES = int(os.environ.get("PARAGRAF_MAX_UPLOAD_FILES", "100"))
# Days `paragraf prune` keeps a finished upload (its job page, its file rows) and the task results.
PARAGRAF_KEEP_UPLOADS_DAYS = int(os.environ.get("PARAGRAF_KEEP_UPLOADS_DAYS", "30"))

# ---------------------------------------------------------------- the secretariat (issue 13)
LOGIN_URL = "secretariat:login"
LOGIN_REDIRECT_URL = "secretariat:start"
PARAGRAF_PUBLIC_URL = os.environ.get("PARAGRAF_PUBLIC_URL", "http://127.0.0.1:8000")
PARAGRAF_MAX_DOCUMENT_MB = float(os.environ.get("PARAGRAF_MAX_DOCUMENT_MB", "50"))
# OParl System: the data's licence, the vendor's and the product's pages, whom to write about the API
PARAGRAF_OPARL_LICENSE = os.environ.get("PARAGRAF_OPARL_LICENSE", "https://creativecommons.org/publicdomain/zero/1.0/")
PARAGRAF_OPARL_VENDOR = os.environ.get("PARAGRAF_OPARL_VENDOR", "")
PARAGRAF_OPARL_PRODUCT = os.environ.get("PARAGRAF_OPARL_PRODUCT", "")
PARAGRAF_OPARL_CONTACT_EMAIL = os.environ.get("PARAGRAF_OPARL_CONTACT_EMAIL", "")
PARAGRAF_SIGNING = os.environ.get("PARAGRAF_SIGNING") or f"local:{DATA_DIR / 'signing-ca'}"
PARAGRAF_SIGNING_PASSPHRASE = os.environ.get("PARAGRAF_SIGNING_PASSPHRASE", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default for form fields; files go by FILE_UPLOAD_* below
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads are spooled to a temporary file
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "paragraf@localhost")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend")
if os.environ.get("EMAIL_FILE_PATH"):  # the folder of django.core.mail.backends.filebased.EmailBackend
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]

# ---------------------------------------------------------------- e-mail alerts (issue 17)
# A subscription's confirmation link is valid this many days; one never confirmed is then forgotten.
PARAGRAF_ALERTS_CONFIRM_DAYS = int(os.environ.get("PARAGRAF_ALERTS_CONFIRM_DAYS", "7"))
