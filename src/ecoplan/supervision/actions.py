"""Changes in supervision — one ``do_*`` per user-visible change, each all-or-nothing."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoplan import duties, workdays
from ecoplan.plans.models import Assignment, Measure, Organisation, Plan

from .models import (
    EntryStatus, Evidence, Notification, Profile, Report, ReportEntry, ReportingCycle, ReportVersion,
    Role,
)
from .status import completion_dates


class Refused(ValueError):
    """A change refused with a message for the person who asked (nothing was saved)."""


class Conflict(Refused):
    """Someone else saved the same report first."""


DUE_RULE = re.compile(r"^(\d+)(?:st|nd|rd|th)-working-day$")
EVIDENCE_TYPES = {  # extension → magic bytes at the start of the file
    ".pdf": [b"%PDF"], ".png": [b"\x89PNG"], ".jpg": [b"\xff\xd8\xff"], ".jpeg": [b"\xff\xd8\xff"],
    ".docx": [b"PK\x03\x04"], ".xlsx": [b"PK\x03\x04"], ".doc": [b"\xd0\xcf\x11\xe0"],
    ".xls": [b"\xd0\xcf\x11\xe0"], ".ofd": [b"PK\x03\x04"],
}


def parse_due_rule(rule: str) -> int:
    m = DUE_RULE.match(rule)
    if not m or int(m.group(1)) < 1:
        raise Refused(_("unknown due rule “%(rule)s” (e.g. 2nd-working-day)") % {"rule": rule})
    return int(m.group(1))


def plan_period(plan: Plan) -> tuple[date, date]:
    start = plan.period_start or timezone.localdate().year
    return date(start, 1, 1), date(plan.period_end or start, 12, 31)


# Group placeholders for every sub-area (domain.md §5) and the names of their members.
# 相关… ("the relevant ones") and member groups (…成员单位) name no members: they report as groups.
EVERY_SUB_AREA = [
    (re.compile(r"^各(?:镇人民政府|镇政府|镇)$"), ("镇",)),
    (re.compile(r"^各(?:街道办事处|街道)$"), ("街道",)),
    (re.compile(r"^各乡(?:人民政府|政府)?$"), ("乡",)),
    (re.compile(r"^各(?:乡镇|镇乡)$"), ("乡", "镇")),
    (re.compile(r"^各(?:街道乡镇|乡镇街道|镇街道|镇、街道|街道、镇)"), ("街道", "乡", "镇")),
    (re.compile(r"^各(?:产业)?园区管委会$"), ("管委会",)),
]


def group_members(plan: Plan, group: Organisation, pool: list[Organisation]) -> list[Organisation]:
    """The sub-areas a placeholder such as 各街道办事处 stands for: the plan's own sub-area units and
    the district's sub-areas (from its per-area targets and stations) of the matching kind."""
    for pattern, suffixes in EVERY_SUB_AREA:
        if pattern.match(group.name):
            return [o for o in pool if o.name.endswith(suffixes)]
    return []


def _sub_area_pool(plan: Plan) -> list[Organisation]:
    pool = {o.name: o for o in Organisation.objects.filter(
        assignments__measure__task__annex__plan=plan, kind=Organisation.Kind.SUB_AREA).distinct()}
    if plan.district_id:
        for area in plan.district.children.all():
            if area.name not in pool:
                pool[area.name], _ = Organisation.objects.get_or_create(
                    name=area.name, defaults={"kind": Organisation.Kind.SUB_AREA})
    return sorted(pool.values(), key=lambda o: o.name)


def measures_by_unit(plan: Plan, month: date) -> dict:
    """organisation → [(measure, role, via group)] for the measures live in ``month``; a group
    placeholder for every sub-area fans out to one entry per sub-area."""
    period = plan_period(plan)
    done = completion_dates(plan)
    units: dict = defaultdict(list)
    pool = _sub_area_pool(plan)
    members: dict[int, list] = {}
    listed: set[tuple[int, int]] = set()
    assignments = (Assignment.objects.filter(measure__task__annex__plan=plan, organisation__isnull=False)
                   .select_related("measure", "organisation").order_by("measure__task__annex__order",
                                                                      "measure__task__order", "measure__order"))
    for a in assignments:
        m = a.measure
        deadline = duties.Deadline(m.deadline_kind, m.deadline_start, m.deadline_end)
        if not duties.active_in(deadline, month, period, done.get(m.pk)):
            continue
        role = ReportEntry.Role.LEAD if a.role == Assignment.Role.LEAD_UNIT else ReportEntry.Role.CO
        org = a.organisation
        if org.kind == Organisation.Kind.GROUP:
            if org.pk not in members:
                members[org.pk] = group_members(plan, org, pool)
            targets = [(unit, org.name) for unit in members[org.pk]] or [(org, "")]
        else:
            targets = [(org, "")]
        for unit, via in targets:
            if (unit.pk, m.pk) not in listed:  # a unit answers once for a measure
                listed.add((unit.pk, m.pk))
                units[unit].append((m, role, via))
    return units


