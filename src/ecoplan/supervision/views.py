"""Supervision pages: dashboards per role, cycles, the two-minute monthly report form, the
coordinator's review, the assessment.  Every view asks the access policy (ecoplan.plans.access) on
the server and parses its parameters with a form (supervision/forms.py)."""
from __future__ import annotations

import io
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecoplan.evaluation.queries import due_targets
from ecoplan.plans.access import CHANGE, PUBLIC, REVIEW, access, check, may, visible
from ecoplan.plans.models import Measure, Plan
from ecoplan.plans.params import parse, parsed
from ecoplan.plans.views import PAGE_SIZE
from ecoplan.reporting import duties
from ecoplan.vocabulary import states

from . import actions, labels, status
from .access import access_report, can_write_report, organisation_of, role_of
from .forms import AssessmentForm, OpenCycleForm, ProgressFilterForm, ReportActionForm
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


def _entries_from_post(post, report: Report) -> dict:
    entries = {}
    for entry in report.entries.all():
        prefix = f"m{entry.measure_id}-"
        if prefix + "status" in post:
            entries[entry.measure_id] = {"status": post[prefix + "status"],
                                         "narrative": post.get(prefix + "narrative", ""),
                                         "quantity_done": post.get(prefix + "quantity_done", "")}
    return entries


def _evidence_from_post(request, report: Report) -> None:
    """Evidence files chosen in the report form (``m<measure>-evidence``), each added on its own."""
    for entry in report.entries.all():
        for upload in request.FILES.getlist(f"m{entry.measure_id}-evidence"):
            actions.do_add_evidence(entry, request.user, upload)
            messages.success(request, _("Uploaded %(name)s") % {"name": upload.name})


@login_required
@parsed
def report_detail(request, pk: int):
    report = access_report(request.user, pk)
    if request.method == "POST":
        form = parse(ReportActionForm, request.POST)
        action, version = form["action"], form["version"]
        try:
            if action in ("save", "submit"):
                report = access_report(request.user, pk, write=True)
                report = actions.do_save_report(report, request.user, version, _entries_from_post(request.POST, report))
                _evidence_from_post(request, report)  # after the draft is saved: a refused file loses nothing typed
                if action == "submit":
                    actions.do_submit_report(report, request.user, report.version)
                    messages.success(request, _("Submitted"))
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
    entries = list(report.entries.select_related("measure__task__annex").prefetch_related("evidence"))
    contributions: dict[int, list] = {}  # co-units' entries shown inside the lead unit's entry
    lead_ids = [e.measure_id for e in entries if e.role == ReportEntry.Role.LEAD]
    for co in (ReportEntry.objects.filter(report__cycle=report.cycle, measure_id__in=lead_ids, role=ReportEntry.Role.CO)
               .exclude(report=report).select_related("report__organisation")):
        contributions.setdefault(co.measure_id, []).append(co)
    for e in entries:
        e.contributions = contributions.get(e.measure_id, [])
    return render(request, "supervision/report.html", {
        "report": report, "entries": entries,
        "statuses": EntryStatus.choices, "can_write": can_write_report(request.user, report) and report.editable,
        "can_review": may(request.user, "report", REVIEW) and report.status == Report.Status.SUBMITTED,
        "history": report_history(report), "evidence_accept": ",".join(sorted(actions.EVIDENCE_TYPES)),
        "late": timezone.localdate() > report.cycle.due_date,
        # the unit's reported-value targets of this plan (evaluation): each links to its form
        "reported_due": due_targets(report.organisation, plan=report.cycle.plan),
        "next": request.get_full_path()})


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
    from ecoplan.spreadsheets import append_row

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
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="assessment-{plan.pk}-{start}-{end}.xlsx"'
    return response


@login_required
def notifications(request):
    items = request.user.notifications.all()[:200]
    if request.method == "POST":
        request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("supervision:notifications")
    return render(request, "supervision/notifications.html", {"items": items})


@login_required
def tokens(request):
    """The user's API tokens: issue one (shown once), list them, revoke."""
    key = None
    if request.method == "POST":
        key = actions.do_issue_api_token(request.user, request.POST.get("name", "").strip())
    return render(request, "supervision/token.html", {
        "key": key, "tokens": request.user.api_tokens.select_related("user"),
        "lifetime_days": settings.ECOPLAN_API_TOKEN_DAYS})


@login_required
@require_POST
def revoke_token(request, pk: int):
    token = actions.do_revoke_api_token(actions.access_own_token(request.user, pk))
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name or token.pk})
    return redirect("supervision:token")
