"""Where each idea of the vocabulary is *defined*: a census of a source tree.

A file defines an idea when, outside docstrings and comments, it holds

* a collection literal (set, list, tuple, dict) or a class body with two or more of the idea's
  codes as string constants (``{"long_term", "continuous", …}``, ``class Status(TextChoices):
  DRAFT = "draft" …``, ``{"so2": "so2_24h", …}``), or
* one of the idea's own markers: a month-end function, a 各… literal, a level colour of the AQI
  packs, the series → breakpoint suffix rule, an indicator row (code, Chinese name, unit).

Run as a script to print the census of a tree: ``python tests/vocabulary/census.py SRC_DIR``.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

DEADLINE_KINDS = {"by_date", "year_end", "from_date", "window", "long_term", "continuous", "per_milestone",
                  "recurring", "blank", "unrecognised"}
EMPTY = {"——", "—", "--", "---", "－", "/", "无", "NA", "N/A", "null", "nan"}
POLLUTANTS = {"so2", "no2", "co", "o3", "pm10", "pm25"}
SERIES = {"so2_24h", "no2_24h", "co_24h", "pm10_24h", "pm25_24h", "o3_1h_max", "o3_8h_max", "so2_1h", "no2_1h",
          "co_1h", "o3_1h", "o3_8h", "pm10_24h_moving", "pm25_24h_moving", "pm10_1h", "pm25_1h"}
INDICATORS = {"pm25", "pm25_q1", "tsp", "good_day_ratio", "heavy_days", "heavy_days_q1", "heavy_ratio", "dustfall",
              "voc_reduction", "nox_reduction", "worse_v_water", "water_use_per_gdp", "co2_intensity",
              "section_compliance", "construction_safe_use", "good_water_ratio"}
REVIEW = {"units_ambiguous", "unit_unknown", "lead_missing", "units_missing", "deadline_blank", "deadline_inherited",
          "deadline_unrecognised", "deadline_milestones", "deadline_conflict", "deadline_implicit", "task_label",
          "task_unclear", "column_shift", "text_missing", "source_defect", "meta_missing", "target_municipal",
          "target_conflict", "line_unread"}
UNIT_KINDS = {"national", "provincial", "department", "city_branch", "sub_area", "group", "company", "committee"}
REPORT_STATES = {"draft", "submitted", "returned", "accepted"}
ENTRY_STATES = {"not_started", "in_progress", "done", "blocked", "not_due"}
DUE_STATES = {"on_track", "due_soon", "overdue", "done_late", "done", "reported", "not_reported", "blocked",
              "not_started"}
LEVEL_COLOURS = re.compile(r"#(?:00E400|FFFF00|FF7E00|FF0000|99004C|7E0023)", re.I)

CONCEPTS = {  # idea → the code sets whose collections define it
    "deadline kinds and month end": [],  # below: three or more kinds in one collection
    "empty-cell markers": [EMPTY],
    "pollutants and series": [POLLUTANTS, SERIES],
    "indicator catalogue": [],  # below: a set of codes, or a row with a Chinese name and a unit
    "各… sub-area groups": [],
    "review kinds": [REVIEW],
    "unit kinds": [UNIT_KINDS],
    "report, entry and due states": [REPORT_STATES, ENTRY_STATES, DUE_STATES - ENTRY_STATES - {"done"}],
    "AQI level colours": [],
}
_GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "pgettext"}
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_UNITS = {"%", "µg/m³", "天", "吨", "个", "亩", "辆", "家", "吨/平方公里·月", ""}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _strings(node: ast.AST, depth: int = 2) -> set[str]:
    """String constants directly in a collection (and in tuples/calls one level down: choice rows)."""
    items: list[ast.AST] = []
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        items = list(node.elts)
    elif isinstance(node, ast.Dict):
        items = [k for k in node.keys if k is not None] + list(node.values)
    elif isinstance(node, ast.ClassDef):
        items = [s.value for s in node.body if isinstance(s, ast.Assign)]
    found = set()
    for item in items:
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            found.add(item.value)
        elif depth > 1 and isinstance(item, (ast.Tuple, ast.List, ast.Set)):
            found |= {e.value for e in item.elts[:1] if isinstance(e, ast.Constant) and isinstance(e.value, str)}
        elif depth > 1 and isinstance(item, ast.Call):  # a row: Term("draft", …)
            found |= {e.value for e in item.args[:1] if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return found


def _python(path: Path, text: str) -> set[str]:
    tree = ast.parse(text)
    docs = _docstrings(tree)
    for node in ast.walk(tree):  # messages (the arguments of gettext calls) describe, they do not define
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in _GETTEXT:
            docs |= {id(a) for a in node.args}
    hits: set[str] = set()
    for node in ast.walk(tree):
        strings = _strings(node)
        if len(strings & DEADLINE_KINDS) >= 3:
            hits.add("deadline kinds and month end")
        if isinstance(node, ast.Set) and len(strings & INDICATORS) >= 2:
            hits.add("indicator catalogue")
        for concept, code_sets in CONCEPTS.items():
            if any(len(strings & codes) >= 2 for codes in code_sets):
                hits.add(concept)
        if isinstance(node, ast.FunctionDef) and "month_end" in node.name:
            hits.add("deadline kinds and month end")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            if "各" in node.value and "各项" not in node.value:
                hits.add("各… sub-area groups")
            if LEVEL_COLOURS.search(node.value):
                hits.add("AQI level colours")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "removesuffix" \
                and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == "_moving":
            hits.add("pollutants and series")
        if isinstance(node, ast.Tuple) and len(node.elts) >= 3 and all(isinstance(e, ast.Constant) for e in node.elts[:1]):
            values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if values and values[0] in INDICATORS and any(_CHINESE.search(v) for v in values[1:]) \
                    and any(v in _UNITS for v in values[1:]):
                hits.add("indicator catalogue")
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Indicator":
            hits.add("indicator catalogue")
    return hits


def census(src: Path) -> dict[str, list[str]]:
    """idea → the files (relative to ``src``) that define it."""
    places: dict[str, list[str]] = {concept: [] for concept in CONCEPTS}
    for path in sorted(src.rglob("*")):
        if "migrations" in path.parts or "locale" in path.parts or path.suffix not in (".py", ".html", ".toml"):
            continue
        text = path.read_text("utf-8")
        name = str(path.relative_to(src))
        if path.suffix == ".toml":
            if LEVEL_COLOURS.search(text) and name.startswith("standards/packs/"):
                name, hits = "standards/packs/*.toml", {"AQI level colours"}  # one file per edition
            else:
                continue
        elif path.suffix == ".py":
            hits = _python(path, text)
        else:
            hits = {"AQI level colours"} if LEVEL_COLOURS.search(text) else set()
            if re.search(r"\{%\s*(?:if|elif)[^%]*==\s*['\"](?:draft|submitted|returned|accepted)['\"]", text) and \
                    re.search(r"\{%\s*(?:if|elif)[^%]*['\"](?:draft|submitted|returned|accepted)['\"][^%]*%\}.*?"
                              r"\{%\s*(?:if|elif)[^%]*['\"](?:draft|submitted|returned|accepted)['\"]", text, re.S):
                hits.add("report, entry and due states")
        for concept in hits:
            if name not in places[concept]:
                places[concept].append(name)
    return places


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "src/ecoplan")
    for concept, files in census(root).items():
        print(f"{len(files):3d}  {concept}: {', '.join(files)}")
