import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ..conftest import DEMO

pytestmark = pytest.mark.django_db


def test_import_list_export(tmp_path, capsys):
    call_command("import_plan", str(DEMO))
    out = capsys.readouterr().out
    assert "measures 14" in out
    call_command("list_plans", "--json")
    plans = json.loads(capsys.readouterr().out)
    assert plans[0]["district"] == "演示区" and plans[0]["period"] == "2026"
    target = tmp_path / "plan.json"
    call_command("export_plan", str(plans[0]["id"]), "--format", "json", "-o", str(target))
    doc = json.loads(target.read_text("utf-8"))
    assert doc["annexes"][0]["tasks"][0]["measures"][0]["deadline"]["kind"] == "year_end"
    xlsx = tmp_path / "plan.xlsx"
    call_command("export_plan", str(plans[0]["id"]), "--format", "xlsx", "-o", str(xlsx))
    assert xlsx.read_bytes()[:2] == b"PK"


def test_bad_file_fails_with_its_name(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with pytest.raises(CommandError):
        call_command("import_plan", str(bad))


def test_dry_run(capsys):
    call_command("import_plan", str(DEMO), "--dry-run")
    assert "DRY RUN" in capsys.readouterr().out
    from ecoplan.plans.models import Plan
    assert not Plan.objects.exists()


def test_console_script_migrates_a_fresh_database(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, ECOPLAN_DATA_DIR=str(tmp_path / "fresh"))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)  # the default: SQLite in the data folder
    run = subprocess.run([sys.executable, "-m", "ecoplan.cli", "plans", "--json"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == []
    assert (tmp_path / "fresh" / "ecoplan.sqlite3").exists()


def test_one_bad_file_among_several(tmp_path, capsys):
    from ..fuzz.corpus import docx_bomb

    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(docx_bomb(300 << 20))
    export = tmp_path / "bad.json"
    export.write_text('{"schema": 1, "plan": {"period_start": 99999999999}}')
    with pytest.raises(CommandError, match="3 of 4 file"):
        call_command("import_plan", str(bomb), str(DEMO), str(export), str(tmp_path / "missing.txt"))
    out, err = capsys.readouterr()
    assert "measures 14" in out
    assert "bomb.docx: not a readable .docx file: it inflates to 301 MB" in err
    assert "bad.json [$]: does not match the plan export schema: 'annexes' is a required property" in err
    assert "missing.txt: cannot read the file" in err
    from ecoplan.plans.models import Plan
    assert Plan.objects.count() == 1
