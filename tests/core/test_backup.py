"""`ecoplan backup` and `ecoplan restore`: a backup restored into an empty data folder holds
everything — plans, reports, evidence file contents, air figures, the audit trail — and a bad
archive or a full folder changes nothing."""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tarfile
from datetime import date
from pathlib import Path

import duckdb
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from ecoplan.core import backup
from ecoplan.plans import actions as plan_actions
from ecoplan.supervision import actions
from ecoplan.supervision.models import Evidence, Profile, Role

from ..conftest import DEMO

EVIDENCE = b"%PDF-1.4 sampling report: 12 groups, all within limits"


def air_tables(folder: Path) -> dict:
    con = duckdb.connect(str(folder / "air.duckdb"), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {name: con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall() for name in names}
    finally:
        con.close()


def ecoplan(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ECOPLAN_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "ecoplan.cli", *args], env=env, capture_output=True,
                          text=True, timeout=300)


def fill(data: Path):
    """A plan, a submitted report with one evidence file, one station's day of air data."""
    from django.contrib.auth.models import User

    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    cycle = actions.do_open_cycle(plan, date(2026, 5, 1))
    reporter = User.objects.create_user("rep_a", password="pw-123456")
    report = cycle.reports.get(organisation__name="区市场监管局")
    Profile.objects.create(user=reporter, role=Role.REPORTER, organisation=report.organisation)
    entry = report.entries.first()
    actions.do_add_evidence(entry, reporter, SimpleUploadedFile("抽检报告.pdf", EVIDENCE))
    actions.do_save_report(report, reporter, report.version, {entry.measure_id: {"status": "done",
                                                                                  "narrative": "已完成抽检"}})
    report.refresh_from_db()
    actions.do_submit_report(report, reporter, report.version)
    registry = data.parent / "stations.csv"
    registry.write_text("code,name,area,district\nS1,站一,甲街道,乙区\n", "utf-8")
    call_command("air", "stations", str(registry))
    hours = data.parent / "hours.csv"
    with hours.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["station", "time", "so2", "no2", "co", "o3", "pm10", "pm25"])
        for h in range(24):
            writer.writerow(["S1", f"2024-05-01 {h:02d}:00:00", 5, 30, 0.5, 80, 60, 40 + h])
    call_command("air", "ingest", str(hours))
    return plan, report


@pytest.fixture
def data(settings, tmp_path):
    folder = tmp_path / "data"
    settings.DATA_DIR, settings.MEDIA_ROOT = folder, folder / "media"
    return folder


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_data_dir_finds_everything(data, tmp_path):
    plan, report = fill(data)
    evidence = Evidence.objects.get()
    figures = air_tables(data / "air")
    assert any(rows for rows in figures.values())
    archive = tmp_path / "ecoplan.tar.gz"
    call_command("backup", "-o", str(archive))
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["format"] == "ecoplan-backup" and manifest["created_at"]
    assert manifest["counts"]["plans.Plan"] == 1 and manifest["counts"]["supervision.Evidence"] == 1
    assert manifest["counts"]["air hourly rows"] == 24 and manifest["counts"]["evidence files"] == 1
    assert all(len(f["sha256"]) == 64 for f in manifest["files"])

    fresh = tmp_path / "fresh"
    restored = ecoplan(fresh, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert (fresh / "media" / evidence.file.name).read_bytes() == EVIDENCE
    assert air_tables(fresh / "air") == figures
    probe = ("REPORT = " + str(report.pk) + "; import json; from ecoplan.plans.models import Plan; from ecoplan.supervision.models import Report, "
             "Evidence; from auditlog.models import LogEntry; r = Report.objects.get(pk=REPORT); "
             "e = r.entries.get(narrative='已完成抽检'); "
             "print(json.dumps([list(Plan.objects.values_list('title', flat=True)), r.status, r.versions.count(), "
             "Evidence.objects.get().file.read().decode(), "
             "LogEntry.objects.filter(additional_data__event='report_submitted').count(), e.status]))")
    shell = ecoplan(fresh, "shell", "-c", probe)
    assert shell.returncode == 0, shell.stderr
    titles, status, versions, content, submitted, entry_status = json.loads(shell.stdout.strip().splitlines()[-1])
    assert titles == [plan.title] and (status, versions, entry_status) == ("submitted", 1, "done")
    assert content == EVIDENCE.decode() and submitted == 1

    # a second restore over data: refused without --force, then replaced with it
    again = ecoplan(fresh, "restore", str(archive))
    assert again.returncode != 0 and "--force" in again.stderr and "Traceback" not in again.stderr
    assert ecoplan(fresh, "restore", str(archive), "--force").returncode == 0
    assert (fresh / "media" / evidence.file.name).read_bytes() == EVIDENCE


def _rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of ``archive`` with ``change(name, bytes) -> bytes | None`` applied to each member."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            body = change(member.name, source.extractfile(member).read())
            if body is None:
                continue
            member.size = len(body)
            out.addfile(member, io.BytesIO(body))
    return target


@pytest.mark.django_db(transaction=True)
def test_bad_archives_and_full_folders_change_nothing(data, tmp_path):
    (data / "media").mkdir(parents=True)
    call_command("backup", "-o", str(tmp_path / "good.tar.gz"))
    with pytest.raises(CommandError, match="good.tar.gz (already exists|已存在)"):
        call_command("backup", "-o", str(tmp_path / "good.tar.gz"))
    good = tmp_path / "good.tar.gz"
    empty = tmp_path / "empty"
    damaged = _rewrite(good, tmp_path / "damaged.tar.gz",
                       lambda name, body: body[:-1] + bytes([body[-1] ^ 1]) if name == "database.sqlite3" else body)
    missing = _rewrite(good, tmp_path / "missing.tar.gz", lambda name, body: None if name == "database.sqlite3" else body)
    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        body = json.dumps({"format": "something-else"}).encode()
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
    (tmp_path / "text.tar.gz").write_text("not an archive")
    # the messages are in the default language (zh-hans) or English
    cases = [(damaged, "database.sqlite3 (does not match its checksum|与校验和不符)"),
             (missing, "(missing|缺失)"), (foreign, "(not an ecoplan backup|不是 ecoplan 备份)"),
             (tmp_path / "text.tar.gz", "text.tar.gz：?:? ?(not a readable|不是可读的)"),
             (tmp_path / "nowhere.tar.gz", "(no such file|文件不存在)")]
    for archive, message in cases:
        result = ecoplan(empty, "restore", str(archive))
        assert result.returncode != 0 and re.search(message, result.stderr), (archive.name, result.stderr)
        assert "Traceback" not in result.stderr
        assert [p.name for p in empty.iterdir()] == [], archive.name  # nothing written, no staging left
    (empty / "keep.txt").write_text("mine")
    result = ecoplan(empty, "restore", str(good))
    assert result.returncode != 0 and re.search("(not empty|不为空)", result.stderr)
    assert (empty / "keep.txt").read_text() == "mine"


def test_postgresql_is_refused_plainly(monkeypatch, tmp_path):
    from django.conf import settings

    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.postgresql")
    with pytest.raises(backup.BackupError, match="pg_dump"):
        backup.create_backup(tmp_path / "b.tar.gz")
    assert list(tmp_path.iterdir()) == []
