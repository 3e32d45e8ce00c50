"""A unit's monthly report: save, submit, return, accept, add evidence."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoplan.evaluation.evidence import EVIDENCE_TYPES, evidence_problem  # noqa: F401 (EVIDENCE_TYPES: re-exported)
from ecoplan.vocabulary import deadlines

from ..models import (
    EntryStatus,
    Evidence,
    Notification,
    Report,
    ReportEntry,
    ReportingCycle,
    ReportReview,
    ReportVersion,
)
from ..rows import carried, previous_entries, row_label, still_to_answer
from ._errors import Conflict, Refused
from .reminders import _notify_unit


def _check_editable(report: Report) -> None:
    if report.cycle.status != ReportingCycle.Status.OPEN:
        raise Refused(_("the %(month)s cycle is closed: reports can no longer change") % {
            "month": f"{report.cycle.month:%Y-%m}"})
    if report.status not in (Report.Status.DRAFT, Report.Status.RETURNED):
        raise Refused(_("this report is %(status)s: submitted reports are immutable; ask the coordinator "
                        "to return it for a correction") % {"status": report.get_status_display()})


def _bump(report: Report, expected_version: int) -> None:
    """Optimistic lock: only a save based on the current version goes through."""
    updated = Report.objects.filter(pk=report.pk, version=expected_version).update(
        version=F("version") + 1, touched_at=timezone.now())
    if not updated:
        # the lock counter is no user's idea of a version: the message does not show it
        raise Conflict(_("this report was changed by someone else meanwhile: reload it and apply your "
                         "changes again"))
    report.version = expected_version + 1


@transaction.atomic
def do_save_report(report: Report, acting_user, expected_version: int, entries: dict[int, dict]) -> Report:
    """Save a draft.  ``entries``: measure id → {status, narrative, quantity_done}."""
    report = Report.objects.select_for_update().select_related("cycle").get(pk=report.pk)
    _check_editable(report)
    own = {e.measure_id: e for e in report.entries.all()}
    for measure_id, data in entries.items():
        entry = own.get(int(measure_id))
        if entry is None:
            raise Refused(_("measure %(id)s is not in this unit's report: the unit does not answer for it "
                            "this month") % {"id": measure_id})
        status = data.get("status", entry.status)
        if status not in EntryStatus.values:
            raise Refused(_("measure %(id)s: unknown status “%(status)s”") % {"id": measure_id, "status": status})
        done = data.get("quantity_done", entry.quantity_done)
        if done in ("", None):
            done = None
        else:
            try:
                done = Decimal(str(done))
                if not done.is_finite():  # NaN, sNaN, Infinity compare as errors, not as numbers
                    raise InvalidOperation
            except InvalidOperation:
                raise Refused(_("measure %(id)s: “%(value)s” is not a number") % {"id": measure_id, "value": done}) from None
            limit = entry.quantity_target * 10 if entry.quantity_target else Decimal(1_000_000)
            if done < 0 or done > limit:
                raise Refused(_("measure %(id)s: %(value)s is outside the range 0 … %(limit)s%(target)s") % {
                    "id": measure_id, "value": done, "limit": limit,
                    "target": f" ({entry.quantity_target} {entry.quantity_unit})" if entry.quantity_target else ""})
        narrative = data.get("narrative", entry.narrative)
        if len(narrative) > 5000:
            raise Refused(_("measure %(id)s: the narrative is longer than 5,000 characters") % {"id": measure_id})
        entry.status, entry.narrative, entry.quantity_done = status, narrative, done
        entry.save(update_fields=["status", "narrative", "quantity_done"])
    _bump(report, expected_version)
    return report


@transaction.atomic
def do_save_entry(report: Report, acting_user, expected_version: int, measure_id: int, data: dict) -> Report:
    """Save one row of the form as the reporter goes: do_save_report's checks and lock, one entry."""
    return do_save_report(report, acting_user, expected_version, {measure_id: data})


@transaction.atomic
def do_carry_over(report: Report, acting_user, expected_version: int,
                  measure_ids: list[int] | None = None) -> tuple[Report, list[int]]:
    """"Unchanged since last month" (上月无变化): the previous cycle's answer (rows.carried) set
    on the given rows, or on every row not answered yet when ``measure_ids`` is None."""
    entries = report.entries.select_related("measure")
    if measure_ids is not None:
        entries = entries.filter(measure_id__in=measure_ids)
    previous = previous_entries(report)
    month_end = deadlines.month_end_of(report.cycle.month)
    changes = {}
    for entry in entries:
        if measure_ids is None and not still_to_answer(entry.status, entry.narrative):
            continue  # "for all" never overwrites what the reporter already said
        if (values := carried(previous.get(entry.measure_id), entry, month_end)) is not None:
            changes[entry.measure_id] = values
    if measure_ids and not changes:
        raise Refused(_("nothing to carry over: the unit gave no answer for this measure last month"))
    return do_save_report(report, acting_user, expected_version, changes), sorted(changes)


