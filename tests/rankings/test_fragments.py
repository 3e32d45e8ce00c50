"""The rankings where people look: the air area pages, a plan's targets, the leader's overview and
the coordinator's month load their fragment (htmx) from the rankings app, which those apps never
import; the fragments themselves."""
from __future__ import annotations

from datetime import date

import pytest

from ecoplan.monitoring import demo
from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Area, Role
from ecoplan.rankings.models import RankingDefinition

from ..conftest import DEMO
from ..supervision.conftest import make_user

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
APRIL, MARCH = date(2026, 4, 1), date(2026, 3, 1)


@pytest.fixture
def plan(db):
    return plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]


@pytest.fixture
def april(plan, fake_sources):
    """April 2026 in the demo district: its sub-areas' PM2.5, the first one without enough days."""
    for name in sorted({s[2] for s in demo.STATIONS}):  # the demo's streets and town (as the air demo makes them)
        Area.objects.get_or_create(name=name, parent=plan.district, defaults={"kind": Area.Kind.SUB_AREA})
    subs = list(Area.objects.filter(parent=plan.district).order_by("name"))
    for i, area in enumerate(subs):
        fake_sources.values[(area.name, APRIL)] = "7 valid days of 30, fewer than 27 required" if i == 0 else str(30 + i)
        fake_sources.values[(area.name, MARCH)] = str(40 - i)
    return subs


@pytest.fixture
def people(db):
    return {"coordinator": make_user("coord", Role.COORDINATOR), "reporter": make_user("rep", Role.REPORTER)}


def test_the_district_and_sub_area_fragments(client, plan, april, people):
    client.force_login(people["reporter"])
    district = plan.district
    part = client.get(f"/rankings/areas/{district.pk}/", {"period": "2026-04"}, **HTMX).content.decode()
    assert "<html" not in part and 'id="area-ranking"' in part and "2026年4月" in part
    assert all(a.name in part for a in april) and 'data-sort="num"' in part  # sortable
    assert "7 valid days of 30" in part  # the unranked, with the reason
    worst = april[-1]
    mine = client.get(f"/rankings/areas/{worst.pk}/", {"period": "2026-04"}, **HTMX).content.decode()
    assert 'id="own-place"' in mine and f"<b>{len(april) - 1}</b>" in mine  # last of the ranked
    assert "↓" in mine  # best in March (40 − i: the last was lowest), worst in April
    page = client.get(f"/rankings/areas/{worst.pk}/", {"period": "2026-04"}).content.decode()
    assert "<html" in page and 'id="own-place"' in page  # without htmx: a page


def test_a_saved_ranking_of_the_district_gives_the_fragment_its_n(client, plan, april, people):
    RankingDefinition.objects.create(name="月度PM2.5", area=plan.district, metric="pm25", bottom_n=1)
    client.force_login(people["coordinator"])
    part = client.get(f"/rankings/areas/{plan.district.pk}/", {"period": "2026-04"}, **HTMX).content.decode()
    assert "月度PM2.5" in part and part.count('class="flag bottom"') == 1


