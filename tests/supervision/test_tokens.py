"""API tokens expire, are listed and revoked by their owner, and end with a password change."""
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from ecoplan.supervision.models import ApiToken

REPORTS = "/api/v1/reports"


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def api_status(key):
    """The API's answer to the token alone (a fresh client: no session to fall back on)."""
    return Client().get(REPORTS, **bearer(key)).status_code


@pytest.fixture
def signed_in(world, client):
    client.login(username="rep_a", password="pw-123456")
    return client


def issue(client, name="单位业务系统"):
    page = client.post("/supervision/token/", {"name": name})
    assert page.status_code == 200
    return re.search(r'<pre id="token">([^<]+)</pre>', page.content.decode()).group(1)


def test_the_token_page_is_linked_for_signed_in_users(signed_in):
    page = signed_in.get("/supervision/token/")
    assert page.status_code == 200
    assert 'href="/supervision/token/"' in page.content.decode()
    assert "API 令牌" in page.content.decode()


def test_a_token_is_shown_once_listed_and_works(signed_in, world):
    key = issue(signed_in)
    assert api_status(key) == 200
    listing = signed_in.get("/supervision/token/").content.decode()
    assert "单位业务系统" in listing and key not in listing  # shown once, never again
    token = ApiToken.objects.get(user=world["reporter_a"])
    assert token.key_hash == ApiToken.digest(key) and key not in token.key_hash
    assert token.expires_at - timezone.now() > timedelta(days=89)


def test_the_owner_revokes_a_token(signed_in, world):
    key = issue(signed_in)
    token = ApiToken.objects.get(user=world["reporter_a"])
    done = signed_in.post(f"/supervision/token/{token.pk}/revoke/")
    assert done.status_code == 302
    assert api_status(key) == 401
    assert "已撤销" in signed_in.get("/supervision/token/").content.decode()


def test_nobody_else_can_revoke_or_see_a_token(world, client):
    key = ApiToken.issue(world["reporter_a"], "secret-system")
    token = ApiToken.objects.get(user=world["reporter_a"])
    client.login(username="coord", password="pw-123456")
    assert "secret-system" not in client.get("/supervision/token/").content.decode()
    assert client.post(f"/supervision/token/{token.pk}/revoke/").status_code == 404
    assert client.post("/supervision/token/999999/revoke/").status_code == 404
    assert api_status(key) == 200


def test_revoking_needs_a_post(signed_in, world):
    ApiToken.issue(world["reporter_a"])
    token = ApiToken.objects.get()
    assert signed_in.get(f"/supervision/token/{token.pk}/revoke/").status_code == 405


def test_a_token_expires(world, client, settings):
    key = ApiToken.issue(world["reporter_a"])
    assert api_status(key) == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api_status(key) == 401
    with translation.override("en"):
        assert str(ApiToken.objects.get().state()) == "expired"


def test_the_lifetime_is_a_setting(world, settings):
    settings.ECOPLAN_API_TOKEN_DAYS = 7
    ApiToken.issue(world["reporter_a"])
    left = ApiToken.objects.get().expires_at - timezone.now()
    assert timedelta(days=6) < left <= timedelta(days=7)


def test_a_password_change_ends_the_tokens(world, client):
    key = ApiToken.issue(world["reporter_a"])
    assert api_status(key) == 200
    user = world["reporter_a"]
    user.set_password("a-new-password-2026")
    user.save()
    assert api_status(key) == 401
    fresh = ApiToken.issue(user)
    assert api_status(fresh) == 200


def test_a_disabled_account_ends_the_tokens(world, client):
    key = ApiToken.issue(world["reporter_a"])
    world["reporter_a"].is_active = False
    world["reporter_a"].save()
    assert api_status(key) == 401


def test_anonymous_users_have_no_token_page(client, db):
    assert client.get("/supervision/token/").status_code == 302
    assert client.post("/supervision/token/").status_code == 302
    assert not ApiToken.objects.exists()
