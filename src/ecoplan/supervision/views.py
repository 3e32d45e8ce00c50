"""Supervision pages: dashboards per role, cycles, the two-minute monthly report form, the
coordinator's review, the assessment.  Every view asks the access policy (ecoplan.plans.access) on
the server and parses its parameters with a form (supervision/forms.py)."""
from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecoplan.evaluation.queries import due_targets
from ecoplan.plans.access import CHANGE, PUBLIC, REVIEW, access, check, may, visible
from ecoplan.plans.models import Measure, Plan
from ecoplan.plans.params import errors_of, parse, parsed
from ecoplan.plans.views import PAGE_SIZE
from ecoplan.reporting import duties
from ecoplan.vocabulary import deadlines, states

from . import actions, labels, rows, status
from .access import access_report, can_write_report, organisation_of, role_of
from .forms import AssessmentForm, EntrySaveForm, OpenCycleForm, ProgressFilterForm, ReportActionForm, TokenForm
from .history import report_history
from .models import (
    AssessmentScheme,
    EntryStatus,
    Profile,
    Report,
    ReportEntry,
    Role,
)


@login_required
def home(request):
    role = role_of(request.user)
    if role == PUBLIC:
        raise PermissionDenied("no unit or role is set for your account: ask the coordinator")
    context = {"role": role, "notifications": request.user.notifications.filter(read_at__isnull=True)[:10]}
    if role in (Role.COORDINATOR, Role.AUDITOR):
        context["plans"] = [(p, status.coordinator_dashboard(p)) for p in Plan.objects.filter(cycles__isnull=False).distinct()]
        context["all_plans"] = Plan.objects.all()
    elif role == Role.REPORTER:
        org = organisation_of(request.user)
        context["organisation"] = org
        context["reports"] = visible(request.user, "report").filter(organisation=org)[:50]
        context["open_entries"] = (ReportEntry.objects.filter(report__organisation=org,
                                                              report__status__in=sorted(states.EDITABLE_REPORT))
                                   .select_related("measure__task", "report__cycle"))
    else:  # leader
        profile = Profile.objects.get(user=request.user)
        context["my_measures_count"] = status.leader_measures(profile.person_name).count()
        context["person_name"] = profile.person_name
    return render(request, "supervision/home.html", context)


@login_required
@parsed
def measures_in_state(request, pk: int, state: str):
    """The list behind a dashboard number: the plan's measures in one due state (or overdue for one unit)."""
    plan = access(request.user, "progress", pk)
    if state not in duties.STATE_LABELS:
        raise Http404("no such due state")
    query = parse(ProgressFilterForm, request.GET)
    measures = Measure.objects.filter(task__annex__plan=plan).select_related("task__annex")
    if unit := query["unit"]:
        measures = measures.filter(assignments__organisation_id=unit, assignments__role="lead_unit")
    if theme := query["theme"]:
        measures = measures.filter(task__annex__theme=theme)
    states = status.measure_states(plan, measures=measures)
    rows = [m for m in measures if states[m.pk] == state]
    return render(request, "supervision/measures.html", {"plan": plan, "state": _(duties.STATE_LABELS.get(state, state)),
                                                         "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))})


@login_required
@parsed
def cycles(request, pk: int):
    plan = access(request.user, "progress", pk)
    if request.method == "POST":
        check(request.user, "cycle", CHANGE)
        form = parse(OpenCycleForm, request.POST)
        try:
            month = date.fromisoformat(form["month"] + "-01")
            cycle = actions.do_open_cycle(plan, month, form["due_rule"] or None, request.user)
        except (ValueError, actions.Refused) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Reporting cycle %(month)s opened, due %(due)s") % {
                "month": f"{cycle.month:%Y-%m}", "due": f"{cycle.due_date:%Y-%m-%d}"})
            return redirect("supervision:cycle", pk=cycle.pk)
    return render(request, "supervision/cycles.html", {"plan": plan, "cycles": plan.cycles.all(),
                                                       "can_open": may(request.user, "cycle", CHANGE),
                                                       "due_rules": labels.due_rule_choices(),
                                                       "due_rule": plan.report_due_rule or actions.DEFAULT_DUE_RULE})


