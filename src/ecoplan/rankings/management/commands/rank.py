"""`ecoplan rank AREA --metric pm25 --period 2026-10 [--span ytd] [--level street] [--by improvement]
[--bottom N] [--top N] [--places P] [--rounding half_up] [--exclude-dust] [--as-of DATE] [--json]`
— an area's sub-areas ranked on one metric, with the previous period's rank, the change and the
improvement rate; `ecoplan rank --definition NAME [--period …]` runs a saved ranking."""
from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from rich.console import Console
from rich.table import Table

from ecoplan.analytics.ranking import ROUNDINGS
from ecoplan.plans.models import Area
from ecoplan.reporting.periods import SPAN_CODES, PeriodError, latest_complete, parse
from ecoplan.vocabulary.rank_metrics import BY_CODE

from ...engine import LEVEL_CODES, ORDER_CODES, AreaRanking, RankingError, period_label, rank_areas, run_definition
from ...models import RankingDefinition

USAGE = 2  # the exit code of a command asked something it cannot answer (as argparse exits)


def refuse(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE)


def find_area(spec: str) -> Area:
    """An area by id or by its exact name (a name two areas share needs the id)."""
    found = list(Area.objects.filter(pk=int(spec)) if spec.isdigit() else Area.objects.filter(name=spec.strip())[:6])
    if not found:
        raise refuse(_("no area “%(area)s”: give a district's name or id") % {"area": spec})
    if len(found) > 1:
        listing = "; ".join(f"{a.pk} {a.name} ({a.parent or '—'})" for a in found)
        raise refuse(_("“%(area)s” names several areas (%(listing)s): give the id") % {"area": spec, "listing": listing})
    return found[0]


def find_definition(name: str, area: Area | None) -> RankingDefinition:
    found = RankingDefinition.objects.filter(name=name.strip()).select_related("area")
    if area is not None:
        found = found.filter(area=area)
    listed = list(found[:6])
    if not listed:
        raise refuse(_("no saved ranking “%(name)s”") % {"name": name})
    if len(listed) > 1:
        raise refuse(_("several saved rankings are called “%(name)s”: give the area too") % {"name": name})
    return listed[0]


def _text(value) -> str:
    return "" if value is None else str(value)


def _signed(value) -> str:
    return "" if value is None else (f"+{value}" if value > 0 else str(value))


def table(result: AreaRanking) -> Table:
    """The ranking as a bureau's table: rank, sub-area, value, the previous period, the year before."""
    metric, ranking = result.metric, result.ranking
    unit = f" ({metric.unit})" if metric.unit else ""
    title = f"{result.parent.name if result.parent else ''} {_(metric.label)}{unit} {period_label(result.period)}"
    grid = Table(title=title.strip())
    for header, justify in ((_("rank"), "right"), (_("area"), "left"), (_("value"), "right"),
                            (_("previous rank"), "right"), (_("change on the previous period"), "right"), (_("year before"), "right"),
                            (_("change on a year before"), "right"), (_("improvement rate (%)"), "right"),
                            (_("note"), "left")):
        grid.add_column(header, justify=justify)  # type: ignore[arg-type]
    for r in ranking.rows:
        note = r.reason if r.rank is None else " ".join(
            flag for flag, on in ((_("bottom %(n)s") % {"n": ranking.bottom_n}, r.bottom),
                                  (_("top %(n)s") % {"n": ranking.top_n}, r.top)) if on)
        grid.add_row(_text(r.rank) or "—", r.name, _text(r.value), _text(r.previous_rank),
                     _signed(r.change), _text(r.year_before), _signed(r.change_year), _signed(r.improvement), note)
    return grid


class Command(BaseCommand):
    help = ("Rank an area's sub-areas (streets, towns) or the districts on a metric for a month, quarter, "
            "year to date or year: value as published, rank, previous rank, change and improvement rate.")

    def add_arguments(self, parser):
        parser.add_argument("area", nargs="?", help="the district (its name or id) whose sub-areas are ranked")
        parser.add_argument("--metric", help="what is ranked: " + ", ".join(BY_CODE))
        parser.add_argument("--period", help="2026-10, 2026-Q3, 2026-01..10 or 2026 (default: the last complete one)")
        parser.add_argument("--span", choices=SPAN_CODES, help="read --period's month as this span's end")
        parser.add_argument("--level", choices=LEVEL_CODES, default="sub_area",
                            help="which areas: every sub-area, streets, towns, or the districts (no AREA)")
        parser.add_argument("--by", choices=ORDER_CODES, default="value",
                            help="rank on the value or on the improvement rate against a year before")
        parser.add_argument("--bottom", type=int, default=0, metavar="N", help="flag the bottom N")
        parser.add_argument("--top", type=int, default=0, metavar="N", help="flag the top N")
        parser.add_argument("--places", type=int, default=None, metavar="P",
                            help="decimal places as published (default: the metric's)")
        parser.add_argument("--rounding", choices=tuple(ROUNDINGS), default="gb8170")
        parser.add_argument("--exclude-dust", action="store_true", help="leave out sand and dust days")
        parser.add_argument("--as-of", type=date.fromisoformat, default=None,
                            help="rank with the data up to this day (default: today)")
        parser.add_argument("--definition", metavar="NAME", help="run a saved ranking")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, area, metric, period, span, level, by, bottom, top, places, rounding, exclude_dust,
               as_of, definition, **options):
        day = as_of or timezone.localdate()
        parent = find_area(area) if area else None
        try:
            if definition:
                saved = find_definition(definition, parent)
                asked = parse(period, span) if period else latest_complete(saved.span, day)
                result = run_definition(saved, asked, as_of=day)
            else:
                if not metric:
                    raise refuse(_("--metric: say what is ranked (%(known)s)") % {"known": ", ".join(BY_CODE)})
                if parent is None and level != "district":
                    raise refuse(_("AREA: give the district whose sub-areas are ranked (or --level district)"))
                asked = parse(period, span) if period else latest_complete(span or "month", day)
                result = rank_areas(parent, metric, asked, level=level, bottom_n=bottom, top_n=top, places=places,
                                    rounding=rounding, order=by, exclude_dust=exclude_dust, as_of=day)
        except PeriodError as exc:
            raise refuse(exc.translated(_)) from exc
        except RankingError as exc:
            raise refuse(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
            return
        Console(file=self.stdout, force_terminal=False, width=160).print(table(result))
        self.stdout.write(result.rule)
