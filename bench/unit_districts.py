"""Import four seed plans beside the demo, open a cycle for each, and count what the demo's
区生态环境局 sees: the districts on its unit page and other districts' reports on a reporter's desk.
Run against a copy of a data dir with the demo loaded (it imports into it):

    PYTHONPATH=<tree>/src ECOPLAN_DATA_DIR=<dir> DJANGO_SETTINGS_MODULE=ecoplan.settings \\
        python bench/unit_districts.py [SEEDS_DIR]
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import django

SEEDS = ["daxing-2024-action-plan.txt", "xicheng-2024-action-plan.txt", "changping-2024-work-plan.txt",
         "tongzhou-2024-action-plans.txt"]


def main(seeds: Path) -> None:
    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    from ecoplan.plans.actions import DuplicatePlan, import_document
    from ecoplan.plans.models import Measure, Organisation, Plan
    from ecoplan.supervision import actions
    from ecoplan.supervision.models import Profile, Report  # Profile: re-exported from plans since #7

    for name in SEEDS:
        try:
            plan = import_document((seeds / name).read_bytes(), name)[1]
        except DuplicatePlan as exc:
            plan = exc.plan
        if not plan.cycles.exists():
            actions.do_open_cycle(plan, date(plan.period_start or 2024, 5, 1))
    demo = Plan.objects.get(source_name__startswith="demo-district")
    print("organisations named 区生态环境局:", Organisation.objects.filter(name="区生态环境局").count())
    bureau = Profile.objects.get(user__username="demo-coordinator").organisation
    districts = set(Measure.objects.filter(assignments__organisation=bureau)
                    .values_list("task__annex__plan__district__name", flat=True))
    print("districts on the demo 区生态环境局 unit page:", len(districts), sorted(districts))
    user, _ = User.objects.get_or_create(username="probe-reporter")
    Profile.objects.get_or_create(user=user, defaults={"role": "reporter", "organisation": bureau})
    client = Client()
    client.force_login(user)
    desk = client.get("/supervision/").content.decode()
    others = [r for r in Report.objects.exclude(cycle__plan=demo) if f"/supervision/reports/{r.pk}/" in desk]
    print("other districts' reports on the demo bureau reporter's desk:", len(others))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1
         else Path(__file__).resolve().parents[1].parent / "shared" / "seeds")
