"""The one access policy (ecoplan/plans/access.py), proved as a role × object × action matrix over
the pages, the admin and the API.

Each cell is the status code the request answers: 200 (or 302 after a change) where allowed; 404
where the user may not see the object (a forbidden object looks missing); 403 only where the object
is visible but the action is not; LOGIN (302 to the sign-in page) for anonymous visitors; 401 for
the API without a token.  Two districts are loaded, so "other district" is a real unit of the
same name (区市场监管局) elsewhere.
"""
from __future__ import annotations

import json
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings

from ecoplan.plans import access
from ecoplan.plans import actions as plan_actions
from ecoplan.plans.checks import check_access_rules
from ecoplan.plans.models import Measure, Organisation, Profile, ReviewItem, Role, Target
from ecoplan.supervision import actions
from ecoplan.supervision.models import ApiToken, Report

from ..conftest import DEMO

LOGIN = "login"  # 302 to the sign-in page (the admin's own sign-in for the admin)
ROLES = ["coordinator", "reporter", "leader", "auditor", "anonymous", "superuser", "staff_no_role"]
OTHER = "样板区"  # a second, equally fictional district


def _other_district_plan() -> bytes:
    return DEMO.read_text("utf-8").replace("演示区", OTHER).replace("演政办发", "样政办发").encode()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    with django_db_blocker.unblock():
        plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
        other_plan = plan_actions.import_document(_other_district_plan(), "other-district.txt")[1]
        cycle = actions.do_open_cycle(plan, date(2026, 5, 1))
        other_cycle = actions.do_open_cycle(other_plan, date(2026, 5, 1))
        market = Organisation.objects.get(name="区市场监管局", district=plan.district)
        water = Organisation.objects.get(name="区水务局", district=plan.district)
        other_market = Organisation.objects.get(name="区市场监管局", district=other_plan.district)
        users = {}
        for name, role, unit, extra in [
            ("coordinator", Role.COORDINATOR, None, {}), ("reporter", Role.REPORTER, market, {}),
            ("leader", Role.LEADER, None, {}), ("auditor", Role.AUDITOR, None, {}),
            ("superuser", None, None, {"is_superuser": True}),
            ("staff_no_role", None, None, {"is_staff": True}),  # is_staff decides nothing
        ]:
            users[name] = User.objects.create_user(name, password="pw-123456", **extra)
            if role:
                Profile.objects.create(user=users[name], role=role, organisation=unit)
        own = cycle.reports.get(organisation=market)
        entry = own.entries.first()
        evidence = actions.do_add_evidence(entry, users["reporter"], SimpleUploadedFile("a.pdf", b"%PDF-1.4"))
        water_report = cycle.reports.get(organisation=water)
        water_evidence = actions.do_add_evidence(water_report.entries.first(), users["coordinator"],
                                                 SimpleUploadedFile("b.pdf", b"%PDF-1.4"))
        ids = {
            "plan": plan.pk, "measure": Measure.objects.filter(task__annex__plan=plan).first().pk,
            "organisation": market.pk, "review_item": ReviewItem.objects.filter(plan=plan).first().pk,
            "target": (Target.objects.filter(plan=plan, comparator="municipal").first() or Target()).pk,
            "own": own.pk, "entry": entry.pk, "evidence": evidence.pk,
            "other_unit": water_report.pk, "other_evidence": water_evidence.pk,
            "other_district": other_cycle.reports.get(organisation=other_market).pk,
            "cycle": cycle.pk, "area": plan.district_id,
        }
        tokens = {name: ApiToken.issue(user) for name, user in users.items()}
        yield {"ids": ids, "tokens": tokens, "plan": plan, "other_plan": other_plan, "market": market}
        call_command("flush", interactive=False, verbosity=0)
    media.disable()


