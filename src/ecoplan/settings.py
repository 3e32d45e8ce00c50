"""Django settings.  ECOPLAN_DATA_DIR chooses where the database and uploaded files live
(default ./var); DATABASE_URL switches to PostgreSQL.

Safe by default (MLPS 2.0 level 2 / OWASP ASVS L2): DEBUG is off unless ECOPLAN_DEBUG=1, there is
no default secret key without DEBUG, and without DEBUG the site is assumed to be served over
HTTPS (Secure cookies, HSTS, redirect to https).  Every ECOPLAN_* setting is listed in the README
("Production")."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from ecoplan.importers.limits import MAX_FILE_BYTES


def env_flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("ECOPLAN_DATA_DIR", Path.cwd() / "var")).resolve()

DEBUG = env_flag("ECOPLAN_DEBUG", False)
SECRET_KEY = os.environ.get("ECOPLAN_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ECOPLAN_SECRET_KEY is not set. A production server needs its own secret key: generate one with\n"
            "  python3 -c 'import secrets; print(secrets.token_urlsafe(50))'\n"
            "and set it in the service's environment (ECOPLAN_SECRET_KEY=...), or set ECOPLAN_DEBUG=1 "
            "for a development server.")
    SECRET_KEY = "dev-only-insecure-key-change-me"
ALLOWED_HOSTS = env_list("ECOPLAN_ALLOWED_HOSTS", "127.0.0.1,localhost")
# Origins allowed to POST when a proxy changes the Host header, e.g. https://ecoplan.example.gov.cn
CSRF_TRUSTED_ORIGINS = env_list("ECOPLAN_CSRF_TRUSTED_ORIGINS")

# Served over HTTPS (directly or behind a TLS proxy): on by default without DEBUG.  Set
# ECOPLAN_HTTPS=0 only for a plain-HTTP test install; `ecoplan check --deploy` then warns.
HTTPS = env_flag("ECOPLAN_HTTPS", not DEBUG)
# Behind one TLS proxy (nginx…) that sets X-Forwarded-Proto and appends the client's address to
# X-Forwarded-For, overwriting what a client sent (README "Production" has the nginx lines).
ECOPLAN_TLS_PROXY = env_flag("ECOPLAN_TLS_PROXY", False)
if ECOPLAN_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("ECOPLAN_HSTS_SECONDS", 365 * 24 * 3600)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("ECOPLAN_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("ECOPLAN_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True  # no script reads them
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sessions end after this many idle minutes: every request renews the cookie's age.
SESSION_COOKIE_AGE = int(os.environ.get("ECOPLAN_SESSION_IDLE_MINUTES", 30)) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content-Security-Policy (django-csp: Django 5.2 has none of its own; 6.0 adds one).  Scripts
# only from our static files or with the page's nonce; <style> elements likewise; style=""
# attributes stay allowed (AQI colours are data), which CSS injection cannot turn into script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],  # CSP 2 browsers, which know no -elem/-attr
        "style-src-elem": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Failed logins (django-axes): ECOPLAN_LOGIN_FAILURES wrong passwords for one user name from one
# address lock that pair out for ECOPLAN_LOCKOUT_MINUTES; a successful login resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("ECOPLAN_LOGIN_FAILURES", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ECOPLAN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ecoplan.core.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "ecoplan.core.backends.client_address"
AUTHENTICATION_BACKENDS = [
    "ecoplan.core.backends.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
# API tokens expire after this many days; changing the password also ends them.
ECOPLAN_API_TOKEN_DAYS = int(os.environ.get("ECOPLAN_API_TOKEN_DAYS", 90))
# A one-time "set your password" link (an invited account, a reset by the coordinator) works this
# many hours, once: Django's password-reset token.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("ECOPLAN_PASSWORD_LINK_HOURS", 72)) * 3600
# A plan's target judgements are kept this long in Django's cache (evaluation.cached); new data
# (an ingest, a reported value …) gives a new key at once, this bounds what the stamp does not see.
ECOPLAN_JUDGEMENT_CACHE_SECONDS = int(os.environ.get("ECOPLAN_JUDGEMENT_CACHE_SECONDS", 600))
# GB 3095 表4 for an annual air figure: "strict" (≥ 324 valid days and every month ≥ 27, February ≥ 25)
# or "lenient" (≥ 324 days); checked by `ecoplan check` (monitoring.E001).
ECOPLAN_AIR_ANNUAL_RULE = os.environ.get("ECOPLAN_AIR_ANNUAL_RULE", "strict")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # its bundled Swagger UI: the API docs work offline
    "csp",
    "axes",
    "auditlog",
    "ecoplan.plans",
    "ecoplan.monitoring",
    "ecoplan.evaluation",
    "ecoplan.rankings",
    "ecoplan.supervision",
    "ecoplan.bulletins",
    "ecoplan.search",
    "ecoplan.core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ecoplan.core.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as axes asks
]

ROOT_URLCONF = "ecoplan.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]
WSGI_APPLICATION = "ecoplan.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'ecoplan.sqlite3'}", conn_max_age=600
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL: readers never wait for the writer; IMMEDIATE: a writing transaction takes the lock at
    # BEGIN, so concurrent report submissions queue (up to the timeout) instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 30})

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"

# Largest plan document accepted by the upload form (the importer's own limit by default).
ECOPLAN_MAX_UPLOAD_BYTES = int(os.environ.get("ECOPLAN_MAX_UPLOAD_BYTES", MAX_FILE_BYTES))
DATA_UPLOAD_MAX_MEMORY_SIZE = ECOPLAN_MAX_UPLOAD_BYTES
ECOPLAN_MAX_EVIDENCE_BYTES = int(os.environ.get("ECOPLAN_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024))
# Reminders by e-mail go through Django's e-mail settings; by default they are written to the console.
# Monthly measurements (docs/measurements.md): 左右 ("about 5") is met within this band of the
# target ("5%" of it, or an absolute "0.3"); a month with at least ECOPLAN_DUST_MONTH_DAYS days in
# the exclusion register is sand-dust affected (left out of 扣除沙尘 figures); a period figure needs
# this share of its months.
ECOPLAN_ABOUT_TOLERANCE = os.environ.get("ECOPLAN_ABOUT_TOLERANCE", "5%")
ECOPLAN_DUST_MONTH_DAYS = int(os.environ.get("ECOPLAN_DUST_MONTH_DAYS", 1))
ECOPLAN_MEASUREMENT_MIN_SHARE = float(os.environ.get("ECOPLAN_MEASUREMENT_MIN_SHARE", 1))

EMAIL_BACKEND = os.environ.get("ECOPLAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("ECOPLAN_FROM_EMAIL", "ecoplan@localhost")
LOGIN_REDIRECT_URL = "/supervision/"
