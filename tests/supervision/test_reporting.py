"""Monthly reporting: cycles, roles on every page and API call, bad input, conflicts, history."""
import io
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Assignment, Organisation
from ecoplan.supervision import actions, status
from ecoplan.supervision.models import ApiToken, Notification, Report, ReportEntry

from ..conftest import seed_path

pytestmark = pytest.mark.django_db


def login(client, user):
    client.login(username=user.username, password="pw-123456")
    return client


def form(report, **fields):
    data = {"version": report.version}
    for e in report.entries.all():
        data[f"m{e.measure_id}-status"] = fields.get("status", "in_progress")
        data[f"m{e.measure_id}-narrative"] = fields.get("narrative", "按计划推进")
        if e.quantity_target:
            data[f"m{e.measure_id}-quantity_done"] = fields.get("quantity_done", "7")
    return data


# -- cycles ---------------------------------------------------------------------------------

def test_cycle_over_daxing_one_report_per_unit_with_the_right_measures():
    plan = plan_actions.import_document(seed_path("daxing-2024-action-plan.txt").read_bytes(), "daxing.txt")[1]
    assert plan.report_due_rule == "2nd-working-day"  # 每月第二个工作日前 (D:19)
    cycle = actions.do_open_cycle(plan, date(2024, 9, 1))  # the plan's own rule
    assert cycle.due_date == date(2024, 10, 9)  # National Day holiday 1–7 October
    units = Organisation.objects.filter(assignments__measure__task__annex__plan=plan).distinct()
    fanned = {"各镇人民政府", "各街道办事处", "各产业园区管委会"}  # placeholders for every sub-area
    expected_units = {u.name for u in units} - fanned
    assert {r.organisation.name for r in cycle.reports.select_related("organisation")} == expected_units
    assert cycle.reports.filter(organisation__name="相关镇人民政府").exists()  # 相关…: no members named
    town = cycle.reports.get(organisation__name="西红门镇")
    via = town.entries.filter(via_group="各镇人民政府")
    assert via.filter(measure__text__contains="各镇、街道、产业园区管委会 PM2.5").exists()
    park = cycle.reports.get(organisation__name="大兴经济开发区管委会")
    assert park.entries.filter(via_group="各产业园区管委会").exists()
    eco = Organisation.objects.get(name="区生态环境局")
    expected = set(Assignment.objects.filter(organisation=eco, measure__task__annex__plan=plan)
                   .values_list("measure_id", flat=True))
    got = set(cycle.reports.get(organisation=eco).entries.values_list("measure_id", flat=True))
    assert got == expected  # nothing is done yet: every measure of the unit is live in September
    january = actions.do_open_cycle(plan, date(2024, 1, 1))
    jan_ids = set(january.reports.get(organisation=eco).entries.values_list("measure_id", flat=True))
    later = {m for m in expected if plan.annexes.filter(tasks__measures__pk=m,
                                                         tasks__measures__deadline_kind__in=["from_date", "window"],
                                                         tasks__measures__deadline_start__gt=date(2024, 1, 31)).exists()}
    assert later and not (jan_ids & later)  # 4月1日起 and 6-9月 measures are not live in January


def test_lead_and_co_roles_and_quantities(world):
    entry = world["report_a"].entries.get(measure__text__contains="抽检不少于 12 组")
    assert (entry.role, entry.quantity_target, entry.quantity_unit) == ("lead", 12, "组")
    co = ReportEntry.objects.get(report__organisation__name="区生态环境局", measure=entry.measure)
    assert co.role == "co"