@login_required
def cycle_detail(request, pk: int):
    cycle = access(request.user, "cycle", pk)
    if request.method == "POST" and request.POST.get("close"):
        actions.do_close_cycle(access(request.user, "cycle", pk, CHANGE))
        return redirect("supervision:cycle", pk=pk)
    reports = cycle.reports.select_related("organisation").order_by("status", "organisation__name")
    return render(request, "supervision/cycle.html", {"cycle": cycle, "reports": reports,
                                                      "summary": status.cycle_status(cycle)})


def _entry_from_post(post, measure_id: int) -> dict | None:
    """A row's fields (``m<measure>-status``, ``-narrative``, ``-quantity_done``), or None when absent."""
    prefix = f"m{measure_id}-"
    if prefix + "status" not in post:
        return None
    return {"status": post[prefix + "status"], "narrative": post.get(prefix + "narrative", ""),
            "quantity_done": post.get(prefix + "quantity_done", "")}


def _entries_from_post(post, report: Report) -> dict:
    entries = {}
    for measure_id in report.entries.values_list("measure_id", flat=True):
        if (data := _entry_from_post(post, measure_id)) is not None:
            entries[measure_id] = data
    return entries


def _evidence_from_post(request, report: Report) -> None:
    """Evidence files chosen in the report form (``m<measure>-evidence``), each added on its own."""
    for entry in report.entries.all():
        for upload in request.FILES.getlist(f"m{entry.measure_id}-evidence"):
            actions.do_add_evidence(entry, request.user, upload)
            messages.success(request, _("Uploaded %(name)s") % {"name": upload.name})


def _entries_of(report: Report, measure_ids=None) -> list[ReportEntry]:
    """The report's entries with what a row shows: measure, evidence, co-units' contributions,
    last month's answer and what "unchanged since last month" would carry (queries bounded)."""
    entries = report.entries.select_related("measure__task__annex").prefetch_related("evidence")
    if measure_ids is not None:
        entries = entries.filter(measure_id__in=measure_ids)
    entries = list(entries)
    contributions: dict[int, list] = {}  # co-units' entries shown inside the lead unit's entry
    lead_ids = [e.measure_id for e in entries if e.role == ReportEntry.Role.LEAD]
    for co in (ReportEntry.objects.filter(report__cycle=report.cycle, measure_id__in=lead_ids, role=ReportEntry.Role.CO)
               .exclude(report=report).select_related("report__organisation")):
        contributions.setdefault(co.measure_id, []).append(co)
    previous = rows.previous_entries(report)
    month_end = deadlines.month_end_of(report.cycle.month)
    for e in entries:
        e.contributions = contributions.get(e.measure_id, [])
        e.previous = previous.get(e.measure_id)
        e.carry = rows.carried(e.previous, e, month_end)
    return entries


