"""The coordinator's month (supervision/month.py, views_month.py): unit states, late first, the
review queue, reminders, the Excel lists and a query count that does not grow with the plan."""
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Organisation
from ecoplan.supervision import actions, month
from ecoplan.supervision.models import Notification, Report, Role

from .conftest import make_user


def _progress(world):
    """rep_a saved a draft; rep_b submitted; 区生态环境局 submitted and was accepted; the rest untouched."""
    a, b = world["report_a"], world["report_b"]
    measure = a.entries.first().measure_id
    actions.do_save_report(a, world["reporter_a"], a.version, {measure: {"status": "in_progress", "narrative": "推进中"}})
    b = actions.do_save_report(b, world["reporter_b"], b.version, {})
    actions.do_submit_report(b, world["reporter_b"], b.version)
    env = world["cycle"].reports.get(organisation__name="区生态环境局")
    env = actions.do_save_report(env, world["coordinator"], env.version, {})
    actions.do_submit_report(env, world["coordinator"], env.version)
    actions.do_accept_report(env, world["coordinator"])
    return env


def test_unit_states_tell_never_saved_from_draft_and_submitted_from_accepted(world):
    _progress(world)
    cycle = world["cycle"]
    rows = {r.unit: r for r in month.unit_rows(cycle, cycle.due_date)}
    assert rows["区市场监管局"].state == "draft"
    assert rows["区市场监管局"].answered == 1 and rows["区市场监管局"].total == 1
    assert rows["区市场监管局"].last_activity is not None
    assert rows["区水务局"].state == "submitted"
    assert rows["区生态环境局"].state == "accepted"
    assert rows["区交通局"].state == "not_started" and rows["区交通局"].last_activity is None
    assert rows["区交通局"].answered == 0 and rows["区交通局"].total == 2
    counts = {code: n for code, _label, n in month.state_counts(list(rows.values()))}
    assert counts == {"not_started": 10, "draft": 1, "submitted": 1, "returned": 0, "accepted": 1}


def test_a_returned_report_is_returned_not_never_saved(world):
    b = world["report_b"]
    b = actions.do_submit_report(b, world["reporter_b"], b.version)
    actions.do_return_report(b, world["coordinator"], "补充佐证")
    row = next(r for r in month.unit_rows(world["cycle"]) if r.unit == "区水务局")
    assert row.state == "returned"


def test_late_units_come_first_and_only_after_the_due_date(world):
    _progress(world)
    cycle = world["cycle"]
    on_time = month.unit_rows(cycle, cycle.due_date)
    assert not any(r.late for r in on_time)
    late = month.unit_rows(cycle, cycle.due_date + timedelta(days=1))
    flags = [r.late for r in late]
    assert flags == sorted(flags, reverse=True) and flags.count(True) == 11  # 10 never saved + 1 draft
    assert {r.state for r in late if not r.late} == {"submitted", "accepted"}
    assert late[0].state == "not_started"  # among the late: never saved before drafts


def test_review_queue_lists_submitted_reports_oldest_first(world):
    a, b = world["report_a"], world["report_b"]
    actions.do_submit_report(b, world["reporter_b"], b.version)
    actions.do_submit_report(a, world["reporter_a"], a.version)
    Report.objects.filter(pk=a.pk).update(submitted_at=Report.objects.get(pk=b.pk).submitted_at - timedelta(hours=1))
    queue = month.review_queue(month.unit_rows(world["cycle"]))
    assert [r.unit for r in queue] == ["区市场监管局", "区水务局"]


