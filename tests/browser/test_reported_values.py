"""A unit reports a target's value on a phone (390 px), the coordinator accepts it in the queue
(htmx swaps the row), and the target is judged on it — in Debian's chromium through Playwright."""
import os
from decimal import Decimal

import pytest

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Organisation, Role, Target

from ..conftest import DEMO
from ..supervision.conftest import make_user
from .test_plan_page import CHROMIUM, browser  # noqa: F401  (the fixture)
from .test_reporting_walk import sign_in

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed")]
SHOTS = os.environ.get("ECOPLAN_SCREENSHOTS")


def test_report_on_a_phone_accept_in_the_queue(live_server, transactional_db, browser, tmp_path, settings):  # noqa: F811
    from playwright.sync_api import expect

    settings.DATA_DIR = settings.MEDIA_ROOT = tmp_path
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    bureau = Organisation.objects.get(name="区生态环境局", district=plan.district)
    target = Target.objects.create(plan=plan, indicator="森林覆盖率", indicator_code="forest_cover", comparator=">=",
                                   value=Decimal("30"), unit="%", period="year", raw="森林覆盖率达到30%")
    make_user("rep", Role.REPORTER, bureau)
    make_user("coord", Role.COORDINATOR, bureau)

    phone = browser.new_page(locale="zh-CN", viewport={"width": 390, "height": 844})
    sign_in(phone, live_server.url, "rep")
    phone.goto(f"{live_server.url}/evaluation/reported/")
    phone.click(f"#awaiting a[href='/evaluation/targets/{target.pk}/']")
    expect(phone.locator("#responsible")).to_contain_text("区生态环境局")
    form = phone.locator("#form-value")
    assert form.bounding_box()["width"] <= 390  # the form fits the phone
    phone.fill("#form-value input[name=year]", "2026")
    phone.fill("#form-value input[name=value]", "31.2")
    phone.fill("#form-value input[name=source]", "2026年园林绿化统计")
    phone.fill("#form-value textarea[name=evidence_text]", "统计表第2页")
    if SHOTS:
        phone.screenshot(path=os.path.join(SHOTS, "reported-value-390.png"), full_page=True)
    phone.click("#form-value button")
    expect(phone.locator(".messages")).to_contain_text("数值已提交")
    expect(phone.locator("#status")).to_contain_text("待协调员审核")

    desk = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    sign_in(desk, live_server.url, "coord")
    desk.goto(f"{live_server.url}/evaluation/reported/")
    value = target.reported_values.get()
    desk.click(f"#value-{value.pk} button.accept-value")
    expect(desk.locator(f"#value-{value.pk} td.status")).to_contain_text("已通过")  # the row, swapped by htmx
    desk.goto(f"{live_server.url}/evaluation/targets/{target.pk}/")
    expect(desk.locator("#status")).to_contain_text("正常推进")  # 31.2 ≥ 30, the year not over yet
