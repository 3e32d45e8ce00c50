"""REST API (OpenAPI at /api/v1/docs): reports and measures, for units that submit from their own
systems.  Token auth (``Authorization: Bearer …``) or the browser session; the same access policy
(ecoplan.plans.access) and the same actions as the pages.  Every operation documents the answers it
really gives besides 200 (``ANSWERS``); tests/supervision/test_api_docs.py holds it to that."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from ninja import NinjaAPI, Query, Schema
from ninja.security import HttpBearer, django_auth

from ecoplan.plans.access import NONE, PUBLIC, access, organisation_of, role_of, rule, visible
from ecoplan.plans.forms import MAX_PK, MONTH_PATTERN
from ecoplan.vocabulary import states

from . import actions, status
from .access import access_report
from .models import ApiToken, EntryStatus, Report, ReportEntry, Role

# The schemas' enums are the vocabulary's states (ecoplan.vocabulary.states), as the models' choices.
DueState = StrEnum("DueState", [(code, code) for code in states.DUE_CODES])  # type: ignore[misc]


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(title="ecoplan", version="1", urls_namespace="api", auth=[BearerToken(), django_auth],
               description="Monthly reports and measures of the eco-environment plans.")


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)


@api.exception_handler(actions.Conflict)
def conflict(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(actions.Refused)  # plans.errors.Refused: evaluation's and rankings' too
def refused(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=422)


class Error(Schema):
    detail: str


class ValidationErrors(Schema):
    detail: list[dict]


ERRORS = {401: Error, 403: Error, 404: Error, 409: Error, 422: ValidationErrors}


def answers(ok, *codes: int) -> dict:
    """The response map of one operation: 200 and the error answers it really gives."""
    return {200: ok, **{code: ERRORS[code] for code in codes}}


class EntryOut(Schema):
    measure: int
    role: str
    task: str
    text: str
    deadline: str
    status: EntryStatus
    narrative: str
    quantity_done: Decimal | None
    quantity_target: Decimal | None
    quantity_unit: str


class ReportOut(Schema):
    id: int
    plan: int
    month: str
    due_date: date
    organisation: str
    status: Report.Status
    version: int
    entries: list[EntryOut]


class EntryIn(Schema):
    measure: int
    status: EntryStatus
    narrative: str = ""
    quantity_done: Decimal | None = None


class ReportIn(Schema):
    version: int
    entries: list[EntryIn]


class SubmitIn(Schema):
    version: int


class MeasureOut(Schema):
    id: int
    plan: int
    task: str
    text: str
    deadline_raw: str
    deadline_end: date | None
    state: DueState


ENTRIES = Prefetch("entries", queryset=ReportEntry.objects.select_related("measure__task"))


def _with_entries(report: Report) -> Report:
    return Report.objects.select_related("cycle", "organisation").prefetch_related(ENTRIES).get(pk=report.pk)


def _report_out(report: Report) -> dict:
    return {"id": report.pk, "plan": report.cycle.plan_id, "month": f"{report.cycle.month:%Y-%m}",
            "due_date": report.cycle.due_date, "organisation": report.organisation.name,
            "status": report.status, "version": report.version,
            "entries": [{"measure": e.measure_id, "role": e.role, "task": e.measure.task.title,
                         "text": e.measure.text, "deadline": e.measure.deadline_raw, "status": e.status,
                         "narrative": e.narrative, "quantity_done": e.quantity_done,
                         "quantity_target": e.quantity_target, "quantity_unit": e.quantity_unit}
                        for e in report.entries.all()]}


@api.get("/reports", response=answers(list[ReportOut], 401, 403, 422), summary="Reports the caller may read")
def list_reports(request, month: str | None = Query(None, pattern=MONTH_PATTERN, description="YYYY-MM"),
                 plan: int | None = Query(None, ge=1, le=MAX_PK)):
    if rule(request.user, "report") == NONE:
        raise PermissionDenied("no role")
    qs = visible(request.user, "report").select_related("cycle", "organisation").prefetch_related(ENTRIES)
    if month:
        qs = qs.filter(cycle__month=date.fromisoformat(month + "-01"))
    if plan:
        qs = qs.filter(cycle__plan_id=plan)
    return [_report_out(r) for r in qs[:500]]


@api.get("/reports/{report_id}", response=answers(ReportOut, 401, 404, 422))
def get_report(request, report_id: int):
    return _report_out(_with_entries(access_report(request.user, report_id)))


@api.put("/reports/{report_id}", response=answers(ReportOut, 401, 403, 404, 409, 422),
         summary="Save a draft (optimistic lock on version)")
def save_report(request, report_id: int, body: ReportIn):
    report = access_report(request.user, report_id, write=True)
    entries = {e.measure: {"status": e.status, "narrative": e.narrative,
                           "quantity_done": e.quantity_done} for e in body.entries}
    return _report_out(_with_entries(actions.do_save_report(report, request.user, body.version, entries)))


@api.post("/reports/{report_id}/submit", response=answers(ReportOut, 401, 403, 404, 409, 422))
def submit_report(request, report_id: int, body: SubmitIn):
    report = access_report(request.user, report_id, write=True)
    return _report_out(_with_entries(actions.do_submit_report(report, request.user, body.version)))


@api.get("/measures", response=answers(list[MeasureOut], 401, 403, 404, 422),
         summary="Measures of the caller's unit, with due states")
def my_measures(request, plan: int = Query(..., ge=1, le=MAX_PK)):
    from ecoplan.plans.models import Measure

    role = role_of(request.user)
    if role == PUBLIC:  # the due states are supervision's, not the public registry's
        raise PermissionDenied("no role")
    record = access(request.user, "plan", plan)
    qs = Measure.objects.filter(task__annex__plan=record).select_related("task")
    if role == Role.REPORTER:
        qs = qs.filter(assignments__organisation=organisation_of(request.user)).distinct()
    states = status.measure_states(record, measures=qs)
    return [{"id": m.pk, "plan": plan, "task": m.task.title, "text": m.text, "deadline_raw": m.deadline_raw,
             "deadline_end": m.deadline_end, "state": states[m.pk]} for m in qs]


# reported values (evaluation): their own module, on this API; imported last, it uses answers()
from .api_reported import router as reported_router  # noqa: E402

api.add_router("", reported_router)
