"""The coordinator's month on one screen (月度调度): where each unit's report stands, the review
queue, overdue and due-soon measures, targets off track, reminders and an Excel file of each list.

The targets come from ``evaluation.cached`` (judging a plan takes up to 0.65 s): when the judgement
of today's data is kept, the page shows it at once; otherwise the page loads it in its own request
(htmx, ``month_targets``), so the rest of the screen never waits for the judges."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecoplan.plans.access import CHANGE, access, check, may
from ecoplan.plans.params import parse, parsed
from ecoplan.reporting import duties
from ecoplan.vocabulary.states import TARGET_STATES

from . import actions, month
from .forms import MonthForm, RemindForm
from .models import ReportingCycle

MEASURES_PER_PAGE = 25
TARGET_LABELS = {t.code: t.label for t in TARGET_STATES}


def _plan(request, pk: int):
    return access(request.user, "progress", pk)


@login_required
@parsed
def month_page(request, pk: int):
    plan = _plan(request, pk)
    query = parse(MonthForm, request.GET)
    cycle = month.cycle_of(plan, query["month"])
    if cycle is None and query["month"]:
        raise Http404("no reporting cycle of this plan for that month")
    today = timezone.localdate()
    if query["format"] == "xlsx":
        return _export(plan, cycle, query["list"], today)
    context = {"plan": plan, "cycle": cycle, "cycles": list(plan.cycles.all()), "today": today,
               "can_remind": may(request.user, "cycle", CHANGE)}
    if cycle is not None:
        rows = month.unit_rows(cycle, today)
        context.update(rows=rows, counts=[(code, _(label), n) for code, label, n in month.state_counts(rows)],
                       late=sum(row.late for row in rows), queue=month.review_queue(rows),
                       open_units=sum(row.open for row in rows))
    measures = month.due_measures(plan, today)
    context["measures"] = Paginator(measures, MEASURES_PER_PAGE).get_page(query["page"])
    context["measure_counts"] = [(s, _(duties.STATE_LABELS[s]), sum(r.state == s for r in measures))
                                 for s in month.DUE_ALERTS]
    context["targets"] = month.kept_targets(plan, today)
    context["query"] = f"month={cycle.month:%Y-%m}&" if cycle else ""
    return render(request, "supervision/month.html", context)


@login_required
@parsed
def month_targets(request, pk: int):
    """The targets off track: the fragment the month page loads (or, without htmx, a page)."""
    plan = _plan(request, pk)
    query = parse(MonthForm, request.GET)
    context = {"plan": plan, "targets": month.judged_targets(plan, refresh=query["refresh"])}
    template = "supervision/_month_targets.html" if request.headers.get("HX-Request") else "supervision/month_targets.html"
    return render(request, template, context)


@login_required
@require_POST
@parsed
def month_remind(request, pk: int):
    """Remind the reporters of one unit, or of every unit that has not submitted."""
    plan = _plan(request, pk)
    check(request.user, "cycle", CHANGE)
    form = parse(RemindForm, request.POST)
    cycle = access(request.user, "cycle", form["cycle"], CHANGE,
                   queryset=ReportingCycle.objects.filter(plan=plan))
    back = redirect(reverse("supervision:month", args=[plan.pk]) + f"?month={cycle.month:%Y-%m}")
    try:
        done = actions.do_remind_units(cycle, request.user, [form["unit"]] if form["unit"] else None)
    except actions.Refused as exc:
        messages.error(request, str(exc))
        return back
    if done.users:
        messages.success(request, _("Reminded %(users)d reporter account(s) of %(n)d unit(s): %(units)s") % {
            "users": done.users, "n": len(done.units), "units": "、".join(done.units)})
    if done.already:
        messages.info(request, _("Already reminded today: %(units)s") % {"units": "、".join(done.already)})
    if done.without_reporter:
        messages.warning(request, _("No reporter account, nobody to remind: %(units)s") % {
            "units": "、".join(done.without_reporter)})
    if not (done.users or done.already or done.without_reporter):
        messages.info(request, _("Every unit has submitted: nobody to remind."))
    return back


def _export(plan, cycle, which: str, today) -> HttpResponse:
    from openpyxl import Workbook

    from ecoplan.spreadsheets import append_row, xlsx_response

    book = Workbook()
    sheet = book.active
    stamp = f"{cycle.month:%Y-%m}" if cycle else f"{today:%Y-%m-%d}"
    if which in ("units", "review"):
        if cycle is None:
            raise Http404("no reporting cycle of this plan")
        rows = month.unit_rows(cycle, today)
        if which == "review":
            rows = month.review_queue(rows)
        sheet.title = _("Units") if which == "units" else _("Waiting for review")
        append_row(sheet, [plan.title, stamp, _("Due") + f" {cycle.due_date:%Y-%m-%d}"])
        append_row(sheet, [_("Unit"), _("Status"), _("Late"), _("Last activity"), _("Submitted at"),
                           _("Entries answered"), _("Entries"), _("Reporter account")])
        for row in rows:
            append_row(sheet, [row.unit, _(row.label), _("yes") if row.late else "",
                               _local(row.last_activity), _local(row.report.submitted_at), row.answered, row.total,
                               _("yes") if row.has_reporter else _("none")])
    elif which == "measures":
        sheet.title = _("Measures")
        append_row(sheet, [plan.title, f"{today:%Y-%m-%d}"])
        append_row(sheet, [_("Due state"), _("Key task"), _("Measure"), _("Lead units"), _("Due by"), _("Deadline")])
        for due in month.due_measures(plan, today):
            m = due.measure
            append_row(sheet, [_(due.label), m.task.title, m.text, "、".join(due.lead_units),
                               m.deadline_end.isoformat() if m.deadline_end else "", m.deadline_raw])
    else:
        found = month.judged_targets(plan, today)
        sheet.title = _("Targets")
        append_row(sheet, [plan.title, f"{today:%Y-%m-%d}"])
        append_row(sheet, [_("Status"), _("Indicator"), _("Area"), _("Target as printed"), _("Reason")])
        for alert in found.alerts:
            append_row(sheet, [_(TARGET_LABELS[alert.status]), alert.target.indicator, alert.area_name, alert.target.raw,
                               str(alert.reason)])
    return xlsx_response(book, f"month-{plan.pk}-{stamp}-{which}.xlsx")


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""
