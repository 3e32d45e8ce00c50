"""Pages of reported values and qualitative targets: a unit's targets awaiting its value, a
target's page (submit a value; the coordinator sets the responsible unit, enters the municipal
value, judges a qualitative target), the coordinator's queue (accept, return with a comment), a
plan's reported and qualitative targets.  Every view asks the one access policy."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecoplan.plans.access import CHANGE, OWN, PUBLIC, REVIEW, access, may, organisation_of, role_of, rule, visible
from ecoplan.plans.models import Target
from ecoplan.plans.params import errors_of, parse, parsed

from . import actions, queries
from .access import reporting_unit
from .evidence import EVIDENCE_TYPES
from .forms import MunicipalForm, QualitativeForm, ReportedValueForm, ResponsibleForm, ReviewValueForm
from .models import MunicipalRequirement, QualitativeJudgement, ReportedValue
from .responsibility import plan_leads, responsible_unit
from .services import judge_target, target_source
from .sources import Context

FILES: dict[str, tuple[str, type[models.Model], str, str]] = {
    # /evaluation/files/<kind>/<pk>/: the access kind, the model, its file and name fields
    "value": ("reported_value", ReportedValue, "evidence_file", "evidence_name"),
    "judgement": ("qualitative", QualitativeJudgement, "evidence_file", "evidence_name"),
    "municipal": ("municipal_requirement", MunicipalRequirement, "document_file", "document_name"),
}


def _staff(request) -> str:
    role = role_of(request.user)
    if role == PUBLIC:
        raise PermissionDenied("no unit or role is set for your account: ask the coordinator")
    return role


@login_required
def reported_home(request):
    """"Targets awaiting your value" for a reporter; the queue of submitted values for the
    coordinator (and, read-only, for leaders and auditors)."""
    _staff(request)
    unit = organisation_of(request.user)
    reviewer = may(request.user, "reported_value", REVIEW)
    if rule(request.user, "reported_value", CHANGE) == OWN:  # a reporter: its own unit's targets
        due = queries.due_targets(unit) if unit is not None else []
    else:  # the bureau, leaders and auditors: every unit's
        due = queries.due_targets(any_unit=True)
    values = visible(request.user, "reported_value")
    return render(request, "evaluation/reported_home.html", {
        "unit": unit, "due": [d for d in due if d.awaiting], "done": [d for d in due if not d.awaiting],
        "queue": queries.queue(values), "can_review": reviewer,
        "recent": values.exclude(status=ReportedValue.Status.SUBMITTED).select_related(
            "target__plan", "organisation")[:30]})


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _may_report(user, target: Target):
    try:
        return reporting_unit(user, target)
    except PermissionDenied:
        return None


@login_required
@parsed
def target_page(request, pk: int):
    """One target: its status, who reports it and how often, its values and judgements, and the
    forms the user's role may use."""
    _staff(request)
    target = access(request.user, "target", pk, queryset=Target.objects.select_related("plan__district", "area"))
    source = target_source(target.plan, target)
    if source not in ("reported", "qualitative"):
        raise Http404("this target is judged on monitoring data")
    forms_ = {"value": ReportedValueForm(plan=target.plan), "judge": QualitativeForm(plan=target.plan),
              "municipal": MunicipalForm(), "unit": ResponsibleForm(plan=target.plan)}
    status = 200
    if request.method == "POST":
        status = _post(request, target, forms_)
        if status == 302:
            return redirect(_next(request, request.path))
    return _render_target(request, target, source, forms_, status)


def _post(request, target: Target, forms_: dict) -> int:
    """Run the posted form's action; 302 when done, 400 with the form's or action's message."""
    kind = request.POST.get("form", "")
    if kind not in forms_:
        raise Http404("no such form")
    files = request.FILES
    try:
        if kind == "value":
            responsible_and_unit = reporting_unit(request.user, target)
            form = forms_[kind] = ReportedValueForm(request.POST, files, plan=target.plan)
            if not form.is_valid():
                return _invalid(request, form)
            d = form.cleaned_data
            actions.do_submit_value(target, request.user, responsible_and_unit[1], period_start=d["period_start"],
                                    period_end=d["period_end"], value=d["value"], previous_value=d["previous_value"],
                                    source_kind=d["source_kind"], source=d["source"], area=d["area"],
                                    evidence_link=d["evidence_link"], evidence_text=d["evidence_text"],
                                    upload=d["evidence_file"])
            messages.success(request, _("Value submitted: it counts once the coordinator accepts it."))
        elif kind == "judge":
            _require(request.user, "qualitative")
            form = forms_[kind] = QualitativeForm(request.POST, files, plan=target.plan)
            if not form.is_valid():
                return _invalid(request, form)
            d = form.cleaned_data
            actions.do_judge_qualitative(target, request.user, status=d["status"], reason=d["reason"], area=d["area"],
                                         judged_on=d["judged_on"], evidence_link=d["evidence_link"],
                                         evidence_text=d["evidence_text"], upload=d["evidence_file"])
            messages.success(request, _("Judgement recorded"))
        elif kind == "municipal":
            _require(request.user, "municipal_requirement")
            form = forms_[kind] = MunicipalForm(request.POST, files)
            if not form.is_valid():
                return _invalid(request, form)
            d = form.cleaned_data
            actions.do_set_municipal_requirement(target, request.user, value=d["value"], comparator=d["comparator"],
                                                 unit=d["unit"], document=d["document"],
                                                 document_link=d["document_link"], upload=d["document_file"])
            messages.success(request, _("Municipal value entered"))
        else:
            _require(request.user, "target")
            form = forms_[kind] = ResponsibleForm(request.POST, plan=target.plan)
            if not form.is_valid():
                return _invalid(request, form)
            actions.do_set_responsible_unit(target, request.user, form.cleaned_data["organisation"],
                                            form.cleaned_data["note"])
            messages.success(request, _("Responsible unit saved"))
    except actions.Refused as exc:
        messages.error(request, str(exc))
        return 400
    return 302


