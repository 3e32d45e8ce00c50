"""The leader of 197 Tongzhou measures signs in, opens the overview from the desk, sees the charts
drawn under the CSP, downloads the one-page PDF; on a phone the page does not scroll sideways."""
import io
from datetime import date

import pdfplumber

from ecoplan.plans import actions as plan_actions
from ecoplan.supervision import actions
from ecoplan.supervision.models import Role

from ..conftest import seed_path
from ..supervision.conftest import make_user
from .test_csp import WATCH
from .test_plan_page import browser, pytestmark  # noqa: F401  (the same chromium and marks)
from .test_reporting_walk import sign_in

LEADER = "姚伟龙"  # 牵头领导 of 197 measures of the Tongzhou 2024 plans


def test_leader_overview_charts_pdf_and_phone(live_server, transactional_db, browser, tmp_path):  # noqa: F811
    path = seed_path("tongzhou-2024-action-plans.txt")
    plan = plan_actions.import_document(path.read_bytes(), path.name)[1]
    for month in (date(2024, 5, 1), date(2024, 6, 1)):
        actions.do_open_cycle(plan, month)
    make_user("yao", Role.LEADER, person_name=LEADER)
    base = live_server.url

    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.add_init_script(WATCH)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, base, "yao")
    page.goto(f"{base}/supervision/")
    page.click("#my-overview")
    assert LEADER in page.locator("h1").inner_text()
    assert "197" in page.locator("#headline").inner_text()
    for box in ("#chart-theme", "#chart-unit", "#chart-trend"):
        page.wait_for_selector(f"{box} canvas")  # ECharts drew, from the static overview.js
    assert page.locator("#measures tr").count() == 51  # the first page of 197: header + 50
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    assert page.evaluate("window.__csp") == [] and errors == []
    page.emulate_media(media="print")  # @media print: no navigation, no buttons, no pager
    assert not page.locator("header").is_visible() and not page.locator("[data-print]").is_visible()
    assert page.locator("#chart-trend canvas").is_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.click("#overview-pdf")
    content = open(download.value.path(), "rb").read()
    with pdfplumber.open(io.BytesIO(content)) as doc:
        assert len(doc.pages) == 1
        text = doc.pages[0].extract_text()
    assert LEADER in text and "197" in text and "逾期" in text

    phone = browser.new_page(locale="zh-CN", viewport={"width": 390, "height": 844})
    phone.add_init_script(WATCH)
    sign_in(phone, base, "yao")
    phone.goto(f"{base}/supervision/overview/")
    phone.wait_for_selector("#chart-theme canvas")
    phone.screenshot(path=str(tmp_path / "overview-390.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.evaluate("window.__csp") == []
