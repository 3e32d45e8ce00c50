"""The five-year trajectory page at phone width under the CSP: ECharts draws each target's line,
nothing overflows sideways but the year tables' own scroll box."""
from ..evaluation.test_trajectory import load_fengtai
from .test_csp import WATCH
from .test_plan_page import browser, pytestmark  # noqa: F401  (the same chromium and marks)


def test_trajectory_page_at_390_px(live_server, transactional_db, browser, settings, tmp_path):  # noqa: F811
    settings.DATA_DIR = tmp_path
    plan = load_fengtai(tmp_path)
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page.add_init_script(WATCH)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/evaluation/plans/{plan.pk}/trajectory/?as_of=2024-03-01")
    page.wait_for_selector(".chart canvas")
    assert page.locator(".chart canvas").count() >= 5  # every target with a path or a figure has its line
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert "约束性指标存在完不成风险" in page.locator("#outlooks").inner_text()
    assert page.evaluate("window.__csp") == [] and errors == []
