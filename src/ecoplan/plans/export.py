"""Exporting a plan: JSON (schema in importers/data/plan-export.schema.json) and XLSX.

The JSON shape is the importer's: importing an exported file gives the same plan back.
"""
from __future__ import annotations

import io
from decimal import Decimal

from django.db.models import Prefetch

from .models import Assignment, Measure, Plan, Task

SCHEMA_VERSION = 1


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _units(measure: Measure, role: str) -> list[dict]:
    return [{"name": a.organisation.name, "printed": a.printed, "kind": a.organisation.kind}
            for a in measure.assignments.all() if a.role == role]


def plan_to_dict(plan: Plan, internal: bool = True) -> dict:
    """The whole plan.  `internal=False` (the public page) leaves out the coordinators' review
    resolutions, which are internal notes."""
    annexes = plan.annexes.prefetch_related(
        Prefetch("tasks", queryset=Task.objects.prefetch_related(
            Prefetch("measures", queryset=Measure.objects.prefetch_related(
                Prefetch("assignments", queryset=Assignment.objects.select_related("organisation"))
            ))
        ))
    )
    return {
        "schema": SCHEMA_VERSION,
        "plan": {
            "title": plan.title, "issuing_body": plan.issuing_body, "doc_number": plan.doc_number,
            "issue_date": plan.issue_date.isoformat() if plan.issue_date else None,
            "kind": plan.kind, "period_start": plan.period_start, "period_end": plan.period_end,
            "district": plan.district.name if plan.district else "", "public": plan.public,
            "repeals": plan.repeals, "report_due_rule": plan.report_due_rule, "source_name": plan.source_name,
            "source_sha256": plan.source_sha256, "source_shape": plan.source_shape,
        },
        "annexes": [
            {
                "number": annex.number, "title": annex.title, "theme": annex.theme,
                "line": annex.source_line,
                "tasks": [
                    {
                        "number": task.number, "title": task.title, "section": task.section,
                        "line": task.source_line,
                        "measures": [
                            {
                                "text": m.text, "search_text": m.search_text,
                                "deadline": {"raw": m.deadline_raw, "kind": m.deadline_kind,
                                             "start": m.deadline_start.isoformat() if m.deadline_start else None,
                                             "end": m.deadline_end.isoformat() if m.deadline_end else None,
                                             "milestones": m.milestones},
                                # untyped Django (no django-stubs): mypy reads a TextChoices member
                                # as its (value, label) tuple
                                "lead_units": _units(m, Assignment.Role.LEAD_UNIT),  # type: ignore[arg-type]
                                "co_units": _units(m, Assignment.Role.CO_UNIT),  # type: ignore[arg-type]
                                "lead_officials": [a.person_name for a in m.assignments.all()
                                                   if a.role == Assignment.Role.LEAD_OFFICIAL],
                                "lead_label": m.lead_label, "co_label": m.co_label, "attributes": m.attributes,
                                "line": m.source_line, "end_line": m.source_end_line,
                            }
                            for m in task.measures.all()
                        ],
                    }
                    for task in annex.tasks.all()
                ],
            }
            for annex in annexes
        ],
        "targets": [
            {
                "indicator": t.indicator, "indicator_code": t.indicator_code,
                "area": t.area_printed, "comparator": t.comparator, "value": _decimal(t.value),
                "value_text": t.value_text, "unit": t.unit, "period": t.period,
                "binding": t.binding, "baseline_year": t.baseline_year,
                "baseline_value": _decimal(t.baseline_value), "baseline_text": t.baseline_text,
                "conditions": t.conditions, "soft": t.soft, "raw": t.raw, "line": t.source_line,
                "annex": t.annex.number if t.annex else "", "value_source": t.value_source,
            }
            for t in plan.targets.select_related("annex")
        ],
        "review": [
            {"kind": r.kind, "message": r.message, "template": r.template, "params": r.params,
             "line": r.source_line, "text": r.source_text,
             "status": r.status, "resolution": r.resolution if internal else "",
             "ref": _review_ref(r)}
            for r in plan.review_items.select_related("measure__task__annex", "target")
        ],
    }


def _review_ref(item) -> list:
    if item.measure_id:
        m = item.measure
        return ["measure", m.task.annex.order, m.task.order, m.order]
    if item.target_id:
        return ["target", item.target.order]
    return ["plan"]


def plan_to_xlsx(plan: Plan) -> bytes:
    """One sheet of measures (the table as a coordinator knows it) and one of targets."""
    from openpyxl import Workbook

    from ecoplan.spreadsheets import append_row

    data = plan_to_dict(plan)
    book = Workbook()
    sheet = book.active
    sheet.title = "工作措施"
    append_row(sheet, [plan.title])
    append_row(sheet, ["附件", "序号", "重点任务", "工作措施", "完成时限", "截止日期", "牵头领导",
                  "主责/牵头单位", "协办单位"])
    for annex in data["annexes"]:
        for task in annex["tasks"]:
            for m in task["measures"]:
                append_row(sheet, [annex["number"], task["number"], task["title"], m["text"],
                              m["deadline"]["raw"], m["deadline"]["end"] or "",
                              " ".join(m["lead_officials"]),
                              " ".join(u["name"] for u in m["lead_units"]),
                              " ".join(u["name"] for u in m["co_units"])])
    targets = book.create_sheet("目标")
    append_row(targets, ["指标", "范围", "比较", "数值", "单位", "期间", "属性", "条件", "原文"])
    for t in data["targets"]:
        append_row(targets, [t["indicator"], t["area"] or "全区", t["comparator"], t["value"] or "",
                        t["unit"], t["period"], t["binding"], ",".join(t["conditions"]), t["raw"]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
