"""Failed sign-ins are throttled: 5 wrong passwords lock the user name from that address out."""
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def wang(db):
    return User.objects.create_user("wang", password="right-pw-2026")


def sign_in(client, password, ip="10.0.0.7", url=LOGIN, **extra):
    return client.post(url, {"username": "wang", "password": password}, REMOTE_ADDR=ip, **extra)


def test_five_failures_lock_the_account_out_from_that_address(client, wang, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200  # the form again, with its error
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "<h1>登录已锁定</h1>" in locked.content.decode()
    assert "15 分钟" in locked.content.decode()
    # even the right password is refused while locked
    again = sign_in(client, "right-pw-2026")
    assert again.status_code == 429 and "_auth_user_id" not in client.session


def test_the_lockout_page_speaks_english_to_english_browsers(client, wang):
    for _ in range(5):
        page = sign_in(client, "wrong", HTTP_ACCEPT_LANGUAGE="en")
    assert "locked for 15 minutes" in page.content.decode()


def test_lockout_is_per_user_and_address(client, wang):
    for _ in range(5):
        sign_in(client, "wrong")
    assert sign_in(client, "right-pw-2026", ip="10.0.0.8").status_code == 302  # another address


def test_lockout_ends_after_the_cool_off(client, wang):
    from axes.models import AccessAttempt

    for _ in range(5):
        sign_in(client, "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "right-pw-2026").status_code == 302


def test_a_success_resets_the_count(client, wang):
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, "right-pw-2026").status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200


def test_the_admin_login_is_throttled_too(client, wang):
    wang.is_staff = True
    wang.save()
    for _ in range(5):
        page = sign_in(client, "wrong", url="/admin/login/")
    assert page.status_code == 429


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, wang, settings):
    settings.ECOPLAN_TLS_PROXY = True
    proxy = "127.0.0.1"
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):  # a new forged hop each time
        page = sign_in(client, "wrong", ip=proxy, HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.9")
    assert page.status_code == 429
    # another client behind the same proxy is not locked out
    ok = sign_in(client, "right-pw-2026", ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert ok.status_code == 302