def test_cycle_cli_json(world, capsys):
    call_command("cycle", "status", str(world["plan"].pk), "2026-05", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["due_date"] == "2026-06-02" and "区市场监管局" in out["not_submitted"]
    call_command("cycle", "open", str(world["plan"].pk), "2026-06", "--json")
    opened = json.loads(capsys.readouterr().out)
    assert opened["due_date"] == "2026-07-02" and opened["reports"]


# -- roles ----------------------------------------------------------------------------------

def test_reporter_of_a_gets_404_on_b_through_ui_and_api(world, client):
    """Another unit's report looks missing (404), never forbidden: its existence is not told."""
    login(client, world["reporter_a"])
    b = world["report_b"]
    assert client.get(f"/supervision/reports/{b.pk}/").status_code == 404
    assert client.post(f"/supervision/reports/{b.pk}/", form(b)).status_code == 404
    assert client.get(f"/supervision/reports/{world['report_a'].pk}/").status_code == 200
    token = ApiToken.issue(world["reporter_a"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get(f"/api/v1/reports/{b.pk}", **auth).status_code == 404
    body = json.dumps({"version": b.version, "entries": []})
    assert client.put(f"/api/v1/reports/{b.pk}", body, content_type="application/json", **auth).status_code == 404
    mine = client.get("/api/v1/reports", **auth).json()
    assert {r["organisation"] for r in mine} == {"区市场监管局"}


def test_leader_and_auditor_read_but_do_not_write(world, client):
    a = world["report_a"]
    for user in (world["leader"], world["auditor"]):
        client.logout()
        login(client, user)
        assert client.get(f"/supervision/reports/{a.pk}/").status_code == 200
        assert client.post(f"/supervision/reports/{a.pk}/", form(a)).status_code == 403
        assert client.post(f"/supervision/plans/{world['plan'].pk}/cycles/", {"month": "2026-07"}).status_code == 403
    assert client.get(f"/supervision/plans/{world['plan'].pk}/assessment/").status_code == 200


def test_reporter_cannot_review_or_open_cycles(world, client):
    login(client, world["reporter_a"])
    a = world["report_a"]
    assert client.post(f"/supervision/reports/{a.pk}/", {"action": "accept"}).status_code == 403
    assert client.get(f"/supervision/plans/{world['plan'].pk}/cycles/").status_code == 404


def test_anonymous_is_sent_to_login_and_api_needs_a_token(world, client):
    assert client.get("/supervision/").status_code == 302
    assert client.get(f"/api/v1/reports/{world['report_a'].pk}").status_code == 401
    assert client.get("/api/v1/reports", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401


def test_leader_sees_the_measures_they_lead(world, client):
    measure = world["report_a"].entries.first().measure
    Assignment.objects.create(measure=measure, role="lead_official", person_name="王一", printed="王一", order=9)
    login(client, world["leader"])
    assert 'id="my-overview"' in client.get("/supervision/").content.decode()  # the desk links the overview
    assert measure.text[:20] in client.get("/supervision/overview/").content.decode()


# -- the report cycle of life -----------------------------------------------------------------

def test_fill_submit_return_resubmit_accept_with_history(world, client):
    a = world["report_a"]
    login(client, world["reporter_a"])
    client.post(f"/supervision/reports/{a.pk}/", {**form(a), "action": "save"})
    a.refresh_from_db()
    assert a.status == "draft" and a.entries.filter(status="in_progress").count() == a.entries.count()
    client.post(f"/supervision/reports/{a.pk}/", {**form(a), "action": "submit"})
    a.refresh_from_db()
    assert a.status == "submitted" and a.versions.count() == 1
    with pytest.raises(actions.Refused, match="不可修改"):
        actions.do_save_report(a, world["reporter_a"], a.version, {})
    client.logout()
    login(client, world["coordinator"])
    client.post(f"/supervision/reports/{a.pk}/", {"action": "return", "comment": "请补充抽检数量"})
    a.refresh_from_db()
    assert a.status == "returned"
    assert Notification.objects.filter(user=world["reporter_a"], kind="report_returned").exists()
    client.logout()
    login(client, world["reporter_a"])
    client.post(f"/supervision/reports/{a.pk}/", {**form(a, quantity_done="9"), "action": "submit"})
    client.logout()
    login(client, world["coordinator"])
    client.post(f"/supervision/reports/{a.pk}/", {"action": "accept"})
    a.refresh_from_db()
    assert a.status == "accepted" and [v.number for v in a.versions.all()] == [1, 2]
    assert a.versions.get(number=1).snapshot["entries"][0]["quantity_done"] == "7.00"
    page = client.get(f"/supervision/reports/{a.pk}/").content.decode()
    assert "提交历史" in page and page.count("<td>是</td>") + page.count("<td>否</td>") == 2


def test_co_unit_contribution_shows_in_the_lead_entry(world, client):
    entry = world["report_a"].entries.get(measure__text__contains="抽检不少于 12 组")
    co_report = Report.objects.get(cycle=world["cycle"], organisation__name="区生态环境局")
    actions.do_save_report(co_report, world["coordinator"], co_report.version,
                           {entry.measure_id: {"status": "in_progress", "narrative": "配合开展抽检 3 组"}})
    login(client, world["reporter_a"])
    assert "配合开展抽检 3 组" in client.get(f"/supervision/reports/{world['report_a'].pk}/").content.decode()


# -- bad input, all or nothing ------------------------------------------------------------------

def test_refusals_save_nothing(world):
    b, user = world["report_b"], world["reporter_b"]
    quantified = b.entries.get(quantity_target__isnull=False)  # 完成雨污合流管网改造 5 公里
    first = b.entries.exclude(pk=quantified.pk).first()
    with pytest.raises(actions.Refused, match="超出范围"):
        actions.do_save_report(b, user, b.version, {
            first.measure_id: {"status": "done", "narrative": "x"},
            quantified.measure_id: {"status": "done", "quantity_done": "-1"}})
    first.refresh_from_db()
    assert first.status == "not_started"  # nothing half-saved
    other = world["report_a"].entries.first()
    with pytest.raises(actions.Refused, match="不负责该措施"):
        actions.do_save_report(b, user, b.version, {other.measure_id: {"status": "done"}})
    with pytest.raises(actions.Refused, match="未知状态"):
        actions.do_save_report(b, user, b.version, {first.measure_id: {"status": "finished"}})
    with pytest.raises(actions.Refused, match="不是数字"):
        actions.do_save_report(b, user, b.version, {quantified.measure_id: {"status": "done", "quantity_done": "五"}})
    actions.do_close_cycle(world["cycle"])
    with pytest.raises(actions.Refused, match="已关闭"):
        actions.do_save_report(b, user, b.version, {first.measure_id: {"status": "done"}})


def test_evidence_type_and_size(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ECOPLAN_MAX_EVIDENCE_BYTES = 1000
    entry = world["report_a"].entries.first()
    ok = actions.do_add_evidence(entry, world["reporter_a"], SimpleUploadedFile("抽检报告.pdf", b"%PDF-1.4 ..."))
    assert ok.size == 12
    client_a = Client()
    client_a.login(username="rep_a", password="pw-123456")
    got = client_a.get(f"/supervision/reports/{world['report_a'].pk}/evidence/{ok.pk}/")
    assert got.status_code == 200 and b"".join(got.streaming_content) == b"%PDF-1.4 ..."
    client_b = Client()
    client_b.login(username="rep_b", password="pw-123456")
    assert client_b.get(f"/supervision/reports/{world['report_a'].pk}/evidence/{ok.pk}/").status_code == 404
    with pytest.raises(actions.Refused, match="不是文档或图片"):
        actions.do_add_evidence(entry, world["reporter_a"], SimpleUploadedFile("run.exe", b"MZ..."))
    with pytest.raises(actions.Refused, match="不是 .pdf 格式"):
        actions.do_add_evidence(entry, world["reporter_a"], SimpleUploadedFile("fake.pdf", b"hello"))
    with pytest.raises(actions.Refused, match="上限"):
        actions.do_add_evidence(entry, world["reporter_a"], SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 2000))


def test_two_editors_the_second_is_told(world, client):
    a = world["report_a"]
    entry = a.entries.first()
    stale = a.version
    actions.do_save_report(a, world["reporter_a"], stale, {entry.measure_id: {"status": "in_progress"}})
    with pytest.raises(actions.Conflict, match="已被他人修改"):
        actions.do_save_report(a, world["reporter_a"], stale, {entry.measure_id: {"status": "done"}})
    entry.refresh_from_db()
    assert entry.status == "in_progress"
    token = ApiToken.issue(world["reporter_a"])
    body = json.dumps({"version": stale, "entries": [{"measure": entry.measure_id, "status": "done"}]})
    response = client.put(f"/api/v1/reports/{a.pk}", body, content_type="application/json",
                          HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 409


def test_api_save_and_submit(world, client):
    a = world["report_a"]
    token = ApiToken.issue(world["reporter_a"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    entries = [{"measure": e.measure_id, "status": "done", "narrative": "已完成"} for e in a.entries.all()]
    saved = client.put(f"/api/v1/reports/{a.pk}", json.dumps({"version": a.version, "entries": entries}),
                       content_type="application/json", **auth).json()
    submitted = client.post(f"/api/v1/reports/{a.pk}/submit", json.dumps({"version": saved["version"]}),
                            content_type="application/json", **auth).json()
    assert submitted["status"] == "submitted"
    bad = client.put(f"/api/v1/reports/{a.pk}", json.dumps({"version": submitted["version"], "entries": entries}),
                     content_type="application/json", **auth)
    assert bad.status_code == 422 and "不可修改" in bad.json()["detail"]
    english = client.put(f"/api/v1/reports/{a.pk}", json.dumps({"version": submitted["version"], "entries": entries}),
                         content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **auth)
    assert "immutable" in english.json()["detail"]  # Chinese first, English second
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "ecoplan"
    measures = client.get(f"/api/v1/measures?plan={world['plan'].pk}", **auth).json()
    assert measures and all(m["state"] for m in measures)


# -- deadlines, reminders, dashboards, assessment -------------------------------------------------

def test_reminders_and_escalation(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = actions.do_send_reminders(date(2026, 6, 1))
    assert sent["report_due"] >= 2
    assert actions.do_send_reminders(date(2026, 6, 1))["report_due"] == 0  # once per subject
    late = actions.do_send_reminders(date(2026, 6, 10))
    assert late["escalation"] == 1
    note = Notification.objects.get(user=world["coordinator"], kind="escalation")
    assert "区市场监管局" in note.message
    from django.core import mail

    assert any("rep_a@example.org" in m.to for m in mail.outbox)


def test_no_deadline_reminder_for_work_reported_done(world):
    a = world["report_a"]
    entry = a.entries.get(role="lead")  # 抽检不少于 12 组, 9月底前
    actions.do_save_report(a, world["reporter_a"], a.version, {entry.measure_id: {"status": "done"}})
    a.refresh_from_db()
    actions.do_submit_report(a, world["reporter_a"], a.version)
    before = actions.do_send_reminders(date(2026, 9, 20))["measure_due"]
    Notification.objects.filter(kind="measure_due").delete()
    actions.do_accept_report(a, world["coordinator"])
    assert before >= 1 and actions.do_send_reminders(date(2026, 9, 20))["measure_due"] == 0


def test_coordinator_dashboard_numbers_link_to_lists(world, client):
    login(client, world["coordinator"])
    page = client.get("/supervision/").content.decode()
    assert f"/supervision/plans/{world['plan'].pk}/measures/" in page and "未报送" in page
    states = status.measure_states(world["plan"], date(2026, 10, 1))
    overdue = [pk for pk, s in states.items() if s == "overdue"]
    assert overdue  # 9月底前 measures not reported done by October
    listing = client.get(f"/supervision/plans/{world['plan'].pk}/measures/overdue/").content.decode()
    assert "9月底前" in listing


def test_the_desk_tells_submitted_from_accepted(world, client):
    a, b = world["report_a"], world["report_b"]
    for report, user in ((a, world["reporter_a"]), (b, world["reporter_b"])):
        actions.do_save_report(report, user, report.version,
                               {e.measure_id: {"status": "done", "narrative": "完成"} for e in report.entries.all()})
        report.refresh_from_db()
        actions.do_submit_report(report, user, report.version)
    actions.do_accept_report(a, world["coordinator"])
    summary = status.cycle_status(a.cycle)
    assert summary["awaiting_review"] == [b.organisation.name] and summary["accepted_units"] == [a.organisation.name]
    login(client, world["coordinator"])
    with translation.override("zh-hans"):
        page = client.get("/supervision/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "已提交待审核 1，已通过 1，" in page


def test_assessment_scores_with_breakdown_and_xlsx(world, client):
    a, b = world["report_a"], world["report_b"]
    for report, user in ((a, world["reporter_a"]), (b, world["reporter_b"])):
        actions.do_save_report(report, user, report.version,
                               {e.measure_id: {"status": "done", "narrative": "完成"} for e in report.entries.all()})
        report.refresh_from_db()
    actions.do_submit_report(a, world["reporter_a"], a.version)
    actions.do_accept_report(a, world["coordinator"])
    scores = {s.unit: s for s in status.assessment(world["plan"], date(2026, 1, 1), date(2026, 12, 31),
                                                    today=date(2026, 12, 31))}
    timely = {c.name: (c.numerator, c.denominator) for c in scores["区市场监管局"].components}
    assert timely["timely_reporting"][1] == 1
    assert scores["区水务局"].score < scores["区市场监管局"].score  # it never submitted
    login(client, world["coordinator"])
    response = client.get(f"/supervision/plans/{world['plan'].pk}/assessment/", {"format": "xlsx"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 1).value == "排名" and sheet.max_row >= 3
