"""The overview (督办总览) of a leader's or a unit's measures and targets, and its one-page PDF."""
import io
from datetime import date

import pdfplumber
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Assignment, Measure, Organisation
from ecoplan.reporting import pdf
from ecoplan.reporting.duties import Deadline
from ecoplan.reporting.overview import by_group, tally, trend
from ecoplan.supervision import actions
from ecoplan.supervision import overview as read
from ecoplan.supervision.models import Role

from .conftest import make_user

TODAY = date(2026, 6, 15)


def _measure(plan, start: str) -> Measure:
    return Measure.objects.get(task__annex__plan=plan, text__startswith=start)


def _lead(measure: Measure, name: str = "王一") -> None:
    Assignment.objects.create(measure=measure, role=Assignment.Role.LEAD_OFFICIAL, person_name=name,
                              printed=name, order=9)


@pytest.fixture
def small(world):
    """王一 leads four measures of the demo plan: one done (accepted in May), one overdue since
    2026-05-31 (汛前清掏), two on track; a June cycle is open with nothing reported yet."""
    plan = world["plan"]
    m = {"pm25": _measure(plan, "全力巩固空气质量改善成效"), "vocs": _measure(plan, "对生产、销售环节涂料"),
         "pipes": _measure(plan, "完成雨污合流管网改造"), "drains": _measure(plan, "汛前开展雨水管涵全面清掏")}
    for measure in m.values():
        _lead(measure)
    report = world["report_a"]  # 区市场监管局 leads the VOCs checks
    report = actions.do_save_report(report, world["reporter_a"], report.version,
                                    {m["vocs"].pk: {"status": "done", "narrative": "抽检完成"}})
    report = actions.do_submit_report(report, world["reporter_a"], report.version)
    actions.do_accept_report(report, world["coordinator"])
    actions.do_open_cycle(plan, date(2026, 6, 1))
    return {**world, "m": m}


# -- the pure figures --------------------------------------------------------------------------

def test_tally_counts_done_late_and_the_share():
    t = tally(["done", "done_late", "overdue", "on_track"])
    assert (t.total, t.done, t.late, t.share_done) == (4, 2, 1, 50.0)
    assert t.in_order() == [("on_track", 1), ("overdue", 1), ("done_late", 1), ("done", 1)]
    assert tally([]).share_done == 0.0


def test_groups_list_the_most_late_first_and_count_a_measure_in_each_of_its_units():
    groups = by_group([(1, "甲", "done"), (2, "乙", "overdue"), (1, "甲", "overdue"), (1, "甲", "on_track"),
                       (3, "丙", "overdue"), (3, "丙", "overdue")])
    assert [(g.label, g.tally.total, g.tally.late) for g in groups] == [("丙", 2, 2), ("甲", 3, 1), ("乙", 1, 1)]


def test_trend_counts_reported_shares_and_overdue_at_each_months_end():
    deadlines = {1: Deadline("by_date", None, date(2026, 5, 31)), 2: Deadline("long_term", None, None)}
    points = trend([date(2026, 6, 1), date(2026, 5, 1)], deadlines, {1: date(2026, 7, 31)},
                   [(date(2026, 5, 1), 1, "in_progress"), (date(2026, 5, 1), 2, "done"),
                    (date(2026, 6, 1), 1, "in_progress"), (date(2026, 6, 1), 99, "done")])  # 99: not in scope
    assert [(p.month, p.done, p.in_progress, p.overdue) for p in points] == [
        (date(2026, 5, 1), 50.0, 50.0, 0), (date(2026, 6, 1), 0.0, 50.0, 1)]


# -- a leader's and a unit's overview -----------------------------------------------------------

def test_a_leaders_overview_counts_states_targets_and_months(small):
    ov = read.build(read.Scope(leader="王一"), TODAY)
    m = small["m"]
    states = {r.measure.pk: r.state for r in ov.rows}
    assert states == {m["pm25"].pk: "on_track", m["vocs"].pk: "done", m["pipes"].pk: "on_track",
                      m["drains"].pk: "overdue"}
    assert (ov.tally.total, ov.tally.done, ov.tally.late, ov.tally.share_done) == (4, 1, 1, 25.0)
    assert ov.rows[0].measure == m["drains"]  # late first
    assert [r.measure for r in ov.late] == [m["drains"]]
    assert ov.late[0].units == "区水务局"
    # the targets printed in the leader's PM2.5 measure (line 27): PM2.5, good days, heavy days, dust fall
    assert sorted(t.judgement.target.source_line for t in ov.targets) == [27, 27, 27, 27]
    assert {t.judgement.target.plan_id for t in ov.targets} == {small["plan"].pk}
    themes = {g.label: (g.tally.total, g.tally.done, g.tally.late) for g in ov.by_theme}
    assert themes == {"大气": (2, 1, 0), "水": (2, 0, 1)}
    units = {g.label: g.tally.total for g in ov.by_unit}
    assert units == {"区生态环境局": 1, "区市场监管局": 1, "区水务局": 2}
    assert [(p.month, p.done, p.in_progress, p.overdue) for p in ov.trend] == [
        (date(2026, 5, 1), 25.0, 0.0, 0), (date(2026, 6, 1), 0.0, 0.0, 1)]


