"""Changes to what targets are judged on — one ``do_*`` per user-visible change, each
all-or-nothing, each refused with a message that names the field (``Refused``).

A unit submits a reported value; the coordinator accepts it or returns it with a comment (the
unit then submits a corrected one); the coordinator judges a qualitative target with a reason
and evidence, enters the municipality's value of a 达到市级要求 target, and may say which unit
reports a target.  The audit trail records each row (core/audit.py)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoplan.plans.actions import do_set_municipal_value
from ecoplan.plans.errors import Refused
from ecoplan.plans.models import Area, Organisation, Target
from ecoplan.vocabulary import reported as terms
from ecoplan.vocabulary import states

from .evidence import evidence_problem
from .models import MunicipalRequirement, QualitativeJudgement, ReportedValue, TargetResponsibility
from .responsibility import responsible_unit
from .services import target_source

MAX_VALUE = Decimal("1e10")  # the model keeps 14 digits, 4 after the point


def _check_number(label: str, value: Decimal | None, required: bool = True) -> None:
    if value is None:
        if required:
            raise Refused(_("%(field)s: a value is required") % {"field": label})
        return
    if not value.is_finite() or abs(value) >= MAX_VALUE:
        raise Refused(_("%(field)s: %(value)s is not a number ecoplan can keep") % {"field": label, "value": value})


def _check_area(target: Target, area: Area | None) -> None:
    district = target.plan.district
    if area is None or (district is not None and (area.pk == district.pk or area.parent_id == district.pk)):
        return
    raise Refused(_("area: %(area)s is not in the plan's district") % {"area": area.name})


def _check_evidence(link: str, text: str, upload) -> None:
    if upload is not None and (problem := evidence_problem(upload)):
        raise Refused(problem)
    if not (link.strip() or text.strip() or upload is not None):
        raise Refused(_("evidence: give a file, a link or a note the figure can be checked against"))


@transaction.atomic
def do_submit_value(target: Target, acting_user, organisation: Organisation | None, *, period_start: date,
                    period_end: date, value: Decimal, source_kind: str, source: str, area: Area | None = None,
                    previous_value: Decimal | None = None, evidence_link: str = "", evidence_text: str = "",
                    upload=None, today: date | None = None) -> ReportedValue:
    """A unit reports a target's figure for a period.  Only the unit responsible for the target
    reports it (the coordinator enters a value on that unit's behalf); one value per period waits
    for acceptance at a time."""
    today = today or timezone.localdate()
    if target_source(target.plan, target) != "reported":
        raise Refused(_("this target is not judged on a reported value"))
    responsible = responsible_unit(target)
    if organisation != responsible.organisation:
        raise Refused(_("%(unit)s reports this target, not %(other)s") % {
            "unit": responsible.name, "other": organisation.name if organisation else "—"})
    _check_number(_("value"), value)
    _check_number(_("previous-period value"), previous_value, required=False)
    if period_start > period_end:
        raise Refused(_("period: the first day %(start)s is after the last day %(end)s") % {
            "start": period_start, "end": period_end})
    if period_start > today:
        raise Refused(_("period: %(start)s has not begun: a figure can only be reported for a period under way "
                        "or over") % {"start": period_start})
    if source_kind not in terms.SOURCE_KIND_CODES:
        raise Refused(_("kind of source: unknown kind “%(kind)s”") % {"kind": source_kind})
    if not source.strip():
        raise Refused(_("source: name the document the figure comes from (statistical bulletin, notice …)"))
    _check_area(target, area)
    _check_evidence(evidence_link, evidence_text, upload)
    pending = ReportedValue.objects.select_for_update().filter(
        target=target, area=area, period_start=period_start, period_end=period_end,
        status=ReportedValue.Status.SUBMITTED)
    if pending.exists():
        raise Refused(_("a value for %(period)s is already awaiting the coordinator's acceptance") % {
            "period": terms.period_label(period_start, period_end)})
    return ReportedValue.objects.create(
        target=target, area=area, period_start=period_start, period_end=period_end, value=value,
        previous_value=previous_value, source_kind=source_kind, source=source.strip()[:300],
        evidence_link=evidence_link.strip(), evidence_text=evidence_text.strip(),
        evidence_file=upload, evidence_name=upload.name[:200] if upload is not None else "",
        organisation=organisation, reported_by=acting_user)


def _pending(reported: ReportedValue) -> ReportedValue:
    reported = ReportedValue.objects.select_for_update().get(pk=reported.pk)
    if reported.status != ReportedValue.Status.SUBMITTED:
        raise Refused(_("this value is %(status)s: only a submitted value can be accepted or returned") % {
            "status": reported.get_status_display()})
    return reported


@transaction.atomic
def do_accept_value(reported: ReportedValue, acting_user) -> ReportedValue:
    """The coordinator accepts a submitted value: from now on the target is judged on it."""
    reported = _pending(reported)
    reported.status = ReportedValue.Status.ACCEPTED
    reported.reviewed_by, reported.reviewed_at = acting_user, timezone.now()
    reported.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return reported


@transaction.atomic
def do_return_value(reported: ReportedValue, acting_user, comment: str) -> ReportedValue:
    """The coordinator returns a submitted value with what to correct; the unit submits again."""
    reported = _pending(reported)
    if not comment.strip():
        raise Refused(_("comment: say what to correct: a returned value needs a comment"))
    reported.status, reported.review_comment = ReportedValue.Status.RETURNED, comment.strip()
    reported.reviewed_by, reported.reviewed_at = acting_user, timezone.now()
    reported.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at"])
    return reported


@transaction.atomic
def do_judge_qualitative(target: Target, acting_user, *, status: str, reason: str, area: Area | None = None,
                         judged_on: date | None = None, evidence_link: str = "", evidence_text: str = "",
                         upload=None) -> QualitativeJudgement:
    """The coordinator judges a qualitative target: a status, the reason and the evidence."""
    judged_on = judged_on or timezone.localdate()
    if target_source(target.plan, target) != "qualitative":
        raise Refused(_("this target is judged on a figure, not by the coordinator"))
    if status not in {t.code for t in states.QUALITATIVE_STATES}:
        raise Refused(_("status: unknown status “%(status)s”") % {"status": status})
    if not reason.strip():
        raise Refused(_("reason: say why: a judgement needs its reason"))
    if judged_on > timezone.localdate():
        raise Refused(_("judged on: %(day)s is in the future") % {"day": judged_on})
    _check_area(target, area)
    _check_evidence(evidence_link, evidence_text, upload)
    return QualitativeJudgement.objects.create(
        target=target, area=area, status=status, reason=reason.strip(), judged_on=judged_on,
        evidence_link=evidence_link.strip(), evidence_text=evidence_text.strip(), evidence_file=upload,
        evidence_name=upload.name[:200] if upload is not None else "", judged_by=acting_user)


@transaction.atomic
def do_set_municipal_requirement(target: Target, acting_user, *, value: Decimal, document: str,
                                 comparator: str = "", unit: str = "", document_link: str = "",
                                 upload=None) -> MunicipalRequirement:
    """The coordinator enters the value the municipality set for a 达到市级要求 target, with the
    document that set it; the target carries the value from now on."""
    if target.comparator != "municipal":
        raise Refused(_("this target sets its own value: only a “meet the municipal requirement” target takes "
                        "the municipality's"))
    _check_number(_("value"), value)
    if comparator and comparator not in terms.MUNICIPAL_COMPARATORS:
        raise Refused(_("comparator: unknown comparator “%(comparator)s”") % {"comparator": comparator})
    if not document.strip():
        raise Refused(_("source document: name the document in which the municipality set the value"))
    if upload is not None and (problem := evidence_problem(upload)):
        raise Refused(problem)
    requirement = MunicipalRequirement.objects.create(
        target=target, value=value, comparator=comparator, unit=unit.strip()[:30] or target.unit,
        document=document.strip()[:300], document_link=document_link.strip(), document_file=upload,
        document_name=upload.name[:200] if upload is not None else "", entered_by=acting_user)
    do_set_municipal_value(target, value, requirement.document, acting_user)
    return requirement


@transaction.atomic
def do_set_responsible_unit(target: Target, acting_user, organisation: Organisation | None,
                            note: str = "") -> TargetResponsibility | None:
    """The coordinator says which unit reports a target (None: derive it from the plan again)."""
    if organisation is None:
        TargetResponsibility.objects.filter(target=target).delete()
        return None
    if organisation.district_id not in (None, target.plan.district_id):
        raise Refused(_("unit: %(unit)s is not a unit of the plan's district") % {"unit": organisation})
    row, _created = TargetResponsibility.objects.update_or_create(
        target=target, defaults={"organisation": organisation, "note": note.strip()[:300], "set_by": acting_user})
    return row
