"""The product's own error pages: our base template and navigation, in the visitor's language,
rendered as production renders them (DEBUG off)."""
import pytest
from django.contrib.auth.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.error_urls")]

PAGES = {  # path → status, Chinese heading, English heading
    "/boom/": (500, "服务器错误", "Server error"),
    "/bad/": (400, "请求无法识别", "The request could not be understood"),
    "/denied/": (403, "无权访问", "Access denied"),
    "/no/such/page/": (404, "页面不存在", "Page not found"),
}


@pytest.fixture
def anonymous(client, settings):
    assert settings.DEBUG is False
    client.raise_request_exception = False  # as a browser sees a bug: the 500 page
    return client


@pytest.mark.parametrize("path", PAGES)
def test_error_pages_are_ours_in_chinese_by_default(anonymous, path):
    status, chinese, _ = PAGES[path]
    page = anonymous.get(path)
    assert page.status_code == status
    html = page.content.decode()
    assert f"<h1>{chinese}</h1>" in html
    assert 'href="/air/"' in html and 'href="/supervision/"' in html  # the navigation
    assert "返回规划列表" in html
    assert "Traceback" not in html and "a bug" not in html


@pytest.mark.parametrize("path", PAGES)
def test_error_pages_speak_english_to_english_browsers(anonymous, path):
    status, _, english = PAGES[path]
    page = anonymous.get(path, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert page.status_code == status
    assert f"<h1>{english}</h1>" in page.content.decode()


def test_a_bad_request_says_what_was_wrong(anonymous):
    assert "year must be a number" in anonymous.get("/bad/").content.decode()


def test_error_page_shows_who_is_signed_in(anonymous):
    User.objects.create_user("zhang", password="pw-123456")
    anonymous.login(username="zhang", password="pw-123456")
    assert "zhang" in anonymous.get("/no/such/page/").content.decode()


def test_csrf_failure_page_is_ours(settings):
    from django.test import Client

    page = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    assert page.status_code == 403
    assert "<h1>表单已过期</h1>" in page.content.decode()
