"""The coordinator opens the October draft, edits a paragraph, issues the bulletin and downloads
its DOCX — in Debian's chromium through Playwright."""
import io
import os

import docx
import pytest

from ecoplan.bulletins import actions
from ecoplan.bulletins.models import Bulletin, BulletinFile, BulletinTemplate
from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Area
from ecoplan.supervision.models import Role

from ..bulletins.conftest import AS_OF
from ..conftest import DEMO
from ..supervision.conftest import make_user
from .test_plan_page import CHROMIUM, browser  # noqa: F401  (the fixture)
from .test_reporting_walk import sign_in

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed")]


def test_issue_a_bulletin_and_download_it(live_server, transactional_db, browser):  # noqa: F811
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    for name in ("东湖街道", "西山街道", "南苑镇"):
        Area.objects.get_or_create(name=name, parent=plan.district, defaults={"kind": Area.Kind.SUB_AREA})
    template = BulletinTemplate.objects.create(name="月度通报", district=plan.district, issuer="北京市演示区生态环境局",
                                               abbreviation="演环通")
    coordinator = make_user("coord", Role.COORDINATOR)
    draft = actions.do_create_draft(coordinator, plan, template, "2026-10", AS_OF)
    base = live_server.url

    page = browser.new_page(locale="zh-CN", viewport={"width": 390, "height": 800})
    sign_in(page, base, "coord")
    page.goto(f"{base}/supervision/")
    page.click("#bulletins-link")
    page.click(f"text={plan.title}")
    page.click("a.draft-link")
    assert page.locator(".draftmark").inner_text() == "草稿"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll of the page
    page.fill("#text-targets", "十月各项目标总体正常，南苑镇PM2.5需加力。")
    page.click("#save-paragraphs")
    page.wait_for_selector("text=段落已保存")
    page.click("#issue-link")
    page.click("#confirm-issue")
    page.wait_for_selector("text=演环通〔")
    issued = Bulletin.objects.get(pk=draft.pk)
    assert issued.status == Bulletin.Status.ISSUED
    with page.expect_download() as caught:
        page.click("#download-docx")
    data = open(caught.value.path(), "rb").read()
    assert data == bytes(BulletinFile.objects.get(bulletin=issued, format="docx").content)
    text = "".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "十月各项目标总体正常，南苑镇PM2.5需加力。" in text and issued.number in text
