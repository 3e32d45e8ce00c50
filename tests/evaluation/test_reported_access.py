"""Who may do what with reported values, judged on the pages and the API through the one access
policy: the responsible unit's reporter submits, another unit's reporter and a leader may not,
only the coordinator accepts, returns, judges and enters municipal values."""
import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ecoplan.evaluation import actions
from ecoplan.evaluation.models import MunicipalRequirement, QualitativeJudgement, ReportedValue, TargetResponsibility
from ecoplan.supervision import actions as supervision_actions
from ecoplan.supervision.models import ApiToken

from .conftest import TODAY, reported_target

PDF = b"%PDF-1.4 synthetic"


def client_for(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def form(**extra):
    return {"form": "value", "year": "2026", "value": "31.5", "source_kind": "statistical_bulletin",
            "source": "2026年统计公报", "evidence_text": "第3页"} | extra


@pytest.fixture
def target(world):
    return reported_target(world["plan"], "forest_cover", ">=", Decimal("30"))


def test_the_reporter_sees_its_targets_and_submits_on_the_target_page(world, target):
    client = client_for(world["reporter"])
    home = client.get("/evaluation/reported/").content.decode()
    assert f"/evaluation/targets/{target.pk}/" in home and f"/evaluation/targets/{world['municipal'].pk}/" in home
    page = client.get(f"/evaluation/targets/{target.pk}/").content.decode()
    assert 'id="form-value"' in page and 'id="form-judge"' not in page and 'id="form-unit"' not in page
    upload = SimpleUploadedFile("公报.pdf", PDF, content_type="application/pdf")
    response = client.post(f"/evaluation/targets/{target.pk}/", form(evidence_file=upload))
    assert response.status_code == 302
    value = ReportedValue.objects.get()
    assert (value.organisation, value.reported_by, value.period_label) == (world["bureau"], world["reporter"], "2026")
    assert client.get(f"/evaluation/files/value/{value.pk}/").status_code == 200
    assert client_for(world["other"]).get(f"/evaluation/files/value/{value.pk}/").status_code == 404
    # the unit's list no longer asks for it
    assert f"/evaluation/targets/{target.pk}/" not in client.get("/evaluation/reported/").content.decode().split(
        'id="awaiting"')[1].split("</ul>")[0]


def test_bad_input_on_the_page_is_a_clear_message_and_nothing_saved(world, target):
    client = client_for(world["reporter"])
    for data, message in [(form(value="abc"), "Enter a number"), (form(year=""), "Give the year"),
                          (form(evidence_text=""), "evidence: give a file")]:
        response = client.post(f"/evaluation/targets/{target.pk}/", data, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400 and message in response.content.decode()
    assert not ReportedValue.objects.exists()


@pytest.mark.parametrize(("who", "code"), [("other", 403), ("leader", 403), ("auditor", 403), (None, 302)])
def test_others_may_not_submit(world, target, who, code):
    response = client_for(world[who] if who else None).post(f"/evaluation/targets/{target.pk}/", form())
    assert response.status_code == code
    assert not ReportedValue.objects.exists()


def test_an_account_without_a_role_is_refused(world, target):
    nobody = User.objects.create_user("nobody", password="pw-123456")
    assert client_for(nobody).get("/evaluation/reported/").status_code == 403
    assert client_for(nobody).get(f"/evaluation/targets/{target.pk}/").status_code == 403


def test_the_coordinator_accepts_and_returns_on_the_queue(world, target):
    value = actions.do_submit_value(target, world["reporter"], world["bureau"], period_start=date(2026, 1, 1),
                                    period_end=date(2026, 12, 31), value=Decimal("31"),
                                    source_kind="statistical_bulletin", source="公报", evidence_text="p3", today=TODAY)
    url = f"/evaluation/values/{value.pk}/review/"
    assert client_for(world["reporter"]).post(url, {"action": "accept"}).status_code == 403
    assert client_for(world["other"]).post(url, {"action": "accept"}).status_code == 404
    coordinator = client_for(world["coordinator"])
    assert f'id="value-{value.pk}"' in coordinator.get("/evaluation/reported/").content.decode()
    row = coordinator.post(url, {"action": "return", "comment": ""}, HTTP_HX_REQUEST="true",
                           HTTP_ACCEPT_LANGUAGE="en")
    assert row.status_code == 400 and "needs a comment" in row.content.decode()
    row = coordinator.post(url, {"action": "return", "comment": "请附页码"}, HTTP_HX_REQUEST="true")
    assert row.status_code == 200 and "请附页码" in row.content.decode()
    value.refresh_from_db()
    assert value.status == "returned"
    assert coordinator.post(url, {"action": "nonsense"}).status_code == 400


def test_the_coordinator_judges_enters_and_sets_the_unit(world, target):
    coordinator = client_for(world["coordinator"])
    qualitative = world["qualitative"]
    page = coordinator.get(f"/evaluation/targets/{qualitative.pk}/").content.decode()
    assert 'id="form-judge"' in page
    response = coordinator.post(f"/evaluation/targets/{qualitative.pk}/", {
        "form": "judge", "status": "met", "reason": "全年未发生突发水环境事件",
        "evidence_file": SimpleUploadedFile("台账.pdf", PDF)})
    assert response.status_code == 302 and QualitativeJudgement.objects.get().status == "met"
    assert "全年未发生突发水环境事件" in coordinator.get(f"/evaluation/targets/{qualitative.pk}/").content.decode()
    judgement = QualitativeJudgement.objects.get().pk
    assert coordinator.get(f"/evaluation/files/judgement/{judgement}/").status_code == 200
    assert client_for().get(f"/evaluation/files/judgement/{judgement}/").status_code == 302  # sign in first
    assert coordinator.get(f"/evaluation/files/nonsense/{judgement}/").status_code == 404
    response = coordinator.post(f"/evaluation/targets/{world['municipal'].pk}/", {
        "form": "municipal", "value": "10.5", "document": "市水务局节水考核通知"})
    assert response.status_code == 302 and MunicipalRequirement.objects.get().value == Decimal("10.5")
    response = coordinator.post(f"/evaluation/targets/{target.pk}/", {"form": "unit",
                                                                      "organisation": world["water"].pk})
    assert response.status_code == 302
    assert TargetResponsibility.objects.get(target=target).organisation == world["water"]
    reporter = client_for(world["reporter"])  # no longer the bureau's target
    assert reporter.post(f"/evaluation/targets/{target.pk}/", form()).status_code == 403
    for kind, data in [("judge", {"status": "met", "reason": "x", "evidence_text": "y"}),
                       ("municipal", {"value": "1", "document": "x"}), ("unit", {"organisation": ""})]:
        assert reporter.post(f"/evaluation/targets/{qualitative.pk if kind == 'judge' else target.pk}/",
                             {"form": kind, **data}).status_code == 403


def test_the_monthly_report_lists_the_units_reported_values_due(world):
    cycle = supervision_actions.do_open_cycle(world["plan"], date(2026, 5, 1))
    report = cycle.reports.get(organisation=world["bureau"])
    page = client_for(world["reporter"]).get(f"/supervision/reports/{report.pk}/").content.decode()
    section = page.split('id="reported-due"')[1]
    assert f"/evaluation/targets/{world['municipal'].pk}/?next=" in section
    other = cycle.reports.get(organisation=world["water"])
    page = client_for(world["other"]).get(f"/supervision/reports/{other.pk}/").content.decode()
    assert f"/evaluation/targets/{world['municipal'].pk}/" not in page.split('id="reported-due"')[1]


def test_the_plans_page_of_reported_and_qualitative_targets_in_zh_hans(world):
    page = client_for(world["auditor"]).get(f"/evaluation/plans/{world['plan'].pk}/reported/",
                                            HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "尚未录入该目标的市级要求值" in page and "待协调员评价并说明理由" in page


# -- the API ---------------------------------------------------------------------------------------

def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}


def post(client, url, body, who):
    return client.post(url, data=json.dumps(body), content_type="application/json", **bearer(who))


def test_the_api_lists_submits_accepts_and_returns(world, target):
    client = Client(raise_request_exception=False)
    due = client.get("/api/v1/reported-targets", **bearer(world["reporter"])).json()
    assert {d["target"] for d in due} >= {target.pk, world["municipal"].pk}
    assert all(d["responsible_unit"] == "区生态环境局" for d in due)
    body = {"year": 2026, "value": "31.5", "source_kind": "statistical_bulletin", "source": "公报",
            "evidence_link": "https://example.org/b.pdf"}
    url = f"/api/v1/targets/{target.pk}/reported-values"
    assert post(client, url, body, world["other"]).status_code == 403
    assert post(client, url, body, world["leader"]).status_code == 403
    assert client.post(url, data=json.dumps(body), content_type="application/json").status_code == 401
    assert post(client, url, body | {"source_kind": "rumour"}, world["reporter"]).status_code == 422
    refused = post(client, url, body | {"evidence_link": ""}, world["reporter"])
    assert refused.status_code == 422 and refused.json()["detail"].startswith("佐证材料")  # zh-hans first
    assert post(client, "/api/v1/targets/999999/reported-values", body, world["reporter"]).status_code == 404
    made = post(client, url, body, world["reporter"])
    assert made.status_code == 200 and made.json()["status"] == "submitted"
    value_id = made.json()["id"]
    assert [v["id"] for v in client.get("/api/v1/reported-values", **bearer(world["reporter"])).json()] == [value_id]
    assert client.get("/api/v1/reported-values", **bearer(world["other"])).json() == []
    assert post(client, f"/api/v1/reported-values/{value_id}/accept", {}, world["reporter"]).status_code == 403
    assert post(client, f"/api/v1/reported-values/{value_id}/return", {"comment": " "},
                world["coordinator"]).status_code == 422
    accepted = post(client, f"/api/v1/reported-values/{value_id}/accept", {}, world["coordinator"])
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert post(client, f"/api/v1/reported-values/{value_id}/accept", {}, world["coordinator"]).status_code == 422


def test_the_api_documents_the_answers_it_gives(world):
    spec = Client().get("/api/v1/openapi.json").json()
    documented = {(m, p): {int(c) for c in op["responses"]} for p, ops in spec["paths"].items()
                  for m, op in ops.items() if "reported" in p}
    assert documented == {
        ("get", "/api/v1/reported-values"): {200, 401, 403, 422},
        ("get", "/api/v1/reported-targets"): {200, 401, 403, 404, 422},
        ("post", "/api/v1/targets/{target_id}/reported-values"): {200, 401, 403, 404, 422},
        ("post", "/api/v1/reported-values/{value_id}/accept"): {200, 401, 403, 404, 422},
        ("post", "/api/v1/reported-values/{value_id}/return"): {200, 401, 403, 404, 422},
    }


def test_ids_beyond_the_databases_integers_are_missing_not_crashes(world):
    big = "9223372036854775808"
    coordinator = client_for(world["coordinator"])
    for url in (f"/evaluation/targets/{big}/", f"/evaluation/plans/{big}/reported/", f"/evaluation/files/value/{big}/"):
        assert coordinator.get(url).status_code == 404, url
    assert coordinator.post(f"/evaluation/values/{big}/review/", {"action": "accept"}).status_code == 404
    assert coordinator.get(f"/evaluation/targets/{world['municipal'].pk}/").status_code == 200
    air = world["plan"].targets.filter(indicator_code="pm25").first()
    assert coordinator.get(f"/evaluation/targets/{air.pk}/").status_code == 404  # judged on monitoring data
    assert coordinator.post(f"/evaluation/targets/{world['municipal'].pk}/", {"form": "nonsense"}).status_code == 404
