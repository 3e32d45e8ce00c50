"""`ecoplan export PLAN --format json|xlsx [-o FILE]`."""
from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from ecoplan.plans.export import plan_to_dict, plan_to_xlsx
from ecoplan.plans.models import Plan


class Command(BaseCommand):
    help = "Export one plan as JSON (importers/data/plan-export.schema.json) or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("plan", type=int, metavar="PLAN", help="plan id (see `ecoplan plans`)")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("-o", "--output", help="file to write (default: stdout)")

    def handle(self, *args, plan, format, output, **options):
        try:
            record = Plan.objects.get(pk=plan)
        except Plan.DoesNotExist:
            raise CommandError(f"no plan with id {plan}") from None
        if format == "json":
            data = json.dumps(plan_to_dict(record), ensure_ascii=False, indent=1).encode("utf-8")
        else:
            data = plan_to_xlsx(record)
            if not output and sys.stdout.isatty():
                raise CommandError("XLSX is binary: give -o FILE or redirect stdout")
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
