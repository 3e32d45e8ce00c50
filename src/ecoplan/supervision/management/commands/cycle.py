"""`ecoplan cycle open PLAN YYYY-MM [--due-rule 2nd-working-day] [--json]` and
`ecoplan cycle status PLAN YYYY-MM [--json]`."""
from __future__ import annotations

import json as jsonlib
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ecoplan.plans.models import Plan
from ecoplan.supervision import actions, status
from ecoplan.supervision.models import ReportingCycle


def _month(text: str) -> date:
    try:
        return date.fromisoformat(text + "-01")
    except ValueError:
        raise CommandError(f"“{text}” is not a month (YYYY-MM)") from None


class Command(BaseCommand):
    help = "Open a monthly reporting cycle of a plan, or show who has and has not reported."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("open", "status"):
            p = sub.add_parser(name)
            p.add_argument("plan", type=int)
            p.add_argument("month")
            p.add_argument("--json", action="store_true")
            if name == "open":
                p.add_argument("--due-rule", default=None,
                               help="e.g. 2nd-working-day (default: the plan's own, else the 2nd working day)")

    def handle(self, *args, action, plan, month, json: bool = False, **options):
        try:
            record = Plan.objects.get(pk=plan)
        except Plan.DoesNotExist:
            raise CommandError(f"no plan with id {plan}") from None
        if action == "open":
            try:
                cycle = actions.do_open_cycle(record, _month(month), options["due_rule"])
            except actions.Refused as exc:
                raise CommandError(str(exc)) from exc
            out = {"plan": record.pk, "month": f"{cycle.month:%Y-%m}", "due_date": cycle.due_date.isoformat(),
                   "due_rule": cycle.due_rule, "due_date_official_calendar": cycle.due_date_official,
                   "reports": [{"organisation": r.organisation.name, "report": r.pk,
                                "measures": [{"id": e.measure_id, "role": e.role, "task": e.measure.task.title,
                                              "via_group": e.via_group}
                                             for e in r.entries.select_related("measure__task")]}
                               for r in cycle.reports.select_related("organisation").order_by("organisation__name")]}
        else:
            cycle = ReportingCycle.objects.filter(plan=record, month=_month(month)).first()
            if cycle is None:
                raise CommandError(f"no {month} cycle for plan {plan}: `ecoplan cycle open {plan} {month}`")
            out = status.cycle_status(cycle)
        if json:
            self.stdout.write(jsonlib.dumps(out, ensure_ascii=False, indent=1))
        elif action == "open":
            self.stdout.write(f"{out['month']} opened, due {out['due_date']}: {len(out['reports'])} unit reports")
            for r in out["reports"]:
                self.stdout.write(f"  {r['organisation']}: {len(r['measures'])} measures")
        else:
            self.stdout.write(f"{out['month']} due {out['due_date']}: {len(out['submitted'])} submitted, "
                              f"{len(out['not_submitted'])} not: {', '.join(out['not_submitted'])}")
