"""Monthly measurements and the municipal ranking: the changes (``do_*``, all or nothing) and the
reads the judges and the pages share.

Sites: ``code,name,kind,area,district[,synthetic]`` (kind: ``vocabulary.measurements.SITE_KINDS``;
area empty: a site placed directly in the district).  Values: one row per site and month (or
period ``start``/``end``) of one indicator, through a declared column mapping.  Ranking: one row
per sub-area and month of one pollutant.  The first bad cell stops the file: nothing is kept,
and the message names the file, the row and the field.
"""
from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q

from ecoplan.analytics import tables
from ecoplan.analytics.ingest import IngestError
from ecoplan.analytics.monthly import MonthlyValue, PeriodFigure, Rules, period_figure
from ecoplan.analytics.ranking import Place, best_first
from ecoplan.plans.models import Area
from ecoplan.vocabulary import indicators, measurements
from ecoplan.vocabulary.deadlines import month_end_of

from .models import ExclusionDay, Measurement, MeasurementBatch, MeasurementSite, RankingEntry

SITE_FIELDS = ("code", "name", "kind", "area", "district", "synthetic")
VALUE_FIELDS = ("site", "month", "start", "end", "value", "unit", "flags")
RANKING_FIELDS = ("month", "district", "sub_area", "position", "total", "value")
# what a flags cell may say for sand_dust (a laboratory writes 沙尘 in its remarks column)
FLAG_WORDS = {"sand_dust": ("sand_dust", "沙尘", "受沙尘影响", "扣沙"), "estimated": ("estimated", "估算")}
# values above these are not measurements (a unit slip: kg for t, mg for µg) — refused
PLAUSIBLE = {"dustfall": Decimal(300), "tsp": Decimal(5000), "road_dust": Decimal(100),
             "residual_dust": Decimal(1000), "noise_regional": Decimal(140), "noise_traffic": Decimal(140)}


def rules() -> Rules:
    """The configured rules: ECOPLAN_ABOUT_TOLERANCE, ECOPLAN_DUST_MONTH_DAYS,
    ECOPLAN_MEASUREMENT_MIN_SHARE."""
    return Rules(about=settings.ECOPLAN_ABOUT_TOLERANCE, dust_days=settings.ECOPLAN_DUST_MONTH_DAYS,
                 min_share=Decimal(str(settings.ECOPLAN_MEASUREMENT_MIN_SHARE)))


def _guard(action):
    """Unreadable bytes and OS errors as an IngestError naming the file."""
    def run(path, *args, **kwargs):
        try:
            return action(Path(path), *args, **kwargs)
        except UnicodeDecodeError as exc:
            raise IngestError(f"{Path(path).name}: not UTF-8 text ({exc.reason})") from None
        except OSError as exc:
            raise IngestError(f"{path}: cannot read the file ({exc.strerror})") from None
    run.__doc__, run.__name__ = action.__doc__, action.__name__
    return run


@_guard
@transaction.atomic
def do_register_sites(path: Path, mapping: dict[str, str] | None = None) -> int:
    """Register (or update) measuring sites; their districts and sub-areas are created as needed."""
    rows = tables.read_rows(path, SITE_FIELDS, ("code", "kind", "district"), mapping)
    seen: dict[str, int] = {}
    for number, row in rows:
        where = f"{path.name}:{number}"
        for field in ("code", "kind", "district"):
            if not row.get(field):
                raise IngestError(f"{where} [{field}]: empty")
        if row["code"] in seen:
            raise IngestError(f"{where} [code]: {row['code']} is also on row {seen[row['code']]}")
        seen[row["code"]] = number
        if row["kind"] not in measurements.SITE_KIND_CODES:
            raise IngestError(f"{where} [kind]: “{row['kind']}” is not one of "
                              f"{', '.join(measurements.SITE_KIND_CODES)}")
        district, _ = Area.objects.get_or_create(name=row["district"], parent=None,
                                                 defaults={"kind": Area.Kind.DISTRICT})
        area = district
        if row.get("area"):
            area, _ = Area.objects.get_or_create(name=row["area"], parent=district,
                                                 defaults={"kind": Area.Kind.SUB_AREA})
        MeasurementSite.objects.update_or_create(code=row["code"], defaults={
            "name": row.get("name") or row["code"], "kind": row["kind"], "area": area,
            "synthetic": row.get("synthetic", "").lower() in ("1", "true", "yes")})
    return len(rows)


def _unit(indicator: str, printed: str, where: str) -> str:
    unit = indicators.BY_CODE[indicator].unit
    if printed and printed not in measurements.UNIT_SPELLINGS[indicator]:
        raise IngestError(f"{where} [unit]: “{printed}” is not a unit of {indicator} "
                          f"({', '.join(measurements.UNIT_SPELLINGS[indicator])})")
    return unit


def _flags(text: str, where: str) -> list[str]:
    if not text:
        return []
    found = [code for code, words in FLAG_WORDS.items() if any(w in text for w in words)]
    if not found:
        raise IngestError(f"{where} [flags]: “{text[:40]}” is no known flag (沙尘 / sand_dust, 估算 / estimated)")
    return found