def test_a_units_overview_is_its_lead_measures_and_the_targets_it_reports(small):
    water = read.build(read.Scope(unit=small["water"]), TODAY)
    texts = sorted(r.measure.text[:6] for r in water.rows)
    assert texts == ["万元 GDP", "完成雨污合流", "汛前开展雨水"]
    assert (water.tally.total, water.tally.late) == (3, 1)
    bureau = read.build(read.Scope(unit=Organisation.objects.get(name="区生态环境局")), TODAY)
    # the bureau reports the targets printed in the measures it leads (lines 27 and 45) and, as the
    # plan's coordinating unit, those of the 各镇、街道 measure that names no single unit (line 28)
    assert {t.judgement.target.source_line for t in bureau.targets} == {27, 28, 45}
    assert all(t.status for t in bureau.targets)


def test_a_plan_narrows_the_scope(small):
    from ..conftest import DEMO

    other = DEMO.read_text(encoding="utf-8").replace("〔2026〕1号", "〔2026〕9号")  # another plan of the district
    copy = plan_actions.import_document(other.encode(), "other.txt")[1]
    _lead(_measure(copy, "汛前开展雨水管涵全面清掏"))
    assert read.build(read.Scope(leader="王一"), TODAY).tally.total == 5
    ov = read.build(read.Scope(leader="王一", plan=small["plan"]), TODAY)
    assert ov.tally.total == 4 and [p.pk for p in ov.plans] == [small["plan"].pk]
    assert read.Scope(leader="王一", plan=small["plan"]).query() == {"leader": "王一", "plan": small["plan"].pk}


# -- the page, the access policy, the queries ------------------------------------------------------

@pytest.mark.parametrize("who, query, status", [
    ("coordinator", "?leader=王一", 200), ("coordinator", "?unit={water}", 200), ("coordinator", "", 200),
    ("leader", "", 200), ("leader", "?unit={water}", 200), ("leader", "?leader=李二", 200),
    ("auditor", "?leader=王一", 200),
    ("reporter_b", "", 200), ("reporter_b", "?unit={water}", 200),
    ("reporter_b", "?unit={market}", 404), ("reporter_b", "?leader=王一", 404),
    ("coordinator", "?leader=王一&unit={water}", 400), ("coordinator", "?unit=abc", 400),
    ("coordinator", "?unit=999999", 404), ("coordinator", "?leader=王一&state=nonsense", 400),
])
def test_who_may_open_which_overview(client, small, who, query, status):
    client.force_login(small[who])
    url = "/supervision/overview/" + query.format(water=small["water"].pk, market=small["market"].pk)
    assert client.get(url).status_code == status
    pdf_url = "/supervision/overview/pdf" + query.format(water=small["water"].pk, market=small["market"].pk)
    expected = 404 if status == 200 and query == "" and who == "coordinator" else status  # no default scope
    assert client.get(pdf_url).status_code == expected


def test_no_role_and_anonymous_are_turned_away(client, small):
    assert client.get("/supervision/overview/?leader=王一").status_code == 302  # to sign in
    client.force_login(make_user("nobody", Role.REPORTER))  # a reporter with no unit
    assert client.get("/supervision/overview/?leader=王一").status_code == 404
    assert client.get("/supervision/overview/").status_code == 404


def test_the_leader_sees_their_own_overview_by_default(client, small):
    client.force_login(small["leader"])
    page = client.get("/supervision/overview/").content.decode()
    assert "王一" in page and 'id="chart-theme"' in page and 'id="overview-charts"' in page
    assert "<script>" not in page  # the charts' code is a static file (CSP)
    # the leader's desk links the overview instead of a flat list of measures
    desk = client.get("/supervision/").content.decode()
    assert 'id="my-overview"' in desk and "（4）" in desk


def test_the_reporter_and_coordinator_desks_link_the_overview(client, small):
    client.force_login(small["reporter_b"])
    assert 'id="unit-overview"' in client.get("/supervision/").content.decode()
    client.force_login(small["coordinator"])
    desk = client.get("/supervision/").content.decode()
    assert 'id="overviews"' in desk
    chooser = client.get("/supervision/overview/").content.decode()
    assert "?leader=%E7%8E%8B%E4%B8%80" in chooser and f"?unit={small['water'].pk}" in chooser
    assert f"/supervision/overview/?plan={small['plan'].pk}" in desk
    in_plan = client.get(f"/supervision/overview/?plan={small['plan'].pk}").content.decode()
    assert f"?unit={small['water'].pk}&plan={small['plan'].pk}" in in_plan.replace("&amp;", "&")


