"""Evaluation's objects in the one access policy (ecoplan.plans.access, where the rules are),
registered in EvaluationConfig.ready(), and the one question the rules alone cannot answer: may
this user report this target's value (the reporter's unit must be the target's responsible unit)?
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied

from ecoplan.plans.access import ALL, CHANGE, OWN, Kind, access, organisation_of, rule
from ecoplan.plans.models import Organisation, Target

from .models import MunicipalRequirement, QualitativeJudgement, ReportedValue
from .responsibility import Responsible, responsible_unit

KINDS = [
    Kind("reported_value", lambda: ReportedValue.objects.select_related("target__plan", "organisation", "area"),
         unit="organisation"),
    Kind("qualitative", lambda: QualitativeJudgement.objects.select_related("target__plan")),
    Kind("municipal_requirement", lambda: MunicipalRequirement.objects.select_related("target__plan")),
]


def reporting_unit(user, target: Target) -> tuple[Responsible, Organisation | None]:
    """Who reports ``target`` and the unit ``user`` submits for, or PermissionDenied: the
    coordinator submits on the responsible unit's behalf; a reporter only for its own unit's
    targets."""
    responsible = responsible_unit(target)
    found = rule(user, "reported_value", CHANGE)
    if found == ALL:
        return responsible, responsible.organisation
    if found == OWN and (unit := organisation_of(user)) is not None and unit == responsible.organisation:
        return responsible, unit
    raise PermissionDenied(f"{responsible.name} reports this target")


def access_reportable_target(user, target_id) -> tuple[Target, Responsible, Organisation | None]:
    """The target (404 when missing), its responsible unit and the unit the user submits for (403
    when the user may not report it)."""
    target = access(user, "target", target_id, queryset=Target.objects.select_related("plan__district", "area"))
    responsible, unit = reporting_unit(user, target)
    return target, responsible, unit
