"""`ecoplan air …` — the air-quality engine from the command line.

  ecoplan air stations FILE.csv            register stations (code,name,area,district,…)
  ecoplan air ingest FILE [--mapping M]    ingest hourly data (presets: wide, long, cnemc, uci,
                                           or a mapping .toml) and recompute the days it touched
  ecoplan air compute [--rules 2026]       recompute everything (in force per day, or one rule set)
  ecoplan air dust DATE… [--area NAME]     add days to the exclusion register (沙尘)
  ecoplan air aqi --pollutant pm25 --value 80 --date 2024-05-01 [--averaging 24h]
  ecoplan air compare-rules AREA YEAR [--as-of DATE] [--json]
                                           an area's year under the 2012 and the 2026 rules side
                                           by side, and what that does to each air target
"""
from __future__ import annotations

import json
from datetime import date
from json import dumps
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ecoplan.analytics.ingest import PRESETS, IngestError, Mapping
from ecoplan.standards import aqi, packs
from ecoplan.vocabulary import pollutants


def substitute_series() -> list[str]:
    """Series whose IAQI a pack takes above the top of another table (``use:<series>``)."""
    return sorted({table.above_top.split(":", 1)[1] for rules in packs.rule_sets().values()
                   for table in rules.aqi.breakpoints.values() if table.above_top.startswith("use:")})


class Command(BaseCommand):
    help = "Air-quality engine: stations, ingest, compute, dust days, single AQI."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("stations", help="register stations from a CSV")
        p.add_argument("file")
        p = sub.add_parser("ingest", help="ingest hourly station data")
        p.add_argument("files", nargs="+")
        p.add_argument("--mapping", default="wide", help=f"preset ({', '.join(PRESETS)}) or .toml")
        p.add_argument("--no-compute", action="store_true")
        p = sub.add_parser("compute", help="recompute daily values and statistics")
        p.add_argument("--rules", choices=list(packs.rule_sets()), help="one rule set for all days")
        p = sub.add_parser("dust", help="add dust days to the exclusion register")
        p.add_argument("days", nargs="+", type=date.fromisoformat)
        p.add_argument("--area", help="area name (default: every area)")
        p.add_argument("--source", default="", help="where the dust day was announced")
        p = sub.add_parser("aqi", help="IAQI/AQI of one value under the rules of a date")
        p.add_argument("--pollutant", required=True, choices=pollutants.CODES)
        p.add_argument("--value", required=True, help="concentration (CO in mg/m³)")
        p.add_argument("--date", type=date.fromisoformat, default=date.today())
        p.add_argument("--averaging", default="24h", choices=pollutants.AVERAGINGS)
        # HJ 633-2012 表1 注(2)(3): above a table's top the IAQI of another series is used; the
        # series the packs name that way (O3 1-h, SO2 24-h) can be given
        for other in substitute_series():
            p.add_argument("--" + other.replace("_", "-"), dest=other,
                           help=f"{other} value, used where the packs take its IAQI above another table's top")

        p = sub.add_parser("compare-rules", help="an area's year under the 2012 and the 2026 rules side by side")
        p.add_argument("area", help="area name or id")
        p.add_argument("year", type=int)
        p.add_argument("--as-of", type=date.fromisoformat, help="judge to this day (default: today)")
        p.add_argument("--json", action="store_true")

    def handle(self, *args, action, **options):
        try:
            getattr(self, "_" + action.replace("-", "_"))(**options)
        except (IngestError, packs.PackError) as exc:
            raise CommandError(str(exc)) from exc

    def _stations(self, file, **_):
        from ecoplan.monitoring.actions import do_register_stations

        self.stdout.write(f"{do_register_stations(Path(file))} station(s) registered")

    def _ingest(self, files, mapping, no_compute, **_):
        from ecoplan.monitoring.actions import do_ingest_air

        chosen: str | Mapping = Mapping.from_toml(Path(mapping)) if mapping.endswith(".toml") else mapping
        failures = []
        for name in files:  # one transaction per file: a bad file does not stop the good ones
            try:
                run = do_ingest_air(Path(name), chosen, compute=not no_compute)
            except IngestError as exc:
                failures.append(str(exc))
                continue
            except Exception as exc:  # a defect, not bad input: still report it and go on
                failures.append(f"{name}: not ingested ({type(exc).__name__}: {exc})")
                continue
            flags = ", ".join(f"{k}: {v}" for k, v in run.flags.items()) or "none"
            self.stdout.write(f"{run.file}: {run.rows} rows → {run.hours} station-hours, "
                              f"{run.stations} stations, {run.first_hour} … {run.last_hour}; flags: {flags}")
        for failure in failures:
            self.stderr.write(failure)
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} file(s) not ingested")

    def _compute(self, rules, **_):
        from ecoplan.monitoring.actions import do_compute

        counts = do_compute(rules)
        before = counts.pop("days_before_rules", 0)
        self.stdout.write(", ".join(f"{k} {v}" for k, v in counts.items()))
        if before:
            self.stdout.write(f"{before} day(s) before {packs.FIRST_ISSUED} skipped: no AQI rules were in "
                              "force then (GB 3095-2012 / HJ 633-2012 were issued on that day)")

    def _dust(self, days, area, source, **_):
        from ecoplan.monitoring.actions import do_add_exclusion_days
        from ecoplan.plans.models import Area

        chosen = None
        if area:
            chosen = Area.objects.filter(name=area).first()
            if chosen is None:
                raise CommandError(f"no area named {area}")
        self.stdout.write(f"{do_add_exclusion_days(days, chosen, source)} day(s) registered")

    def _aqi(self, pollutant, value, date, averaging, **options):
        rules = packs.rules_for(date)
        series = pollutants.series_of(pollutant, averaging)
        others = {other: options.get(other) for other in substitute_series()}
        try:
            table = rules.aqi.breakpoints[series]
            if table.above_top.startswith("use:") and aqi.pre_round(rules.aqi, series, value) > table.conc[-1]:
                other = table.above_top.split(":")[1]
                if others.get(other) is None:
                    raise CommandError(
                        f"{rules.aqi.id} {table.clause}: above {table.conc[-1]} the {averaging} {pollutant} value "
                        f"has no IAQI of its own; the standard takes the IAQI of the {other.replace('_', ' ')} "
                        f"value: give it with --{other.replace('_', '-')}")
            result = aqi.iaqi(rules.aqi, series, value, others)
        except KeyError:
            raise CommandError(f"{rules.aqi.id} has no {averaging} breakpoints for {pollutant}") from None
        except (ValueError, ArithmeticError) as exc:
            raise CommandError(f"--value {value}: {exc}") from exc
        lv = aqi.level(rules.aqi, result)
        self.stdout.write(json.dumps({
            "pollutant": pollutant, "averaging": averaging, "value": value, "date": date.isoformat(),
            "iaqi": result, "level": lv.level, "category": lv.category, "colour": lv.colour,
            "rule_set": rules.id}, ensure_ascii=False))

    def _compare_rules(self, area, year, as_of, json, **_):
        from ecoplan.monitoring import transition

        chosen = find_area(area)
        comparison, rows = transition.compare_area(chosen, year, as_of or date.today())
        if json:
            self.stdout.write(dumps(transition.as_json(chosen, comparison, rows), default=str,
                                    ensure_ascii=False, indent=2))
            return
        self.stdout.write(compare_text(chosen, comparison, rows))


