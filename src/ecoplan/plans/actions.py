"""Changes to the plan registry — one ``do_*`` per user-visible change, each one transaction."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from ecoplan.importers import import_bytes, organisations, preview_bytes
from ecoplan.importers.mapping import Preview
from ecoplan.importers.model import ImportResult, PlanImportError, ReviewRef, UnitRef
from ecoplan.vocabulary import areas

from .models import (
    Annex,
    Area,
    Assignment,
    ImportRun,
    LexiconEntry,
    Measure,
    Organisation,
    Plan,
    ReviewItem,
    Target,
    Task,
)
from .signals import plan_imported


class _PlanRefused(PlanImportError):
    """A refusal naming an existing plan; ``template`` (a msgid) and ``params`` let the pages
    show it in the user's language (``str()`` is the English for the CLI and logs)."""

    template = ""

    def __init__(self, plan: Plan, source: str):
        self.plan = plan
        super().__init__(self.template, source=source, id=plan.pk, title=plan.title,
                         doc_number=plan.doc_number or "—", district=plan.district.name if plan.district else "—")


class DuplicatePlan(_PlanRefused):
    """The same file (by SHA-256) was imported before."""

    template = gettext_noop("already imported as plan #{id} “{title}” (same SHA-256)")


class SamePlan(_PlanRefused):
    """Another file of the same plan — same 文号 (or, without one, the same title) in the same
    district: a revised copy.  Imported only to supersede the existing plan."""

    template = gettext_noop("plan #{id} “{title}” ({doc_number}, {district}) is the same document: to import "
                            "this file as its revised copy, choose to supersede it (ecoplan import --supersede)")


def installation_lexicon() -> list[organisations.Entry]:
    """This installation's lexicon entries, as the importer reads them (before the packaged ones)."""
    return [organisations.Entry(e.name, e.kind, tuple(e.aliases)) for e in LexiconEntry.objects.all()]


def parse_document(data: bytes, name: str, shape: str | None = None,
                   columns: dict[str, str] | None = None) -> ImportResult:
    """Parse a document with this installation's lexicon (``shape`` and ``columns``: the
    coordinator's choice of shape and column mapping, else detected)."""
    with organisations.installation_lexicon(installation_lexicon()):
        return import_bytes(data, name, shape, columns)


def preview_document(data: bytes, name: str, columns: dict[str, str]) -> Preview | None:
    """What the document's table creates under the mapping the coordinator is correcting."""
    with organisations.installation_lexicon(installation_lexicon()):
        return preview_bytes(data, name, columns)


@transaction.atomic
def do_save_lexicon_entry(entry: LexiconEntry | None, name: str, kind: str, aliases: list[str],
                          acting_user=None) -> LexiconEntry:
    """Add a unit to the installation's lexicon (``entry`` None) or change one; plans imported from
    now on read it, and units already imported under its name take its kind.  The audit trail
    keeps the old and new values."""
    entry = entry or LexiconEntry()
    entry.name, entry.kind, entry.aliases = name, kind, aliases
    entry.updated_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    entry.save()
    for organisation in Organisation.objects.filter(name=name).exclude(kind=kind):
        organisation.kind = kind  # the units imported under this name, in every district, follow
        organisation.save(update_fields=["kind"])
    return entry


def same_plan(result: ImportResult) -> Plan | None:
    """The plan in force that this document is another copy of: the same 文号 in the same district,
    or the same title when either copy prints no 文号."""
    meta = result.meta
    plans = Plan.objects.filter(superseded_by__isnull=True).select_related("district")
    if meta.district:
        plans = plans.filter(district__name=meta.district, district__parent__isnull=True)
    else:
        plans = plans.filter(district__isnull=True)
    if meta.doc_number and (match := plans.filter(doc_number=meta.doc_number).first()):
        return match
    if meta.title:
        candidates = plans.filter(title=meta.title[:300])
        if meta.doc_number:
            candidates = candidates.filter(doc_number="")
        return candidates.first()
    return None


def check_not_imported(result: ImportResult, supersede: bool = False) -> Plan | None:
    """Refuse a file imported before, and another copy of a plan unless ``supersede``; returns
    the plan the new one supersedes."""
    existing = Plan.objects.filter(source_sha256=result.sha256).first()
    if existing:
        raise DuplicatePlan(existing, result.source_name)
    same = same_plan(result)
    if same is not None and not supersede:
        raise SamePlan(same, result.source_name)
    return same


def _area(name: str, kind: str, parent: Area | None) -> Area:
    area, _ = Area.objects.get_or_create(name=name, parent=parent, defaults={"kind": kind})
    return area


