"""Every request parameter is parsed by a form or schema: a bad value answers 400 (pages, with the
field named in the page's language) or 422 (API), never a 500.  16 of these rows answered 500 at
617fac0 (bench/bad_params.py counts them over a data dir with the demo loaded)."""
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client

from ecoplan.monitoring.models import Station, StationMembership
from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Profile, Role
from ecoplan.supervision import actions

from .conftest import DEMO

BIG = "9223372036854775808"  # 2**63: one more than the database's largest integer

# (method, url, form data): {plan} {area} {station} {report} are filled in from the demo
BAD_REQUESTS = [
    ("get", "/review/?plan=abc", None),
    ("get", f"/review/?plan={BIG}", None),
    ("get", "/review/?status=nonsense", None),
    ("get", "/air/areas/{area}/?year=abc", None),
    ("get", "/air/areas/{area}/?year=99999", None),
    ("get", "/air/stations/{station}/?year=abc", None),
    ("get", "/evaluation/plans/{plan}/?as_of=abc", None),
    ("get", "/supervision/plans/{plan}/assessment/?from=abc", None),
    ("get", "/supervision/plans/{plan}/assessment/?to=2026-13-01", None),
    ("get", "/supervision/plans/{plan}/assessment/?scheme=abc", None),
    ("get", f"/supervision/plans/{{plan}}/assessment/?scheme={BIG}", None),
    ("get", "/supervision/plans/{plan}/measures/overdue/?unit=abc", None),
    ("get", f"/supervision/plans/{{plan}}/measures/overdue/?unit={BIG}", None),
    ("get", f"/plans/{{plan}}/?unit={BIG}", None),
    ("get", "/plans/{plan}/?month=9999-12", None),
    ("get", "/plans/{plan}/?month=0000-01", None),
    ("get", "/plans/{plan}/?theme=nonsense", None),
    ("post", "/supervision/reports/{report}/", {"action": "save", "version": "abc"}),
    ("post", "/supervision/plans/{plan}/cycles/", {"due_rule": "2nd-working-day"}),  # no month
    ("get", "/supervision/plans/{plan}/month/?month=May", None),
    ("get", "/supervision/plans/{plan}/month/?page=abc", None),
    ("get", "/supervision/plans/{plan}/month/?list=nonsense&format=xlsx", None),
    ("get", "/supervision/plans/{plan}/month/?format=xlsx", None),  # which list?
    ("post", "/supervision/plans/{plan}/month/remind/", {"cycle": "abc"}),
    ("post", "/supervision/plans/{plan}/month/remind/", {}),  # no cycle
    ("get", "/api/v1/reports?month=x", None),
    ("get", f"/api/v1/reports?plan={BIG}", None),
    ("get", f"/api/v1/measures?plan={BIG}", None),
]
NOT_FOUND = [  # ids beyond the database's integers are missing objects, not crashes
    f"/plans/{BIG}/", f"/organisations/{BIG}/", f"/supervision/reports/{BIG}/",
    f"/supervision/cycles/{BIG}/", f"/evaluation/plans/{BIG}/", f"/api/v1/reports/{BIG}",
    f"/air/areas/{BIG}/", "/air/stations/no-such-station/",
    "/supervision/plans/{plan}/measures/nonsense/",  # no such due state
    f"/supervision/plans/{BIG}/month/", "/supervision/plans/{plan}/month/?month=2099-01",  # no such month
]


@pytest.fixture
def demo(db):
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    cycle = actions.do_open_cycle(plan, date(2026, 5, 1))
    station = Station.objects.create(code="demo-1", name="演示站")
    StationMembership.objects.create(station=station, area=plan.district)
    user = User.objects.create_user("coord", password="pw-123456")
    Profile.objects.create(user=user, role=Role.COORDINATOR)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client, {"plan": plan.pk, "area": plan.district_id, "station": station.code,
                    "report": cycle.reports.first().pk}


@pytest.mark.parametrize(("method", "url", "data"), BAD_REQUESTS)
def test_a_bad_parameter_is_a_400_with_a_message(demo, method, url, data):
    client, ids = demo
    response = getattr(client, method)(url.format(**ids), data or {}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    if url.startswith("/api/"):
        assert response.status_code == 422, response.content[:300]
        assert response.json()["detail"]  # which parameter, and why
    else:
        assert response.status_code == 400, response.content[:300]
        page = response.content.decode()
        assert "<b>" in page and "<ul>" in page  # the field and the reason are named


@pytest.mark.parametrize("url", NOT_FOUND)
def test_an_id_beyond_the_database_is_not_found(demo, url):
    client, ids = demo
    assert client.get(url.format(**ids)).status_code == 404


def test_the_400_page_speaks_the_page_language(demo):
    client, ids = demo
    page = client.get(f"/air/areas/{ids['area']}/?year=abc", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "请求中有无法识别的参数值" in page and "<b>年份</b>" in page and "输入整数" in page
