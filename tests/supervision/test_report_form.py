"""The monthly report form at a real unit's scale: rows grouped by task, saved one at a time
under the optimistic lock, "unchanged since last month", evidence inline, the rows still to
answer, bounded queries."""
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Organisation
from ecoplan.supervision import actions
from ecoplan.supervision.models import Role

from ..conftest import seed_path
from .conftest import make_user

pytestmark = pytest.mark.django_db
AIRPORT = "临空经济区大兴片区管委会"  # Daxing's largest unit: 62 measures


def login(user):
    client = Client()
    client.login(username=user.username, password="pw-123456")
    return client


def row(report, measure_id, **fields):
    data = {"version": report.version}
    for name in ("status", "narrative", "quantity_done"):
        if name in fields:
            data[f"m{measure_id}-{name}"] = fields[name]
    return data


def answer_all(report, user, narrative="按计划推进"):
    report.refresh_from_db()
    actions.do_save_report(report, user, report.version, {
        e.measure_id: {"status": "in_progress", "narrative": f"{narrative} {e.measure_id}"} for e in report.entries.all()})
    report.refresh_from_db()
    return report


@pytest.fixture
def daxing_world(db):
    """Daxing, August submitted and accepted with narratives, September open."""
    if True:
        plan = plan_actions.import_document(seed_path("daxing-2024-action-plan.txt").read_bytes(), "daxing.txt")[1]
        august = actions.do_open_cycle(plan, date(2024, 8, 1))
        september = actions.do_open_cycle(plan, date(2024, 9, 1))
        unit = Organisation.objects.get(name=AIRPORT)
        reporter = make_user("airport", Role.REPORTER, unit)
        coordinator = make_user("dx-coord", Role.COORDINATOR)
        previous = answer_all(august.reports.get(organisation=unit), reporter, "八月")
        actions.do_submit_report(previous, reporter, previous.version)
        actions.do_accept_report(previous, coordinator)
        return {"plan": plan, "unit": unit, "reporter": reporter, "report": september.reports.get(organisation=unit),
                "previous": previous}


def test_the_62_measure_page_is_grouped_by_task_with_bounded_queries(daxing_world, django_assert_max_num_queries):
    report = daxing_world["report"]
    assert report.entries.count() == 62
    client = login(daxing_world["reporter"])
    with django_assert_max_num_queries(24):  # 22 for 62 measures, 21 for the demo unit's 1
        page = client.get(f"/supervision/reports/{report.pk}/").content.decode()
    tasks = {e.measure.task_id for e in report.entries.select_related("measure")}
    assert page.count('<details class="task"') == len(tasks)
    assert page.count('class="entry"') == 62
    assert "还有 62 项待填写" in page and 'id="carry-all"' in page
    assert page.count("上月无变化</button>") == 62  # every row had an answer in August
    assert 'id="api-link"' in page and "/supervision/token/" in page


def test_demo_page_has_the_same_query_bound(world, django_assert_max_num_queries):
    client = login(world["reporter_a"])
    with django_assert_max_num_queries(24):  # 22 for 62 measures, 21 for the demo unit's 1
        page = client.get(f"/supervision/reports/{world['report_a'].pk}/").content.decode()
    assert "上月无报送" in page  # the first cycle: nothing to carry
    assert 'id="carry-all"' not in page


def test_a_row_is_saved_on_its_own_and_moves_the_version(daxing_world, django_assert_max_num_queries):
    report = daxing_world["report"]
    report.refresh_from_db()
    entry = report.entries.select_related("measure").first()
    client = login(daxing_world["reporter"])
    with django_assert_max_num_queries(25):  # constant: one entry saved (and its search row), whatever the unit's size
        answer = client.post(f"/supervision/reports/{report.pk}/entries/{entry.measure_id}/",
                             row(report, entry.measure_id, status="in_progress", narrative="已完成方案编制"))
    assert answer.status_code == 200
    body = answer.content.decode()
    entry.refresh_from_db()
    assert entry.status == "in_progress" and entry.narrative == "已完成方案编制"
    assert f'id="report-version" value="{report.version + 1}" hx-swap-oob="true"' in body
    assert "已保存" in body and 'id="pending-bar"' in body and "还有 61 项待填写" in body
    assert f'id="need-{entry.measure_id}" hx-swap-oob="true">' in body  # its badge cleared
    other = report.entries.exclude(pk=entry.pk).first()
    assert other.status == "not_started"  # nothing else touched


