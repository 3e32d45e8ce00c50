"""The ranking table in a browser: a click on a heading sorts by that column (ecoplan/ranking.js,
no inline script under the CSP), again reverses it, the unranked stay last; the chart draws; on a
390-px phone the page does not scroll sideways."""
import os
from datetime import date

import pytest

from ecoplan.plans.models import Area, Role
from ecoplan.rankings import sources

from ..rankings.conftest import FakeSource
from ..supervision.conftest import make_user
from .test_plan_page import CHROMIUM, browser  # noqa: F401  (the fixture)
from .test_reporting_walk import sign_in

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed")]
OCT = date(2025, 10, 1)


@pytest.fixture
def ranked(transactional_db):
    saved = dict(sources.SOURCES)
    fake = FakeSource()
    sources.register("air")(fake)
    top = Area.objects.create(name="示范区", kind=Area.Kind.DISTRICT)
    for name, value in (("东街道", "35"), ("西街道", "31"), ("南街道", "48"), ("北镇", "40"),
                        ("中乡", "3 valid days of 31, fewer than 27 required")):
        Area.objects.create(name=name, kind=Area.Kind.SUB_AREA, parent=top)
        fake.values[(name, OCT)] = value
    make_user("coord", Role.COORDINATOR)
    yield top
    sources.SOURCES.clear()
    sources.SOURCES.update(saved)


def names(page):
    return page.locator("#ranking-table tbody tr td:nth-child(2)").all_inner_texts()


def test_a_click_on_a_heading_sorts_the_table(live_server, ranked, browser):  # noqa: F811
    from playwright.sync_api import expect

    page = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    sign_in(page, live_server.url, "coord")
    page.goto(f"{live_server.url}/rankings/run/?area={ranked.pk}&metric=pm25&period=2025-10&bottom_n=1")
    assert names(page) == ["西街道", "东街道", "北镇", "南街道", "中乡"]  # best first, the unranked last
    value = page.locator("#ranking-table thead th").nth(2)
    value.click()  # the value, ascending: the same order
    expect(value).to_have_attribute("aria-sort", "ascending")
    assert names(page) == ["西街道", "东街道", "北镇", "南街道", "中乡"]
    value.click()  # descending: the worst first, the unranked still last
    expect(value).to_have_attribute("aria-sort", "descending")
    assert names(page) == ["南街道", "北镇", "东街道", "西街道", "中乡"]
    page.locator("#ranking-table thead th").nth(1).click()  # by name, in pinyin order (zh collation)
    assert names(page) == ["北镇", "东街道", "南街道", "西街道", "中乡"]
    expect(page.locator("#ranking-bars canvas")).to_have_count(1)  # the bar chart drew
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert failed == []  # every script, style and chart file loaded
