"""Read side of the coordinator's month (月度调度): one cycle of one plan on one screen — where each
unit's report stands, the reports waiting for review, the overdue and due-soon measures, the
targets off track.  Every list is built in a fixed number of queries, whatever the number of units
or measures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q
from django.utils import timezone

from ecoplan.evaluation import cached
from ecoplan.evaluation.services import TargetJudgement
from ecoplan.plans.models import Measure, Plan, Profile, Role
from ecoplan.reporting import duties
from ecoplan.vocabulary.states import DUE_ALERTS, EDITABLE_REPORT, NEED_NARRATIVE, TARGET_STATES, UNIT_MONTH_STATES

from . import status
from .models import Report, ReportingCycle

UNIT_STATES = UNIT_MONTH_STATES
NOT_STARTED = UNIT_STATES[0].code
UNIT_STATE_CODES = tuple(t.code for t in UNIT_STATES)
UNIT_LABELS = {t.code: t.label for t in UNIT_STATES}
# the target states the screen lists (the rest are met, on track or not judged on a figure)
TARGET_ALERTS = ("missed", "at_risk")
TARGET_NO_DATA = "insufficient_data"


def unit_state(report: Report) -> str:
    """``not_started`` for a draft never saved (its lock counter never moved), else the report's status."""
    return NOT_STARTED if report.status == Report.Status.DRAFT and report.version == 1 else report.status


@dataclass
class UnitRow:
    report: Report
    state: str
    late: bool  # past the due date and not submitted
    answered: int  # entries the unit has touched (a state other than the default, or a narrative)
    total: int
    has_reporter: bool  # an active reporter account for the unit: someone a reminder reaches

    @property
    def unit(self) -> str:
        return self.report.organisation.name

    @property
    def last_activity(self) -> datetime | None:
        return self.report.touched_at

    @property
    def label(self) -> str:
        return UNIT_LABELS[self.state]

    @property
    def open(self) -> bool:
        """The unit may still change its report: not started, draft or returned."""
        return self.report.status in EDITABLE_REPORT


def cycle_of(plan: Plan, month: str | None = None) -> ReportingCycle | None:
    """The cycle of ``month`` (YYYY-MM), else the latest open one, else the latest."""
    cycles = plan.cycles.all()  # newest month first
    if month:
        return cycles.filter(month=date.fromisoformat(f"{month}-01")).first()
    return cycles.filter(status=ReportingCycle.Status.OPEN).first() or cycles.first()


def unit_rows(cycle: ReportingCycle, today: date | None = None) -> list[UnitRow]:
    """Every unit of the month, late ones first, then by state (not started first) and name.
    Two queries."""
    today = today or timezone.localdate()
    # answered as the form counts it (rows.still_to_answer): a state that needs no narrative, or one
    answered = Q(entries__narrative__gt="") | ~Q(entries__status__in=sorted(NEED_NARRATIVE))
    reports = list(cycle.reports.select_related("organisation")
                   .annotate(total=Count("entries", distinct=True),
                             answered=Count("entries", filter=answered, distinct=True)))
    with_reporter = set(Profile.objects.filter(role=Role.REPORTER, user__is_active=True,
                                               organisation__reports__cycle=cycle)
                        .values_list("organisation_id", flat=True))
    past_due = today > cycle.due_date
    rows = [UnitRow(r, unit_state(r), past_due and r.status in EDITABLE_REPORT, r.answered, r.total,
                    r.organisation_id in with_reporter) for r in reports]
    rows.sort(key=lambda row: (not row.late, UNIT_STATE_CODES.index(row.state), row.unit))
    return rows


def state_counts(rows: list[UnitRow]) -> list[tuple[str, str, int]]:
    """(state, English label, count) for every unit state, zero counts included: "submitted"
    (awaiting review) and "accepted" are two numbers, never one."""
    return [(t.code, t.label, sum(row.state == t.code for row in rows)) for t in UNIT_STATES]


def review_queue(rows: list[UnitRow]) -> list[UnitRow]:
    """Reports submitted and waiting for the coordinator's review, the longest waiting first."""
    waiting = [row for row in rows if row.state == Report.Status.SUBMITTED]
    return sorted(waiting, key=lambda row: (row.report.submitted_at or timezone.now(), row.unit))


@dataclass
class MeasureRow:
    measure: Measure
    state: str
    lead_units: list[str]

    @property
    def label(self) -> str:
        return duties.STATE_LABELS[self.state]


def due_measures(plan: Plan, today: date | None = None) -> list[MeasureRow]:
    """The plan's overdue measures (the longest overdue first), then those due soon (the soonest
    first), each with its lead units.  Five queries."""
    today = today or timezone.localdate()
    measures = list(Measure.objects.filter(task__annex__plan=plan).select_related("task").only(
        "text", "deadline_kind", "deadline_start", "deadline_end", "deadline_raw", "task__title"))
    states = status.measure_states(plan, today, measures)
    alerts = [m for m in measures if states[m.pk] in DUE_ALERTS]
    leads = status.lead_units([m.pk for m in alerts])
    rows = [MeasureRow(m, states[m.pk], [name for _, name in leads.get(m.pk, [])]) for m in alerts]
    rows.sort(key=lambda row: (DUE_ALERTS.index(row.state), row.measure.deadline_end or today, row.measure.pk))
    return rows


@dataclass
class Targets:
    """The plan's targets off track (missed, then at risk) and how many lack the data to judge."""

    alerts: list[TargetJudgement]
    no_data: int
    computed_at: datetime


def targets(kept: cached.Kept) -> Targets:
    order = [t.code for t in TARGET_STATES]
    alerts = sorted((row for row in kept.rows if row.status in TARGET_ALERTS),
                    key=lambda row: (order.index(row.status), row.target.order, row.area_name))
    return Targets(alerts, sum(row.status == TARGET_NO_DATA for row in kept.rows), kept.computed_at)


def judged_targets(plan: Plan, today: date | None = None, refresh: bool = False) -> Targets:
    return targets(cached.judged(plan, today or timezone.localdate(), refresh))


def kept_targets(plan: Plan, today: date | None = None) -> Targets | None:
    """The targets when their judgement is in the cache already, else None (the page then loads
    them in their own request)."""
    kept = cached.peek(plan, today or timezone.localdate())
    return targets(kept) if kept else None