@_guard
@transaction.atomic
def do_ingest_measurements(path: Path, indicator: str, mapping: dict[str, str] | None = None,
                           acting_user=None) -> MeasurementBatch:
    """Ingest one file of values of ``indicator``: every row valid, or nothing kept.  A value for a
    site and period already stored is replaced (a corrected file), and counted as such."""
    if indicator not in measurements.MEASURED:
        raise IngestError(f"{path.name}: “{indicator}” is not a measured indicator "
                          f"({', '.join(measurements.MEASURED)})")
    rows = tables.read_rows(path, VALUE_FIELDS, ("site", "value"), mapping)
    sites = {s.code: s for s in MeasurementSite.objects.all()}
    seen: dict[tuple[str, date, date], int] = {}
    kept: list[Measurement] = []
    for number, row in rows:
        where = f"{path.name}:{number}"
        site = sites.get(row["site"])
        if site is None:
            raise IngestError(f"{where} [site]: “{row['site'][:40]}” is not a registered measuring site "
                              "(ecoplan measure sites FILE registers them)")
        if indicator not in measurements.MEASURES[site.kind]:
            raise IngestError(f"{where} [site]: {site.code} is a {site.kind}, which does not measure {indicator}")
        if row.get("month"):
            start = tables.month(row["month"], where)
            end = month_end_of(start)
        elif row.get("start") and row.get("end"):
            start, end = tables.day(row["start"], where, "start"), tables.day(row["end"], where, "end")
            if end < start:
                raise IngestError(f"{where} [end]: {end} is before the start {start}")
        else:
            raise IngestError(f"{where} [month]: empty (give a month, or start and end)")
        if not row.get("value"):
            raise IngestError(f"{where} [value]: empty (leave a month that was not measured out of the file)")
        value = tables.number(row["value"], where, "value")
        if value < 0 or value > PLAUSIBLE[indicator]:
            raise IngestError(f"{where} [value]: {value} is outside 0 … {PLAUSIBLE[indicator]} "
                              f"{indicators.BY_CODE[indicator].unit} (a unit slip?)")
        key = (site.code, start, end)
        if key in seen:
            raise IngestError(f"{where} [site]: {site.code} {start:%Y-%m} is also on row {seen[key]}")
        seen[key] = number
        kept.append(Measurement(site=site, indicator=indicator, start=start, end=end, value=value,
                                unit=_unit(indicator, row.get("unit", ""), where),
                                flags=_flags(row.get("flags", ""), where), source_row=number))
    if not kept:
        raise IngestError(f"{path.name}: no values in the file")
    keys = {(m.site.pk, m.start, m.end) for m in kept}
    stale = [pk for pk, *key in Measurement.objects.filter(
        indicator=indicator, site__in={m.site.pk for m in kept}, start__gte=min(k[1] for k in keys),
        start__lte=max(k[1] for k in keys)).values_list("pk", "site_id", "start", "end") if tuple(key) in keys]
    replaced = _delete(Measurement, stale)
    batch = MeasurementBatch.objects.create(
        file=path.name[:300], indicator=indicator, rows=len(kept), sites=len({m.site.code for m in kept}),
        replaced=replaced, first_month=min(m.start for m in kept), last_month=max(m.start for m in kept),
        acting_user=acting_user)
    for m in kept:
        m.batch = batch
    Measurement.objects.bulk_create(kept, batch_size=1000)
    return batch


