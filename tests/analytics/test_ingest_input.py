"""Bad air files: refused naming the file (and line), or read with flags — never a traceback, and
a failed ingest leaves nothing in the store."""
import time
from datetime import datetime

import pytest

from ecoplan.analytics.ingest import IngestError
from ecoplan.analytics.store import AirStore

from .test_engine import HEADER

GOOD = [HEADER] + [["S1", f"2024-05-01 {h:02d}:00:00", "5", "30", "0.5", "80", "60", "40"] for h in range(24)]


def text(rows=GOOD, newline="\n") -> str:
    return newline.join(",".join(r) for r in rows) + newline


@pytest.fixture
def store(tmp_path):
    s = AirStore(tmp_path / "air", threads=1)
    yield s
    s.close()


def empty(store) -> bool:
    """Nothing an ingest writes: no hourly file, no flags, no batch, no computed day."""
    tables = {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("flags", "batches", "daily") if store.has(t)}
    return not list((store.folder / "hourly").glob("*")) and not any(tables.values())


def ingest(store, tmp_path, name, data, **kwargs):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return store.ingest(path, compute=True, **kwargs)


def refused(store, tmp_path, name, data) -> str:
    with pytest.raises(IngestError) as info:
        ingest(store, tmp_path, name, data)
    assert str(info.value).startswith(name) and empty(store)
    return str(info.value)


def test_truncated_last_line_is_flagged_not_a_missing_column(store, tmp_path):
    report = ingest(store, tmp_path, "cut.csv", text().rstrip("\n")[:-30])  # "S1,2024-05"
    assert report.hours == 23 and report.flags == {"unreadable time": 1}
    row = store.con.execute("SELECT _row, issue FROM flags").fetchall()
    assert row == [(25, "unreadable time")]  # the line the truncated record is on


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "gbk"])
def test_utf16_and_gbk(store, tmp_path, encoding):
    data = text().replace("S1", "万寿西宫").encode(encoding)
    assert ingest(store, tmp_path, "h.csv", data, check_registry=False).hours == 24


def test_mixed_line_endings(store, tmp_path):
    data = text(GOOD[:10], "\r\n") + text(GOOD[10:], "\r")
    assert ingest(store, tmp_path, "h.csv", data).hours == 24


def test_header_only_and_empty_files_are_refused(store, tmp_path):
    assert "no usable station-hour in 0 row(s)" in refused(store, tmp_path, "header.csv", text(GOOD[:1]))
    assert "empty" in refused(store, tmp_path, "empty.csv", b"")


def test_rows_dated_9999_are_flagged_and_not_computed(store, tmp_path):
    rows = GOOD + [["S1", "9999-12-31 23:00:00", "5", "30", "0.5", "80", "60", "40"]]
    report = ingest(store, tmp_path, "far.csv", text(rows))
    assert report.flags == {"time out of range (1970 … tomorrow)": 1}
    assert report.last == datetime(2024, 5, 1, 23)
    assert store.con.execute("SELECT count(DISTINCT day) FROM daily").fetchone()[0] == 1


def test_only_bad_timestamps_and_empty_stations_refuse_the_file(store, tmp_path):
    rows = [HEADER] + [["", "2024-05-01 00:00:00", "1", "1", "1", "1", "1", "1"],
                       ["S1", "2024-02-30 25:00:00", "1", "1", "1", "1", "1", "1"]]
    message = refused(store, tmp_path, "bad.csv", text(rows))
    assert "no station: 1" in message and "unreadable time: 1" in message


@pytest.mark.parametrize("name, data, words", [
    ("nul.csv", text().replace("S1,2024-05-01 03", "S1\x00,2024-05-01 03"), "bad nul.csv:5: NUL"),
    ("wide.csv", text([HEADER + [f"c{i}" for i in range(10_000)]]), "10,008 columns"),
    ("cell.csv", text(GOOD + [["S1", "2024-05-02 00:00:00", "9" * (1 << 20), "1", "1", "1", "1", "1"]]),
     "cell.csv:26: unreadable CSV (field larger than field limit"),
    ("quote.csv", text(GOOD) + 'S1,"2024-05-02 00:00:00,1,1,1,1,1,1\nS1,2024-05-02 01:00:00\n',
     "quote.csv:26: a quoted cell runs over several lines"),
    ("extra.csv", text(GOOD + [["S1", "2024-05-02 00:00:00", "1", "1", "1", "1", "1", "1", "x"]]),
     "extra.csv:26: 9 cells where the header has 8"),
    ("binary.csv", bytes(range(256)) * 20, "unknown text encoding"),
    ("not.parquet", text().encode(), "not.parquet: cannot read the file"),
    ("plan.docx", text().encode(), "unsupported file type"),
])
def test_unreadable_files_are_refused_naming_the_file_and_line(store, tmp_path, name, data, words):
    message = refused(store, tmp_path, name, data)
    assert words.removeprefix("bad ") in message


def test_xlsx_with_one_cell_at_xfd1048576_is_refused_quickly(store, tmp_path):
    from ..fuzz.corpus import xfd_xlsx, xlsx_bomb

    started = time.monotonic()
    assert "far.xlsx:1: the first line is empty" in refused(store, tmp_path, "far.xlsx", xfd_xlsx())
    assert "zip bomb" in refused(store, tmp_path, "bomb.xlsx", xlsx_bomb(300 << 20))
    assert time.monotonic() - started < 10


def test_a_failure_while_computing_leaves_nothing(store, tmp_path, monkeypatch):
    def broken(days=None, rule_set=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "compute", broken)
    with pytest.raises(RuntimeError):
        ingest(store, tmp_path, "h.csv", text())
    assert empty(store)


def test_a_failure_before_commit_leaves_nothing(store, tmp_path):
    def record(report):
        assert report.hours == 24
        raise RuntimeError("the registry could not record the run")

    with pytest.raises(RuntimeError):
        ingest(store, tmp_path, "h.csv", text(), before_commit=record)
    assert empty(store)
    assert ingest(store, tmp_path, "h.csv", text()).hours == 24  # and the store still works