def test_a_second_editor_gets_the_conflict_in_the_row(daxing_world):
    report = daxing_world["report"]
    report.refresh_from_db()
    first, second = list(report.entries.all()[:2])
    loaded = report.version  # both browsers loaded the page at this version
    a, b = login(daxing_world["reporter"]), login(daxing_world["reporter"])
    assert a.post(f"/supervision/reports/{report.pk}/entries/{first.measure_id}/",
                  row(report, first.measure_id, status="done", narrative="甲")).status_code == 200
    clash = b.post(f"/supervision/reports/{report.pk}/entries/{first.measure_id}/",
                   {"version": loaded, f"m{first.measure_id}-status": "blocked", f"m{first.measure_id}-narrative": "乙"})
    assert clash.status_code == 409
    body = clash.content.decode()
    assert "已被他人修改" in body or "changed by someone else" in body
    assert 'id="report-version"' not in body  # the stale page keeps its version: no silent overwrite later
    first.refresh_from_db()
    assert (first.status, first.narrative) == ("done", "甲")
    second.refresh_from_db()
    assert second.status == "not_started"


def test_bad_row_values_are_refused_in_the_row(daxing_world):
    report = daxing_world["report"]
    report.refresh_from_db()
    entry = report.entries.filter(quantity_target__isnull=False).first() or report.entries.first()
    client = login(daxing_world["reporter"])
    answer = client.post(f"/supervision/reports/{report.pk}/entries/{entry.measure_id}/",
                         row(report, entry.measure_id, status="in_progress", quantity_done="许多"))
    assert answer.status_code == 422 and "不是数字" in answer.content.decode()
    missing = client.post(f"/supervision/reports/{report.pk}/entries/999999/", row(report, 999999, status="done"))
    assert missing.status_code == 404
    assert client.post(f"/supervision/reports/{report.pk}/entries/{entry.measure_id}/", {}).status_code == 400


def test_unchanged_since_last_month_for_one_row_and_for_all(daxing_world):
    report = daxing_world["report"]
    report.refresh_from_db()
    entries = list(report.entries.order_by("measure_id"))
    client = login(daxing_world["reporter"])
    mine = entries[5]
    client.post(f"/supervision/reports/{report.pk}/entries/{mine.measure_id}/",
                row(report, mine.measure_id, status="done", narrative="本月已完成"))
    report.refresh_from_db()
    one = entries[6]
    answer = client.post(f"/supervision/reports/{report.pk}/entries/{one.measure_id}/",
                         {"version": report.version, "carry": one.measure_id})
    assert answer.status_code == 200 and f'id="row-{one.measure_id}"' in answer.content.decode()
    one.refresh_from_db()
    assert one.status == "in_progress" and one.narrative == f"八月 {one.measure_id}"
    report.refresh_from_db()
    two = entries[7]  # without JavaScript the row's button submits the whole form: saved, then carried
    client.post(f"/supervision/reports/{report.pk}/", {"version": report.version, "carry": two.measure_id})
    two.refresh_from_db()
    assert two.narrative == f"八月 {two.measure_id}"
    assert report.entries.exclude(measure_id__in=[mine.measure_id, one.measure_id, two.measure_id]).filter(
        narrative="").count() == 59
    report.refresh_from_db()
    client.post(f"/supervision/reports/{report.pk}/", {"version": report.version, "action": "carry"})
    mine.refresh_from_db()
    assert (mine.status, mine.narrative) == ("done", "本月已完成")  # "for all" keeps what was said
    report.refresh_from_db()
    assert not report.entries.filter(narrative="").exists()
    assert set(report.entries.exclude(pk=mine.pk).values_list("status", flat=True)) <= {"in_progress", "done"}
    page = client.get(f"/supervision/reports/{report.pk}/").content.decode()
    assert "每项均已填写" in page


