"""A plan that prints no year: the coordinator enters it once, and its deadlines get their dates."""
from datetime import date

import pytest

from ecoplan.plans import actions
from ecoplan.plans.models import Measure

from ..conftest import DEMO
from ..importers.test_plan_year import _without_year
from .test_views import coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return actions.import_document(_without_year(DEMO.read_text("utf-8")).encode(), "demo.txt")[1]


def test_entering_the_year_dates_the_deadlines_and_closes_the_question(client, plan):
    measures = Measure.objects.filter(task__annex__plan=plan)
    year_end = measures.filter(deadline_raw="年底前")
    assert year_end and all(m.deadline_end is None for m in year_end)
    asked = plan.review_items.get(kind="year_unknown")
    assert client.post(f"/plans/{plan.pk}/year/", {"year": "2026"}).status_code == 302  # signed out
    plan.refresh_from_db()
    assert plan.period_start is None
    coordinator(client)
    page = client.get("/review/").content.decode()
    assert f'action="/plans/{plan.pk}/year/"' in page
    assert client.post(f"/plans/{plan.pk}/year/", {"year": "26"}).status_code == 302
    plan.refresh_from_db()
    assert plan.period_start is None  # refused: not a year
    client.post(f"/plans/{plan.pk}/year/", {"year": "2026"})
    plan.refresh_from_db()
    assert (plan.period_start, plan.period_end) == (2026, 2026)
    assert {m.deadline_end for m in year_end.all()} == {date(2026, 12, 31)}
    long_term = measures.filter(deadline_kind__in=["long_term", "continuous", "recurring"])
    assert all(m.deadline_end is None for m in long_term)  # no date whatever the year
    asked.refresh_from_db()
    assert asked.status == "resolved" and "2026" in asked.resolution
    assert not measures.filter(deadline_kind__in=["year_end", "by_date"], deadline_end=None).exists()
