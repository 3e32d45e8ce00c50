"""Changes to the monitoring registry and store: one ``do_*`` per user-visible change."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from django.db import transaction

from ecoplan.analytics.ingest import IngestError, Mapping
from ecoplan.plans.models import Area

from .models import ExclusionDay, IngestRun, Station, StationMembership
from .store import open_store, sync_registry

STATION_COLUMNS = ("code", "name", "area", "district")


def _date(text: str, where: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise IngestError(f"{where}: “{text}” is not a date (YYYY-MM-DD)") from None


def _float(text: str | None, where: str, field: str) -> float | None:
    if not text or not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        raise IngestError(f"{where} [{field}]: “{text[:50]}” is not a number") from None


@transaction.atomic
def do_register_stations(path: Path) -> int:
    """Station registry CSV: code,name,area,district[,kind,valid_from,valid_to,longitude,latitude].
    All rows or none; each row replaces the station's memberships."""
    try:
        return _register_stations(Path(path))
    except UnicodeDecodeError as exc:
        raise IngestError(f"{Path(path).name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise IngestError(f"{Path(path).name}: unreadable CSV ({exc})") from None
    except OSError as exc:
        raise IngestError(f"{path}: cannot read the file ({exc.strerror})") from None


def _register_stations(path: Path) -> int:
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, restval="")  # a short row reads as blank cells
        missing = [c for c in STATION_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise IngestError(f"{Path(path).name}: missing column(s) {', '.join(missing)}")
        count = 0
        for number, row in enumerate(reader, 2):
            where = f"{Path(path).name}:{number}"
            if not row["code"].strip() or not row["district"].strip():
                raise IngestError(f"{where}: code and district are required")
            district, _ = Area.objects.get_or_create(name=row["district"].strip(), parent=None,
                                                     defaults={"kind": Area.Kind.DISTRICT})
            kind = row.get("kind") or Station.Kind.EVALUATION
            if kind not in Station.Kind.values:
                raise IngestError(f"{where} [kind]: “{kind}” is not one of {', '.join(Station.Kind.values)}")
            station, _ = Station.objects.update_or_create(code=row["code"].strip(), defaults={
                "name": row["name"].strip() or row["code"].strip(), "kind": kind,
                "synthetic": (row.get("synthetic") or "").strip().lower() in ("1", "true", "yes"),
                "longitude": _float(row.get("longitude"), where, "longitude"),
                "latitude": _float(row.get("latitude"), where, "latitude")})
            valid_from = _date(row.get("valid_from", ""), where)
            valid_to = _date(row.get("valid_to", ""), where)
            station.memberships.all().delete()
            StationMembership.objects.create(station=station, area=district,
                                             valid_from=valid_from, valid_to=valid_to)
            if row["area"].strip():
                area, _ = Area.objects.get_or_create(name=row["area"].strip(), parent=district,
                                                     defaults={"kind": Area.Kind.SUB_AREA})
                StationMembership.objects.create(station=station, area=area,
                                                 valid_from=valid_from, valid_to=valid_to)
            count += 1
    return count


def do_ingest_air(path: Path, mapping: str | Mapping = "wide", acting_user=None,
                  compute: bool = True) -> IngestRun:
    """Ingest one file of hourly data and recompute the days it touched: all or nothing.

    The store's transaction (hourly file, flags, batch, daily values) commits only after the
    ``IngestRun`` row is written inside the Django transaction; a failure anywhere undoes both."""
    recorded: list[IngestRun] = []

    def record(report) -> None:
        gaps = store.gaps(batch=report.batch)  # the series this file touched
        flags = dict(report.flags)
        if gaps:  # not errors of the file, but what the coordinator must know about the series
            flags["gaps: missing station-hours between a station's first and last hour"] = sum(g[3] for g in gaps)
        recorded.append(IngestRun.objects.create(
            batch=report.batch, file=report.file[:300], rows=report.rows, hours=report.hours,
            stations=report.stations, first_hour=_aware(report.first), last_hour=_aware(report.last),
            flags=flags, acting_user=acting_user))

    with transaction.atomic(), open_store() as store:
        sync_registry(store)
        store.ingest(path, mapping, compute=compute, before_commit=record)
    return recorded[0]


def _aware(value):
    from django.utils import timezone

    return timezone.make_aware(value) if value is not None and timezone.is_naive(value) else value


def do_compute(rule_set: str | None = None) -> dict:
    with open_store() as store:
        sync_registry(store)
        return store.compute(rule_set=rule_set)


@transaction.atomic
def do_add_exclusion_days(days: list[date], area: Area | None, source: str) -> int:
    for day in days:
        ExclusionDay.objects.get_or_create(area=area, day=day, kind=ExclusionDay.Kind.DUST,
                                           defaults={"source": source})
    with open_store() as store:
        sync_registry(store)
        store.compute(days)
    return len(days)
