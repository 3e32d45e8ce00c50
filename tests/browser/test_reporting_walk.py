"""A reporter fills and submits the monthly report; the coordinator returns it; the reporter
corrects and resubmits; the coordinator accepts — in Debian's chromium through Playwright."""
import os
from datetime import date

import pytest

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Organisation
from ecoplan.supervision import actions
from ecoplan.supervision.models import Report, Role

from ..conftest import DEMO
from ..supervision.conftest import make_user
from .test_plan_page import CHROMIUM, browser  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed")]


def sign_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-123456")
    page.click("#login button[type=submit]")


def test_report_walk(live_server, transactional_db, browser):  # noqa: F811
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    cycle = actions.do_open_cycle(plan, date(2026, 5, 1))
    market = Organisation.objects.get(name="区市场监管局")
    make_user("rep", Role.REPORTER, market)
    make_user("coord", Role.COORDINATOR)
    report = cycle.reports.get(organisation=market)
    base = live_server.url

    reporter = browser.new_page(locale="zh-CN")
    sign_in(reporter, base, "rep")
    reporter.goto(f"{base}/supervision/")
    reporter.click("text=2026-05")
    entry = reporter.locator(".entry").first
    entry.locator("select").select_option("in_progress")
    entry.locator("textarea").fill("已抽检 7 组涂料、胶粘剂产品")
    entry.locator("input[name$=quantity_done]").fill("7")
    reporter.click("#submit-report")  # waits for the row saves in flight, then submits
    reporter.wait_for_selector("#report-status:has-text('已提交')")
    assert Report.objects.get(pk=report.pk).status == "submitted"

    coordinator = browser.new_page(locale="zh-CN")
    sign_in(coordinator, base, "coord")
    coordinator.goto(f"{base}/supervision/reports/{report.pk}/")
    assert "已抽检 7 组" in coordinator.content()
    coordinator.fill("textarea[name=comment]", "请补充抽检批次和不合格产品处理情况")
    coordinator.click("#return-report")
    assert Report.objects.get(pk=report.pk).status == "returned"

    reporter.goto(f"{base}/supervision/reports/{report.pk}/")
    assert "请补充抽检批次" in reporter.content()
    reporter.locator(".entry textarea").first.fill("已抽检 9 组，不合格 1 组已立案查处")
    reporter.locator("input[name$=quantity_done]").fill("9")
    reporter.click("#submit-report")
    reporter.wait_for_selector("#report-status:has-text('已提交')")

    coordinator.goto(f"{base}/supervision/reports/{report.pk}/")
    coordinator.click("#accept-report")
    final = Report.objects.get(pk=report.pk)
    assert final.status == "accepted" and final.versions.count() == 2
    assert final.entries.get(role="lead").narrative.startswith("已抽检 9 组")
