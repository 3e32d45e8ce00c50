"""The monthly report at a real unit's scale, scripted in Debian's chromium (zh-CN): a reporter
whose month changed little carries last month over, changes a few rows and submits.  Every
click or keypress-action of the script is counted and the wall time of the interaction taken;
both are printed (pytest -s) and held under the goal (< 40 actions, < 120 s)."""
import os
import time
from datetime import date

import pytest

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Organisation
from ecoplan.supervision import actions
from ecoplan.supervision.models import Report, Role

from ..conftest import DEMO, seed_path
from ..supervision.conftest import make_user
from .test_csp import WATCH
from .test_plan_page import CHROMIUM, browser  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed")]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PHONE = {"width": 390, "height": 844}


class Script:
    """The reporter's hands: each method is one click or keypress-action, counted."""

    def __init__(self, page):
        self.page, self.actions = page, 0

    def click(self, target):
        self.actions += 1
        (self.page.locator(target) if isinstance(target, str) else target).click()

    def select(self, locator, value):
        self.actions += 1
        locator.select_option(value)

    def type(self, locator, text):
        self.actions += 1
        locator.fill(text)

    def press(self, locator, key):
        self.actions += 1
        locator.press(key)

    def upload(self, locator, path):
        self.actions += 1
        locator.set_input_files(str(path))


def last_month_accepted(plan, month, previous_month, unit_name, username):
    """``previous_month`` answered with narratives, submitted and accepted; ``month`` open."""
    before = actions.do_open_cycle(plan, previous_month)
    now = actions.do_open_cycle(plan, month)
    unit = Organisation.objects.filter(name=unit_name).first()
    reporter = make_user(username, Role.REPORTER, unit)
    coordinator = make_user(f"{username}-coord", Role.COORDINATOR)
    previous = before.reports.get(organisation=unit)
    actions.do_save_report(previous, reporter, previous.version, {
        e.measure_id: {"status": "in_progress", "narrative": f"按计划推进，已完成阶段工作 {n}",
                       "quantity_done": "1" if e.quantity_target else ""}
        for n, e in enumerate(previous.entries.all(), 1)})
    previous.refresh_from_db()
    actions.do_submit_report(previous, reporter, previous.version)
    actions.do_accept_report(previous, coordinator)
    return now.reports.get(organisation=unit)


def fill_the_month(browser, base, report, username, changes, tmp_path):  # noqa: F811
    """Sign in, open the month from the desk, carry last month over, change ``changes`` rows
    (state + narrative), one count and one evidence file, submit.  Returns (actions, seconds)."""
    evidence = tmp_path / "现场检查记录.pdf"
    evidence.write_bytes(PDF)
    page = browser.new_page(locale="zh-CN")
    page.add_init_script(WATCH)  # the strict CSP: no violation, no script error
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    hands = Script(page)
    started = time.monotonic()
    page.goto(f"{base}/accounts/login/")
    hands.type(page.locator("input[name=username]"), username)
    hands.type(page.locator("input[name=password]"), "pw-123456")
    hands.click("#login button[type=submit]")
    hands.click(page.locator(f"a[href='/supervision/reports/{report.pk}/']").first)
    hands.click("#carry-all")
    page.wait_for_selector("#pending-count:has-text('每项均已填写')")
    rows = page.locator(".entry")
    count = rows.count()
    picked = sorted({round(i * (count - 1) / max(changes - 1, 1)) for i in range(changes)})
    for n, i in enumerate(picked):
        row = rows.nth(i)
        hands.select(row.locator("select"), "done" if n % 2 else "blocked")
        hands.type(row.locator("textarea"), f"本月调整：第 {n + 1} 项情况有变化")
        hands.press(row.locator("textarea"), "Enter")  # saves the row, on to the next
        row.locator(".msg:has-text('已保存')").wait_for()
        if i + 1 < count:  # Enter went to the next row's state
            assert page.evaluate("document.activeElement.name") == rows.nth(i + 1).locator("select").get_attribute("name")
    if page.locator("input.qty").count():  # a count, where a measure has a quantity
        counted = page.locator(".entry:has(input.qty)").first
        hands.type(counted.locator("input.qty"), "3")
        hands.press(counted.locator("input.qty"), "Tab")
        counted.locator(".msg:has-text('已保存')").wait_for()
    with_file = rows.nth(picked[0])
    hands.upload(with_file.locator("input[type=file]"), evidence)
    with_file.locator(".ev a:has-text('现场检查记录.pdf')").wait_for()
    hands.click("#submit-report")
    page.wait_for_selector("#report-status:has-text('已提交')")
    seconds = time.monotonic() - started
    assert page.evaluate("window.__csp") == [] and errors == []
    page.close()
    return hands.actions, seconds, picked