def _require(user, kind: str) -> None:
    if not may(user, kind, CHANGE):
        raise PermissionDenied(f"your role may not change this {kind}")


def _invalid(request, form) -> int:
    for label, message in errors_of(form):
        messages.error(request, f"{label}: {message}" if label else message)
    return 400


def _render_target(request, target: Target, source: str, forms_: dict, status: int):
    ctx = Context(target.plan, timezone.localdate(), target.plan.period_start or timezone.localdate().year)
    try:
        rows = judge_target(ctx, target)
    finally:
        ctx.close()
    user = request.user
    values = visible(user, "reported_value").filter(target=target).select_related(
        "organisation", "area", "reported_by", "reviewed_by")
    return render(request, "evaluation/reported_target.html", {
        "target": target, "source": source, "rows": rows, "responsible": responsible_unit(target),
        "cadence": queries.cadence(target), "values": values,
        "judgements": (QualitativeJudgement.objects.filter(target=target).select_related("area", "judged_by")
                       if may(user, "qualitative") else []),
        "requirements": (MunicipalRequirement.objects.filter(target=target).select_related("entered_by")
                         if may(user, "municipal_requirement") else []),
        "forms": forms_, "can_report": source == "reported" and _may_report(user, target) is not None,
        "can_review": may(user, "reported_value", REVIEW),
        "can_judge": source == "qualitative" and may(user, "qualitative", CHANGE),
        "can_municipal": target.comparator == "municipal" and may(user, "municipal_requirement", CHANGE),
        "can_set_unit": source == "reported" and may(user, "target", CHANGE),
        "evidence_accept": ",".join(sorted(EVIDENCE_TYPES)), "next": _next(request, "")}, status=status)


@login_required
@require_POST
@parsed
def review_value(request, pk: int):
    """The coordinator accepts a submitted value or returns it with a comment.  An htmx request
    gets the value's row back; a plain form goes back where it came from."""
    value = access(request.user, "reported_value", pk, REVIEW)
    form = parse(ReviewValueForm, request.POST)
    try:
        if form["action"] == "accept":
            value = actions.do_accept_value(value, request.user)
            messages.success(request, _("Accepted"))
        else:
            value = actions.do_return_value(value, request.user, form["comment"])
            messages.success(request, _("Returned"))
        error = ""
    except actions.Refused as exc:
        error = str(exc)
        messages.error(request, error)
    if request.headers.get("HX-Request"):
        list(messages.get_messages(request))  # shown in the row itself
        value.refresh_from_db()
        return render(request, "evaluation/_value_row.html", {"v": value, "can_review": True, "error": error},
                      status=400 if error else 200)
    return redirect(_next(request, "evaluation:reported"))


@login_required
def evidence_file(request, kind: str, pk: int):
    """An evidence or document file, to those who may read its row (never a public media URL)."""
    if kind not in FILES:
        raise Http404("no such file")
    access_kind, model, file_field, name_field = FILES[kind]
    row = access(request.user, access_kind, pk, queryset=model._default_manager.all())
    stored = getattr(row, file_field)
    if not stored:
        raise Http404("no file")
    return FileResponse(stored.open("rb"), as_attachment=True, filename=getattr(row, name_field) or "evidence")


@login_required
def plan_reported(request, pk: int):
    """A plan's reported and qualitative targets: status, who reports each, what is awaited."""
    _staff(request)
    plan = access(request.user, "plan", pk)
    ctx = Context(plan, timezone.localdate(), plan.period_start or timezone.localdate().year)
    leads = plan_leads(plan)
    try:
        rows = [(row, responsible_unit(row.target, leads) if row.source == "reported" else None)
                for source in ("reported", "qualitative")
                for target in queries.targets_of_source(source, plan.__class__.objects.filter(pk=plan.pk))
                for row in judge_target(ctx, target)]
    finally:
        ctx.close()
    return render(request, "evaluation/plan_reported.html", {"plan": plan, "rows": rows})
