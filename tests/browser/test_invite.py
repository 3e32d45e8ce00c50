"""The coordinator invites a reporter for a unit through the people page; the reporter opens the
one-time link, sets a password, signs in and submits the unit's monthly report — in Debian's
chromium (zh-CN) through Playwright, the people pages also at a phone's 390 px."""
import os
import re
from datetime import date

import pytest
from django.contrib.auth.models import User

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Organisation
from ecoplan.supervision import actions
from ecoplan.supervision.models import Report, Role

from ..conftest import DEMO
from ..supervision.conftest import make_user
from .test_plan_page import CHROMIUM, browser  # noqa: F401  (the fixture)
from .test_reporting_walk import sign_in

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed")]

PASSWORD = "Yongding-River-2026"


def sticking_out(page) -> list[str]:
    """The page's own elements wider than the window, but those in a box that scrolls sideways
    (the navigation of base.html is the phone layout's own test)."""
    return page.evaluate("""[...document.querySelectorAll('main *')]
        .filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map(e => e.tagName + ' ' + (e.id || e.getAttribute('name') || e.className))""")


def test_invited_reporter_sets_a_password_and_reports(live_server, transactional_db, browser):  # noqa: F811
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    cycle = actions.do_open_cycle(plan, date(2026, 5, 1))
    market = Organisation.objects.get(name="区市场监管局")
    make_user("coord", Role.COORDINATOR)
    report = cycle.reports.get(organisation=market)
    base = live_server.url

    coordinator = browser.new_page(locale="zh-CN", viewport={"width": 390, "height": 844})
    sign_in(coordinator, base, "coord")
    coordinator.goto(f"{base}/supervision/")
    coordinator.click("#people-link")
    assert coordinator.locator("h1").inner_text() == "人员与账号"
    assert sticking_out(coordinator) == []  # the table scrolls inside its box, not the page
    coordinator.click("#invite-link")
    assert sticking_out(coordinator) == []
    coordinator.fill("input[name=username]", "zhao.market")
    coordinator.fill("input[name=full_name]", "赵六")
    coordinator.select_option("select[name=role]", "reporter")
    # first without a unit: refused, nothing created
    coordinator.click("#invite button[type=submit]")
    assert "请选择单位" in coordinator.locator("#refused").inner_text()
    assert not User.objects.filter(username="zhao.market").exists()
    coordinator.select_option("select[name=unit]", str(market.pk))
    coordinator.click("#invite button[type=submit]")
    link = coordinator.locator("#password-link").inner_text().strip()
    assert re.fullmatch(rf"{re.escape(base)}/accounts/reset/[^/]+/[^/]+/", link), link
    assert "72 小时" in coordinator.content() and sticking_out(coordinator) == []

    reporter = browser.new_page(locale="zh-CN", viewport={"width": 390, "height": 844})  # on a phone
    reporter.goto(link)
    assert reporter.locator("h1").inner_text() == "设置密码" and sticking_out(reporter) == []
    reporter.fill("input[name=new_password1]", PASSWORD)
    reporter.fill("input[name=new_password2]", PASSWORD)
    reporter.click("#set-password button[type=submit]")
    reporter.wait_for_selector("#password-set")
    reporter.goto(link)  # once used, the link is dead
    assert reporter.locator("#invalid-link").is_visible()

    reporter.goto(f"{base}/accounts/login/")
    reporter.fill("input[name=username]", "zhao.market")
    reporter.fill("input[name=password]", PASSWORD)
    reporter.click("#login button[type=submit]")
    reporter.goto(f"{base}/supervision/")
    reporter.click("text=2026-05")
    entry = reporter.locator(".entry").first
    entry.locator("select").select_option("in_progress")
    entry.locator("textarea").fill("已抽检 5 组涂料产品")
    reporter.click("#submit-report")  # waits for the row saves in flight, then submits
    reporter.wait_for_selector("#report-status:has-text('已提交')")
    submitted = Report.objects.get(pk=report.pk)
    assert submitted.status == "submitted" and submitted.submitted_by.username == "zhao.market"

    # the list shows the new account with its unit and last sign-in
    coordinator.goto(f"{base}/supervision/people/?q=zhao")
    row = coordinator.locator("tr.person").first.inner_text()
    assert "zhao.market" in row and "区市场监管局" in row and "赵六" in row
    assert sticking_out(coordinator) == []
    coordinator.click("text=zhao.market")
    assert coordinator.locator("#reset-password").is_visible() and sticking_out(coordinator) == []
