"""Django settings, read from the environment (twelve-factor) with safe development defaults.

DATABASE_URL    default: sqlite:///<data dir>/paragraf.sqlite3
PARAGRAF_DATA   data directory (default: ./data of the working directory)
SECRET_KEY      required when DEBUG is off
DEBUG           "1"/"true" for development (default off)
ALLOWED_HOSTS   comma-separated (default: localhost,127.0.0.1,[::1])
PARAGRAF_REVIEW_IMPORTS  "0" to publish imported packets at once (default: held for review of their personal data)
"""
from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("PARAGRAF_DATA", "data")).resolve()


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = _flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # Development only: a fixed key is harmless on 127.0.0.1 and keeps sessions across restarts.
    SECRET_KEY = "paragraf-development-key-not-for-production"
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS", "")
# `paragraf import` holds a packet until staff have reviewed what its public text masks (paragraf/privacy).
PARAGRAF_REVIEW_IMPORTS = _flag("PARAGRAF_REVIEW_IMPORTS", default=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "paragraf.records",
    "paragraf.privacy",
    "paragraf.search",
    "paragraf.portal",
    "paragraf.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees every response of every view: the one layer that masks personal data.
    "paragraf.privacy.layer.PublicMaskingMiddleware",
]

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
# Only `collectstatic` writes here; `paragraf serve` serves app static files directly (WHITENOISE_USE_FINDERS).
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve app static files straight from their directories: `paragraf serve` needs no collectstatic.
WHITENOISE_USE_FINDERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# ---------------------------------------------------------------- bounded public work (issue 12)
# Requests to search and to the heavy pages are limited per client (paragraf/site/limits.py; the
# counts live in the default cache, one per process). A rate is "N/s", "N/m", "N/h" or "N/d".
PARAGRAF_RATE_LIMITS = {
    "search": os.environ.get("PARAGRAF_RATE_SEARCH", "60/m"),
    "heavy": os.environ.get("PARAGRAF_RATE_HEAVY", "30/m"),
}
# The request header holding the client's address behind a reverse proxy (e.g. HTTP_X_REAL_IP).
PARAGRAF_CLIENT_IP_HEADER = os.environ.get("PARAGRAF_CLIENT_IP_HEADER", "")
# `paragraf import` refuses a packet file larger than this.
PARAGRAF_MAX_PACKET_MB = float(os.environ.get("PARAGRAF_MAX_PACKET_MB", "100"))
# A write on SQLite waits this long for the lock (e.g. while an import runs) before the busy page.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"]["timeout"] = float(os.environ.get("PARAGRAF_SQLITE_TIMEOUT", "20"))
MIDDLEWARE = [*MIDDLEWARE, "paragraf.site.bounds.PathNumberMiddleware", "paragraf.site.limits.RateLimitMiddleware",
              "paragraf.site.busy.DatabaseBusyMiddleware"]
