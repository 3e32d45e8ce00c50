"""A person searches for a phrase of a measure in chromium (zh-CN), sees it marked, and the result
opens the plan page holding that measure."""
from urllib.parse import quote

from ecoplan.plans import actions

from ..conftest import DEMO
from .test_plan_page import browser, pytestmark  # noqa: F401  (the fixture and the marks)

PHRASE = "施工工地扬尘专项检查"


def test_search_finds_a_measure_and_links_to_it(live_server, transactional_db, browser):  # noqa: F811
    from playwright.sync_api import expect

    plan = actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    page = browser.new_page(locale="zh-CN", viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/search/?q={quote(PHRASE)}")
    measures = page.locator("#results-measure li")
    expect(measures).to_have_count(1)
    assert page.locator("#results-measure mark").first.inner_text() == PHRASE
    assert "措施" in page.locator("h2").first.inner_text()
    # the page fits a phone: nothing scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # the page's own form: a two-character phrase
    page.fill("#search-page-form input[name=q]", "扬尘")
    page.click("#search-page-form button[type=submit]")
    expect(page.locator("#results-measure mark").first).to_have_text("扬尘")
    page.goto(f"{live_server.url}/search/?q={quote(PHRASE)}")
    page.locator("#results-measure li a").first.click()
    page.wait_for_url(f"**/plans/{plan.pk}/**")
    assert page.locator("h1").inner_text() == plan.title
    rows = page.locator("tr.measure")
    expect(rows).to_have_count(1)
    assert PHRASE in rows.first.inner_text()
