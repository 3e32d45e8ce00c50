"""Safe by default: the settings as a production server starts them, in a fresh process."""
import os
import secrets
import subprocess
import sys

import pytest

# The production environment the README documents (behind a TLS proxy).
PRODUCTION = {
    "ECOPLAN_SECRET_KEY": secrets.token_urlsafe(50),
    "ECOPLAN_ALLOWED_HOSTS": "ecoplan.example.gov.cn",
    "ECOPLAN_CSRF_TRUSTED_ORIGINS": "https://ecoplan.example.gov.cn",
    "ECOPLAN_TLS_PROXY": "1",
}


def ecoplan(args, tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ECOPLAN_", "DJANGO_", "DATABASE_URL"))}
    clean.update(ECOPLAN_DATA_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "-m", "ecoplan.cli", *args], env=clean, capture_output=True,
                          text=True, timeout=120)


def settings_in(tmp_path, names, **env):
    code = ("import django, json; django.setup(); from django.conf import settings as s; "
            f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}, default=str))")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ECOPLAN_", "DJANGO_"))}
    clean.update(ECOPLAN_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="ecoplan.settings", **env)
    run = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    import json
    return json.loads(run.stdout)


def test_debug_is_off_unless_asked_for(tmp_path):
    assert settings_in(tmp_path, ["DEBUG"], ECOPLAN_SECRET_KEY="x" * 50)["DEBUG"] is False
    assert settings_in(tmp_path, ["DEBUG"], ECOPLAN_DEBUG="1")["DEBUG"] is True


def test_without_debug_there_is_no_default_secret_key(tmp_path):
    run = ecoplan(["check"], tmp_path)
    assert run.returncode != 0
    assert "ECOPLAN_SECRET_KEY is not set" in run.stderr
    assert "secrets.token_urlsafe(50)" in run.stderr  # how to make one
    assert "Traceback" not in run.stderr


def test_development_server_still_starts_without_a_key(tmp_path):
    run = ecoplan(["check"], tmp_path, ECOPLAN_DEBUG="1")
    assert run.returncode == 0, run.stderr


def test_check_deploy_is_clean_in_the_documented_production_environment(tmp_path):
    run = ecoplan(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, ECOPLAN_DEBUG="0", **PRODUCTION)
    assert run.returncode == 0, run.stderr
    assert "no issues" in run.stdout


def test_check_deploy_warns_when_https_is_switched_off(tmp_path):
    run = ecoplan(["check", "--deploy"], tmp_path, ECOPLAN_DEBUG="0", ECOPLAN_HTTPS="0", **PRODUCTION)
    assert "security.W012" in run.stderr  # SESSION_COOKIE_SECURE


def test_production_cookies_and_headers(tmp_path):
    got = settings_in(tmp_path, [
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE", "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER",
        "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "X_FRAME_OPTIONS", "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS", "SESSION_SAVE_EVERY_REQUEST", "SESSION_COOKIE_AGE"], **PRODUCTION)
    assert got["SESSION_COOKIE_SECURE"] and got["CSRF_COOKIE_SECURE"] and got["SECURE_SSL_REDIRECT"]
    assert got["SESSION_COOKIE_HTTPONLY"] and got["CSRF_COOKIE_HTTPONLY"]
    assert got["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert got["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert got["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert got["SECURE_CONTENT_TYPE_NOSNIFF"] and got["SECURE_REFERRER_POLICY"] == "same-origin"
    assert got["X_FRAME_OPTIONS"] == "DENY"
    assert got["ALLOWED_HOSTS"] == ["ecoplan.example.gov.cn"]
    assert got["CSRF_TRUSTED_ORIGINS"] == ["https://ecoplan.example.gov.cn"]
    assert got["SESSION_SAVE_EVERY_REQUEST"] and got["SESSION_COOKIE_AGE"] == 30 * 60


@pytest.mark.django_db
def test_a_page_over_https_carries_the_security_headers(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    plain = client.get("/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    page = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert page.status_code == 200
    assert page["Strict-Transport-Security"].startswith("max-age=31536000")
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Frame-Options"] == "DENY"
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"


@pytest.mark.django_db
def test_csp_allows_only_our_scripts_and_the_page_nonce(client):
    page = client.get("/")
    policy = page["Content-Security-Policy"]
    directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    script = directives["script-src"].split()
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    nonce = next(s for s in script if s.startswith("'nonce-"))[len("'nonce-"):-1]
    assert f'<style nonce="{nonce}">' in page.content.decode()
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "http" not in policy  # no outside host is trusted


@pytest.mark.django_db
def test_password_validators_reject_weak_passwords():
    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = User(username="wangfang2026", email="wangfang@example.org")
    for weak in ("password", "12345678", "wangfang2026", "1234567890123"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password("绿水青山-Baihe-7361", user)


@pytest.mark.django_db
def test_sessions_expire_when_idle_and_each_request_renews_them(client, settings):
    from datetime import timedelta

    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    User.objects.create_user("idle", password="pw-123456")
    client.login(username="idle", password="pw-123456")
    session = Session.objects.get()
    session.expire_date = timezone.now() + timedelta(minutes=1)
    session.save()
    assert client.get("/supervision/token/").status_code == 200
    renewed = Session.objects.get().expire_date - timezone.now()
    assert timedelta(minutes=29) < renewed <= timedelta(minutes=30)  # a request renews the idle time
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))  # 30 idle minutes later
    assert client.get("/supervision/token/").status_code == 302  # signed out


def test_every_setting_is_documented():
    import re
    from pathlib import Path

    root = Path(__file__).parents[1]
    names = set(re.findall(r'"(ECOPLAN_[A-Z_]+)"', (root / "src/ecoplan/settings.py").read_text()))
    page = (root / "docs/production.md").read_text()
    assert len(names) >= 15
    assert sorted(n for n in names if f"`{n}`" not in page) == []