@login_required
@parsed
def report_detail(request, pk: int):
    report = access_report(request.user, pk)
    if request.method == "POST":
        form = parse(ReportActionForm, request.POST)
        action, version = form["action"], form["version"]
        try:
            if action in ("save", "submit", "carry"):
                report = access_report(request.user, pk, write=True)
                report = actions.do_save_report(report, request.user, version, _entries_from_post(request.POST, report))
                _evidence_from_post(request, report)  # after the draft is saved: a refused file loses nothing typed
                if action == "submit":
                    actions.do_submit_report(report, request.user, report.version, complete=True)
                    messages.success(request, _("Submitted"))
                elif action == "carry" or form["carry"]:
                    report, carried = actions.do_carry_over(report, request.user, report.version,
                                                            [form["carry"]] if form["carry"] else None)
                    messages.success(request, _("Carried over from last month: %(count)s measures") % {
                        "count": len(carried)})
                else:
                    messages.success(request, _("Draft saved"))
            elif action in ("accept", "return"):
                report = access(request.user, "report", pk, REVIEW)
                if action == "accept":
                    actions.do_accept_report(report, request.user)
                    messages.success(request, _("Accepted"))
                else:
                    actions.do_return_report(report, request.user, form["comment"])
                    messages.success(request, _("Returned"))
        except actions.Refused as exc:
            messages.error(request, str(exc))
        return redirect("supervision:report", pk=pk)
    groups = rows.groups(_entries_of(report))
    can_write = can_write_report(request.user, report) and report.editable
    return render(request, "supervision/report.html", {
        "report": report, "groups": groups, "pending": [e for g in groups for e in g.entries if e.pending],
        "any_carry": can_write and any(e.carry and e.pending for g in groups for e in g.entries),
        "statuses": EntryStatus.choices, "can_write": can_write,
        "can_review": may(request.user, "report", REVIEW) and report.status == Report.Status.SUBMITTED,
        "history": report_history(report), "evidence_accept": ",".join(sorted(actions.EVIDENCE_TYPES)),
        "late": timezone.localdate() > report.cycle.due_date,
        # the unit's reported-value targets of this plan (evaluation): each links to its form
        "reported_due": due_targets(report.organisation, plan=report.cycle.plan),
        "next": request.get_full_path()})


def _own_entry(request, pk: int, measure_id: int) -> tuple[Report, ReportEntry]:
    report = access_report(request.user, pk, write=True)
    if not 0 < measure_id < 2**63:  # a number past the database's integers is no measure either
        raise Http404("no such measure in this report")
    entry = report.entries.filter(measure_id=measure_id).select_related("measure").first()
    if entry is None:
        raise Http404("no such measure in this report")
    return report, entry


def _row_response(request, report: Report, entry: ReportEntry, message: str, refusal: actions.Refused | None,
                  carried: bool = False):
    """A row's answer to htmx: its message (the whole row after a carry-over), and out of band the
    lock version, the sticky bar, the task's count and the row's badge.  Refusals answer 409
    (someone else saved first) or 422, with the message in the row."""
    status = 200
    if refusal is not None:
        status = 409 if isinstance(refusal, actions.Conflict) else 422
    state = rows.pending(report)
    task_id = entry.measure.task_id
    answered, total = state.task_count(task_id)
    context = {"report": report, "message": message, "error": refusal is not None, "entry_pending": next(
        (r["pending"] for r in state.rows if r["measure_id"] == entry.measure_id), ""),
        "measure_id": entry.measure_id, "pending": state.open, "task_id": task_id, "answered": answered,
        "total": total, "can_write": True}
    if carried:
        (entry,) = _entries_of(report, [entry.measure_id])
        entry.pending = context["entry_pending"]
        context.update({"e": entry, "statuses": EntryStatus.choices,
                        "evidence_accept": ",".join(sorted(actions.EVIDENCE_TYPES))})
    return render(request, "supervision/_entry_saved.html", context, status=status)


@login_required
@require_POST
@parsed
def entry_save(request, pk: int, measure_id: int):
    """One row saved as the reporter goes (htmx, on change), or carried over from last month."""
    report, entry = _own_entry(request, pk, measure_id)
    form = parse(EntrySaveForm, request.POST)
    try:
        if form["carry"]:
            report, _carried = actions.do_carry_over(report, request.user, form["version"], [measure_id])
            message = _("Carried over from last month")
        else:
            data = _entry_from_post(request.POST, measure_id) or {}
            report = actions.do_save_entry(report, request.user, form["version"], measure_id, data)
            message = _("Saved")
    except actions.Refused as exc:
        report.refresh_from_db()
        # a carry's answer replaces the whole row: a refused one gives the row back, with why
        return _row_response(request, report, entry, str(exc), exc, carried=form["carry"])
    return _row_response(request, report, entry, message, None, carried=form["carry"])


