"""`ecoplan plans [--json]` — the registered plans."""
from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from ecoplan.plans.models import Plan


class Command(BaseCommand):
    help = "List plans: id, title, district, kind, period."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        rows = [{"id": p.pk, "title": p.title, "district": p.district.name if p.district else "",
                 "kind": p.kind, "period": p.period}
                for p in Plan.objects.select_related("district").order_by("pk")]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(f"{row['id']:>4}  {row['district']:<6} {row['kind']:<15} "
                              f"{row['period']:<10} {row['title']}")
        if not rows:
            self.stdout.write("no plans yet: ecoplan import FILE")
