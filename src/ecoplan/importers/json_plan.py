"""Importing a plan exported as JSON (`ecoplan export PLAN --format json`): the same plan back.

The exported file carries the original document's SHA-256, so importing the export of a plan
that is already registered is detected as a re-import.
"""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from .model import (
    Annex,
    Deadline,
    ImportResult,
    Measure,
    PlanImportError,
    PlanMeta,
    ReviewItem,
    Target,
    Task,
    UnitRef,
)


def _date(value):
    return date.fromisoformat(value) if value else None


def _units(items):
    return [UnitRef(u.get("printed") or u["name"], u["name"], u.get("kind", "unknown"),
                    u.get("kind", "unknown") != "unknown") for u in items]


def parse(data: bytes, source: str, digest: str) -> ImportResult:
    try:
        doc = json.loads(data.decode("utf-8"))
        plan = doc["plan"]
        meta = PlanMeta(
            title=plan["title"], issuing_body=plan.get("issuing_body", ""),
            doc_number=plan.get("doc_number", ""), issue_date=_date(plan.get("issue_date")),
            kind=plan["kind"], period_start=plan.get("period_start"),
            period_end=plan.get("period_end"), district=plan.get("district", ""),
            repeals=plan.get("repeals", []), public=plan.get("public", False),
            report_due_rule=plan.get("report_due_rule", ""))
        result = ImportResult(source_name=plan.get("source_name") or source,
                              sha256=plan.get("source_sha256") or digest,
                              shape=plan.get("source_shape", "json"), meta=meta)
        for a in doc["annexes"]:
            annex = Annex(a["number"], a["title"], a["theme"], a.get("line") or 0)
            for t in a["tasks"]:
                task = Task(t["number"], t["title"], t.get("line") or 0, t.get("section", ""))
                for m in t["measures"]:
                    d = m["deadline"]
                    task.measures.append(Measure(
                        text=m["text"], line=m.get("line") or 0, end_line=m.get("end_line") or 0,
                        deadline=Deadline(d["raw"], d["kind"], _date(d.get("start")), _date(d.get("end")),
                                          [date.fromisoformat(x) for x in d.get("milestones", [])]),
                        lead_units=_units(m["lead_units"]), co_units=_units(m["co_units"]),
                        lead_officials=list(m["lead_officials"]),
                        lead_label=m.get("lead_label", ""), co_label=m.get("co_label", "")))
                annex.tasks.append(task)
            result.annexes.append(annex)
        for t in doc["targets"]:
            result.targets.append(Target(
                indicator=t["indicator"], indicator_code=t.get("indicator_code", ""),
                comparator=t["comparator"],
                value=Decimal(t["value"]) if t.get("value") is not None else None,
                value_text=t.get("value_text", ""), unit=t.get("unit", ""), period=t["period"],
                raw=t["raw"], line=t.get("line") or 0, area=t.get("area", ""),
                binding=t.get("binding", ""), baseline_year=t.get("baseline_year"),
                baseline_value=Decimal(t["baseline_value"]) if t.get("baseline_value") is not None else None,
                baseline_text=t.get("baseline_text", ""), conditions=t.get("conditions", []),
                soft=t.get("soft", False), annex_number=t.get("annex", "")))
        for r in doc.get("review", []):
            result.review.append(ReviewItem(r["kind"], r["message"], r.get("line") or 0,
                                            r.get("text", ""), tuple(r.get("ref", ["plan"])),
                                            r.get("template", ""), r.get("params", {})))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanImportError(f"not a JSON plan export: {exc}", source=source) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise PlanImportError(f"JSON plan export is missing or has a bad field: {exc}",
                              source=source, field=str(exc)) from exc
    return result