@login_required
@require_POST
def entry_evidence(request, pk: int, measure_id: int):
    """An evidence file added to one row (htmx, no reload): the row's file list, or why the file was refused."""
    report, entry = _own_entry(request, pk, measure_id)
    message, status = "", 200
    uploads = request.FILES.getlist(f"m{measure_id}-evidence")
    try:
        if not uploads:
            raise actions.Refused(_("choose a file to upload"))
        with transaction.atomic():  # several files: all or none
            for upload in uploads:
                actions.do_add_evidence(entry, request.user, upload)
        message = _("Uploaded %(name)s") % {"name": "、".join(u.name for u in uploads)}
    except actions.Refused as exc:
        message, status = str(exc), 422
    return render(request, "supervision/_evidence.html", {
        "report": report, "e": entry, "evidence": entry.evidence.all(), "ev_message": message, "ev_error": status != 200,
        "can_write": True, "evidence_accept": ",".join(sorted(actions.EVIDENCE_TYPES))}, status=status)


@login_required
def evidence_file(request, pk: int, evidence_pk: int):
    """An evidence file, to those who may read its report (never a public media URL)."""
    from django.http import FileResponse

    from .models import Evidence

    evidence = access(request.user, "evidence", evidence_pk, queryset=Evidence.objects.filter(entry__report_id=pk))
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


@login_required
@parsed
def assessment(request, pk: int):
    plan = access(request.user, "assessment", pk)
    query = parse(AssessmentForm, request.GET)
    year = plan.period_start or timezone.localdate().year
    start = query["from"] or date(year, 1, 1)
    end = query["to"] or date(plan.period_end or year, 12, 31)
    scheme = AssessmentScheme.objects.filter(pk=query["scheme"]).first() if query["scheme"] else None
    scores = status.assessment(plan, start, end, scheme)
    if query["format"] == "xlsx":
        return _assessment_xlsx(plan, start, end, scores)
    return render(request, "supervision/assessment.html", {
        "plan": plan, "start": start, "end": end, "scores": scores, "schemes": AssessmentScheme.objects.all(),
        "scheme": scheme})


def _assessment_xlsx(plan, start, end, scores) -> HttpResponse:
    from openpyxl import Workbook

    from ecoplan.reporting.scoring import LABELS
    from ecoplan.spreadsheets import append_row, xlsx_response

    book = Workbook()
    sheet = book.active
    sheet.title = _("Assessment")
    append_row(sheet, [plan.title, f"{start} – {end}"])
    head = [_("Rank"), _("Unit"), _("Score")]
    for code in LABELS:
        label = labels.component_label(code)
        head += [_("%(component)s weight") % {"component": label}, _("%(component)s done") % {"component": label},
                 _("%(component)s due") % {"component": label}]
    append_row(sheet, head + [_("Notes")])
    for s in scores:
        row = [s.rank, s.unit, float(s.score)]
        for c in s.components:
            row += [float(c.weight), c.numerator, c.denominator]
        append_row(sheet, row + ["；".join(labels.note_text(n) for n in s.notes)])
    return xlsx_response(book, f"assessment-{plan.pk}-{start}-{end}.xlsx")


@login_required
def notifications(request):
    items = request.user.notifications.all()[:200]
    if request.method == "POST":
        request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("supervision:notifications")
    return render(request, "supervision/notifications.html", {"items": items})


@login_required
def tokens(request):
    """The user's API tokens: issue one by name (shown once), list them with their state, revoke;
    with how to call the API.  Every signed-in role has its own tokens."""
    key, errors = None, []
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            key = actions.do_issue_api_token(request.user, form.cleaned_data["name"])
        else:
            errors = errors_of(form)
    return render(request, "supervision/token.html", {
        "key": key, "errors": errors, "tokens": request.user.api_tokens.select_related("user"),
        "lifetime_days": settings.ECOPLAN_API_TOKEN_DAYS, "api_base": request.build_absolute_uri("/api/v1")},
        status=400 if errors else 200)


@login_required
@require_POST
def revoke_token(request, pk: int):
    token = actions.do_revoke_api_token(actions.access_own_token(request.user, pk))
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name or token.pk})
    return redirect("supervision:token")