def _organisation(unit: UnitRef, district: Area | None, cache: dict) -> Organisation:
    """The unit of this plan's district: matched by (name, district), never by the name alone."""
    if unit.canonical not in cache:
        organisation, _ = Organisation.objects.get_or_create(
            name=unit.canonical, district=district, defaults={"kind": unit.kind})
        if organisation.kind == Organisation.Kind.UNKNOWN and unit.kind != organisation.kind:
            organisation.kind = unit.kind  # read now (the lexicon grew): the unit gets its kind
            organisation.save(update_fields=["kind"])
        cache[unit.canonical] = organisation
        if unit.printed != unit.canonical:
            organisation.aliases.get_or_create(alias=unit.printed)
    return cache[unit.canonical]


@transaction.atomic
def do_import_plan(result: ImportResult, acting_user=None, supersede: bool = False) -> Plan:
    """Write a parsed document into the registry: all of it, or nothing.  With ``supersede``, a
    revised copy of a plan in force (same 文号/title and district) replaces it: the old plan
    stays, marked as superseded by the new one."""
    replaced = check_not_imported(result, supersede)
    meta = result.meta
    # untyped Django (no django-stubs): mypy reads a TextChoices member as its (value, label) tuple
    district = _area(meta.district, Area.Kind.DISTRICT, None) if meta.district else None  # type: ignore[arg-type]
    plan = Plan.objects.create(
        title=meta.title[:300], issuing_body=meta.issuing_body, doc_number=meta.doc_number,
        issue_date=meta.issue_date, kind=meta.kind, period_start=meta.period_start,
        period_end=meta.period_end, district=district, public=meta.public,
        source_name=result.source_name, source_sha256=result.sha256, source_shape=result.shape,
        repeals=meta.repeals, report_due_rule=meta.report_due_rule, imported_by=acting_user,
    )
    if meta.repeals:
        for repealed in Plan.objects.filter(doc_number__in=[_doc_number(r) for r in meta.repeals]):
            plan.supersedes = repealed
            plan.save(update_fields=["supersedes"])
    if replaced is not None:
        plan.supersedes = replaced
        plan.save(update_fields=["supersedes"])
    cache: dict[str, Organisation] = {}
    annex_rows: list[Annex] = []
    measure_rows: dict[ReviewRef, Measure] = {}
    assignments: list[Assignment] = []
    for a_index, annex in enumerate(result.annexes):
        annex_row = Annex.objects.create(plan=plan, number=annex.number, title=annex.title[:300],
                                         theme=annex.theme, order=a_index, source_line=annex.line)
        annex_rows.append(annex_row)
        for t_index, task in enumerate(annex.tasks):
            task_row = Task.objects.create(annex=annex_row, number=task.number,
                                           title=task.title[:300], section=task.section[:300],
                                           order=t_index, source_line=task.line)
            measures = [
                Measure(task=task_row, text=m.text, search_text=m.search_text, order=m_index, deadline_raw=m.deadline.raw[:100],
                        deadline_kind=m.deadline.kind, deadline_start=m.deadline.start,
                        deadline_end=m.deadline.end,
                        milestones=[d.isoformat() for d in m.deadline.milestones],
                        lead_label=m.lead_label, co_label=m.co_label, attributes=m.attributes, source_line=m.line,
                        source_end_line=m.end_line or m.line)
                for m_index, m in enumerate(task.measures)
            ]
            Measure.objects.bulk_create(measures)
            for m_index, (measure, row) in enumerate(zip(task.measures, measures)):
                measure_rows[(a_index, t_index, m_index)] = row
                order = 0
                for role, units in ((Assignment.Role.LEAD_UNIT, measure.lead_units),
                                    (Assignment.Role.CO_UNIT, measure.co_units)):
                    for unit in units:
                        assignments.append(Assignment(
                            measure=row, role=role, organisation=_organisation(unit, district, cache),
                            printed=unit.printed[:200], order=order))
                        order += 1
                for name in measure.lead_officials:
                    assignments.append(Assignment(measure=row, role=Assignment.Role.LEAD_OFFICIAL,
                                                  person_name=name[:50], printed=name[:200],
                                                  order=order))
                    order += 1
    Assignment.objects.bulk_create(assignments)
    by_number = {a.number: a for a in annex_rows}
    target_rows = []
    for index, target in enumerate(result.targets):
        area = None
        if target.area and not target.area.startswith(areas.GROUP_SCOPES):
            area = _area(target.area, Area.Kind.SUB_AREA, district)  # type: ignore[arg-type]  # as above
        target_rows.append(Target(
            plan=plan, annex=by_number.get(target.annex_number), indicator=target.indicator[:200],
            indicator_code=target.indicator_code, area=area, area_printed=target.area[:100],
            comparator=target.comparator, value=target.value, value_text=target.value_text[:100],
            unit=target.unit, period=target.period, binding=target.binding,
            baseline_year=target.baseline_year, baseline_value=target.baseline_value,
            baseline_text=target.baseline_text[:100], conditions=target.conditions,
            soft=target.soft, raw=target.raw, source_line=target.line, order=index))
    Target.objects.bulk_create(target_rows)
    reviews = []
    for item in result.review:
        measure_row: Measure | None = None
        target_row: Target | None = None
        if item.ref[0] == "measure":
            measure_row = measure_rows.get(item.ref[1:])
        elif item.ref[0] == "target" and isinstance(item.ref[1], int):
            target_row = target_rows[item.ref[1]]
        reviews.append(ReviewItem(plan=plan, kind=item.kind, message=item.message,
                                  source_line=item.line, source_text=item.text,
                                  template=item.template, params=item.params,
                                  measure=measure_row, target=target_row))
    ReviewItem.objects.bulk_create(reviews)
    ImportRun.objects.create(
        plan=plan, source_name=result.source_name, source_sha256=result.sha256,
        shape=result.shape, counts=result.counts(), acting_user=acting_user,
        skipped=[{"line": s.line, "reason": s.reason, "text": s.text, "template": s.template, "params": s.params}
                 for s in result.skipped],
    )
    plan_imported.send(sender=Plan, plan=plan)
    return plan


