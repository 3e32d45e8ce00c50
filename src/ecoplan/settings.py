"""Django settings.  ECOPLAN_DATA_DIR chooses where the database and uploaded files live
(default ./var); DATABASE_URL switches to PostgreSQL."""
from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from ecoplan.importers.limits import MAX_FILE_BYTES

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("ECOPLAN_DATA_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = os.environ.get("ECOPLAN_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = os.environ.get("ECOPLAN_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("ECOPLAN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ecoplan.plans",
    "ecoplan.monitoring",
    "ecoplan.evaluation",
    "ecoplan.supervision",
    "ecoplan.core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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
EMAIL_BACKEND = os.environ.get("ECOPLAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("ECOPLAN_FROM_EMAIL", "ecoplan@localhost")
LOGIN_REDIRECT_URL = "/supervision/"
