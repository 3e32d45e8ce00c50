"""`ecoplan import` with the coordinator's column mapping (--columns, --columns-file) and a forced
shape (--shape)."""
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ecoplan.plans.models import Measure, Plan

from ..conftest import DEMO
from ..importers.test_mapping import CONFIRMED, LEDGER

pytestmark = pytest.mark.django_db

SPEC = ",".join(f"{header}={role}" for header, role in CONFIRMED.items())


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "ledger.txt"
    path.write_bytes(LEDGER)
    return path


def test_unknown_columns_are_refused_with_the_guessed_mapping(ledger, capsys):
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_plan", str(ledger))
    err = capsys.readouterr().err
    assert "ledger.txt:2 [header]: a table with columns 序, 整治事项, 做法" in err
    assert "--columns '序=number,整治事项=attribute,做法=measure,办结日期=deadline" in err
    assert not Plan.objects.exists()


def test_columns_option_imports_the_table(ledger, capsys):
    call_command("import_plan", str(ledger), "--columns", SPEC.replace("lead_unit", "lead"))
    assert "tasks 3, measures 3" in capsys.readouterr().out
    plan = Plan.objects.get()
    assert plan.title == "某县2025年农村人居环境整治工作台账"
    measure = Measure.objects.get(task__annex__plan=plan, text__startswith="完成12个行政村")
    assert measure.task.title == "污水治理" and measure.attributes == {"资金": "省级资金"}


@pytest.mark.parametrize("suffix,content", [
    (".toml", "[columns]\n" + "".join(f'"{h}" = "{r}"\n' for h, r in CONFIRMED.items())),
    (".json", json.dumps(CONFIRMED, ensure_ascii=False)),
])
def test_columns_file(ledger, tmp_path, capsys, suffix, content):
    mapping_file = tmp_path / f"mapping{suffix}"
    mapping_file.write_text(content, encoding="utf-8")
    call_command("import_plan", str(ledger), "--columns-file", str(mapping_file), "--dry-run")
    assert "DRY RUN" in capsys.readouterr().out and not Plan.objects.exists()


def test_bad_mapping_is_refused_before_any_file(ledger, tmp_path, capsys):
    with pytest.raises(CommandError, match="--columns \\[columns\\]: “做法”: a column mapping is HEADER=ROLE"):
        call_command("import_plan", str(ledger), "--columns", "做法")
    with pytest.raises(CommandError, match="missing.toml: cannot read the file"):
        call_command("import_plan", str(ledger), "--columns-file", str(tmp_path / "missing.toml"))
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_plan", str(ledger), "--columns", SPEC + ",备注=attribute")
    assert "ledger.txt:2 [columns]: the mapped columns 备注 are not in the table header" in capsys.readouterr().err
    assert not Plan.objects.exists()


def test_shape_option(capsys):
    call_command("import_plan", str(DEMO), "--shape", "header_table", "--dry-run")
    assert "shape header_table" in " ".join(capsys.readouterr().out.split())  # (rich wraps the line)
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("import_plan", str(DEMO), "--shape", "tables")