@_guard
@transaction.atomic
def do_import_ranking(path: Path, pollutant: str, mapping: dict[str, str] | None = None,
                      worst_first: bool = False) -> dict[str, int]:
    """Import a published monthly ranking of streets and towns.  A row of a district ecoplan does
    not know is counted and left (the municipal list ranks the whole city); in a known district
    (or with no district column) the sub-area must be registered, else the file is refused."""
    if pollutant not in measurements.RANKED_CODES:
        raise IngestError(f"{path.name}: “{pollutant}” is not ranked ({', '.join(measurements.RANKED_CODES)})")
    rows = tables.read_rows(path, RANKING_FIELDS, ("month", "sub_area", "position", "total"), mapping)
    districts = {a.name: a for a in Area.objects.filter(parent=None)}
    subs: dict[tuple[str, str], Area] = {}
    by_name: dict[str, list[Area]] = {}
    for a in Area.objects.filter(parent__isnull=False).select_related("parent"):
        subs[(a.parent.name, a.name)] = a
        by_name.setdefault(a.name, []).append(a)
    seen: dict[tuple[date, int], int] = {}
    entries, other = [], 0
    for number, row in rows:
        where = f"{path.name}:{number}"
        name = row.get("sub_area", "")
        if not name:
            raise IngestError(f"{where} [sub_area]: empty")
        district = row.get("district", "")
        if district and district not in districts:
            other += 1
            continue
        if district:
            area = subs.get((district, name))
            if area is None:
                raise IngestError(f"{where} [sub_area]: “{name[:40]}” is not a registered street/town of {district}")
        else:
            found = by_name.get(name, [])
            if len(found) != 1:
                raise IngestError(f"{where} [sub_area]: “{name[:40]}” is " + (
                    "not a registered street/town" if not found else
                    f"a street/town of {len(found)} districts: add a district column"))
            area = found[0]
        month = tables.month(row["month"], where)
        total = tables.whole(row["total"], where, "total")
        position = tables.whole(row["position"], where, "position")
        if position > total:
            raise IngestError(f"{where} [position]: {position} is beyond the {total} ranked")
        if (month, area.pk) in seen:
            raise IngestError(f"{where} [sub_area]: {name} {month:%Y-%m} is also on row {seen[(month, area.pk)]}")
        seen[(month, area.pk)] = number
        value = tables.number(row["value"], where, "value") if row.get("value") else None
        entries.append(RankingEntry(pollutant=pollutant, month=month, area=area, total=total,
                                    position=best_first(position, total) if worst_first else position,
                                    value=value, source=path.name[:300], source_row=number))
    if not entries:
        raise IngestError(f"{path.name}: no row names a registered street/town")
    keys = {(e.month, e.area.pk) for e in entries}
    stale = [pk for pk, *key in RankingEntry.objects.filter(
        pollutant=pollutant, month__in={k[0] for k in keys}).values_list("pk", "month", "area_id")
        if tuple(key) in keys]
    replaced = _delete(RankingEntry, stale)
    RankingEntry.objects.bulk_create(entries, batch_size=1000)
    return {"entries": len(entries), "replaced": replaced, "other_districts": other,
            "months": len({e.month for e in entries})}


def _delete(model, pks: list[int]) -> int:
    for i in range(0, len(pks), 500):  # SQLite caps the parameters of one statement
        model.objects.filter(pk__in=pks[i:i + 500]).delete()
    return len(pks)


# --- reads shared by the judges and the pages ------------------------------------------------

def district_of(area: Area) -> Area:
    return area.parent if area.parent_id else area


def monthly_values(district: Area, indicator: str, start: date, end: date) -> list[MonthlyValue]:
    """Every monthly value of the district's sites (in its sub-areas or on the district itself)."""
    rows = (Measurement.objects.filter(Q(site__area=district) | Q(site__area__parent=district),
                                       indicator=indicator, start__gte=start, start__lte=end)
            .select_related("site__area").order_by("start", "site__code"))
    return [MonthlyValue(site=m.site.code, sub_area=m.site.area.name if m.site.area.parent_id else None,
                         month=m.start.replace(day=1), value=m.value, flagged_dust="sand_dust" in m.flags)
            for m in rows]


def published_to(district: Area, indicator: str) -> date | None:
    """The latest month the district's network has a value of ``indicator`` for."""
    latest = Measurement.objects.filter(Q(site__area=district) | Q(site__area__parent=district),
                                        indicator=indicator).aggregate(m=Max("start"))["m"]
    return latest.replace(day=1) if latest else None


def dust_days(area: Area, start: date, end: date) -> list[date]:
    """Days of the exclusion register (kind dust) for the area, its district or every area."""
    district = district_of(area)
    return list(ExclusionDay.objects.filter(Q(area__isnull=True) | Q(area=area) | Q(area=district),
                                            kind=ExclusionDay.Kind.DUST, day__gte=start, day__lte=end)
                .values_list("day", flat=True).distinct())


def places(area: Area, pollutant: str, start: date, end: date) -> list[Place]:
    return [Place(e.month, e.position, e.total) for e in
            RankingEntry.objects.filter(area=area, pollutant=pollutant, month__gte=start, month__lte=end)]


def ranked_months(pollutant: str, start: date, end: date) -> list[date]:
    """The months a ranking of ``pollutant`` was published for (any sub-area)."""
    return sorted(set(RankingEntry.objects.filter(pollutant=pollutant, month__gte=start, month__lte=end)
                      .values_list("month", flat=True)))


def site_counts(area: Area) -> Counter:
    return Counter(MeasurementSite.objects.filter(Q(area=area) | Q(area__parent=area)).values_list("kind", flat=True))


RULE = "ecoplan: every month of the period to the latest published"


def figure(area: Area, code: str, start: date, end: date, as_of: date, exclude_dust: bool) -> PeriodFigure:
    """The area's figure of ``code`` over ``start`` … ``end`` as known on ``as_of`` (a sub-area:
    its sites; a district: all its sites — ``analytics.monthly``)."""
    district = district_of(area)
    config = rules()
    last_month = min(end, as_of)
    values = monthly_values(district, code, start, last_month)
    latest = published_to(district, code)
    return period_figure(values, start, last_month, published_to=min(latest, last_month.replace(day=1)) if latest else None,
                         period_over=as_of > end, sub_area=area.name if area.parent_id else None,
                         exclude_dust=exclude_dust, dust_days=dust_days(area, start, end) if exclude_dust else (),
                         rules=config, rule=RULE + (f" (min share {config.min_share})" if config.min_share != 1 else ""))