def _doc_number(printed: str) -> str:
    from ecoplan.importers.notice import DOC_NUMBER

    m = DOC_NUMBER.search(printed)
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号" if m else ""


@transaction.atomic
def do_resolve_review_item(item: ReviewItem, acting_user, status: str, resolution: str) -> ReviewItem:
    """Close a review item with the coordinator's decision (kept, with who and when)."""
    if status not in (ReviewItem.Status.RESOLVED, ReviewItem.Status.DISMISSED):
        raise ValueError(f"unknown status {status!r}")
    item.status = status
    item.resolution = resolution
    item.resolved_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    item.resolved_at = timezone.now()
    item.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    return item


@transaction.atomic
def do_set_municipal_value(target: Target, value, source: str, acting_user) -> Target:
    """A 达到市级要求 target gets its value once the city sets it, with where it came from."""
    if not source.strip():
        raise ValueError("the source of a municipal value is required")
    target.value = value
    target.value_source = source
    target.save(update_fields=["value", "value_source"])
    for item in target.review_items.filter(kind="target_municipal", status=ReviewItem.Status.OPEN):
        do_resolve_review_item(item, acting_user, ReviewItem.Status.RESOLVED,
                               f"value {value} set from {source}")
    return target


@transaction.atomic
def do_set_plan_year(plan: Plan, year: int, acting_user) -> int:
    """The coordinator states the plan year the document did not print (a ``year_unknown`` item):
    the plan gets its period and every deadline printed without a year (`6月底前`, `第三季度`)
    gets its dates, read again from the printed text.  Returns how many measures were dated."""
    from ecoplan.importers import deadlines

    if not 2000 <= year <= 2100:
        raise ValueError(f"year {year} is out of range")
    plan.period_start = plan.period_start or year
    plan.period_end = plan.period_end or year
    plan.save(update_fields=["period_start", "period_end"])
    dated = []
    for measure in Measure.objects.filter(task__annex__plan=plan, deadline_start=None, deadline_end=None):
        deadline = deadlines.parse(measure.deadline_raw, year)
        if deadline.start is None and deadline.end is None:
            continue  # 长期坚持, 按月: no date whatever the year
        measure.deadline_kind, measure.deadline_start, measure.deadline_end = deadline.kind, deadline.start, deadline.end
        measure.milestones = [d.isoformat() for d in deadline.milestones]
        dated.append(measure)
    Measure.objects.bulk_update(dated, ["deadline_kind", "deadline_start", "deadline_end", "milestones"])
    for item in plan.review_items.filter(kind="year_unknown", status=ReviewItem.Status.OPEN):
        do_resolve_review_item(item, acting_user, ReviewItem.Status.RESOLVED,
                               f"plan year {year} entered; {len(dated)} deadlines dated")
    return len(dated)


def import_document(data: bytes, name: str, acting_user=None, dry_run: bool = False, supersede: bool = False,
                    shape: str | None = None, columns: dict[str, str] | None = None):
    """Parse and (unless dry_run) store one document; returns (result, plan or None).  ``shape``
    forces a shape, ``columns`` maps a task table's printed headers to roles."""
    result = parse_document(data, name, shape, columns)
    check_not_imported(result, supersede)
    if dry_run:
        return result, None
    return result, do_import_plan(result, acting_user, supersede)
