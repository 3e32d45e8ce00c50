"""The project's air store and its registry tables, kept in step with the Django registry."""
from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings

from ecoplan.analytics.store import AirStore

from .models import ExclusionDay, Station, StationMembership


def area_key(area) -> str:
    """Areas are keyed by primary key in the store (names repeat across districts)."""
    return str(area.pk)


@contextmanager
def open_store():
    store = AirStore(settings.DATA_DIR / "air")
    try:
        yield store
    finally:
        store.close()


def sync_registry(store: AirStore) -> None:
    """Push station memberships (evaluation sites only) and the exclusion register."""
    rows = [(m.station.code, area_key(m.area), m.valid_from, m.valid_to)
            for m in StationMembership.objects.select_related("station", "area")
            .filter(station__kind=Station.Kind.EVALUATION)]
    store.set_membership(rows)
    store.set_exclusions([(area_key(e.area) if e.area_id else "*", e.day, e.kind)
                          for e in ExclusionDay.objects.select_related("area")])
