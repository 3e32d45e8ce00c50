"""Read side of the overview (督办总览): the measures and targets one leader (牵头领导) or one lead unit
(牵头单位) answers for, by due state, theme and unit, late and at-risk first, month on month.

Which targets belong to a scope: the unit that reports each target (evaluation.responsibility, the
one link of targets to lead units, also the assessment's): for a unit, the targets it reports; for
a leader, the targets printed in (or stated by) one of the leader's measures.

The queries do not grow with the number of measures: two for the measures, a few per plan (the
due states, the entries, the targets' judgements: evaluation.cached).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from ecoplan.evaluation import cached
from ecoplan.evaluation.responsibility import plan_leads, responsible_unit
from ecoplan.evaluation.services import TargetJudgement
from ecoplan.plans.models import Annex, Assignment, Measure, Organisation, Plan
from ecoplan.reporting import duties, pdf
from ecoplan.reporting import overview as figures
from ecoplan.vocabulary.states import TARGET_CODES, TARGET_STATES

from . import status
from .models import Report, ReportEntry, ReportingCycle

TARGET_LABELS = {t.code: t.label for t in TARGET_STATES}
SHOWN_LATE = 10  # late measures and targets at risk listed at the top (the full list is below)


@dataclass(frozen=True)
class Scope:
    """Whose overview: a leader's (``leader``: the 牵头领导 as printed) or a lead unit's, optionally
    of one plan."""

    leader: str = ""
    unit: Organisation | None = None
    plan: Plan | None = None

    @property
    def title(self) -> str:
        return self.leader if self.leader else str(self.unit)

    def query(self) -> dict:
        """The page's parameters for this scope (links to the PDF, the pages of the list)."""
        out: dict = {"leader": self.leader} if self.leader else {"unit": self.unit.pk if self.unit else None}
        if self.plan is not None:
            out["plan"] = self.plan.pk
        return out

    def measures(self) -> QuerySet:
        if self.leader:
            qs = Measure.objects.filter(assignments__role=Assignment.Role.LEAD_OFFICIAL,
                                        assignments__person_name=self.leader)
        else:
            qs = Measure.objects.filter(assignments__role=Assignment.Role.LEAD_UNIT,
                                        assignments__organisation=self.unit)
        if self.plan is not None:
            qs = qs.filter(task__annex__plan=self.plan)
        leads = Assignment.objects.filter(role=Assignment.Role.LEAD_UNIT).select_related("organisation")
        return (qs.distinct().select_related("task__annex__plan")
                .prefetch_related(Prefetch("assignments", queryset=leads, to_attr="leads"))
                .order_by("task__annex__plan_id", "task__annex__order", "task__order", "order"))


@dataclass
class MeasureRow:
    measure: Measure
    state: str

    @property
    def state_label(self) -> str:
        return gettext(duties.STATE_LABELS[self.state])

    @property
    def units(self) -> str:
        return "、".join(a.organisation.name if a.organisation else a.printed for a in self.measure.leads)


@dataclass
class TargetRow:
    judgement: TargetJudgement  # the target's first row in the pages' order
    status: str

    @property
    def status_label(self) -> str:
        return gettext(TARGET_LABELS[self.status])


@dataclass
class Overview:
    scope: Scope
    today: date
    rows: list[MeasureRow]  # late first (vocabulary.states.DUE_URGENCY), then in plan order
    tally: figures.Tally
    targets: list[TargetRow]  # at risk first
    by_theme: list[figures.Group]
    by_unit: list[figures.Group]
    trend: list[figures.TrendPoint]
    plans: list[Plan]

    @property
    def late(self) -> list[MeasureRow]:
        return [r for r in self.rows if r.state == figures.LATE]

    @property
    def targets_at_risk(self) -> list[TargetRow]:
        return [t for t in self.targets if figures.at_risk(t.status)]

    def states(self) -> list[tuple[str, str, int]]:
        return [(s, gettext(duties.STATE_LABELS[s]), n) for s, n in self.tally.in_order()]

    def target_states(self) -> list[tuple[str, str, int]]:
        counted = Counter(t.status for t in self.targets)
        return [(t.code, gettext(t.label), counted[t.code]) for t in TARGET_STATES if counted[t.code]]

    def charts(self) -> dict:
        """What the page's charts draw (json_script): progress per theme and unit, the trend."""
        def bars(groups):
            return {"labels": [g.label for g in groups], "finished": [g.tally.done for g in groups],
                    "late": [g.tally.late for g in groups],
                    "other": [g.tally.total - g.tally.done - g.tally.late for g in groups]}
        return {"theme": bars(self.by_theme), "unit": bars(self.by_unit[:15]),
                "trend": {"months": [f"{p.month:%Y-%m}" for p in self.trend],
                          "share_done": [p.done for p in self.trend],
                          "share_in_progress": [p.in_progress for p in self.trend],
                          "overdue_count": [p.overdue for p in self.trend]},
                "names": {"finished": gettext("done"), "late": gettext("overdue"), "other": gettext("not yet done"),
                          "overdue_count": gettext("overdue (count)"), "share_in_progress": gettext("in progress (%)"),
                          "share_done": gettext("done (%)")}}