def test_62_measure_unit_reports_in_under_40_actions_and_two_minutes(
        live_server, transactional_db, browser, tmp_path):  # noqa: F811
    plan = plan_actions.import_document(seed_path("daxing-2024-action-plan.txt").read_bytes(), "daxing.txt")[1]
    report = last_month_accepted(plan, date(2024, 9, 1), date(2024, 8, 1), "临空经济区大兴片区管委会", "airport")
    assert report.entries.count() == 62
    clicks, seconds, picked = fill_the_month(browser, live_server.url, report, "airport", 5, tmp_path)
    print(f"62-measure report: {clicks} clicks, {seconds:.1f} s")
    assert clicks < 40 and seconds < 120
    report.refresh_from_db()
    assert report.status == "submitted" and report.versions.count() == 1
    entries = list(report.entries.all())
    changed = [entries[i] for i in picked]
    assert all(e.narrative.startswith("本月调整") for e in changed)
    assert {e.status for e in changed} == {"done", "blocked"}
    kept = [e for i, e in enumerate(entries) if i not in picked]
    assert all(e.narrative.startswith("按计划推进") and e.status == "in_progress" for e in kept)
    assert report.entries.filter(quantity_done=3).count() == 1
    assert entries[picked[0]].evidence.get().name == "现场检查记录.pdf"


@pytest.mark.parametrize("unit", ["区住房城乡建设委", "区市场监管局"])  # the demo reporter's unit, the walk's
def test_demo_unit_reports_the_same_way(live_server, transactional_db, browser, tmp_path, unit):  # noqa: F811
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    report = last_month_accepted(plan, date(2026, 5, 1), date(2026, 4, 1), unit, "demo")
    changes = min(2, report.entries.count())
    clicks, seconds, _picked = fill_the_month(browser, live_server.url, report, "demo", changes, tmp_path)
    print(f"demo unit {unit} ({report.entries.count()} measures) report: {clicks} clicks, {seconds:.1f} s")
    assert clicks < 40 and seconds < 120
    report.refresh_from_db()
    assert report.status == "submitted"


def test_a_second_editor_gets_the_conflict_in_the_row(live_server, transactional_db, browser):  # noqa: F811
    from .test_reporting_walk import sign_in

    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    cycle = actions.do_open_cycle(plan, date(2026, 5, 1))
    market = Organisation.objects.get(name="区市场监管局")
    make_user("rep", Role.REPORTER, market)
    report = cycle.reports.get(organisation=market)
    url = f"{live_server.url}/supervision/reports/{report.pk}/"
    first, second = browser.new_page(locale="zh-CN"), browser.new_page(locale="zh-CN")
    for page in (first, second):
        sign_in(page, live_server.url, "rep")
        page.goto(url)
    row = first.locator(".entry").first
    row.locator("select").select_option("in_progress")
    row.locator(".msg:has-text('已保存')").wait_for()
    row.locator("textarea").fill("甲：已抽检 7 组")
    row.locator("textarea").press("Tab")
    first.wait_for_function("document.querySelector('.entry .msg').textContent.includes('已保存')")
    other = second.locator(".entry").first
    other.locator("textarea").fill("乙：覆盖")
    other.locator("textarea").press("Tab")
    other.locator(".msg .warn:has-text('已被他人修改')").wait_for()
    entry = Report.objects.get(pk=report.pk).entries.get(measure_id=int(row.get_attribute("data-measure")))
    assert entry.narrative == "甲：已抽检 7 组"  # not silently overwritten
    # the stale page's whole-form save is refused too, and says so
    second.click("#save-report")
    second.wait_for_selector(".messages li:has-text('已被他人修改')")
    assert Report.objects.get(pk=report.pk).entries.get(pk=entry.pk).narrative == "甲：已抽检 7 组"