def _client(role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.login(username=role, password="pw-123456")
    return client


def _report_form(report_id: int) -> dict:
    report = Report.objects.get(pk=report_id)
    return {"action": "save", "version": report.version,
            **{f"m{e.measure_id}-status": "in_progress" for e in report.entries.all()}}


# object, action → (method, url, data) and one expected answer per role in ROLES:
#          coordinator reporter leader auditor anonymous superuser staff_no_role
PAGES = {
    ("plan", "view"): (("get", "/plans/{plan}/", None), [200, 200, 200, 200, 200, 200, 200]),
    ("plan", "change"): (("get", "/import/", None), [200, 403, 403, 403, LOGIN, 200, 403]),
    ("area (air page)", "view"): (("get", "/air/areas/{area}/?year=2026", None),
                                  [200, 200, 200, 200, 200, 200, 200]),
    ("water sections", "view"): (("get", "/water/?year=2026", None), [200, 200, 200, 200, 200, 200, 200]),
    ("organisation", "view"): (("get", "/organisations/{organisation}/", None),
                               [200, 200, 200, 200, 200, 200, 200]),
    ("lexicon", "view"): (("get", "/lexicon/", None), [200, 200, 200, 200, LOGIN, 200, 404]),
    ("lexicon", "change"): (("post", "/lexicon/add/", {"name": "区环保分队", "kind": "city_branch", "aliases": ""}),
                            [302, 403, 403, 403, LOGIN, 302, 404]),
    ("review item", "view"): (("get", "/review/", None), [200, 200, 200, 200, 200, 200, 200]),
    ("review item", "change"): (("post", "/review/{review_item}/resolve/", {"status": "resolved", "resolution": "ok"}),
                                [302, 403, 403, 403, LOGIN, 302, 403]),
    ("report own unit", "view"): (("get", "/supervision/reports/{own}/", None),
                                  [200, 200, 200, 200, LOGIN, 200, 404]),
    ("report own unit", "change"): (("post", "/supervision/reports/{own}/", "form:own"),
                                    [302, 302, 403, 403, LOGIN, 302, 404]),
    ("report own unit", "review"): (("post", "/supervision/reports/{own}/", {"action": "accept"}),
                                    [302, 403, 403, 403, LOGIN, 302, 404]),
    ("report other unit", "view"): (("get", "/supervision/reports/{other_unit}/", None),
                                    [200, 404, 200, 200, LOGIN, 200, 404]),
    ("report other unit", "change"): (("post", "/supervision/reports/{other_unit}/", "form:other_unit"),
                                      [302, 404, 403, 403, LOGIN, 302, 404]),
    ("report other district", "view"): (("get", "/supervision/reports/{other_district}/", None),
                                        [200, 404, 200, 200, LOGIN, 200, 404]),
    ("report other district", "change"): (("post", "/supervision/reports/{other_district}/", "form:other_district"),
                                          [302, 404, 403, 403, LOGIN, 302, 404]),
    ("evidence own unit", "view"): (("get", "/supervision/reports/{own}/evidence/{evidence}/", None),
                                    [200, 200, 200, 200, LOGIN, 200, 404]),
    ("evidence own unit", "change"): (("post", "/supervision/reports/{own}/", "file:own"),
                                      [302, 302, 403, 403, LOGIN, 302, 404]),
    ("evidence other unit", "view"): (("get", "/supervision/reports/{other_unit}/evidence/{other_evidence}/", None),
                                      [200, 404, 200, 200, LOGIN, 200, 404]),
    ("cycle", "view"): (("get", "/supervision/cycles/{cycle}/", None), [200, 404, 200, 200, LOGIN, 200, 404]),
    ("cycle", "change"): (("post", "/supervision/cycles/{cycle}/", {"close": "1"}),
                          [302, 404, 403, 403, LOGIN, 302, 404]),
    ("cycles of a plan", "change"): (("post", "/supervision/plans/{plan}/cycles/", {"month": "2026-07"}),
                                     [302, 404, 403, 403, LOGIN, 302, 404]),
    ("assessment", "view"): (("get", "/supervision/plans/{plan}/assessment/", None),
                             [200, 404, 200, 200, LOGIN, 200, 404]),
    ("progress", "view"): (("get", "/supervision/plans/{plan}/measures/overdue/", None),
                           [200, 404, 200, 200, LOGIN, 200, 404]),
    # the admin: opened by role (coordinator corrects, auditor reads), never by is_staff
    ("measure (admin)", "view"): (("get", "/admin/plans/measure/{measure}/change/", None),
                                  [200, LOGIN, LOGIN, 200, LOGIN, 200, LOGIN]),
    ("measure (admin)", "change"): (("get", "/admin/plans/measure/add/", None),
                                    [200, LOGIN, LOGIN, 403, LOGIN, 200, LOGIN]),
    ("organisation (admin)", "change"): (("get", "/admin/plans/organisation/{organisation}/delete/", None),
                                         [200, LOGIN, LOGIN, 403, LOGIN, 200, LOGIN]),
    ("report (admin)", "view"): (("get", "/admin/supervision/report/{own}/change/", None),
                                 [200, LOGIN, LOGIN, 200, LOGIN, 200, LOGIN]),
}

API = {
    ("reports", "view"): (("get", "/api/v1/reports", None), [200, 200, 200, 200, 401, 200, 403]),
    ("report own unit", "view"): (("get", "/api/v1/reports/{own}", None), [200, 200, 200, 200, 401, 200, 404]),
    ("report own unit", "change"): (("put", "/api/v1/reports/{own}", "json:own"),
                                    [200, 200, 403, 403, 401, 200, 404]),
    ("report other unit", "view"): (("get", "/api/v1/reports/{other_unit}", None),
                                    [200, 404, 200, 200, 401, 200, 404]),
    ("report other unit", "change"): (("put", "/api/v1/reports/{other_unit}", "json:other_unit"),
                                      [200, 404, 403, 403, 401, 200, 404]),
    ("report other district", "view"): (("get", "/api/v1/reports/{other_district}", None),
                                        [200, 404, 200, 200, 401, 200, 404]),
    ("report other district", "change"): (("post", "/api/v1/reports/{other_district}/submit", "json:other_district"),
                                          [200, 404, 403, 403, 401, 200, 404]),
    ("measures of a plan", "view"): (("get", "/api/v1/measures?plan={plan}", None),
                                     [200, 200, 200, 200, 401, 200, 403]),
}


def _cells(table: dict) -> list:
    return [pytest.param(obj, action, role, request, expected[i], id=f"{obj}-{action}-{role}")
            for (obj, action), (request, expected) in table.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("obj", "action", "role", "request_", "expected"), _cells(PAGES))
def test_pages(world, db, obj, action, role, request_, expected):
    method, url, data = request_
    url = url.format(**world["ids"])
    upload = None
    if isinstance(data, str):
        kind, which = data.split(":")
        report_id = world["ids"][which]
        data = _report_form(report_id)
        if kind == "file":  # evidence goes up with the report form, after the draft is saved
            upload = f"m{Report.objects.get(pk=report_id).entries.first().measure_id}-evidence"
            data[upload] = SimpleUploadedFile("c.pdf", b"%PDF-1.4")
    response = getattr(_client(role), method)(url, data or {})
    if expected == LOGIN:
        assert response.status_code == 302 and "login" in response["Location"], response.status_code
    else:
        assert response.status_code == expected, response.content[:200]
        if expected == 302:
            assert "login" not in response["Location"]
        if upload is not None:  # the file was stored exactly when the change was allowed
            from ecoplan.supervision.models import Evidence
            assert Evidence.objects.filter(name="c.pdf").exists() == (expected == 302)


@pytest.mark.parametrize(("obj", "action", "role", "request_", "expected"), _cells(API))
def test_api(world, db, obj, action, role, request_, expected):
    method, url, data = request_
    url = url.format(**world["ids"])
    headers = {} if role == "anonymous" else {"HTTP_AUTHORIZATION": f"Bearer {world['tokens'][role]}"}
    body = {}
    if isinstance(data, str):
        report = Report.objects.get(pk=world["ids"][data.split(":")[1]])
        body = {"data": json.dumps({"version": report.version, "entries": []}),
                "content_type": "application/json"}
    response = getattr(Client(raise_request_exception=False), method)(url, **body, **headers)
    assert response.status_code == expected, response.content[:200]


def test_every_rule_names_a_known_role_and_kind(world, db, monkeypatch):
    assert {role for rules in access.RULES.values() for role in rules} == set(access.ROLES)
    assert check_access_rules(None) == []
    monkeypatch.setitem(access.RULES, ("nonsense", "view"), access.RULES[("plan", "view")])
    monkeypatch.setitem(access.RULES, ("cycle", "view"), access.RULES[("report", "view")])  # no unit path
    assert sorted(e.id for e in check_access_rules(None)) == ["access.E001", "access.E002"]


# -- organisations are units of one district --------------------------------------------------

def test_same_name_in_another_district_is_another_unit(world, db):
    """Importing a second district's plan makes its own 区生态环境局, never attaches the first's."""
    plan, other = world["plan"], world["other_plan"]
    bureaus = Organisation.objects.filter(name="区生态环境局")
    assert sorted(b.district.name for b in bureaus) == sorted([plan.district.name, other.district.name])
    demo_bureau = bureaus.get(district=plan.district)
    assert not Measure.objects.filter(assignments__organisation=demo_bureau,
                                      task__annex__plan=other).exists()


def test_reporter_desk_and_unit_page_keep_to_the_district(world, db):
    client = _client("reporter")
    desk = client.get("/supervision/").content.decode()
    own = Report.objects.get(pk=world["ids"]["own"])
    assert f"/supervision/reports/{own.pk}/" in desk
    assert f"/supervision/reports/{world['ids']['other_district']}/" not in desk
    response = client.get(f"/organisations/{world['market'].pk}/")
    assert world["plan"].district.name in response.content.decode()
    shown = list(response.context["lead"]) + list(response.context["co"])
    assert shown and {m.task.annex.plan_id for m in shown} == {world["plan"].pk}
    assert Measure.objects.filter(task__annex__plan=world["other_plan"],
                                  assignments__organisation__name="区市场监管局").exists()


def test_admin_sign_in_asks_the_role_not_is_staff(world, db):
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": "coordinator", "password": "pw-123456"})
    assert response.status_code == 302 and response["Location"] == "/admin/"  # no is_staff needed
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": "staff_no_role", "password": "pw-123456"})
    assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated


def test_the_admin_link_follows_the_role(world, db):
    assert 'href="/admin/"' in _client("auditor").get("/").content.decode()
    assert 'href="/admin/"' not in _client("staff_no_role").get("/").content.decode()
