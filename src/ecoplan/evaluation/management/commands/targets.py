"""`ecoplan targets PLAN [--as-of DATE] [--json]` — every target of a plan, per area, judged by its
source, with the plan's coverage (`ecoplan judge` is the same command under its earlier name)."""
from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from ecoplan.evaluation.services import coverage, judge_plan
from ecoplan.evaluation.sources import Context
from ecoplan.evaluation.trajectory import trajectory_for
from ecoplan.plans.models import Plan


def find_plan(spec: str) -> Plan:
    """A plan by id, or by a word of its title or district that names one plan only."""
    if spec.isdigit():
        try:
            return Plan.objects.get(pk=int(spec))
        except Plan.DoesNotExist:
            raise CommandError(f"no plan with id {spec}") from None
    found = list(Plan.objects.filter(Q(title__icontains=spec) | Q(district__name__icontains=spec))[:6])
    if len(found) != 1:
        listing = "; ".join(f"{p.pk} {p.title}" for p in found) or "none"
        raise CommandError(f"“{spec}” names {len(found) if len(found) < 6 else 'many'} plans ({listing}): "
                           "give the plan's id (ecoplan plans lists them)")
    return found[0]


class Command(BaseCommand):
    help = "List every target of a plan, per area, with its source, status, reason, value to date and completeness."

    def add_arguments(self, parser):
        parser.add_argument("plan", help="plan id, or a word of its title or district")
        parser.add_argument("--as-of", type=date.fromisoformat, default=None)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, plan, as_of, **options):
        record = find_plan(plan)
        rows = judge_plan(record, as_of)
        summary = coverage(rows)
        if options["json"]:
            day = as_of or timezone.localdate()
            ctx = Context(record, day, record.period_start or day.year)
            try:  # a five-year plan's targets carry their yearly trajectory (None for the others)
                listed = [{**r.as_dict(), "trajectory": trajectory_for(ctx, r.target, r.area)} for r in rows]
            finally:
                ctx.close()
            self.stdout.write(json.dumps({
                "plan": {"id": record.pk, "title": record.title, "kind": record.kind},
                "as_of": day.isoformat(), "coverage": summary.as_dict(), "targets": listed},
                ensure_ascii=False, indent=1, default=str))
            return
        for r in rows:
            value = f"{r.judgement.value} {r.judgement.unit}" if r.judgement.value is not None else ""
            self.stdout.write(f"{r.status:<18} {r.source:<11} {r.area_name:<8} {r.target.indicator} "
                              f"{r.target.comparator} {r.target.value if r.target.value is not None else ''} "
                              f"| {value} | {r.reason}")
        self.stdout.write(f"{summary.with_source} of {summary.targets} targets have a source; "
                          f"{summary.judged} judged on a figure; by status: "
                          + ", ".join(f"{k} {v}" for k, v in summary.by_status.most_common()))