def snapshot(report: Report) -> dict:
    return {"status": report.status, "entries": [
        {"measure": e.measure_id, "role": e.role, "status": e.status, "narrative": e.narrative,
         "quantity_done": str(e.quantity_done) if e.quantity_done is not None else None,
         "quantity_target": str(e.quantity_target) if e.quantity_target is not None else None,
         "evidence": [ev.name for ev in e.evidence.all()]}
        for e in report.entries.prefetch_related("evidence")]}


@transaction.atomic
def do_submit_report(report: Report, acting_user, expected_version: int, complete: bool = False) -> Report:
    """Submit.  ``complete`` (the report page): every row must be answered (rows.still_to_answer),
    the refusal lists those that are not; the API keeps its older rule, blocked rows only."""
    report = Report.objects.select_for_update().select_related("cycle").get(pk=report.pk)
    _check_editable(report)
    if complete:
        open_rows = [(e, reason) for e in report.entries.select_related("measure__task")
                     if (reason := still_to_answer(e.status, e.narrative))]
        if open_rows:
            raise Refused(_("%(count)s measures still need an answer: %(rows)s") % {
                "count": len(open_rows), "rows": "；".join(
                    f"{row_label(e)}（{reason}）" for e, reason in open_rows)})
    blocked = report.entries.filter(status=EntryStatus.BLOCKED, narrative="")
    if blocked.exists():
        raise Refused(_("say why a measure is blocked: the narrative of a blocked measure is required"))
    _bump(report, expected_version)
    now = timezone.now()
    report.status = Report.Status.SUBMITTED
    report.submitted_at, report.submitted_by = now, acting_user
    report.save(update_fields=["status", "submitted_at", "submitted_by"])
    ReportVersion.objects.create(report=report, number=report.versions.count() + 1, snapshot=snapshot(report),
                                 submitted_by=acting_user,
                                 on_time=timezone.localdate() <= report.cycle.due_date)
    _resolve_return_notices(report)
    return report


def _resolve_return_notices(report: Report) -> None:
    """A "report returned" notice is done once the report is resubmitted (or accepted)."""
    Notification.objects.filter(kind="report_returned", key__startswith=f"returned:{report.pk}:",
                                read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def do_return_report(report: Report, acting_user, comment: str) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.SUBMITTED:
        raise Refused(_("only a submitted report can be returned"))
    if not comment.strip():
        raise Refused(_("say what to correct: a returned report needs a comment"))
    report.status, report.review_comment = Report.Status.RETURNED, comment
    report.reviewed_by, report.reviewed_at = acting_user, timezone.now()
    report.version, report.touched_at = report.version + 1, report.reviewed_at
    report.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at", "version", "touched_at"])
    ReportReview.objects.create(report=report, decision=Report.Status.RETURNED, comment=comment,
                                reviewed_by=acting_user)
    _notify_unit(report, "report_returned", f"{report.cycle.month:%Y-%m} 月报被退回：{comment}",
                 f"/supervision/reports/{report.pk}/", f"returned:{report.pk}:{report.version}")
    return report


@transaction.atomic
def do_accept_report(report: Report, acting_user) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.SUBMITTED:
        raise Refused(_("only a submitted report can be accepted"))
    report.status = Report.Status.ACCEPTED
    report.reviewed_by, report.reviewed_at = acting_user, timezone.now()
    report.version, report.touched_at = report.version + 1, report.reviewed_at
    report.save(update_fields=["status", "reviewed_by", "reviewed_at", "version", "touched_at"])
    ReportReview.objects.create(report=report, decision=Report.Status.ACCEPTED, reviewed_by=acting_user)
    _resolve_return_notices(report)
    return report


@transaction.atomic
def do_add_evidence(entry: ReportEntry, acting_user, upload) -> Evidence:
    _check_editable(entry.report)
    if problem := evidence_problem(upload):
        raise Refused(problem)
    name = upload.name
    return Evidence.objects.create(entry=entry, file=upload, name=name[:200], size=upload.size,
                                   content_type=getattr(upload, "content_type", "") or "",
                                   uploaded_by=acting_user)
