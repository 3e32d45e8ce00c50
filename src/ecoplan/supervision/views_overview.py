"""The overview (督办总览) a leader opens before a meeting, and its one-page PDF.

Scope: ``?leader=<牵头领导>`` or ``?unit=<id>`` (optionally ``&plan=<id>``); without them a leader
sees their own, a reporter their own unit's, the bureau and auditors a list to choose from.
Access: a leader's overview asks the policy's "progress" kind (bureau, leaders, auditors), a unit's
the "unit_progress" kind (the same, and a reporter for their own unit).
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ecoplan.plans.access import access, check, may, organisation_of, role_of
from ecoplan.plans.models import Profile, Role
from ecoplan.plans.params import parse, parsed
from ecoplan.rankings.flags import flagged
from ecoplan.reporting import duties, pdf

from . import overview as read
from .forms import OverviewForm

PAGE_SIZE = 50


def _scope(request, query: dict) -> read.Scope | None:
    """The overview asked for, after the policy has said yes; None: no default for this user."""
    user = request.user
    plan = access(user, "plan", query["plan"]) if query["plan"] else None
    if query["leader"]:
        check(user, "progress")
        return read.Scope(leader=query["leader"], plan=plan)
    if query["unit"]:
        return read.Scope(unit=access(user, "unit_progress", query["unit"]), plan=plan)
    role = role_of(user)
    if role == Role.LEADER:
        profile = Profile.objects.filter(user=user).first()
        if profile and profile.person_name:
            return read.Scope(leader=profile.person_name, plan=plan)
    if role == Role.REPORTER and (unit := organisation_of(user)) is not None:
        return read.Scope(unit=access(user, "unit_progress", unit.pk), plan=plan)
    check(user, "progress")
    return None


@login_required
@parsed
def overview(request):
    query = parse(OverviewForm, request.GET)
    scope = _scope(request, query)
    if scope is None:
        plan = access(request.user, "plan", query["plan"]) if query["plan"] else None
        return render(request, "supervision/overview_choose.html",
                      {"plan": plan, "leaders": read.leaders(plan), "units": read.lead_units(plan),
                       "in_plan": f"&plan={plan.pk}" if plan else ""})
    ov = read.build(scope)
    rows = [r for r in ov.rows if r.state == query["state"]] if query["state"] else ov.rows
    page = Paginator(rows, PAGE_SIZE).get_page(query["page"] or 1)
    return render(request, "supervision/overview.html", {
        "ov": ov, "page": page, "state": query["state"],
        "state_label": _(duties.STATE_LABELS[query["state"]]) if query["state"] else "",
        "query": urlencode(scope.query()), "charts": ov.charts(),
        # the rankings card: the saved rankings' bottom N in the plans' districts (rankings:flags)
        "ranking_query": urlencode([("area", pk) for pk in sorted({p.district_id for p in ov.plans if p.district_id})]),
        "late": ov.late[:read.SHOWN_LATE], "risky": ov.targets_at_risk[:read.SHOWN_LATE]})


@login_required
@parsed
def overview_pdf(request):
    query = parse(OverviewForm, request.GET)
    scope = _scope(request, query)
    if scope is None:
        raise Http404("ask for a leader (?leader=) or a unit (?unit=)")
    ov = read.build(scope)
    flags = None
    if may(request.user, "ranking"):  # the page's 排名靠后 card, in the PDF too
        flags = flagged(request.user, {p.district_id for p in ov.plans if p.district_id}, ov.today)
    response = HttpResponse(pdf.one_page(read.summary(ov, flags=flags)), content_type="application/pdf")
    name = quote(f"overview-{scope.title}-{ov.today:%Y-%m-%d}.pdf")
    response["Content-Disposition"] = f"attachment; filename=\"overview-{ov.today:%Y-%m-%d}.pdf\"; filename*=UTF-8''{name}"
    return response
