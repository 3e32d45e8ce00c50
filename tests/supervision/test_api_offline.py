"""The API docs work offline: Swagger UI and its favicon come from our own static files."""
import re

import pytest

pytestmark = pytest.mark.django_db


def test_api_docs_reference_no_outside_host(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui-bundle.js" in html and "favicon" in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(u.startswith("/static/") for u in urls), urls
    # no CDN host anywhere (a random CSRF token or nonce may spell "cdn": hosts only)
    assert "//" not in "".join(urls) and not re.search(r"cdn[\w-]*\.|//[\w.-]*cdn", html.lower())


def test_the_bundled_swagger_files_are_served(client, settings):
    from django.contrib.staticfiles import finders

    for name in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "ninja/favicon.png"):
        assert finders.find(name), name