def find_area(text: str):
    """An area by id or by name; a name two areas share must be given by id."""
    from ecoplan.plans.models import Area

    found = list(Area.objects.filter(pk=int(text)) if text.isdigit() else Area.objects.filter(name=text.strip()))
    if not found:
        raise CommandError(f"no area {text!r} (give its name or id)")
    if len(found) > 1:
        listing = "; ".join(f"id {a.pk}" + (f" in {a.parent.name}" if a.parent_id else "") for a in found)
        raise CommandError(f"{len(found)} areas are named {text!r}: give the id ({listing})")
    return found[0]


def compare_text(area, comparison, rows) -> str:
    from ecoplan.analytics.judgement import plain
    from ecoplan.monitoring import transition

    bases = [b for b in transition.BASES if b in comparison.figures]
    if not bases:
        return f"{area.name} {comparison.year}: no area-day with data"
    head = {"2012": "2012 rules", "2026": "2026 rules", "in_force": "in force"}
    lines = [f"{area.name} {comparison.year}: {comparison.start} … {comparison.end}"
             f"{'' if comparison.complete else ' (running)'}",
             *(f"  {name}: {rule_id}" for name, rule_id in comparison.rule_sets.items())]

    def table(title, cells):
        lines.append(f"{title:<28}" + "".join(f"{c!s:>16}" for c in cells))

    table("", [head[b] for b in bases])
    figs = comparison.figures
    table("valid AQI days", [figs[b].aqi_days for b in bases])
    for category in transition.categories():
        table(f"  {category}", [figs[b].levels.get(category, 0) for b in bases])
    table("good-day ratio %", [f"{figs[b].good_ratio} ({figs[b].good_days})" for b in bases])
    table("heavy-pollution days", [figs[b].heavy_days for b in bases])
    table("completeness", [f"{figs[b].completeness.valid}/{figs[b].completeness.required}"
                           + ("" if figs[b].completeness.sufficient else " INSUFFICIENT") for b in bases])
    base = comparison.baseline
    if base:
        lines.append(f"baseline {comparison.year - 1} (同比, the same window):")
        table("good-day ratio %", [base[b].good_ratio if b in base else "—" for b in bases])
        table("heavy-pollution days", [base[b].heavy_days if b in base else "—" for b in bases])
        changes = comparison.good_ratio_changes()
        table("good-day ratio change, pp", [f"{changes[b]:+}" if changes[b] is not None else "—" for b in bases])
    lines.append("annual statistics against GB 3095 grade II:")
    for row in comparison.limits:
        table(f"  {row.pollutant} {row.statistic}", [row.value, *(
            f"≤ {row.limits[n]} {'met' if row.meets[n] else 'exceeded' if row.meets[n] is False else '—'}"
            for n in transition.COMPARED)])
    if rows:
        lines.append("targets:")
    for row in rows:
        t = row.target
        lines.append(f"  [{t.plan.title}] {t.indicator} {t.comparator} {plain(t.value) if t.value is not None else ''}"
                     f" ({t.period}){' — CHANGED' if row.changed else ''}")
        for b in bases:
            j = row.judgements[b]
            lines.append(f"      {head[b]:<12} {j.status:<18} {j.value if j.value is not None else ''} {j.unit}")
    return "\n".join(lines)
