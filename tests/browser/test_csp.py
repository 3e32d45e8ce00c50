"""Under the Content-Security-Policy the pages still run: htmx, ECharts, Swagger UI, with no
violation reported by chromium."""
from datetime import date

from ecoplan.monitoring import demo
from ecoplan.plans import actions
from ecoplan.plans.models import Area

from ..conftest import DEMO
from .test_plan_page import browser, pytestmark  # noqa: F401  (the same chromium and marks)

WATCH = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"""


def open_page(chromium, url):
    page = chromium.new_page(locale="zh-CN")
    page.add_init_script(WATCH)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(url)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    return page, errors


def test_pages_run_under_the_csp(live_server, transactional_db, browser, settings, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    settings.DATA_DIR = tmp_path
    plan = actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    demo.load(tmp_path / "demo", date(2026, 4, 30))
    district = Area.objects.get(name="演示区", parent=None)

    page, errors = open_page(browser, f"{live_server.url}/air/areas/{district.pk}/?year=2026")
    page.wait_for_selector("#calendar canvas")  # ECharts drew, run by the nonce'd inline script
    page.wait_for_selector("#cumulative canvas")
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == "rgb(31, 107, 79)"
    assert page.evaluate("window.__csp") == [] and errors == []

    page.click("#compare-link")  # the 2012 and 2026 rules side by side, readable on a phone
    page.wait_for_selector("#levels")
    assert page.evaluate("getComputedStyle(document.querySelector('.scroll')).overflowX") == "auto"  # nonce'd style
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # wide tables scroll inside
    assert page.evaluate("window.__csp") == [] and errors == []

    page, errors = open_page(browser, f"{live_server.url}/plans/{plan.pk}/")
    page.select_option("select[name=theme]", "water")  # htmx swaps the measures
    expect(page.locator("h3.annex")).to_have_count(1)  # (no wait_for_function: the CSP forbids its eval)
    assert page.evaluate("window.__csp") == [] and errors == []

    page, errors = open_page(browser, f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")  # Swagger UI from our static files
    assert "ecoplan" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.evaluate("window.__csp") == [] and errors == []
