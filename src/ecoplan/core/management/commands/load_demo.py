"""`ecoplan load_demo` — the fictional demo district plan shipped with the project."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand

from ecoplan.plans.actions import DuplicatePlan, import_document

DEMO = Path(__file__).resolve().parents[3] / "plans" / "demo" / "demo-district-2026-action-plan.txt"


class Command(BaseCommand):
    help = "Load the demo plan and a year of synthetic air data (a fictional district) once."

    def handle(self, *args, **options):
        try:
            _, plan = import_document(DEMO.read_bytes(), DEMO.name)
        except DuplicatePlan as exc:
            plan = exc.plan
            self.stdout.write(f"demo plan already loaded (plan #{plan.pk})")
        else:
            self.stdout.write(f"demo plan loaded: plan #{plan.pk} {plan.title}")
        self._air()
        self._water()
        self._measurements()
        self._supervision(plan)
        self._reported(plan)
        self._bulletin(plan)

    def _bulletin(self, plan):
        """The October 2026 bulletin (通报) of the demo district: a draft in the product and its files."""
        from django.conf import settings

        from ecoplan.bulletins import demo

        done = demo.load(plan, settings.DATA_DIR / "demo")
        if not done:
            return
        state = "drafted" if done["made"] else "already drafted"
        self.stdout.write(f"demo bulletin {demo.PERIOD} {state} (bulletin #{done['bulletin'].pk}, "
                          f"template “{demo.TEMPLATE}”): " + ", ".join(str(p) for p in done["files"].values()))

    def _reported(self, plan):
        """One reported value accepted and one qualitative target judged (synthetic), as the demo
        coordinator and the water bureau's reporter would."""
        from django.contrib.auth.models import User
        from django.utils import timezone

        from ecoplan.evaluation.demo import demo_reported

        coordinator = User.objects.filter(username="demo-coordinator").first()
        if coordinator is None:
            return
        done = demo_reported(plan, coordinator, User.objects.filter(username="demo-reporter-water").first(),
                             timezone.localdate())
        self.stdout.write(f"demo reported values (synthetic): {done['values']} accepted, "
                          f"{done['judgements']} qualitative target judged")

    def _supervision(self, plan):
        from django.conf import settings
        from django.utils import timezone

        from ecoplan.supervision import demo

        created = demo.load(plan, settings.DATA_DIR / "demo", timezone.localdate())
        for username, role, password in created:
            self.stdout.write(f"demo account {username} ({role}): password {password}")
        if created:
            self.stdout.write(f"(also in {settings.DATA_DIR / 'demo' / 'accounts.txt'})")

    def _measurements(self):
        """Dust-fall jars, TSP sites and the municipal ranking: after the air data, whose dust days
        (the exclusion register) the dust-fall figures leave out."""
        from django.conf import settings
        from django.utils import timezone

        from ecoplan.monitoring import demo

        counts = demo.demo_measurements(settings.DATA_DIR / "demo", timezone.localdate() - timedelta(days=1))
        self.stdout.write(f"demo measurements (synthetic): {counts}")

    def _water(self):
        from django.conf import settings
        from django.utils import timezone

        from ecoplan.monitoring import demo

        until = timezone.localdate() - timedelta(days=1)
        counts = demo.demo_water(settings.DATA_DIR / "demo", until)
        if not counts["sections"]:
            self.stdout.write("demo water data already loaded")
            return
        self.stdout.write(f"demo water data (synthetic) loaded: {counts['sections']} sections, "
                          f"{counts['samples']} samples to {until}")

    def _air(self):
        from django.conf import settings
        from django.utils import timezone

        from ecoplan.monitoring import demo
        from ecoplan.monitoring.models import Station

        if Station.objects.filter(code=demo.STATIONS[0][0]).exists():
            self.stdout.write("demo air data already loaded")
            return
        until = timezone.localdate() - timedelta(days=1)
        counts = demo.load(settings.DATA_DIR / "demo", until)
        self.stdout.write(f"demo air data (synthetic) loaded: {counts['stations']} stations, "
                          f"{counts['hours']} station-hours to {until}, {counts['daily']} station-days")
