"""Changes to the water registry and store: register sections, ingest samples (all or nothing)."""
from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from ecoplan.analytics.water import NewSection, WaterIngestError, WaterIngestReport, WaterMapping
from ecoplan.plans.models import Area
from ecoplan.standards.water import WaterClass

from .models import WaterIngestRun, WaterSection
from .water import guess_kind, open_water_store

SECTION_COLUMNS = ("code", "name", "district")
TRUE = ("1", "true", "yes", "是", "y")


def do_register_water_sections(path: Path) -> int:
    """Section registry CSV: code,name,district[,area,water_body,kind,level,target_class,river_km,
    drinking_source,synthetic].  All rows or none; a row updates the section of its code."""
    path = Path(path)
    try:
        with transaction.atomic():
            return _register(path)
    except UnicodeDecodeError as exc:
        raise WaterIngestError(f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise WaterIngestError(f"{path.name}: unreadable CSV ({exc})") from None
    except OSError as exc:
        raise WaterIngestError(f"{path}: cannot read the file ({exc.strerror})") from None


def _choice(row: dict, field: str, choices, default: str, where: str) -> str:
    value = (row.get(field) or "").strip() or default
    if value not in choices.values:
        raise WaterIngestError(f"{where} [{field}]: “{value[:40]}” is not one of {', '.join(choices.values)}")
    return value


def _register(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, restval="")
        missing = [c for c in SECTION_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise WaterIngestError(f"{path.name}: missing column(s) {', '.join(missing)}")
        count = 0
        for number, row in enumerate(reader, 2):
            where = f"{path.name}:{number}"
            code, district_name = row["code"].strip(), row["district"].strip()
            if not code or not district_name:
                raise WaterIngestError(f"{where}: code and district are required")
            district, _ = Area.objects.get_or_create(name=district_name, parent=None,
                                                     defaults={"kind": Area.Kind.DISTRICT})
            area = district
            if (row.get("area") or "").strip():
                area, _ = Area.objects.get_or_create(name=row["area"].strip(), parent=district,
                                                     defaults={"kind": Area.Kind.SUB_AREA})
            target = (row.get("target_class") or "").strip()
            try:
                target_class = WaterClass.parse(target) if target else None
            except ValueError as exc:
                raise WaterIngestError(f"{where} [target_class]: {exc}") from None
            if target_class == WaterClass.WORSE_V:
                raise WaterIngestError(f"{where} [target_class]: 劣Ⅴ is not a target")
            km = (row.get("river_km") or "").strip()
            try:
                river_km = Decimal(km) if km else None
            except InvalidOperation:
                raise WaterIngestError(f"{where} [river_km]: “{km[:40]}” is not a number") from None
            if river_km is not None and not (0 < river_km < 10000):
                raise WaterIngestError(f"{where} [river_km]: {km} km is not a river length")
            WaterSection.objects.update_or_create(code=code, defaults={
                "name": row["name"].strip() or code, "water_body": (row.get("water_body") or "").strip(),
                "kind": _choice(row, "kind", WaterSection.Kind, str(WaterSection.Kind.RIVER), where),
                "level": _choice(row, "level", WaterSection.Level, str(WaterSection.Level.MUNICIPAL), where),
                "target_class": int(target_class) if target_class else None, "area": area,
                "river_km": river_km,
                "drinking_source": (row.get("drinking_source") or "").strip().lower() in TRUE,
                "synthetic": (row.get("synthetic") or "").strip().lower() in TRUE})
            count += 1
    return count


def do_ingest_water(path: Path, preset: str | WaterMapping = "generic", *, year: int | None = None,
                    register_sections: bool = False, acting_user=None) -> WaterIngestRun:
    """Ingest one file of samples: all or nothing.

    Sections the registry does not know are refused with their row: a bureau's registry is the
    assessment list (names, targets, areas set by the national and municipal lists), and a name it
    does not know is a typo or another district's section.  ``register_sections`` (asked for
    explicitly) registers them from the file instead — meant for the CNEMC national feed, whose
    rows name province, basin and section: they enter as national sections with no target class
    and no area, for the bureau to complete (a section with no target is not in 断面达标率)."""
    mapping = preset
    name = preset if isinstance(preset, str) else "mapping"
    runs: list[WaterIngestRun] = []

    def register(new: list[NewSection]) -> None:
        WaterSection.objects.bulk_create([
            WaterSection(code=s.code[:120], name=s.name[:120], water_body=s.water_body[:120], kind=guess_kind(s.name),
                         level=WaterSection.Level.NATIONAL) for s in new])

    def record(report: WaterIngestReport) -> None:
        runs.append(WaterIngestRun.objects.create(
            batch=report.batch, file=report.file[:300], preset=name[:20], rows=report.rows,
            samples=report.samples, sections=report.sections, new_sections=len(report.new_sections),
            first_sample=_aware(report.first), last_sample=_aware(report.last), acting_user=acting_user))

    with transaction.atomic(), open_water_store() as store:
        known = set(WaterSection.objects.values_list("code", flat=True))
        store.ingest(path, mapping, year=year, known=known,
                     on_new_sections=register if register_sections else None, before_commit=record)
    return runs[0]


def _aware(value):
    from django.utils import timezone

    return timezone.make_aware(value) if value is not None and timezone.is_naive(value) else value
