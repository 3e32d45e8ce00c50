"""Every main page fits a 390-px phone (issue #10, point 5): the page itself never scrolls sideways
(wide tables scroll inside their own box), and the navigation folds into a menu that opens —
in Debian's chromium through Playwright, in zh-CN, as each role, over the demo (`ecoplan
load_demo`: a plan with a year of cycles, air, water and measurement data, reported values) and,
where the seeds are beside the clone, a real district's 250-measure plan."""
import os
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Count

from ecoplan.bulletins.models import Bulletin, BulletinTemplate
from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Area, Assignment, Measure, Organisation, Plan, Target
from ecoplan.rankings.models import RankingDefinition
from ecoplan.supervision.models import Report, Role

from ..conftest import SEEDS
from ..supervision.conftest import make_user
from .test_plan_page import CHROMIUM, browser  # noqa: F401  (the fixture)
from .test_reporting_walk import sign_in

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium not installed")]
SHOTS = os.environ.get("ECOPLAN_SCREENSHOTS")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SEED = SEEDS / "tongzhou-2024-action-plans.txt"

# The pages, by who opens them ({…} from ids() below).  A new page: add its URL here.
PAGES = {
    "anonymous": [
        "/", "/plans/{plan}/", "/plans/{plan}/report/", "/organisations/", "/organisations/{unit}/",
        "/review/", "/air/", "/air/areas/{district}/?year={year}", "/air/areas/{district}/compare/{year}/",
        "/air/stations/DEMO01/?year={year}", "/air/measurements/", "/air/measurements/{district}/?year={year}",
        "/water/", "/evaluation/plans/{plan}/", "/evaluation/plans/{plan}/trajectory/",
        "/accounts/login/", "/no-such-page/", "/search/?q=%E6%89%AC%E5%B0%98",
        # a real district's plan and its busiest unit (when the seeds are beside the clone)
        "/plans/{seed_plan}/", "/organisations/{seed_unit}/",
    ],
    "coordinator": [
        "/supervision/", "/supervision/plans/{plan}/cycles/", "/supervision/cycles/{cycle}/",
        "/supervision/reports/{report}/", "/supervision/plans/{plan}/assessment/",
        "/supervision/plans/{plan}/measures/done/", "/supervision/notifications/", "/supervision/token/",
        "/evaluation/reported/", "/evaluation/plans/{plan}/reported/", "/evaluation/targets/{reported}/",
        "/import/", "/lexicon/", "/audit/", "/review/",
        "/supervision/people/", "/supervision/people/invite/", "/supervision/people/{reporter_user}/",
        "/supervision/overview/", "/supervision/overview/?unit={unit}", "/supervision/overview/?plan={plan}",
        "/rankings/", "/rankings/{ranking}/", "/rankings/{ranking}/edit/", "/rankings/new/",
        "/rankings/run/?area={district}&metric=composite_index&bottom_n=1",
        "/rankings/areas/{district}/", "/rankings/plans/{plan}/", "/rankings/flags/",
        "/bulletins/", "/bulletins/plans/{plan}/", "/bulletins/{bulletin}/", "/bulletins/{bulletin}/issue/",
        "/bulletins/templates/{template}/",
    ],
    "reporter": [
        "/supervision/", "/supervision/reports/{report}/", "/supervision/notifications/", "/supervision/token/",
        "/evaluation/reported/", "/evaluation/targets/{reported}/", "/supervision/overview/",
        "/rankings/", "/rankings/{ranking}/", "/bulletins/",
    ],
    "leader": ["/supervision/", "/supervision/token/", "/search/?q=%E6%8E%AA%E6%96%BD",
               "/supervision/overview/", "/rankings/{ranking}/"],
    "auditor": ["/supervision/", "/supervision/plans/{plan}/assessment/", "/supervision/cycles/{cycle}/", "/audit/",
                "/supervision/people/"],
}


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.DATA_DIR = settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open(os.devnull, "w"))
    plan = Plan.objects.get(title__startswith="演示区")
    users = {"coordinator": User.objects.get(username="demo-coordinator"),
             "reporter": User.objects.get(username="demo-reporter"),
             "auditor": User.objects.get(username="demo-auditor")}
    for user in users.values():
        user.set_password("pw-123456")
        user.save()
    official = Assignment.objects.filter(measure__task__annex__plan=plan, role="lead_official").first()
    users["leader"] = make_user("leader", Role.LEADER, person_name=official.person_name if official else "")
    seed_plan = seed_unit = None
    if SEED.exists():
        seed_plan = plan_actions.import_document(SEED.read_bytes(), SEED.name)[1]
        seed_unit = (Organisation.objects.filter(assignments__measure__task__annex__plan=seed_plan)
                     .annotate(n=Count("assignments")).order_by("-n").first())
    cycle = plan.cycles.order_by("-month").first()
    own = users["reporter"].profile.organisation
    district = Area.objects.get(name="演示区", parent=None)
    ranking = RankingDefinition.objects.filter(area=district).first() or RankingDefinition.objects.create(
        name="街道PM2.5月排名", area=district, metric="pm25", bottom_n=1, top_n=1)
    ids = {"plan": plan.pk, "cycle": cycle.pk, "year": cycle.month.year,
           "report": Report.objects.filter(cycle=cycle, organisation=own).get().pk,
           "unit": own.pk, "district": district.pk, "ranking": ranking.pk,
           "bulletin": Bulletin.objects.get(plan=plan).pk, "template": BulletinTemplate.objects.get().pk,
           "reported": Target.objects.filter(plan=plan, indicator_code="water_use_per_gdp").get().pk,
           "reporter_user": users["reporter"].pk,
           "seed_plan": seed_plan and seed_plan.pk, "seed_unit": seed_unit and seed_unit.pk}
    return {"ids": ids, "users": users}


