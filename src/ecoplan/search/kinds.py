"""What search finds, as a table: each kind of row, its label, who may find it (a kind of the one
access policy, ecoplan.plans.access) and how an object becomes a row of the index.

``via`` names the index column holding the pk the access policy is asked about: a key task is seen
by whoever may see its plan; the others are asked about themselves."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from ecoplan.importers.text import search_form
from ecoplan.plans.models import Measure, Organisation, Plan, ReviewItem, Target, Task
from ecoplan.supervision.models import Report, ReportEntry

from .models import Entry


def body(*parts: str) -> str:
    """The matched text: each part in matching form, one per line (queries hold no line break, so
    a match never runs from one part into the next)."""
    return "\n".join(form for part in parts if part and (form := _form(part)))


@lru_cache(maxsize=4096)
def _form(part: str) -> str:  # sections, plan titles and unit names repeat from row to row
    return search_form(part)


def _plan(plan: Plan) -> Entry:
    period = plan.period
    return Entry(title=plan.title, text=" · ".join(p for p in (plan.issuing_body, plan.doc_number) if p),
                 context=" ".join(p for p in (plan.district.name if plan.district_id else "", period) if p),
                 url=reverse("plans:detail", args=[plan.pk]),
                 body=body(plan.title, plan.issuing_body, plan.doc_number), plan=plan)


def _task(task: Task) -> Entry | None:
    title = f"{task.number} {task.title}".strip()
    if not (task.title or task.section):
        return None  # prose plans: a task without a heading of its own
    plan = task.annex.plan
    return Entry(title=title, text=task.section, context=plan.title,
                 url=reverse("plans:detail", args=[plan.pk]) + "#measures",
                 body=body(task.title, task.section), plan=plan, task=task)


def _measure(measure: Measure) -> Entry:
    task = measure.task
    plan = task.annex.plan
    # the plan page filtered to this measure (its own text filter): the plan pages have no anchor per
    # measure.  search_text is the text's matching form, kept by Measure.save() and the importer
    start = (measure.search_text or search_form(measure.text))[:24]
    return Entry(title=f"{task.number} {task.title}".strip() or plan.title, text=measure.text, context=plan.title,
                 url=reverse("plans:detail", args=[plan.pk]) + "?" + urlencode({"text": start}) + "#measures",
                 body=measure.search_text or body(measure.text), plan=plan, task=task, measure=measure)


def _unit(unit: Organisation) -> Entry:
    aliases = [a.alias for a in unit.aliases.all()]
    return Entry(title=str(unit), text="、".join(aliases), context=unit.get_kind_display(),
                 url=reverse("plans:organisation", args=[unit.pk]), body=body(unit.name, *aliases),
                 organisation=unit)


def _target(target: Target) -> Entry:
    plan = target.plan
    return Entry(title=target.indicator, text=target.raw, context=" · ".join(p for p in (plan.title, target.area_printed) if p),
                 url=reverse("plans:detail", args=[plan.pk]) + "#targets",
                 body=body(target.indicator, target.raw, target.area_printed), plan=plan, target=target)


def _report(report: Report) -> Entry:
    cycle, unit = report.cycle, report.organisation
    month = cycle.month
    return Entry(title=f"{unit.name} · {month:%Y-%m}", text=report.review_comment, context=cycle.plan.title,
                 url=reverse("supervision:report", args=[report.pk]),
                 body=body(unit.name, f"{month:%Y-%m}", f"{month.year}年{month.month}月", report.review_comment),
                 plan_id=cycle.plan_id, organisation=unit, report=report)


def _progress(entry: ReportEntry) -> Entry | None:
    if not entry.narrative.strip():
        return None
    report = entry.report  # saved through report.entries: the report (and its cycle) come cached
    cycle, unit = report.cycle, report.organisation
    # no context: the page shows the measure's text (measure_id costs no query here, a join there)
    return Entry(title=f"{unit.name} · {cycle.month:%Y-%m}", text=entry.narrative,
                 url=reverse("supervision:report", args=[report.pk]), body=body(entry.narrative),
                 plan_id=cycle.plan_id, organisation=unit, report=report, report_entry=entry,
                 measure_id=entry.measure_id)


def _review_url(item: ReviewItem) -> str:
    query = urlencode({"plan": item.plan_id, "status": item.status, "kind": item.kind})
    return f"{reverse('plans:review')}?{query}#review-{item.pk}"


def _review_message(item: ReviewItem) -> str:
    with translation.override("zh-hans"):  # the importer writes English; people search in Chinese
        return item.display_message


def _review_item(item: ReviewItem) -> Entry:
    message = _review_message(item)
    return Entry(title=(item.source_text.strip() or message)[:120], text=message, context=item.plan.title,
                 url=_review_url(item), body=body(item.source_text, message, item.message),
                 plan=item.plan, review_item=item)


def _review_note(item: ReviewItem) -> Entry | None:
    if not item.resolution.strip():
        return None
    return Entry(title=(item.source_text.strip() or _review_message(item))[:120], text=item.resolution,
                 context=item.plan.title, url=_review_url(item), body=body(item.resolution),
                 plan=item.plan, review_item=item)


@dataclass(frozen=True)
class SearchKind:
    code: str
    label: str
    access: str  # the access-policy kind asked
    build: Callable[..., Entry | None]
    objects: Callable  # every object of the kind, with what ``build`` reads
    plan_path: str | None  # ORM path from an object to its plan (None: not one plan's)
    via: str = "object_id"


KINDS: dict[str, SearchKind] = {k.code: k for k in (
    SearchKind("plan", _("Plans"), "plan", _plan, lambda: Plan.objects.select_related("district"), "pk",
               via="plan_id"),
    SearchKind("task", _("Key tasks"), "plan", _task, lambda: Task.objects.select_related("annex__plan"),
               "annex__plan", via="plan_id"),
    SearchKind("measure", _("Measures"), "measure", _measure,
               lambda: Measure.objects.select_related("task__annex__plan"), "task__annex__plan"),
    SearchKind("unit", _("Units"), "organisation", _unit,
               lambda: Organisation.objects.select_related("district").prefetch_related("aliases"), None),
    SearchKind("target", _("Targets"), "target", _target, lambda: Target.objects.select_related("plan"), "plan"),
    SearchKind("report", _("Monthly reports"), "report", _report,
               lambda: Report.objects.select_related("cycle__plan", "organisation"), "cycle__plan"),
    SearchKind("progress", _("Reported progress"), "report_entry", _progress,
               lambda: ReportEntry.objects.exclude(narrative="").select_related(
                   "report__cycle", "report__organisation"), "report__cycle__plan"),
    SearchKind("review_item", _("Review items"), "review_item", _review_item,
               lambda: ReviewItem.objects.select_related("plan"), "plan"),
    SearchKind("review_note", _("Review notes"), "review_note", _review_note,
               lambda: ReviewItem.objects.exclude(resolution="").select_related("plan"), "plan"),
)}

# the kinds each model's objects give (a review item: the item and its resolution)
BY_MODEL: dict[type, tuple[str, ...]] = {
    Plan: ("plan",), Task: ("task",), Measure: ("measure",), Organisation: ("unit",), Target: ("target",),
    Report: ("report",), ReportEntry: ("progress",), ReviewItem: ("review_item", "review_note"),
}
