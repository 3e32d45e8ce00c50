"""A coordinator uploads a task table whose column names the importer does not know, sees each
column's guessed role, corrects one, confirms, and finds the measures on the plan page — in
Debian's chromium through Playwright."""
import os

import pytest

from ecoplan.plans.models import Plan, Role

from ..importers.test_mapping import LEDGER
from ..supervision.conftest import make_user
from .test_plan_page import CHROMIUM, browser  # noqa: F401  (the fixture)
from .test_reporting_walk import sign_in

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed")]

SHOTS = os.environ.get("ECOPLAN_SCREENSHOTS")  # a folder: the preview is photographed at two widths


def test_upload_preview_correct_confirm(live_server, transactional_db, browser, tmp_path, settings):  # noqa: F811
    from playwright.sync_api import expect

    settings.DATA_DIR = tmp_path
    make_user("coord", Role.COORDINATOR)
    ledger = tmp_path / "县农村人居环境整治台账.txt"
    ledger.write_bytes(LEDGER)
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    sign_in(page, live_server.url, "coord")
    page.goto(f"{live_server.url}/import/")
    page.set_input_files("input[name=document]", str(ledger))
    page.click("main form button[type=submit]")

    expect(page.locator("h1")).to_have_text("各列分别是什么？")
    assert not Plan.objects.exists()
    roles = {page.locator(f"table.mapping tr[data-column='{i}'] th").inner_text():
             page.locator(f"select[name=col{i}]").input_value() for i in range(7)}
    assert roles == {"序": "number", "整治事项": "attribute", "做法": "measure", "办结日期": "deadline",
                     "责任科室": "lead_unit", "配合科室": "co_unit", "资金": "attribute"}
    assert "表格中最长的文字" in page.locator("table.mapping").inner_text()
    expect(page.locator("#creates")).to_contain_text("某县2025年农村人居环境整治工作台账")
    if SHOTS:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=os.path.join(SHOTS, f"upload-mapping-{width}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

    page.select_option("select[name=col1]", "task")  # 整治事项 names the key tasks
    page.click("button[value=check]")
    expect(page.locator("select[name=col1]")).to_have_value("task")
    expect(page.locator("table.mapping")).to_contain_text("由您指定")
    assert not Plan.objects.exists()
    page.click("#import-mapped")

    expect(page.locator("h1")).to_have_text("某县2025年农村人居环境整治工作台账")
    plan = Plan.objects.get()
    assert page.url.endswith(f"/plans/{plan.pk}/")
    titles = page.locator("td.task-title").all_inner_texts()
    assert [t for t in ("厕所改造", "垃圾治理", "污水治理") if any(t in x for x in titles)] == ["厕所改造", "垃圾治理", "污水治理"]
    body = page.locator("main").inner_text()
    assert "完成农村户厕改造200户" in body and "完成12个行政村生活污水治理" in body
