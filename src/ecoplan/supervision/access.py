"""Supervision's objects in the one access policy (ecoplan.plans.access, where the rules are):
which objects each kind has and where their unit is.  Registered in SupervisionConfig.ready().

coordinator (bureau): sees and changes everything; reporter: reads and writes only its own unit's
reports; leader: reads everything, "my measures" are those where they are the lead official;
auditor: reads everything, history included, changes nothing.
"""
from __future__ import annotations

from ecoplan.plans.access import CHANGE, VIEW, Kind, access, may, organisation_of, role_of
from ecoplan.plans.models import Organisation, Plan

from .models import Evidence, Report, ReportEntry, ReportingCycle

__all__ = ["KINDS", "access_report", "can_write_report", "organisation_of", "role_of"]

KINDS = [
    Kind("report", lambda: Report.objects.select_related("cycle__plan", "organisation"),
         unit="organisation"),
    Kind("report_entry", lambda: ReportEntry.objects.all(), unit="report__organisation"),
    Kind("evidence", lambda: Evidence.objects.all(), unit="entry__report__organisation"),
    Kind("cycle", lambda: ReportingCycle.objects.select_related("plan")),
    Kind("assessment", lambda: Plan.objects.all()),
    Kind("progress", lambda: Plan.objects.all()),
    Kind("unit_progress", lambda: Organisation.objects.select_related("district"), unit="pk"),
]


def access_report(user, report_id, write: bool = False) -> Report:
    """The report; 404 when it is missing or another unit's, 403 when it may be read, not changed."""
    return access(user, "report", report_id, CHANGE if write else VIEW)


def can_write_report(user, report: Report) -> bool:
    return may(user, "report", CHANGE, report)
