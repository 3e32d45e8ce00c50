"""The export matches its documented schema's required keys and enums (no jsonschema needed)."""
import json
from pathlib import Path

import pytest

from ecoplan.plans import actions
from ecoplan.plans.export import plan_to_dict

from .conftest import DEMO

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "plan-export.schema.json").read_text())


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