def test_the_list_pages_and_filters_by_state(client, small):
    for measure in Measure.objects.filter(task__annex__plan=small["plan"]):
        _lead(measure, "赵三")
    client.force_login(small["coordinator"])
    page = client.get("/supervision/overview/?leader=赵三&state=overdue").content.decode()
    listed = page.split('id="measures"')[1]
    assert "汛前开展雨水管涵" in listed and listed.count("<tr>") == listed.count('class="state-overdue"') + 1
    from ecoplan.supervision import views_overview
    views_overview.PAGE_SIZE, size = 5, views_overview.PAGE_SIZE
    try:
        first = client.get("/supervision/overview/?leader=赵三").content.decode()
        second = client.get("/supervision/overview/?leader=赵三&page=2").content.decode()
    finally:
        views_overview.PAGE_SIZE = size
    assert "page=2" in first and first.split('id="measures"')[1].count("<tr>") == 6  # header + 5
    assert second.split('id="measures"')[1].count("<tr>") == 6


def test_the_query_count_does_not_grow_with_the_measures(client, small, django_assert_max_num_queries):
    client.force_login(small["coordinator"])
    client.get("/supervision/overview/?leader=王一")  # the targets judged once, then kept (evaluation.cached)
    with CaptureQueriesContext(connection) as few:
        client.get("/supervision/overview/?leader=王一")
    for measure in Measure.objects.filter(task__annex__plan=small["plan"]):
        _lead(measure, "王一")
    client.get("/supervision/overview/?leader=王一")
    with CaptureQueriesContext(connection) as many:
        client.get("/supervision/overview/?leader=王一")
    assert len(many.captured_queries) == len(few.captured_queries)
    with django_assert_max_num_queries(60):
        client.get("/supervision/overview/?leader=王一")
    with django_assert_max_num_queries(60):
        client.get("/supervision/overview/pdf?leader=王一")


# -- the PDF --------------------------------------------------------------------------------------

def _pdf_text(content: bytes) -> tuple[int, str]:
    with pdfplumber.open(io.BytesIO(content)) as doc:
        return len(doc.pages), "\n".join(p.extract_text() or "" for p in doc.pages)


def test_the_pdf_is_one_page_with_the_leaders_name_and_counts(client, small):
    client.force_login(small["leader"])
    response = client.get("/supervision/overview/pdf", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pages, text = _pdf_text(response.content)
    ov = read.build(read.Scope(leader="王一"))
    assert pages == 1
    assert "王一" in text and "汛前开展雨水管涵全面清掏" in text
    assert f"{ov.tally.total}\n" in text or f"{ov.tally.total} " in text
    assert f"{ov.tally.share_done}%" in text
    assert "逾期" in text  # the labels in Chinese


def test_a_long_summary_still_fits_one_page():
    rows = [[f"措施{i}：" + "加强扬尘管控" * 8, "区生态环境局", "年底前"] for i in range(60)]
    page = pdf.Page("总览：某领导", "截至 2026-06-15", [pdf.Figure("措施", "197"), pdf.Figure("逾期", "161", alert=True)],
                    [pdf.Rows("逾期措施", ["措施", "牵头单位", "时限"], rows, widths=[6, 3, 1]),
                     pdf.Trend("逐月", ["2026-05", "2026-06"], [("完成（%）", [10.0, 20.0]), ("逾期", [3, 5])])])
    pages, text = _pdf_text(pdf.one_page(page))
    assert pages == 1 and "某领导" in text and "措施59" in text


# -- at a real district's scale -----------------------------------------------------------------

def test_the_tongzhou_leader_of_197_measures(seed, db, django_assert_max_num_queries):
    path = seed("tongzhou-2024-action-plans.txt")
    plan_actions.import_document(path.read_bytes(), path.name)
    name, n = read.leaders()[0]
    assert n == 197
    ov = read.build(read.Scope(leader=name), date(2024, 9, 30))
    assert ov.tally.total == 197 == len(ov.rows)
    assert sum(n for _code, _label, n in ov.states()) == 197
    assert sum(g.tally.total for g in ov.by_theme) == 197
    assert sum(g.tally.total for g in ov.by_unit) >= 197  # a measure of two lead units counts in both
    pages, text = _pdf_text(pdf.one_page(read.summary(ov)))
    assert pages == 1 and name in text and "197" in text