def test_submit_lists_the_rows_still_to_answer(world):
    report = world["report_a"]
    client = login(world["reporter_a"])
    first = report.entries.first()
    data = {"version": report.version, "action": "submit", f"m{first.measure_id}-status": "blocked",
            f"m{first.measure_id}-narrative": ""}
    page = client.post(f"/supervision/reports/{report.pk}/", data, follow=True).content.decode()
    report.refresh_from_db()
    assert report.status == "draft"
    assert "项仍需填写" in page and "受阻：请说明原因" in page
    # the API keeps its rule: untouched rows may be submitted, a blocked one needs its reason
    report.refresh_from_db()
    with pytest.raises(actions.Refused):
        actions.do_submit_report(report, world["reporter_a"], report.version)


def test_the_first_cycle_has_nothing_to_carry(world):
    report = world["report_a"]
    entry = report.entries.first()
    client = login(world["reporter_a"])
    answer = client.post(f"/supervision/reports/{report.pk}/entries/{entry.measure_id}/",
                         {"version": report.version, "carry": entry.measure_id})
    assert answer.status_code == 422 and "上月" in answer.content.decode()


def test_evidence_goes_up_inline(world):
    report = world["report_a"]
    entry = report.entries.first()
    client = login(world["reporter_a"])
    url = f"/supervision/reports/{report.pk}/entries/{entry.measure_id}/evidence/"
    pdf = SimpleUploadedFile("抽检报告.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    answer = client.post(url, {f"m{entry.measure_id}-evidence": pdf})
    assert answer.status_code == 200 and "抽检报告.pdf" in answer.content.decode()
    assert entry.evidence.count() == 1
    bad = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    refused = client.post(url, {f"m{entry.measure_id}-evidence": bad})
    assert refused.status_code == 422 and "抽检报告.pdf" in refused.content.decode()  # the list stays
    assert entry.evidence.count() == 1
    other = login(world["reporter_b"])
    assert other.post(url, {f"m{entry.measure_id}-evidence": pdf}).status_code == 404


def test_readers_get_no_row_controls(world):
    client = login(world["leader"])
    page = client.get(f"/supervision/reports/{world['report_a'].pk}/").content.decode()
    assert "hx-post" not in page and 'id="pending-bar"' not in page
    entry = world["report_a"].entries.first()
    answer = client.post(f"/supervision/reports/{world['report_a'].pk}/entries/{entry.measure_id}/",
                         row(world["report_a"], entry.measure_id, status="done"))
    assert answer.status_code == 403


def test_the_token_page_opens_for_every_role_and_needs_a_name(world):
    for role in ("coordinator", "reporter_a", "leader", "auditor"):
        page = login(world[role]).get("/supervision/token/")
        assert page.status_code == 200, role
        body = page.content.decode()
        assert 'id="issue-token"' in body and "Authorization: Bearer" in body and 'href="/api/v1/docs"' in body
    client = login(world["reporter_a"])
    refused = client.post("/supervision/token/", {"name": "  "})
    assert refused.status_code == 400 and 'id="token-errors"' in refused.content.decode()
    assert not world["reporter_a"].api_tokens.exists()
    assert 'href="/supervision/token/" id="desk-api-link"' in client.get("/supervision/").content.decode()


def test_bad_numbers_and_ids_in_a_row_are_refused_not_a_server_error(daxing_world):
    report = daxing_world["report"]
    client = login(daxing_world["reporter"])
    client.raise_request_exception = False
    entry = report.entries.exclude(quantity_target=None).first() or report.entries.first()
    for value in ("NaN", "sNaN", "Infinity", "-Infinity"):
        answer = client.post(f"/supervision/reports/{report.pk}/entries/{entry.measure_id}/",
                             row(report, entry.measure_id, status="in_progress", quantity_done=value))
        text = answer.content.decode()
        assert answer.status_code == 422 and ("不是数字" in text or "not a number" in text), value
    for suffix in ("", "evidence/"):
        answer = client.post(f"/supervision/reports/{report.pk}/entries/99999999999999999999/{suffix}", row(report, 1))
        assert answer.status_code == 404
