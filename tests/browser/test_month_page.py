"""The coordinator's month of Daxing (63 units) at phone width under the CSP: the targets load in
their own request (htmx), a unit is reminded in one click, nothing overflows sideways but the
tables' own scroll boxes."""
from datetime import date

from django.core.cache import cache

from ecoplan.plans import actions as plan_actions
from ecoplan.supervision import actions
from ecoplan.supervision.models import Notification, Role

from ..supervision.conftest import make_user
from .test_csp import WATCH
from .test_plan_page import browser, pytestmark  # noqa: F401  (the same chromium and marks)
from .test_reporting_walk import sign_in

# what sticks out past the phone's right edge in the page's own content: every element of <main>
# outside a .scroll box (the navigation of base.html is checked with base.html's own test)
OVERFLOW = ("Array.from(document.querySelectorAll('main *')).filter(e => !e.closest('.scroll') && "
            "e.getBoundingClientRect().right > 390).map(e => e.tagName + '#' + e.id + ' ' + e.textContent.slice(0, 30))")


def test_month_page_at_390_px(live_server, transactional_db, browser, seed):  # noqa: F811
    cache.clear()
    plan = plan_actions.import_document(seed("daxing-2024-action-plan.txt").read_bytes(), "daxing.txt")[1]
    cycle = actions.do_open_cycle(plan, date(2024, 11, 1))
    report = cycle.reports.order_by("organisation__name").first()
    reporter = make_user("rep", Role.REPORTER, report.organisation)
    make_user("coord", Role.COORDINATOR)
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page.add_init_script(WATCH)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server.url, "coord")
    page.goto(f"{live_server.url}/supervision/")
    page.click("a.month-link")
    page.wait_for_selector("#target-alerts")  # the targets fragment, loaded by htmx
    assert page.locator("#unit-table tr[data-state]").count() == cycle.reports.count()
    assert page.evaluate("document.querySelector('main').scrollWidth") <= 390
    assert page.evaluate(OVERFLOW) == []
    page.click("button.remind-unit")
    assert "已提醒 1 个填报账号" in page.locator(".messages").inner_text()
    assert Notification.objects.filter(user=reporter, kind="report_reminder").count() == 1
    assert page.evaluate("document.querySelector('main').scrollWidth") <= 390
    assert page.evaluate(OVERFLOW) == []
    assert page.evaluate("window.__csp") == [] and errors == []
