"""`ecoplan water …` — surface-water quality (GB 3838-2002) from the command line.

  ecoplan water class --ph 7.2 --do 6.5 --codmn 3 --nh3n 0.4 --tp 0.08 [--lake] [--target Ⅲ] [--json]
                                         the class of one sample and its limiting items (no database)
  ecoplan water sections [FILE.csv]      list the registered sections, or register them from a CSV
                                         (code,name,district[,area,water_body,kind,level,target_class,
                                         river_km,drinking_source,synthetic])
  ecoplan water ingest FILE… [--preset generic|cnemc] [--year 2026] [--register-sections]
  ecoplan water status AREA YEAR [--json]
                                         per section: samples, class, limiting items; the area's ratios
"""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from ecoplan.analytics.water import PRESETS, WaterIngestError
from ecoplan.standards import water


def _limiting(rows) -> list[dict]:
    return [{"item": r.code, "zh": r.zh, "class": r.water_class.label, "value": str(_plain(r.value)),
             "reference_class": r.reference.label, "limit": str(r.limit) if r.limit is not None else None,
             "exceedance": str(r.multiple) if r.multiple is not None else None} for r in rows]


def _plain(value: Decimal) -> Decimal:
    from ecoplan.analytics.judgement import plain

    return plain(value)


def _pct(value: Decimal | None) -> str | None:
    from ecoplan.standards.rounding import gb8170

    return None if value is None else str(gb8170(value, 1))