DEFAULT_DUE_RULE = "2nd-working-day"


@transaction.atomic
def do_open_cycle(plan: Plan, month: date, due_rule: str | None = None, acting_user=None) -> ReportingCycle:
    """Open a month: one report per unit, listing the measures it answers for that month.  The due
    day is the one given, else the plan's own (每月第二个工作日前), else the 2nd working day."""
    due_rule = due_rule or plan.report_due_rule or DEFAULT_DUE_RULE
    month = month.replace(day=1)
    period = plan_period(plan)
    if not (period[0] <= month <= period[1]):
        raise Refused(_("%(month)s is outside the plan's period %(first)s–%(last)s") % {
            "month": f"{month:%Y-%m}", "first": period[0].year, "last": period[1].year})
    if ReportingCycle.objects.filter(plan=plan, month=month).exists():
        raise Refused(_("the %(month)s cycle of this plan is already open") % {"month": f"{month:%Y-%m}"})
    due = workdays.report_due_date(month, parse_due_rule(due_rule))
    cycle = ReportingCycle.objects.create(plan=plan, month=month, due_rule=due_rule, due_date=due.day,
                                          due_date_official=due.official, opened_by=acting_user)
    for organisation, items in measures_by_unit(plan, month).items():
        report = Report.objects.create(cycle=cycle, organisation=organisation)
        entries = []
        for measure, role, via in items:
            quantity = duties.quantity_of(measure.text)
            entries.append(ReportEntry(report=report, measure=measure, role=role, via_group=via,
                                       quantity_target=quantity[0] if quantity else None,
                                       quantity_unit=quantity[1] if quantity else ""))
        ReportEntry.objects.bulk_create(entries)
    return cycle


@transaction.atomic
def do_close_cycle(cycle: ReportingCycle) -> ReportingCycle:
    cycle.status = ReportingCycle.Status.CLOSED
    cycle.save(update_fields=["status"])
    return cycle


def _check_editable(report: Report) -> None:
    if report.cycle.status != ReportingCycle.Status.OPEN:
        raise Refused(_("the %(month)s cycle is closed: reports can no longer change") % {
            "month": f"{report.cycle.month:%Y-%m}"})
    if report.status not in (Report.Status.DRAFT, Report.Status.RETURNED):
        raise Refused(_("this report is %(status)s: submitted reports are immutable; ask the coordinator "
                        "to return it for a correction") % {"status": report.get_status_display()})


def _bump(report: Report, expected_version: int) -> None:
    """Optimistic lock: only a save based on the current version goes through."""
    updated = Report.objects.filter(pk=report.pk, version=expected_version).update(version=F("version") + 1)
    if not updated:
        current = Report.objects.get(pk=report.pk)
        raise Conflict(_("this report was changed by someone else meanwhile (version %(current)s, you "
                         "edited version %(yours)s): reload it and apply your changes again")
                       % {"current": current.version, "yours": expected_version})
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


def snapshot(report: Report) -> dict:
    return {"status": report.status, "entries": [
        {"measure": e.measure_id, "role": e.role, "status": e.status, "narrative": e.narrative,
         "quantity_done": str(e.quantity_done) if e.quantity_done is not None else None,
         "quantity_target": str(e.quantity_target) if e.quantity_target is not None else None,
         "evidence": [ev.name for ev in e.evidence.all()]}
        for e in report.entries.prefetch_related("evidence")]}


@transaction.atomic
def do_submit_report(report: Report, acting_user, expected_version: int) -> Report:
    report = Report.objects.select_for_update().select_related("cycle").get(pk=report.pk)
    _check_editable(report)
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
    return report


@transaction.atomic
def do_return_report(report: Report, acting_user, comment: str) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.SUBMITTED:
        raise Refused(_("only a submitted report can be returned"))
    if not comment.strip():
        raise Refused(_("say what to correct: a returned report needs a comment"))
    report.status, report.review_comment = Report.Status.RETURNED, comment
    report.reviewed_by, report.reviewed_at = acting_user, timezone.now()
    report.version += 1
    report.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at", "version"])
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
    report.version += 1
    report.save(update_fields=["status", "reviewed_by", "reviewed_at", "version"])
    return report