def urls(role, ids):
    """The role's pages with their ids; a seed's page only when the seed was imported."""
    return [url.format(**ids) for url in PAGES[role]
            if not ("{seed_" in url and not ids["seed_plan"])]


def test_every_main_page_fits_a_phone(live_server, world, browser):  # noqa: F811
    wide, broken, seen = [], [], 0
    for role in PAGES:
        context = browser.new_context(locale="zh-CN", viewport=PHONE)
        page = context.new_page()
        if role != "anonymous":
            sign_in(page, live_server.url, world["users"][role].username)
        for url in urls(role, world["ids"]):
            response = page.goto(live_server.url + url)
            if url == "/no-such-page/":
                assert response.status == 404  # our own error page, in the same frame
            elif response.status != 200:
                broken.append(f"{role} {url}: HTTP {response.status}")
                continue
            seen += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wide.append(f"{role} {url}: {width} px")
            if SHOTS:
                name = urlparse(url).path.strip("/").replace("/", "_") or "home"
                page.screenshot(path=os.path.join(SHOTS, f"phone-{role}-{name}.png"))
        context.close()
    assert broken == [] and wide == []
    assert seen >= 40


def test_the_menu_folds_on_a_phone_and_is_one_line_on_a_desktop(live_server, world, browser):  # noqa: F811
    from playwright.sync_api import expect

    user = world["users"]["coordinator"].username
    phone = browser.new_context(locale="zh-CN", viewport=PHONE).new_page()
    sign_in(phone, live_server.url, user)
    phone.goto(f"{live_server.url}/plans/{world['ids']['plan']}/")
    sections = phone.locator("header nav a")
    assert sections.count() >= 6
    expect(sections.first).to_be_hidden()  # folded: only the brand and the menu button show
    assert phone.locator("header").bounding_box()["height"] < 70
    phone.click("details.menu > summary")
    for i in range(sections.count()):
        expect(sections.nth(i)).to_be_visible()
        box = sections.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    expect(phone.locator("header nav a[aria-current=page]")).to_have_text("规划")  # the current section
    expect(phone.locator("header #account summary")).to_have_text(user)
    expect(phone.locator("#sign-out")).to_be_visible()
    expect(phone.locator("header a[href='/supervision/token/']")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # the search box: a GET form with q
    phone.fill("header input[name=q]", "扬尘")
    search = phone.locator("header form.search")
    assert search.get_attribute("method") == "get" and search.get_attribute("action").endswith("/search/")
    if SHOTS:
        phone.screenshot(path=os.path.join(SHOTS, "phone-menu-open.png"))
    phone.keyboard.press("Escape")
    expect(sections.first).to_be_hidden()
    # a section opens, and the menu stays at hand there
    phone.click("details.menu > summary")
    phone.click("header nav a[href='/supervision/']")
    expect(phone.locator("header nav a[aria-current=page]")).to_have_text("督办")
    expect(phone.locator("header nav a").first).to_be_hidden()

    desk = browser.new_context(locale="zh-CN", viewport=DESKTOP).new_page()
    sign_in(desk, live_server.url, user)
    desk.goto(f"{live_server.url}/air/")
    expect(desk.locator("details.menu > summary")).to_be_hidden()
    tops = {round(desk.locator("header nav a").nth(i).bounding_box()["y"])
            for i in range(desk.locator("header nav a").count())}
    assert len(tops) == 1  # one line
    assert desk.locator("header").bounding_box()["height"] < 60
    expect(desk.locator("header input[name=q]")).to_be_visible()
    expect(desk.locator("header nav a[aria-current=page]")).to_have_text("空气质量")
    desk.click("header #account summary")  # the account menu drops down
    expect(desk.locator("#sign-out")).to_be_visible()
    desk.click("#sign-out")
    expect(desk.locator("header a.signin")).to_be_visible()


def test_a_link_into_a_folded_plan_opens_its_annex(live_server, world, browser):  # noqa: F811
    """A long plan shows its annexes folded; a link to one of its measures (as the unit page and
    search give) opens that annex at the measure."""
    from playwright.sync_api import expect

    plan = Plan.objects.get(pk=world["ids"]["seed_plan"] or world["ids"]["plan"])
    last = Measure.objects.filter(task__annex__plan=plan).order_by("task__annex__order", "task__order", "order").last()
    page = browser.new_context(locale="zh-CN", viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    folded = page.locator("details.fold:not([open]) h3.annex").count()
    if world["ids"]["seed_plan"]:
        assert folded == plan.annexes.filter(tasks__isnull=False).distinct().count()
        assert page.evaluate("document.documentElement.scrollHeight") < 3000  # was 24,000 px on a desktop
    page.goto(f"{live_server.url}/plans/{plan.pk}/#measure-{last.pk}")
    expect(page.locator(f"#measure-{last.pk}")).to_be_in_viewport()
