"""The header marks the section a page belongs to (one table of rows, navigation.SECTIONS)."""
import pytest
from django.urls import resolve

from ecoplan.core.templatetags.navigation import section_of


@pytest.mark.parametrize(("path", "section"), [
    ("/", "plans"), ("/plans/1/", "plans"), ("/evaluation/plans/1/trajectory/", "plans"),
    ("/organisations/", "units"), ("/organisations/3/", "units"), ("/lexicon/", "units"),
    ("/review/", "review"), ("/import/", "import"), ("/import/mapping/", "import"),
    ("/air/", "air"), ("/air/stations/S1/", "air"), ("/water/", "air"),
    ("/supervision/", "supervision"), ("/supervision/reports/1/", "supervision"),
    ("/supervision/token/", "account"),
    ("/supervision/overview/", "overview"), ("/supervision/people/", "people"), ("/supervision/people/3/", "people"), ("/audit/", "account"), ("/accounts/login/", ""),
])
def test_every_page_has_its_section(path, section):
    match = resolve(path)
    assert section_of(match.namespace, match.url_name) == section


@pytest.mark.django_db
def test_the_current_section_is_marked_once(client):
    page = client.get("/organisations/").content.decode()
    assert page.count('aria-current="page"') == 1
    assert 'href="/organisations/" aria-current="page"' in page
