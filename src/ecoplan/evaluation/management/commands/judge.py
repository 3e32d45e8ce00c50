"""`ecoplan judge PLAN [--as-of DATE] [--json]` — a plan's targets judged against the figures."""
from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ecoplan.evaluation.services import judge_plan
from ecoplan.plans.models import Plan


class Command(BaseCommand):
    help = "Judge a plan's targets against the monitoring figures, as of a day."

    def add_arguments(self, parser):
        parser.add_argument("plan", type=int)
        parser.add_argument("--as-of", type=date.fromisoformat, default=None)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, plan, as_of, **options):
        try:
            record = Plan.objects.get(pk=plan)
        except Plan.DoesNotExist:
            raise CommandError(f"no plan with id {plan}") from None
        rows = judge_plan(record, as_of)
        if options["json"]:
            self.stdout.write(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=1,
                                         default=str))
            return
        for r in rows:
            self.stdout.write(f"{r.status:<13} {r.area_name:<8} {r.target.indicator} {r.target.comparator} "
                              f"{r.target.value if r.target.value is not None else ''} — {r.judgement.reason}")
