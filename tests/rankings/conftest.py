"""A district with streets, towns and a park, and a fake source the tests fill with figures."""
from __future__ import annotations

from decimal import Decimal

import pytest

from ecoplan.plans.models import Area
from ecoplan.rankings import sources
from ecoplan.rankings.sources import AreaFigure


class FakeSource:
    """Answers from ``values``: (area name, window start) → value, or the reason text when it has
    none; records each call (metric, areas, window)."""

    def __init__(self):
        self.values: dict[tuple[str, object], str] = {}
        self.calls: list[tuple[str, tuple[str, ...], sources.Window]] = []

    def __call__(self, metric, areas, window):
        self.calls.append((metric.code, tuple(a.name for a in areas), window))
        found = {}
        for a in areas:
            value = self.values.get((a.name, window.start))
            if value is None:
                continue
            try:
                found[a.pk] = AreaFigure(Decimal(value))
            except ArithmeticError:  # not a number: the reason there is none
                found[a.pk] = AreaFigure(None, value)
        return found


@pytest.fixture
def fake_sources():
    """Every metric source answered by one FakeSource; the registry restored afterwards."""
    saved = dict(sources.SOURCES)
    fake = FakeSource()
    for name in ("air", "measurement", "water", "reported", "supervision"):
        sources.register(name)(fake)
    yield fake
    sources.SOURCES.clear()
    sources.SOURCES.update(saved)


@pytest.fixture
def english():
    """Messages in English, to match them (the default language is zh-hans)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def district(db):
    """示范区: three streets, two towns (镇, 乡) and a park; another district beside it."""
    top = Area.objects.create(name="示范区", kind=Area.Kind.DISTRICT)
    Area.objects.create(name="邻区", kind=Area.Kind.DISTRICT)
    for name in ("东街道", "西街道", "南街道", "北镇", "中乡", "科技园区管委会"):
        Area.objects.create(name=name, kind=Area.Kind.SUB_AREA, parent=top)
    return top
