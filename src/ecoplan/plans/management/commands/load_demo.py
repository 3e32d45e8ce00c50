"""`ecoplan load_demo` — the fictional demo district plan shipped with the project."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from ecoplan.plans.actions import DuplicatePlan, import_document

DEMO = Path(__file__).resolve().parents[2] / "demo" / "demo-district-2026-action-plan.txt"


class Command(BaseCommand):
    help = "Load the demo plan (a small fictional district, clearly labelled) once."

    def handle(self, *args, **options):
        try:
            _, plan = import_document(DEMO.read_bytes(), DEMO.name)
        except DuplicatePlan as exc:
            self.stdout.write(f"demo already loaded (plan #{exc.plan.pk})")
            return
        self.stdout.write(f"demo loaded: plan #{plan.pk} {plan.title}")