def build(scope: Scope, today: date | None = None) -> Overview:
    today = today or timezone.localdate()
    measures = list(scope.measures())
    plans = {m.task.annex.plan_id: m.task.annex.plan for m in measures}
    states: dict[int, str] = {}
    done_on: dict[int, date] = {}
    for plan in plans.values():
        mine = [m for m in measures if m.task.annex.plan_id == plan.pk]
        done = status.completion_dates(plan)
        states.update(status.measure_states(plan, today, mine, done=done, latest=status.latest_entry_status(plan)))
        done_on.update({m.pk: done[m.pk] for m in mine if m.pk in done})
    rows = sorted((MeasureRow(m, states[m.pk]) for m in measures), key=lambda r: figures.urgency(r.state))
    themes = dict(Annex.Theme.choices)
    by_theme = figures.by_group((m.task.annex.theme, str(themes.get(m.task.annex.theme, m.task.annex.theme)),
                                 states[m.pk]) for m in measures)
    by_unit = figures.by_group((a.organisation_id or a.printed, a.organisation.name if a.organisation else a.printed,
                                states[m.pk]) for m in measures for a in m.leads)
    return Overview(scope, today, rows, figures.tally(states.values()), _targets(scope, measures, plans.values(), today),
                    by_theme, by_unit, _trend(measures, plans, done_on), list(plans.values()))


def _targets(scope: Scope, measures: list[Measure], plans, today: date) -> list[TargetRow]:
    mine = {m.pk for m in measures}
    rows = []
    for plan in plans:
        leads = plan_leads(plan)
        per_target: dict[int, list] = {}
        for j in cached.judged(plan, today).rows:  # judged once per day and data, as on the month screen
            per_target.setdefault(j.target.pk, []).append(j)
        for group in per_target.values():
            responsible = responsible_unit(group[0].target, leads)
            if scope.leader:
                ours = responsible.measure is not None and responsible.measure.pk in mine
            else:
                ours = (responsible.organisation is not None and scope.unit is not None
                        and responsible.organisation.pk == scope.unit.pk)
            if ours:
                worst = figures.target_status(j.status for j in group)
                rows.append(TargetRow(next(j for j in group if j.status == worst), worst))
    return sorted(rows, key=lambda t: TARGET_CODES.index(t.status))


def _trend(measures: list[Measure], plans: dict[int, Plan], done_on: dict[int, date]) -> list[figures.TrendPoint]:
    months = ReportingCycle.objects.filter(plan__in=list(plans)).values_list("month", flat=True)
    deadlines = {m.pk: duties.Deadline(m.deadline_kind, m.deadline_start, m.deadline_end) for m in measures}
    entries = (ReportEntry.objects.filter(role=ReportEntry.Role.LEAD, report__cycle__plan__in=list(plans),
                                          report__status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED])
               .values_list("report__cycle__month", "measure_id", "status"))
    return figures.trend(list(months), deadlines, done_on, entries)


def leaders(plan: Plan | None = None) -> list[tuple[str, int]]:
    """Every lead official (牵头领导) of the plans (of ``plan``) with their number of measures, most first."""
    qs = Assignment.objects.filter(role=Assignment.Role.LEAD_OFFICIAL).exclude(person_name="")
    if plan is not None:
        qs = qs.filter(measure__task__annex__plan=plan)
    return [(r["person_name"], r["n"]) for r in
            qs.values("person_name").annotate(n=Count("measure", distinct=True)).order_by("-n", "person_name")]


