"""Long pages fold or page (issue #10): a real district's plan shows its annexes folded with their
counts, a filter opens them; a unit's lists and the review queue page, keeping their filters."""
import re

import pytest

from ecoplan.plans import actions
from ecoplan.plans.models import Organisation, ReviewItem
from ecoplan.plans.views import FOLD_MEASURES_ABOVE, PAGE_SIZE

from ..conftest import DEMO

pytestmark = pytest.mark.django_db


@pytest.fixture
def tongzhou(seed):
    return actions.import_document(seed("tongzhou-2024-action-plans.txt").read_bytes(),
                                   "tongzhou-2024-action-plans.txt")[1]


def annexes(page: str) -> list[tuple[bool, str]]:
    """(open, counts) of each annex's fold on a plan page."""
    return [(" open" in attrs, counts) for attrs, counts in
            re.findall(r'<details class="fold" id="annex-\d+"([^>]*)>.*?<span class="muted">([^<]*)</span></summary>',
                       page, re.S)]


def test_a_long_plan_folds_its_annexes_with_their_counts(client, tongzhou):
    assert tongzhou.annexes.count() == 5 and sum(a.tasks.count() for a in tongzhou.annexes.all()) > 100
    page = client.get(f"/plans/{tongzhou.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    folds = annexes(page)
    assert len(folds) == 5 and not any(is_open for is_open, _ in folds)
    assert folds[0][1] == "31 项任务，82 条措施"
    assert 'id="targets-fold">' in page  # 25 targets: folded too
    # every measure is still on the page (find-in-page and links reach it), each with its anchor
    first = tongzhou.annexes.order_by("order").first().tasks.order_by("order").first().measures.order_by("order").first()
    assert f'id="measure-{first.pk}"' in page
    # a filter opens what it keeps
    filtered = client.get(f"/plans/{tongzhou.pk}/", {"theme": "water"}).content.decode()
    assert [is_open for is_open, _ in annexes(filtered)] == [True]


def test_a_short_plan_stays_open(client):
    plan = actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    assert sum(a.tasks.count() for a in plan.annexes.all()) <= FOLD_MEASURES_ABOVE
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert all(is_open for is_open, _ in annexes(page)) and annexes(page)
    assert 'id="targets-fold" open>' in page


def test_a_units_lists_page_apart_and_link_into_the_plan(client, tongzhou):
    unit = max(Organisation.objects.all(), key=lambda o: o.assignments.filter(role="lead_unit").count())
    leads = set(unit.assignments.filter(role="lead_unit").values_list("measure_id", flat=True))
    assert len(leads) > PAGE_SIZE  # the district's environment bureau
    first = client.get(f"/organisations/{unit.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    shown = {int(m) for m in re.findall(r'#measure-(\d+)"', first.split('id="co"')[0])}
    assert len(shown) == PAGE_SIZE and f"（{len(leads)}）" in first
    assert '<a href="?lead=2#lead" rel="next">' in first
    second = client.get(f"/organisations/{unit.pk}/", {"lead": 2, "co": 1}).content.decode()
    more = {int(m) for m in re.findall(r'#measure-(\d+)"', second.split('id="co"')[0])}
    assert more and not more & shown and more | shown <= leads
    assert '?lead=1&amp;co=1#lead' in second  # back, keeping the other list's page


def test_the_review_queue_pages_keeping_its_filters(client, seed):
    xicheng = actions.import_document(seed("xicheng-2024-action-plan.txt").read_bytes(),
                                      "xicheng-2024-action-plan.txt")[1]
    items = ReviewItem.objects.filter(plan=xicheng, status="open", kind="units_ambiguous").count()
    assert items > PAGE_SIZE
    page = client.get("/review/", {"plan": xicheng.pk, "kind": "units_ambiguous"},
                      HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert page.count('<tr id="review-') == PAGE_SIZE
    assert f"?plan={xicheng.pk}&amp;kind=units_ambiguous&amp;page=2" in page  # the kind was lost before
    assert f"第 1 / {-(-items // PAGE_SIZE)} 页，共 {items} 项" in page
    last = client.get("/review/", {"plan": xicheng.pk, "kind": "units_ambiguous", "page": -(-items // PAGE_SIZE)}).content.decode()
    assert last.count("<tr id=\"review-") == (items % PAGE_SIZE or PAGE_SIZE)
