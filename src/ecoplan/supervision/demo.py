"""Demo accounts and a reporting history for the demo plan (fictional, clearly labelled).

Accounts, one per role, get random passwords, printed once and written to
ECOPLAN_DATA_DIR/demo/accounts.txt (an account added by a later version joins those listed).
Cycles are opened for every month of the plan year up to last month; most units report, are
accepted, and mark year-end work done by September; one unit is always late.
"""
from __future__ import annotations

import random
import secrets
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth.models import User

from ecoplan.plans.models import Organisation, Plan

from . import actions
from .models import Profile, Role

ACCOUNTS = [  # username, role, organisation, person
    ("demo-coordinator", Role.COORDINATOR, "区生态环境局", ""),
    ("demo-reporter", Role.REPORTER, "区住房城乡建设委", ""),  # the unit late with its last report
    ("demo-reporter-water", Role.REPORTER, "区水务局", ""),
    ("demo-auditor", Role.AUDITOR, "", ""),
    # 牵头领导 of the demo plan's water work and of the ecology bureau's air measures
    ("demo-leader", Role.LEADER, "", "李明"),
]
LATE_UNIT = "区住房城乡建设委"


def _write_accounts(path: Path, created: list[tuple[str, str, str]]) -> None:
    """username, role, password a line: the accounts created now beside those listed before."""
    lines = {line.split("\t", 1)[0]: line for line in
             (path.read_text("utf-8").splitlines() if path.exists() else []) if line.strip()}
    lines.update({u: f"{u}\t{r}\t{p}" for u, r, p in created})
    order = [a[0] for a in ACCOUNTS]
    path.write_text("".join(lines[u] + "\n" for u in sorted(lines, key=lambda u: (
        order.index(u) if u in order else len(order), u))), "utf-8")


def load(plan: Plan, folder: Path, until: date) -> list[tuple[str, str, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    created: list[tuple[str, str, str]] = []
    for username, role, unit, person in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(username, password=password)  # the role decides, not is_staff
        Profile.objects.create(user=user, role=role, person_name=person,
                               organisation=Organisation.objects.filter(name=unit, district=plan.district).first()
                               if unit else None)
        # untyped Django (no django-stubs): mypy reads a TextChoices member as its (value, label) tuple
        created.append((username, role, password))  # type: ignore[arg-type]
    if created:
        _write_accounts(folder / "accounts.txt", created)
    coordinator = User.objects.get(username="demo-coordinator")
    rng = random.Random(2026)
    year = plan.period_start or until.year
    latest = (until.replace(day=1) - timedelta(days=1)).replace(day=1)  # the last complete month
    for month in range(1, 13):
        first = date(year, month, 1)
        if first > latest or plan.cycles.filter(month=first).exists():
            continue
        cycle = actions.do_open_cycle(plan, first, acting_user=coordinator)
        last_month = first == latest
        for report in cycle.reports.select_related("organisation"):
            if report.organisation.name == LATE_UNIT and last_month:
                continue  # one unit has not reported the latest month
            entries = {}
            for e in report.entries.select_related("measure"):
                done = e.measure.deadline_end is not None and e.measure.deadline_end.month <= month + 1 \
                    and rng.random() < 0.8
                entries[e.measure_id] = {"status": "done" if done else "in_progress",
                                         "narrative": "（演示）按计划推进" if not done else "（演示）已完成",
                                         "quantity_done": e.quantity_target if done and e.quantity_target else None}
            report = actions.do_save_report(report, coordinator, report.version, entries)
            report = actions.do_submit_report(report, coordinator, report.version)
            if not last_month:
                actions.do_accept_report(report, coordinator)
    return created
