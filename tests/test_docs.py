"""The export matches its documented schema (the one the importer validates against)."""
import re
from pathlib import Path

import pytest

from ecoplan.importers import json_plan
from ecoplan.plans import actions
from ecoplan.plans.export import plan_to_dict

from .conftest import DEMO

ROOT = Path(__file__).parents[1]
SCHEMA = json_plan.schema()


def _check(value, schema, path="$"):
    if "enum" in schema:
        assert value in schema["enum"], f"{path}: {value!r} not in {schema['enum']}"
    if "const" in schema:
        assert value == schema["const"], path
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{path}: missing {key}"
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                _check(value[key], sub, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _check(item, schema["items"], f"{path}[{i}]")


@pytest.mark.django_db
def test_export_follows_schema():
    plan = actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    _check(plan_to_dict(plan), SCHEMA)
    errors = list(json_plan._validator().iter_errors(plan_to_dict(plan)))
    assert errors == []


def test_docs_point_at_the_schema_the_importer_reads():
    """One schema: docs/ links to the copy shipped in the package, and there is no other copy."""
    linked = re.findall(r"\]\(([^)]*plan-export\.schema\.json)\)", (ROOT / "docs" / "plan-export.md").read_text("utf-8"))
    assert linked and all((ROOT / "docs" / link).resolve() == (ROOT / "src" / "ecoplan" / "importers" / "data"
                                                                / json_plan.SCHEMA) for link in linked)
    copies = [*(ROOT / "src").rglob(json_plan.SCHEMA), *(ROOT / "docs").rglob(json_plan.SCHEMA)]
    assert len(copies) == 1


def test_every_command_is_documented():
    """Each `ecoplan` command of the project has its page (README or docs/)."""
    import pathlib

    root = pathlib.Path(__file__).parents[1]
    text = (root / "README.md").read_text("utf-8") + "".join(
        p.read_text("utf-8") for p in (root / "docs").glob("*.md"))
    aliases = {"import_plan": "import", "list_plans": "plans", "export_plan": "export"}
    commands = [p.stem for p in (root / "src" / "ecoplan").glob("*/management/commands/*.py")
                if not p.stem.startswith("_")]
    assert commands
    missing = [c for c in commands if f"ecoplan {aliases.get(c, c)}" not in text]
    assert missing == [], missing
