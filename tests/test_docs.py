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