@pytest.fixture
def air(plan, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    demo.load(tmp_path / "demo", date(2026, 4, 30))
    return plan


def test_the_area_page_loads_the_ranking_for_staff_only(client, air, people):
    district = air.district
    url = f"/air/areas/{district.pk}/"
    assert 'id="area-ranking"' not in client.get(url, {"year": 2026}).content.decode()  # the public: no ranking
    client.force_login(people["reporter"])
    page = client.get(url, {"year": 2026}).content.decode()
    assert f'hx-get="/rankings/areas/{district.pk}/?period=2026-04"' in page  # the latest complete month of data
    assert "ecoplan/ranking.js" in page


def test_the_evaluation_page_loads_the_plans_rankings(client, plan, april, people):
    url = f"/evaluation/plans/{plan.pk}/"
    assert 'id="plan-rankings"' not in client.get(url).content.decode()
    client.force_login(people["coordinator"])
    page = client.get(url, {"as_of": "2026-04-30"}).content.decode()
    assert f'hx-get="/rankings/plans/{plan.pk}/?as_of=2026-04-30"' in page
    part = client.get(f"/rankings/plans/{plan.pk}/", {"as_of": "2026-04-30"}, **HTMX).content.decode()
    assert 'id="plan-rankings"' in part and "2026年4月" in part and april[1].name in part  # PM2.5, none saved
    RankingDefinition.objects.create(name="综合指数排名", area=plan.district, metric="composite_index", bottom_n=2)
    part = client.get(f"/rankings/plans/{plan.pk}/", {"as_of": "2026-04-30"}, **HTMX).content.decode()
    assert "综合指数排名" in part


def test_the_flags_on_the_overview_and_the_month(client, plan, april, people):
    from ecoplan.supervision import actions

    actions.do_open_cycle(plan, date(2026, 5, 1))
    RankingDefinition.objects.create(name="月度PM2.5", area=plan.district, metric="pm25", bottom_n=1)
    RankingDefinition.objects.create(name="停用", area=plan.district, metric="pm25", bottom_n=2, active=False)
    client.force_login(people["coordinator"])
    month = client.get(f"/supervision/plans/{plan.pk}/month/").content.decode()
    assert f'hx-get="/rankings/flags/?area={plan.district.pk}"' in month
    overview = client.get("/supervision/overview/", {"unit": plan_unit(plan).pk}).content.decode()
    assert f'hx-get="/rankings/flags/?area={plan.district.pk}"' in overview
    part = client.get("/rankings/flags/", {"area": plan.district.pk, "as_of": "2026-04-30"}, **HTMX).content.decode()
    assert "月度PM2.5" in part and "停用" not in part and "2026年4月" in part
    assert f"{april[-1].name} 2/2" in part and april[1].name not in part  # the bottom 1 only (one is unranked)
    assert client.get("/rankings/flags/", {"area": "x"}).status_code == 400


def plan_unit(plan):  # a lead unit of the demo plan
    from ecoplan.plans.models import Organisation

    return Organisation.objects.get(name="区市场监管局")


def test_the_fragments_queries_do_not_grow_with_the_sub_areas(client, plan, april, people, fake_sources,
                                                               django_assert_max_num_queries):
    RankingDefinition.objects.create(name="月度PM2.5", area=plan.district, metric="pm25", bottom_n=2)
    client.force_login(people["coordinator"])
    urls = [f"/rankings/areas/{plan.district.pk}/?period=2026-04", f"/rankings/areas/{april[1].pk}/?period=2026-04",
            f"/rankings/plans/{plan.pk}/?as_of=2026-04-30", f"/rankings/flags/?area={plan.district.pk}&as_of=2026-04-30"]
    for round_ in range(2):
        for url in urls:
            with django_assert_max_num_queries(12):
                assert client.get(url, **HTMX).status_code == 200, url
        for i in range(30):  # thirty more streets, then the same again
            area = Area.objects.create(name=f"新{round_}{i}街道", kind=Area.Kind.SUB_AREA, parent=plan.district)
            fake_sources.values[(area.name, APRIL)] = str(20 + i)


def test_the_leaders_pdf_carries_the_bottom_n(client, plan, april, people):
    """The overview's PDF has the page's 排名靠后 card: the saved rankings and their bottom sub-areas."""
    from ecoplan.rankings.flags import flagged
    from ecoplan.supervision import overview as read

    from ..supervision.test_overview import _pdf_text

    RankingDefinition.objects.create(name="月度PM2.5", area=plan.district, metric="pm25", bottom_n=1)
    flags = flagged(people["coordinator"], {plan.district.pk}, date(2026, 5, 1))
    assert [(d.name, [r.name for r in bottom]) for d, _result, bottom in flags] == [("月度PM2.5", [april[-1].name])]
    ov = read.build(read.Scope(unit=plan_unit(plan)))
    _pages, text = _pdf_text(pdf_one_page(read.summary(ov, flags=flags)))
    assert "月度PM2.5" in text and april[-1].name in text
    client.force_login(people["coordinator"])
    response = client.get("/supervision/overview/pdf", {"unit": plan_unit(plan).pk}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "月度PM2.5" in _pdf_text(response.content)[1]  # this month's ranking: the card is in the PDF


def pdf_one_page(page):
    from ecoplan.reporting import pdf

    return pdf.one_page(page)