@transaction.atomic
def do_add_evidence(entry: ReportEntry, acting_user, upload) -> Evidence:
    _check_editable(entry.report)
    name = upload.name
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext not in EVIDENCE_TYPES:
        raise Refused(_("%(name)s: not a document or image (accepted: %(types)s)") % {
            "name": name, "types": " ".join(sorted(EVIDENCE_TYPES))})
    limit = settings.ECOPLAN_MAX_EVIDENCE_BYTES
    if upload.size > limit:
        raise Refused(_("%(name)s: %(size)s bytes is over the %(limit)s-byte limit") % {
            "name": name, "size": f"{upload.size:,}", "limit": f"{limit:,}"})
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in EVIDENCE_TYPES[ext]):
        raise Refused(_("%(name)s: the content is not a %(ext)s file") % {"name": name, "ext": ext})
    return Evidence.objects.create(entry=entry, file=upload, name=name[:200], size=upload.size,
                                   content_type=getattr(upload, "content_type", "") or "",
                                   uploaded_by=acting_user)


def _notify(user, kind: str, message: str, url: str, key: str) -> bool:
    _, created = Notification.objects.get_or_create(user=user, key=key, defaults={
        "kind": kind, "message": message, "url": url})
    if created and user.email:
        send_mail(f"[ecoplan] {message[:60]}", message + ("\n" + url if url else ""), None,
                  [user.email], fail_silently=True)
    return created


def _reporters(organisation_ids=None) -> dict[int, list]:
    """organisation id → its reporters' users, in one query."""
    profiles = Profile.objects.filter(role=Role.REPORTER, organisation__isnull=False).select_related("user")
    if organisation_ids is not None:
        profiles = profiles.filter(organisation_id__in=organisation_ids)
    by_unit: dict[int, list] = defaultdict(list)
    for profile in profiles:
        by_unit[profile.organisation_id].append(profile.user)
    return by_unit


def _notify_unit(report: Report, kind: str, message: str, url: str, key: str, reporters=None) -> int:
    users = (reporters if reporters is not None else _reporters([report.organisation_id])).get(report.organisation_id, [])
    return sum(_notify(u, kind, message, url, key) for u in users)


def do_send_reminders(today: date | None = None, report_days: int = 3, measure_days: int = 14) -> dict:
    """Reminders before a report's due date and before a measure's deadline (not for work already
    reported done); the escalation list of late reports to the coordinators.  Idempotent: one
    notification per user and subject."""
    today = today or timezone.localdate()
    sent = {"report_due": 0, "measure_due": 0, "escalation": 0}
    reporters = _reporters()
    open_reports = Report.objects.filter(cycle__status=ReportingCycle.Status.OPEN,
                                         status__in=[Report.Status.DRAFT, Report.Status.RETURNED]).select_related(
        "cycle", "organisation")
    late = []
    for report in open_reports:
        warn_from = workdays.add_working_days(report.cycle.due_date, -report_days).day
        if warn_from <= today <= report.cycle.due_date:
            sent["report_due"] += _notify_unit(
                report, "report_due", f"{report.organisation} {report.cycle.month:%Y-%m} 月报应于 "
                f"{report.cycle.due_date:%Y-%m-%d} 前报送", f"/supervision/reports/{report.pk}/",
                f"report_due:{report.pk}", reporters)
        elif today > report.cycle.due_date:
            late.append(report)
    soon = (Measure.objects.filter(deadline_end__gte=today, deadline_end__lte=today + timedelta(days=measure_days))
            .select_related("task__annex__plan").prefetch_related("assignments"))
    done: dict[int, dict] = {}  # plan id → completion dates
    for measure in soon:
        plan = measure.task.annex.plan
        if plan.pk not in done:
            done[plan.pk] = completion_dates(plan)
        if measure.pk in done[plan.pk]:
            continue
        for a in measure.assignments.all():
            if a.role != Assignment.Role.LEAD_UNIT or a.organisation_id is None:
                continue
            for user in reporters.get(a.organisation_id, []):
                sent["measure_due"] += _notify(
                    user, "measure_due", f"措施将于 {measure.deadline_end:%Y-%m-%d} 到期：{measure.text[:60]}",
                    f"/plans/{plan.pk}/", f"measure_due:{measure.pk}")
    if late:
        text = "逾期未报送：" + "、".join(f"{r.organisation}（{r.cycle.month:%Y-%m}）" for r in late[:50])
        for profile in Profile.objects.filter(role=Role.COORDINATOR).select_related("user"):
            sent["escalation"] += _notify(profile.user, "escalation", text, "/supervision/", f"escalation:{today}")
    return sent