def lead_units(plan: Plan | None = None) -> list[tuple[Organisation, int]]:
    """Every unit that leads a measure (of ``plan``), with its number of measures, most first."""
    qs = Organisation.objects.filter(assignments__role=Assignment.Role.LEAD_UNIT)
    if plan is not None:
        qs = qs.filter(assignments__measure__task__annex__plan=plan)
    qs = (qs.annotate(n=Count("assignments__measure", distinct=True)).select_related("district")
          .order_by("-n", "name"))
    return [(o, o.n) for o in qs]


def summary(ov: Overview, top: int = 8, flags: list | None = None) -> pdf.Page:
    """The overview as a one-page PDF's content (reporting.pdf): the same figures, the top of each list;
    ``flags``: the saved rankings' bottom N (``rankings.flags.flagged``), as the page's 排名靠后 card."""
    t = ov.tally
    figs = [pdf.Figure(gettext("measures"), str(t.total)), pdf.Figure(gettext("done"), f"{t.done}"),
            pdf.Figure(gettext("share done"), f"{t.share_done}%"),
            pdf.Figure(gettext("overdue"), str(t.late), alert=t.late > 0),
            pdf.Figure(gettext("targets at risk or missed"), str(len(ov.targets_at_risk)),
                       alert=bool(ov.targets_at_risk))]
    states = "；".join(f"{label} {n}" for _code, label, n in ov.states())
    target_states = "；".join(f"{label} {n}" for _code, label, n in ov.target_states())
    blocks: list = [pdf.Rows(gettext("Measures by state"), [gettext("Measures"), gettext("Targets")],
                             [[states or "—", target_states or "—"]])]
    late = ov.late
    blocks.append(pdf.Rows(
        gettext("Overdue measures"), [gettext("Measure"), gettext("Lead unit"), gettext("Due by")],
        [[m.measure.text[:70], m.units, m.measure.deadline_raw or "—"] for m in late[:top]] or [["—", "", ""]],
        widths=[6, 3, 1.4], more=_more(len(late) - top)))
    risky = ov.targets_at_risk
    blocks.append(pdf.Rows(
        gettext("Targets at risk or missed"), [gettext("Target"), gettext("Area"), gettext("Status")],
        [[t.judgement.target.raw[:70], t.judgement.area_name, t.status_label] for t in risky[:top]] or [["—", "", ""]],
        widths=[6, 2, 1.4], more=_more(len(risky) - top)))
    if flags is not None:
        blocks.append(pdf.Rows(
            gettext("Ranked at the bottom"), [gettext("Ranking"), gettext("Period"), gettext("Bottom sub-areas")],
            [[d.name, result.period.zh, "、".join(f"{r.name}（{r.value}{result.metric.unit}）" for r in bottom)
              or gettext("none")] for d, result, bottom in flags[:top]] or [["—", "", ""]],
            widths=[3, 1.6, 5], more=_more(len(flags) - top)))
    for title, groups in ((gettext("Progress by theme"), ov.by_theme), (gettext("Progress by lead unit"), ov.by_unit)):
        blocks.append(pdf.Rows(title, [gettext("Group"), gettext("Measures"), gettext("done"), gettext("overdue"),
                                       gettext("share done")],
                               [[g.label, str(g.tally.total), str(g.tally.done), str(g.tally.late),
                                 f"{g.tally.share_done}%"] for g in groups[:top]],
                               widths=[5, 1, 1, 1, 1], more=_more(len(groups) - top)))
    recent = ov.trend[-12:]
    blocks.append(pdf.Trend(gettext("Month on month"), [f"{p.month:%Y-%m}" for p in recent],
                            [(gettext("done (%)"), [p.done for p in recent]),
                             (gettext("in progress (%)"), [p.in_progress for p in recent]),
                             (gettext("overdue (count)"), [p.overdue for p in recent])],
                            empty=gettext("No reporting cycle has been opened yet.")))
    plans = "；".join(p.title for p in ov.plans)
    return pdf.Page(gettext("Overview: %(name)s") % {"name": ov.scope.title},
                    gettext("As of %(date)s · %(plans)s") % {"date": f"{ov.today:%Y-%m-%d}", "plans": plans},
                    figs, blocks, footer=gettext("ecoplan · due states as the monthly reports and deadlines give them; "
                                                 "targets as judged on the figures known to date"))


def _more(n: int) -> str:
    return gettext("… and %(n)s more (see the overview page)") % {"n": n} if n > 0 else ""