def test_the_form_and_the_token_page_fit_a_phone(live_server, transactional_db, browser):  # noqa: F811
    from .test_reporting_walk import sign_in

    plan = plan_actions.import_document(seed_path("daxing-2024-action-plan.txt").read_bytes(), "daxing.txt")[1]
    cycle = actions.do_open_cycle(plan, date(2024, 9, 1))
    unit = Organisation.objects.get(name="临空经济区大兴片区管委会")
    make_user("airport", Role.REPORTER, unit)
    page = browser.new_page(locale="zh-CN", viewport=PHONE)
    sign_in(page, live_server.url, "airport")
    report = cycle.reports.get(organisation=unit)
    for path in (f"/supervision/reports/{report.pk}/", "/supervision/token/"):
        page.goto(live_server.url + path)
        # the page's own content: no box wider than the phone (the navigation is base.html's)
        wide = page.evaluate("""() => Array.from(document.querySelectorAll('main *'))
            .filter(el => !el.closest('.scroll') && el.getBoundingClientRect().right > window.innerWidth + 1)
            .map(el => el.tagName + '.' + el.className).slice(0, 5)""")
        assert wide == [], (path, wide)
        if path.startswith("/supervision/reports/"):  # a row is a card; what is left stays in sight
            assert page.locator("#pending-count").inner_text() == "还有 62 项待填写"
            assert page.locator("#pending-bar").is_visible()
            page.click("#next-pending")
            assert page.evaluate("document.activeElement.closest('.entry').id") == page.locator(".entry").first.get_attribute("id")
            bad = page.locator(".entry").nth(1).locator("input[type=file]")
            bad.set_input_files({"name": "宏.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00"})
            page.locator(".entry").nth(1).locator(".ev .warn:has-text('宏.exe')").wait_for()
            assert page.url.endswith(path)  # no reload
    page.goto(f"{live_server.url}/supervision/token/")
    page.fill("input[name=name]", "单位业务系统")
    page.click("#issue-token button")
    assert len(page.locator("#token").inner_text().strip()) > 30
    assert page.locator("#copy-token").is_visible()


@pytest.mark.parametrize("answered", [False, True])
def test_enter_in_a_count_moves_on_and_never_carries_last_month_over(
        live_server, transactional_db, browser, answered):  # noqa: F811
    """Enter in a text input would "click" the form's first button (a carry-over): it must save the
    row and move on, whether the carry-all button is shown (nothing answered) or not."""
    from .test_reporting_walk import sign_in

    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    report = last_month_accepted(plan, date(2026, 5, 1), date(2026, 4, 1), "区市场监管局", "enter")
    entry = report.entries.exclude(quantity_target=None).first()
    if answered:
        actions.do_save_report(report, None, report.version,
                               {entry.measure_id: {"status": "done", "narrative": "本月新写"}})
    page = browser.new_page(locale="zh-CN")
    sign_in(page, live_server.url, "enter")
    page.goto(f"{live_server.url}/supervision/reports/{report.pk}/")
    qty = page.locator(f"#m{entry.measure_id}-quantity_done")
    qty.fill("5")
    qty.press("Enter")
    page.locator(f"#msg-{entry.measure_id}:has-text('已保存')").wait_for()
    entry.refresh_from_db()
    assert entry.quantity_done == 5 and page.url.endswith(f"/supervision/reports/{report.pk}/")
    assert (entry.status, entry.narrative) == (("done", "本月新写") if answered else ("not_started", ""))


def test_a_refused_carry_gives_the_row_back_with_why(live_server, transactional_db, browser):  # noqa: F811
    from .test_reporting_walk import sign_in

    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    report = last_month_accepted(plan, date(2026, 5, 1), date(2026, 4, 1), "区市场监管局", "stale")
    page = browser.new_page(locale="zh-CN")
    sign_in(page, live_server.url, "stale")
    page.goto(f"{live_server.url}/supervision/reports/{report.pk}/")
    rows = page.locator(".entry").count()
    report.refresh_from_db()
    actions.do_save_report(report, None, report.version, {})  # someone else saves meanwhile
    page.locator("button.carry").first.click()
    page.locator(".entry .warn:has-text('已被他人修改')").wait_for()
    assert page.locator(".entry").count() == rows and page.locator(".entry select").count() == rows
