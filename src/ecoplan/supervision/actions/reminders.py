"""Notifications and reminders: in-app and by e-mail, idempotent per user and subject."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoplan.plans.models import Assignment, Measure
from ecoplan.reporting import workdays

from ..models import (
    Notification,
    Profile,
    Report,
    ReportingCycle,
    Role,
)
from ..status import completion_dates
from ._errors import Refused


def _notify(user, kind: str, message: str, url: str, key: str) -> bool:
    _, created = Notification.objects.get_or_create(user=user, key=key, defaults={
        "kind": kind, "message": message, "url": url})
    if created and user.email:
        # after the commit: a rolled-back action (a refused return, a failed batch) sends nothing
        subject, body, to = f"[ecoplan] {message[:60]}", message + ("\n" + url if url else ""), [user.email]
        transaction.on_commit(lambda: send_mail(subject, body, None, to, fail_silently=True))
    return created


def _reporters(organisation_ids=None) -> dict[int, list]:
    """organisation id → its reporters' users, in one query."""
    # a deactivated account is nobody to remind (the month screen counts only active reporters too)
    profiles = Profile.objects.filter(role=Role.REPORTER, organisation__isnull=False,
                                      user__is_active=True).select_related("user")
    if organisation_ids is not None:
        profiles = profiles.filter(organisation_id__in=organisation_ids)
    by_unit: dict[int, list] = defaultdict(list)
    for profile in profiles:
        by_unit[profile.organisation_id].append(profile.user)
    return by_unit


def _notify_unit(report: Report, kind: str, message: str, url: str, key: str, reporters=None) -> int:
    users = (reporters if reporters is not None else _reporters([report.organisation_id])).get(report.organisation_id, [])
    return sum(_notify(u, kind, message, url, key) for u in users)


@transaction.atomic
def do_send_reminders(today: date | None = None, report_days: int = 3, measure_days: int = 14) -> dict:
    """Reminders before a report's due date and before a measure's deadline (not for work already
    reported done); the escalation list of late reports to the coordinators.  Idempotent: one
    notification per user and subject."""
    today = today or timezone.localdate()
    sent = {"report_due": 0, "measure_due": 0, "escalation": 0}
    reporters = _reporters()
    open_reports = Report.objects.filter(cycle__status=ReportingCycle.Status.OPEN,
                                         status__in=[Report.Status.DRAFT, Report.Status.RETURNED]).select_related(
        "cycle", "organisation")
    late = []
    for report in open_reports:
        warn_from = workdays.add_working_days(report.cycle.due_date, -report_days).day
        if warn_from <= today <= report.cycle.due_date:
            sent["report_due"] += _notify_unit(
                report, "report_due", f"{report.organisation} {report.cycle.month:%Y-%m} 月报应于 "
                f"{report.cycle.due_date:%Y-%m-%d} 前报送", f"/supervision/reports/{report.pk}/",
                f"report_due:{report.pk}", reporters)
        elif today > report.cycle.due_date:
            late.append(report)
    soon = (Measure.objects.filter(deadline_end__gte=today, deadline_end__lte=today + timedelta(days=measure_days))
            .select_related("task__annex__plan").prefetch_related("assignments"))
    done: dict[int, dict] = {}  # plan id → completion dates
    for measure in soon:
        plan = measure.task.annex.plan
        if plan.pk not in done:
            done[plan.pk] = completion_dates(plan)
        if measure.pk in done[plan.pk]:
            continue
        for a in measure.assignments.all():
            if a.role != Assignment.Role.LEAD_UNIT or a.organisation_id is None:
                continue
            for user in reporters.get(a.organisation_id, []):
                sent["measure_due"] += _notify(
                    user, "measure_due", f"措施将于 {measure.deadline_end:%Y-%m-%d} 到期：{measure.text[:60]}",
                    f"/plans/{plan.pk}/", f"measure_due:{measure.pk}")
    if late:
        text = "逾期未报送：" + "、".join(f"{r.organisation}（{r.cycle.month:%Y-%m}）" for r in late[:50])
        for profile in Profile.objects.filter(role=Role.COORDINATOR).select_related("user"):
            sent["escalation"] += _notify(profile.user, "escalation", text, "/supervision/", f"escalation:{today}")
    return sent


@dataclass(frozen=True)
class Reminded:
    """What one click on "remind" did: users notified now, units reached, units with no reporter
    account (nobody to tell: the coordinator must create one), units already reminded today."""

    users: int
    units: list[str]
    without_reporter: list[str]
    already: list[str]


@transaction.atomic
def do_remind_units(cycle: ReportingCycle, acting_user, organisation_ids=None, today: date | None = None) -> Reminded:
    """Remind the reporters of every unit of ``cycle`` that has not submitted (or of the units
    ``organisation_ids`` among them).  Idempotent per user, report and day: a second click the same
    day notifies no one again."""
    today = today or timezone.localdate()
    if cycle.status != ReportingCycle.Status.OPEN:
        raise Refused(_("the %(month)s cycle is closed: reports can no longer change") % {
            "month": f"{cycle.month:%Y-%m}"})
    reports = (cycle.reports.filter(status__in=[Report.Status.DRAFT, Report.Status.RETURNED])
               .select_related("organisation").order_by("organisation__name"))
    if organisation_ids is not None:
        reports = reports.filter(organisation_id__in=organisation_ids)
    reports = list(reports)
    reporters = _reporters([r.organisation_id for r in reports])
    users = 0
    units: list[str] = []
    without: list[str] = []
    already: list[str] = []
    for report in reports:
        if not reporters.get(report.organisation_id):
            without.append(report.organisation.name)
            continue
        late = today > cycle.due_date
        message = (f"{report.organisation} {cycle.month:%Y-%m} 月报{'已逾期' if late else '尚未报送'}"
                   f"（应于 {cycle.due_date:%Y-%m-%d} 前报送），请尽快填报")
        sent = _notify_unit(report, "report_reminder", message, f"/supervision/reports/{report.pk}/",
                            f"reminder:{report.pk}:{today:%Y-%m-%d}", reporters)
        (units if sent else already).append(report.organisation.name)
        users += sent
    return Reminded(users, units, without, already)