def test_page_shows_counts_queue_and_links(world, client):
    _progress(world)
    client.login(username="coord", password="pw-123456")
    page = client.get(f"/supervision/plans/{world['plan'].pk}/month/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-state="submitted">已提交 <b>1</b>' in html and 'data-state="accepted">已通过 <b>1</b>' in html
    assert "未填报" in html
    assert f"/supervision/reports/{world['report_b'].pk}/" in html.split('id="review-queue"')[1]
    home = client.get("/supervision/").content.decode()
    assert f"/supervision/plans/{world['plan'].pk}/month/" in home


def test_page_is_for_the_bureau_and_auditors_not_reporters(world, client):
    url = f"/supervision/plans/{world['plan'].pk}/month/"
    client.login(username="auditor", password="pw-123456")
    page = client.get(url)
    assert page.status_code == 200 and b"remind-all" not in page.content
    client.login(username="rep_a", password="pw-123456")
    assert client.get(url).status_code == 404
    assert client.get(url, {"month": "2030-01"}).status_code in (404,)
    client.login(username="coord", password="pw-123456")
    assert client.get(url, {"month": "2030-01"}).status_code == 404
    assert client.get(url, {"month": "May"}).status_code == 400


def test_reminders_reach_units_not_submitted_once_a_day_and_name_units_without_reporter(world, client):
    _progress(world)
    cycle = world["cycle"]
    done = actions.do_remind_units(cycle, world["coordinator"])
    # 区市场监管局 (draft) has a reporter; 区水务局 submitted; the never-saved units have no account
    assert done.users == 1 and done.units == ["区市场监管局"]
    assert "区交通局" in done.without_reporter and "区水务局" not in done.without_reporter
    assert Notification.objects.filter(user=world["reporter_a"], kind="report_reminder").count() == 1
    again = actions.do_remind_units(cycle, world["coordinator"])
    assert again.users == 0 and again.already == ["区市场监管局"]
    assert Notification.objects.filter(kind="report_reminder").count() == 1

    url = f"/supervision/plans/{world['plan'].pk}/month/remind/"
    client.login(username="coord", password="pw-123456")
    page = client.post(url, {"cycle": cycle.pk}, follow=True).content.decode()
    assert "今天已提醒" in page and "没有填报账号" in page and "区交通局" in page
    client.login(username="auditor", password="pw-123456")
    assert client.post(url, {"cycle": cycle.pk}).status_code == 403
    assert Notification.objects.filter(kind="report_reminder").count() == 1


def test_one_unit_reminder(world, client):
    transport = Organisation.objects.get(name="区交通局")
    user = make_user("rep_t", Role.REPORTER, transport)
    client.login(username="coord", password="pw-123456")
    page = client.post(f"/supervision/plans/{world['plan'].pk}/month/remind/",
                       {"cycle": world["cycle"].pk, "unit": transport.pk}, follow=True).content.decode()
    assert "已提醒 1 个填报账号" in page
    assert list(Notification.objects.filter(kind="report_reminder").values_list("user", flat=True)) == [user.pk]


@pytest.mark.parametrize("which, header, expected", [
    ("units", "单位", "区市场监管局"),
    ("review", "单位", "区水务局"),
    ("measures", "到期状态", None),
    ("targets", "状态", None),
])
def test_each_list_exports_to_excel_with_chinese_headers(world, client, which, header, expected):
    _progress(world)
    client.login(username="coord", password="pw-123456")
    url = f"/supervision/plans/{world['plan'].pk}/month/"
    response = client.get(url, {"list": which, "format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == header
    page_rows = client.get(url).content.decode()
    if expected:
        assert expected in [r[0] for r in rows[2:]]
    if which == "units":
        assert len(rows) - 2 == 13
    if which == "review":
        assert [r[0] for r in rows[2:]] == ["区水务局"]
    if which == "measures":  # the same measures as the page's list
        assert page_rows.count("<td>区") >= 0 and len(rows) - 2 == len(month.due_measures(world["plan"]))
    if which == "targets":
        assert len(rows) - 2 == len(month.judged_targets(world["plan"]).alerts)


def test_targets_are_judged_once_and_kept(world, client, monkeypatch):
    from ecoplan.evaluation import cached

    calls = []
    real = cached.judge_plan
    monkeypatch.setattr(cached, "judge_plan", lambda plan, as_of: calls.append(1) or real(plan, as_of))
    client.login(username="coord", password="pw-123456")
    url = f"/supervision/plans/{world['plan'].pk}/month/"
    first = client.get(url).content.decode()
    assert 'hx-get="/supervision/plans/' in first and len(calls) == 0  # not judged yet: loaded on its own
    fragment = client.get(url + "targets/", headers={"HX-Request": "true"}).content.decode()
    assert 'id="month-targets"' in fragment and "<html" not in fragment and len(calls) == 1
    second = client.get(url).content.decode()
    assert 'id="target-alerts"' in second and len(calls) == 1  # kept: shown at once
    client.get(url + "targets/", {"refresh": "on"})
    assert len(calls) == 2
    # new data (a qualitative judgement) changes the stamp: judged again
    from ecoplan.evaluation.models import QualitativeJudgement

    target = world["plan"].targets.first()
    if target is not None:
        QualitativeJudgement.objects.create(target=target, status="met", reason="test", judged_on=date(2026, 6, 1),
                                            judged_by=world["coordinator"])
        client.get(url + "targets/")
        assert len(calls) == 3


def _open_month(plan, day=date(2024, 5, 1)):
    return actions.do_open_cycle(plan, day)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_units_or_measures(world, client, seed, django_assert_max_num_queries):
    small = world["plan"]
    big = plan_actions.import_document(seed("daxing-2024-action-plan.txt").read_bytes(), "daxing.txt")[1]
    cycle = _open_month(big)
    assert cycle.reports.count() > 3 * world["cycle"].reports.count()
    client.login(username="coord", password="pw-123456")
    for plan in (small, big):
        month.judged_targets(plan)  # kept: the page shows them inline
    counts = {}
    for plan in (small, big):
        url = f"/supervision/plans/{plan.pk}/month/"
        with django_assert_max_num_queries(40):
            counts[plan.pk] = _queries(client, url)
    print("queries per page (few units, many units):", list(counts.values()))
    assert counts[small.pk] == counts[big.pk], counts


def test_a_closed_month_is_not_reminded(world, client):
    actions.do_close_cycle(world["cycle"])
    with pytest.raises(actions.Refused):
        actions.do_remind_units(world["cycle"], world["coordinator"])
    client.login(username="coord", password="pw-123456")
    page = client.post(f"/supervision/plans/{world['plan'].pk}/month/remind/", {"cycle": world["cycle"].pk},
                       follow=True).content.decode()
    assert "已关闭" in page and not Notification.objects.exists()


def test_a_plan_without_a_month_shows_its_measures_and_a_way_to_open_one(world, client, seed):
    plan = plan_actions.import_document(seed("changping-2024-work-plan.txt").read_bytes(), "changping.txt")[1]
    client.login(username="coord", password="pw-123456")
    page = client.get(f"/supervision/plans/{plan.pk}/month/")
    assert page.status_code == 200
    assert "尚未开启任何报送周期" in page.content.decode()
    assert f"/supervision/plans/{plan.pk}/cycles/" in page.content.decode()


def test_a_deactivated_reporter_is_not_reminded(world):
    world["reporter_a"].is_active = False
    world["reporter_a"].save()
    done = actions.do_remind_units(world["cycle"], world["coordinator"])
    assert "区市场监管局" in done.without_reporter
    assert not Notification.objects.filter(user=world["reporter_a"]).exists()


def test_a_blocked_row_without_a_reason_is_not_answered_on_the_month_screen_either(world):
    report = world["report_a"]
    entry = report.entries.first()
    actions.do_save_report(report, world["reporter_a"], report.version, {entry.measure_id: {"status": "blocked"}})
    row = next(r for r in month.unit_rows(world["cycle"]) if r.report.pk == report.pk)
    assert row.answered == 0
