"""`ecoplan air ingest FILE…` and ``do_ingest_air``: each file all or nothing, a bad file does
not stop the good ones, and the command says which failed."""
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ecoplan.monitoring import actions
from ecoplan.monitoring.models import IngestRun
from ecoplan.monitoring.store import open_store

pytestmark = pytest.mark.django_db
HEADER = "station,time,so2,no2,co,o3,pm10,pm25\n"


def hours(day: str) -> str:
    return HEADER + "".join(f"S1,{day} {h:02d}:00:00,5,30,0.5,80,60,40\n" for h in range(24))


def store_counts() -> dict:
    with open_store() as store:
        return {"files": len(list((store.folder / "hourly").glob("*"))),
                **{t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                   for t in ("flags", "batches", "daily") if store.has(t)}}


def test_one_bad_file_among_several(settings, tmp_path, capsys):
    settings.DATA_DIR = tmp_path
    files = [tmp_path / "a.csv", tmp_path / "bad.csv", tmp_path / "c.csv", tmp_path / "missing.csv"]
    files[0].write_text(hours("2024-05-01"))
    files[1].write_text(HEADER)  # a header and nothing else
    files[2].write_text(hours("2024-05-02"))
    with pytest.raises(CommandError, match="2 of 4 file"):
        call_command("air", "ingest", *map(str, files))
    out, err = capsys.readouterr()
    assert "a.csv: 24 rows" in out and "c.csv: 24 rows" in out
    assert "bad.csv: no usable station-hour" in err and "missing.csv: no such file" in err
    assert sorted(IngestRun.objects.values_list("file", flat=True)) == ["a.csv", "c.csv"]
    assert store_counts() == {"files": 2, "flags": 0, "batches": 2, "daily": 2}


def test_nothing_is_kept_when_recording_the_run_fails(settings, tmp_path, monkeypatch):
    settings.DATA_DIR = tmp_path
    path = tmp_path / "a.csv"
    path.write_text(hours("2024-05-01"))

    def refuse(**kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(IngestRun.objects, "create", refuse)
    with pytest.raises(RuntimeError):
        actions.do_ingest_air(path)
    assert store_counts() == {"files": 0, "flags": 0, "batches": 0}  # the daily table's creation undone too
    monkeypatch.undo()
    run = actions.do_ingest_air(path)
    assert run.hours == 24 and store_counts()["batches"] == 1


@pytest.mark.parametrize("content, words", [
    ("code,name,area,district,longitude\nS1,站一,,乙区,east\n", "stations.csv:2 [longitude]: “east” is not a number"),
    ("code,name,area,district\nS1\n", "stations.csv:2: code and district are required"),
    ("code,name,area,district\nS1,站一,,乙区\n".encode("gbk"), "stations.csv: not UTF-8 text"),
])
def test_bad_station_registry_names_the_row(settings, tmp_path, content, words):
    from ecoplan.monitoring.models import Station

    settings.DATA_DIR = tmp_path
    path = tmp_path / "stations.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CommandError, match=words.replace("[", r"\[").replace("]", r"\]")):
        call_command("air", "stations", str(path))
    assert not Station.objects.exists()
