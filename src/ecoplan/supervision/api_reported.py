"""REST API of reported values (报送数值): the targets a unit reports, its values, submit, and the
coordinator's accept and return.  Same access policy and the same actions as the pages
(ecoplan.evaluation); mounted on supervision's API (``/api/v1/…``)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from ecoplan.evaluation import actions, queries
from ecoplan.evaluation.access import access_reportable_target
from ecoplan.evaluation.models import ReportedValue
from ecoplan.plans.access import NONE, OWN, REVIEW, access, organisation_of, rule, visible
from ecoplan.plans.forms import MAX_PK
from ecoplan.plans.models import Area
from ecoplan.vocabulary import reported as reported_terms
from ecoplan.vocabulary import states

from .api import answers

router = Router(tags=["reported values"])
SourceKind = StrEnum("SourceKind", [(code, code) for code in reported_terms.SOURCE_KIND_CODES])  # type: ignore[misc]
ValueState = StrEnum("ValueState", [(t.code, t.code) for t in states.VALUE_STATES])  # type: ignore[misc]


class ValueOut(Schema):
    id: int
    target: int
    plan: int
    indicator: str
    area: str | None
    period_start: date
    period_end: date
    value: Decimal
    previous_value: Decimal | None
    unit: str
    source_kind: SourceKind
    source: str
    evidence_link: str
    evidence_text: str
    has_evidence_file: bool
    organisation: str | None
    status: ValueState
    review_comment: str


class ValueIn(Schema):
    """A figure for a period: ``year`` alone, or ``period_start`` and ``period_end``."""

    year: int | None = None
    period_start: date | None = None
    period_end: date | None = None
    value: Decimal
    previous_value: Decimal | None = None
    area: int | None = None
    source_kind: SourceKind
    source: str
    evidence_link: str = ""
    evidence_text: str = ""


class ReturnIn(Schema):
    comment: str


class DueOut(Schema):
    target: int
    plan: int
    indicator: str
    printed: str
    responsible_unit: str
    period_start: date
    period_end: date
    awaiting: bool
    latest: ValueOut | None


def _out(v: ReportedValue) -> dict:
    return {"id": v.pk, "target": v.target_id, "plan": v.target.plan_id, "indicator": v.target.indicator,
            "area": v.area.name if v.area else None, "period_start": v.period_start, "period_end": v.period_end,
            "value": v.value, "previous_value": v.previous_value, "unit": v.target.unit,
            "source_kind": v.source_kind, "source": v.source, "evidence_link": v.evidence_link,
            "evidence_text": v.evidence_text, "has_evidence_file": bool(v.evidence_file),
            "organisation": v.organisation.name if v.organisation else None, "status": v.status,
            "review_comment": v.review_comment}


@router.get("/reported-values", response=answers(list[ValueOut], 401, 403, 422),
            summary="Reported values the caller may read")
def list_values(request, plan: int | None = Query(None, ge=1, le=MAX_PK),
                status: ValueState | None = None):  # type: ignore[valid-type]
    if rule(request.user, "reported_value") == NONE:
        raise PermissionDenied("no role")
    qs = visible(request.user, "reported_value").select_related("target", "area", "organisation")
    if plan:
        qs = qs.filter(target__plan_id=plan)
    if status:
        qs = qs.filter(status=status)
    return [_out(v) for v in qs[:500]]


@router.get("/reported-targets", response=answers(list[DueOut], 401, 403, 404, 422),
            summary="Reported targets of the caller's unit (every unit's for the coordinator), with the period due")
def due(request, plan: int | None = Query(None, ge=1, le=MAX_PK)):
    found = rule(request.user, "reported_value")
    if found == NONE:
        raise PermissionDenied("no role")
    record = access(request.user, "plan", plan) if plan else None
    unit = organisation_of(request.user)
    rows = (queries.due_targets(unit, plan=record) if found == OWN
            else queries.due_targets(plan=record, any_unit=True))
    return [{"target": d.target.pk, "plan": d.target.plan_id, "indicator": d.target.indicator,
             "printed": d.target.raw, "responsible_unit": d.responsible.name, "period_start": d.period.start,
             "period_end": d.period.end, "awaiting": d.awaiting, "latest": _out(d.latest) if d.latest else None}
            for d in rows]


@router.post("/targets/{target_id}/reported-values", response=answers(ValueOut, 401, 403, 404, 422),
             summary="Submit a target's value (the responsible unit, or the coordinator on its behalf)")
def submit(request, target_id: int, body: ValueIn):
    target, _responsible, unit = access_reportable_target(request.user, target_id)
    start, end = body.period_start, body.period_end
    if body.year is not None and start is None and end is None:
        start, end = date(body.year, 1, 1), date(body.year, 12, 31)
    if start is None or end is None:
        raise actions.Refused(_("period: give the year, or period_start and period_end"))
    area = None
    if body.area is not None:
        area = Area.objects.filter(pk=body.area).first()
        if area is None:
            raise actions.Refused(_("area: no area %(id)s") % {"id": body.area})
    value = actions.do_submit_value(target, request.user, unit, period_start=start, period_end=end, value=body.value,
                                    previous_value=body.previous_value, source_kind=body.source_kind,
                                    source=body.source, area=area, evidence_link=body.evidence_link,
                                    evidence_text=body.evidence_text)
    return _out(value)


@router.post("/reported-values/{value_id}/accept", response=answers(ValueOut, 401, 403, 404, 422))
def accept(request, value_id: int):
    value = access(request.user, "reported_value", value_id, REVIEW)
    return _out(actions.do_accept_value(value, request.user))


@router.post("/reported-values/{value_id}/return", response=answers(ValueOut, 401, 403, 404, 422),
             summary="Return a submitted value with what to correct")
def return_value(request, value_id: int, body: ReturnIn):
    value = access(request.user, "reported_value", value_id, REVIEW)
    return _out(actions.do_return_value(value, request.user, body.comment))

