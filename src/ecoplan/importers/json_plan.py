"""Importing a plan exported as JSON (`ecoplan export PLAN --format json`): the same plan back.

The exported file carries the original document's SHA-256, so importing the export of a plan
that is already registered is detected as a re-import.  The file is validated against the export
schema shipped with the package (``data/plan-export.schema.json``, documented in
docs/plan-export.md) before anything is read from it: a bad field is refused with its path.
"""
from __future__ import annotations

import json
import string
from datetime import date
from decimal import Decimal
from functools import lru_cache, partial
from importlib import resources
from typing import Any

from . import limits
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


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _units(items: list[dict[str, str]]) -> list[UnitRef]:
    return [UnitRef(u.get("printed") or u["name"], u["name"], u.get("kind", "unknown"),
                    u.get("kind", "unknown") != "unknown") for u in items]


SCHEMA = "plan-export.schema.json"


def schema() -> dict[str, Any]:
    """The export schema, as shipped in the package."""
    return json.loads((resources.files(__package__) / "data" / SCHEMA).read_text("utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def load(data: bytes, source: str) -> dict[str, Any]:
    """The export as a dict, valid against the schema; else ``PlanImportError`` with the field."""
    from jsonschema.exceptions import best_match

    limits.check_size(len(data), partial(PlanImportError, source=source), limits.MAX_JSON_BYTES)
    try:
        doc = json.loads(data.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        raise PlanImportError(f"not a JSON plan export: not UTF-8 ({exc.reason} at byte {exc.start})",
                              source=source) from exc
    except json.JSONDecodeError as exc:
        raise PlanImportError(f"not a JSON plan export: {exc.msg} (column {exc.colno})", source=source,
                              line=exc.lineno) from exc
    except (RecursionError, ValueError) as exc:
        raise PlanImportError(f"not a JSON plan export: {str(exc)[:200] or 'nested too deeply'}",
                              source=source) from exc
    try:
        error = best_match(_validator().iter_errors(doc))
    except RecursionError as exc:
        raise PlanImportError("not a JSON plan export: nested too deeply", source=source) from exc
    if error is not None:
        field = "/".join(str(p) for p in error.absolute_path) or "$"
        raise PlanImportError(f"does not match the plan export schema: {error.message[:300]}",
                              source=source, field=field)
    _check_references(doc, source)
    return doc  # type: ignore[no-any-return]


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


def _check_references(doc: dict[str, Any], source: str) -> None:
    """What the schema cannot say: review items point at a measure or target that exists, and
    their message templates name only their own parameters."""
    for index, item in enumerate(doc["review"]):
        field = f"review/{index}"
        ref = item.get("ref", ["plan"])
        try:
            if ref[0] == "measure":
                doc["annexes"][ref[1]]["tasks"][ref[2]]["measures"][ref[3]]
            elif ref[0] == "target":
                doc["targets"][ref[1]]
            elif len(ref) != 1:
                raise IndexError
        except IndexError:
            raise PlanImportError(f"review item points at {ref}, which is not in the file", source=source,
                                  field=field + "/ref") from None
        params = item.get("params", {})
        try:
            names = [name for _text, name, _spec, _conv in string.Formatter().parse(item.get("template", ""))
                     if name is not None]
        except ValueError as exc:
            raise PlanImportError(f"bad message template ({exc})", source=source, field=field + "/template") from None
        if any(not name.isidentifier() or name not in params for name in names):
            raise PlanImportError("the message template names a parameter the item does not have",
                                  source=source, field=field + "/template")


def parse(data: bytes, source: str, digest: str) -> ImportResult:
    doc = load(data, source)
    try:
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
                        lead_label=m.get("lead_label", ""), co_label=m.get("co_label", ""),
                        attributes=dict(m.get("attributes", {}))))
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
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:  # the schema should leave none
        raise PlanImportError(f"JSON plan export is missing or has a bad field: {exc}",
                              source=source, field=str(exc)) from exc
    return result
