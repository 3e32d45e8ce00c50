"""`ecoplan measure …` — monthly measurements (dust fall, TSP, road dust, noise) and the ranking.

  ecoplan measure sites [FILE] [--mapping M]         list the measuring sites, or register them
                                                      from FILE (code,name,kind,area,district[,synthetic])
  ecoplan measure ingest FILE --indicator dustfall [--mapping site=点位,month=月份,value=降尘量]
  ecoplan measure ranking FILE --pollutant pm25 [--mapping …] [--worst-first]
  ecoplan measure stats AREA --indicator dustfall [--year 2024] [--excluding-dust] [--json]
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ecoplan.analytics.ingest import IngestError
from ecoplan.analytics.tables import parse_mapping
from ecoplan.vocabulary import measurements


class Command(BaseCommand):
    help = "Monthly measurements: sites, ingest, the municipal ranking, period statistics."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("sites", help="list measuring sites, or register them from a CSV/XLSX")
        p.add_argument("file", nargs="?")
        p.add_argument("--mapping", help="field=column header,… or a .toml with a [mapping] table")
        p = sub.add_parser("ingest", help="ingest monthly values of one indicator (all rows or none)")
        p.add_argument("file")
        p.add_argument("--indicator", required=True, choices=measurements.MEASURED)
        p.add_argument("--mapping", help="field=column header,… (fields: site, month, start, end, value, unit, "
                                         "flags) or a .toml")
        p = sub.add_parser("ranking", help="import the municipality's monthly ranking of streets and towns")
        p.add_argument("file")
        p.add_argument("--pollutant", required=True, choices=measurements.RANKED_CODES)
        p.add_argument("--mapping", help="field=column header,… (fields: month, district, sub_area, position, "
                                         "total, value) or a .toml")
        p.add_argument("--worst-first", action="store_true", help="positions count from the worst (倒数第几名)")
        p = sub.add_parser("stats", help="period figure of an area: per sub-area and for the district")
        p.add_argument("area")
        p.add_argument("--indicator", required=True, choices=measurements.MEASURED)
        p.add_argument("--year", type=int, default=date.today().year)
        p.add_argument("--excluding-dust", action="store_true", help="扣除沙尘影响")
        p.add_argument("--json", action="store_true")

    def handle(self, *args, action, **options):
        try:
            getattr(self, "_" + action)(**options)
        except IngestError as exc:
            raise CommandError(str(exc)) from exc

    def _sites(self, file, mapping, **_):
        from ecoplan.monitoring.measurements import do_register_sites
        from ecoplan.monitoring.models import MeasurementSite

        if file:
            self.stdout.write(f"{do_register_sites(Path(file), parse_mapping(mapping))} site(s) registered")
            return
        for site in MeasurementSite.objects.select_related("area__parent"):
            where = f"{site.area.parent.name} {site.area.name}" if site.area.parent_id else site.area.name
            self.stdout.write(f"{site.code}\t{site.kind}\t{site.name}\t{where}"
                              + ("\tsynthetic" if site.synthetic else ""))

    def _ingest(self, file, indicator, mapping, **_):
        from ecoplan.monitoring.measurements import do_ingest_measurements

        batch = do_ingest_measurements(Path(file), indicator, parse_mapping(mapping))
        self.stdout.write(f"{batch.file}: {batch.rows} value(s) of {indicator}, {batch.sites} site(s), "
                          f"{batch.first_month:%Y-%m} … {batch.last_month:%Y-%m}"
                          + (f"; {batch.replaced} earlier value(s) replaced" if batch.replaced else ""))

    def _ranking(self, file, pollutant, mapping, worst_first, **_):
        from ecoplan.monitoring.measurements import do_import_ranking

        counts = do_import_ranking(Path(file), pollutant, parse_mapping(mapping), worst_first=worst_first)
        self.stdout.write(f"{counts['entries']} place(s) in {counts['months']} month(s) imported; "
                          f"{counts['replaced']} replaced; {counts['other_districts']} row(s) of other districts left")

    def _stats(self, area, indicator, year, excluding_dust, json, **_):
        from ecoplan.monitoring.measurements import figure
        from ecoplan.plans.models import Area
        from ecoplan.standards.rounding import gb8170
        from ecoplan.vocabulary.measurements import PRECISION

        found = Area.objects.filter(name=area).first()
        if found is None:
            raise CommandError(f"no area named {area}")
        areas = [found, *found.children.all()] if found.parent_id is None else [found]
        rows = []
        for one in areas:
            f = figure(one, indicator, date(year, 1, 1), date(year, 12, 31), date.today(), excluding_dust)
            rows.append({"area": one.name, "value": str(gb8170(f.value, PRECISION[indicator] + 1))
                         if f.value is not None else None,
                         "sites": f.sites, "months": {m.strftime("%Y-%m"): str(gb8170(v, PRECISION[indicator] + 1)) for m, v in f.months},
                         "valid_months": f.completeness.valid, "required_months": f.completeness.required,
                         "excluded_months": [m.strftime("%Y-%m") for m in f.excluded_months]})
        if json:
            import json as json_module  # the option shadows the module's name

            self.stdout.write(json_module.dumps(rows, ensure_ascii=False, indent=1))
            return
        for r in rows:
            self.stdout.write(f"{r['area']}\t{r['value'] or '—'}\t{r['valid_months']}/{r['required_months']} "
                              f"month(s)\t{r['sites']} site(s)"
                              + (f"\texcluded {', '.join(r['excluded_months'])}" if r["excluded_months"] else ""))