class Command(BaseCommand):
    help = "Surface water (GB 3838-2002): class of a sample, sections, ingest, an area's status."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("class", help="class (Ⅰ…Ⅴ, 劣Ⅴ) and limiting items of one sample")
        for code, item in water.standard().items.items():
            if item.bound != "none":
                p.add_argument("--" + code.replace("_", "-"), dest=code, metavar="VALUE",
                               help=f"{item.zh} ({item.unit or 'dimensionless'}; {item.clause})")
        p.add_argument("--lake", action="store_true", help="a lake or reservoir (TP by the 湖、库 column)")
        p.add_argument("--target", help="target class: exceedance over its limit, and whether it is met")
        p.add_argument("--json", action="store_true")
        p = sub.add_parser("sections", help="list the sections, or register them from a CSV")
        p.add_argument("file", nargs="?")
        p = sub.add_parser("ingest", help="ingest samples (CSV/XLSX)")
        p.add_argument("files", nargs="+")
        p.add_argument("--preset", default="generic", help=f"{', '.join(PRESETS)}, or a mapping .toml")
        p.add_argument("--year", type=int, help="the year, for files whose times print none (CNEMC)")
        p.add_argument("--register-sections", action="store_true",
                       help="register the sections the file names that the registry does not know")
        p = sub.add_parser("status", help="an area's sections and ratios for a year")
        p.add_argument("area")
        p.add_argument("year", type=int)
        p.add_argument("--json", action="store_true")

    def handle(self, *args, action, **options):
        try:
            getattr(self, "_" + action)(**options)
        except WaterIngestError as exc:
            raise CommandError(str(exc)) from exc

    def _class(self, lake, target, json, **options):
        values = {code: options[code] for code in water.standard().items if options.get(code) is not None}
        try:
            parsed = {code: water.value_of(v) for code, v in values.items()}
            goal = water.WaterClass.parse(target) if target else None
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for code, value in parsed.items():
            if value < 0:
                raise CommandError(f"--{code.replace('_', '-')} {values[code]}: negative")
        cls = water.sample_class(parsed, lake=lake)
        if cls is None:
            raise CommandError("give at least one evaluated item (--ph, --do, --codmn, --nh3n, --tp …)")
        limiting = water.limiting_factors(parsed, lake=lake, target=goal)
        classes = water.factor_classes(parsed, lake=lake)
        result = {"class": cls.label, "descriptor": water.DESCRIPTORS[cls], "lake": lake,
                  "standard": water.standard().id, "items": {c: k.label for c, k in classes.items()},
                  "limiting": _limiting(limiting),
                  "not_classed": sorted(set(parsed) - set(classes))}
        if goal:
            result["target"] = goal.label
            result["meets_target"] = water.meets_target(cls, goal)
        if "tn" in parsed and lake:
            result["tn_class"] = water.lake_tn_class(parsed["tn"]).label
        if json:
            self.stdout.write(_json(result))
            return
        self.stdout.write(f"{cls.label}类 ({water.DESCRIPTORS[cls]})" + (f"  target {goal.label}: "
                          f"{'met' if result['meets_target'] else 'not met'}" if goal else ""))
        for r in result["limiting"]:
            over = f", {r['exceedance']} times over the class-{r['reference_class']} limit {r['limit']}" \
                if r["exceedance"] else ""
            self.stdout.write(f"  limiting: {r['zh']} ({r['item']}) {r['value']} → {r['class']}{over}")
        if result["not_classed"]:
            self.stdout.write(f"  not in the class (环办〔2011〕22号): {', '.join(result['not_classed'])}")

    def _sections(self, file, **_):
        from ecoplan.monitoring.models import WaterSection

        if file:
            from pathlib import Path

            from ecoplan.monitoring.water_actions import do_register_water_sections

            self.stdout.write(f"{do_register_water_sections(Path(file))} section(s) registered")
            return
        for s in WaterSection.objects.select_related("area", "area__parent"):
            area = f"{s.area.parent.name}/{s.area.name}" if s.area and s.area.parent else (s.area.name if s.area else "—")
            target = water.WaterClass(s.target_class).label if s.target_class else "—"
            self.stdout.write(f"{s.code}\t{s.name}\t{s.get_kind_display()}\t{s.get_level_display()}\t"
                              f"target {target}\t{area}" + ("\tsynthetic" if s.synthetic else ""))

    def _ingest(self, files, preset, year, register_sections, **_):
        from pathlib import Path

        from ecoplan.analytics.water import WaterMapping
        from ecoplan.monitoring.water_actions import do_ingest_water

        if preset.endswith(".toml"):
            preset = WaterMapping.from_toml(preset)
        elif preset not in PRESETS:
            raise CommandError(f"unknown preset {preset!r} ({', '.join(PRESETS)}, or a mapping .toml)")
        failures = []
        for name in files:  # one transaction per file
            try:
                run = do_ingest_water(Path(name), preset, year=year, register_sections=register_sections)
            except WaterIngestError as exc:
                failures.append(str(exc))
                continue
            self.stdout.write(f"{run.file}: {run.rows} rows → {run.samples} samples, {run.sections} sections"
                              f"{f' ({run.new_sections} registered)' if run.new_sections else ''}, "
                              f"{run.first_sample} … {run.last_sample}")
        for failure in failures:
            self.stderr.write(failure)
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} file(s) not ingested")

    def _status(self, area, year, json, **_):
        from ecoplan.monitoring.water import area_status, open_water_store
        from ecoplan.plans.models import Area

        found = list(Area.objects.filter(name=area))
        if not found:
            raise CommandError(f"no area named {area}")
        if len(found) > 1:
            raise CommandError(f"{len(found)} areas are named {area}: give the district's own name")
        with open_water_store() as store:
            figures, rows = area_status(store, found[0], date(year, 1, 1), date(year, 12, 31))
        result = {"area": area, "year": year, "sections": [], "registered": figures.registered,
                  "classed": figures.classed, "valid_samples": figures.n_samples,
                  "section_compliance": _pct(figures.compliance), "good_water_ratio": _pct(figures.good_ratio),
                  "worse_v_water": _pct(figures.worse_v_ratio),
                  "worse_v_river_length": _pct(figures.worse_v_length_ratio),
                  "drinking_source_compliance": _pct(figures.drinking_compliance)}
        for section, period in rows:
            result["sections"].append({
                "code": section.code, "name": section.name, "synthetic": section.synthetic,
                "target": water.WaterClass(section.target_class).label if section.target_class else None,
                "samples": period.n_samples if period else 0, "months": len(period.months) if period else 0,
                "class": period.water_class.label if period and period.water_class else None,
                "meets_target": period.meets_target if period else None,
                "limiting": _limiting(period.limiting) if period else []})
        if json:
            self.stdout.write(_json(result))
            return
        if not rows:
            self.stdout.write(f"no water section registered for {area}")
            return
        for s in result["sections"]:
            self.stdout.write(f"{s['code']}\t{s['name']}\t{s['samples']} samples\tclass {s['class'] or '—'}\t"
                              f"target {s['target'] or '—'}\t" + ", ".join(r["zh"] for r in s["limiting"]))
        for key in ("section_compliance", "good_water_ratio", "worse_v_water", "worse_v_river_length",
                    "drinking_source_compliance"):
            self.stdout.write(f"{key}: {result[key] if result[key] is not None else '—'} %")


def _json(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, indent=1)
