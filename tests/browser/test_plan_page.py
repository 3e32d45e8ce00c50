"""A person opens a plan page in Debian's chromium (Playwright) and finds its tasks in Chinese."""
import os
import shutil

import pytest

from ecoplan.plans import actions

from ..conftest import DEMO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed "
                       "(make test installs it)"),
]


@pytest.fixture
def browser():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def test_plan_page_shows_tasks_in_chinese(live_server, transactional_db, browser):
    from playwright.sync_api import expect

    plan = actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    page = browser.new_page(locale="zh-CN")
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    assert page.locator("h1").inner_text() == "演示区持续深入打好污染防治攻坚战 2026年行动计划"
    titles = page.locator("td.task-title").all_inner_texts()
    assert any("促进油品储运环节减排" in t for t in titles)
    # filter by theme through htmx: only the water annex remains
    page.select_option("select[name=theme]", "water")
    expect(page.locator("h3.annex")).to_have_count(1)  # (no wait_for_function: the CSP forbids its eval)
    assert "碧水" in page.locator("h3.annex").inner_text()
    assert "theme=water" in page.url
