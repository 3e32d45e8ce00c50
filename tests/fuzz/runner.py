"""Run each corpus input in its own process, bounded in time and memory, and classify it.

Each input runs in a child forked from a warmed-up parent (imports done once), under
``RLIMIT_AS`` = the parent's address space + ``memory`` bytes and a wall-clock ``timeout``.
Classes:

- ``refused``: our ``PlanImportError`` / ``IngestError``, with a message naming the file;
- ``refused-unnamed``: one of ours, but the message does not name the file;
- ``accepted``: parsed (plans) or ingested (air);
- ``traceback``: any other exception — ``cause`` is its type and where it was raised;
- ``hang``: still running after ``timeout`` seconds (killed);
- ``memory``: ``MemoryError``, or the child grew by more than ``memory`` bytes, or it died;
- ``leftover`` (air): a refused or failed ingest that left hourly files or rows in the store.
"""
from __future__ import annotations

import json
import os
import resource
import select
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from .corpus import Case

CLASSES = ["refused", "refused-unnamed", "accepted", "traceback", "hang", "memory", "leftover", "build-error"]
AIR_STATIONS = ["S1", "S2", "1001A", "Aotizhongxin", "Changping"]


def warm_up() -> None:
    """Import what the inputs need once, in the parent, so each child starts at once."""
    import docx  # noqa: F401
    import duckdb  # noqa: F401
    import openpyxl  # noqa: F401
    import pdfplumber  # noqa: F401

    from ecoplan.analytics import store  # noqa: F401
    from ecoplan.importers import import_bytes, json_plan, pdf_text, text  # noqa: F401

    from .corpus import DEMO

    import_bytes(DEMO.read_bytes(), DEMO.name)


def _cause(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/ecoplan/" in f.filename]
    where = ""
    if ours:
        f = ours[-1]
        where = f"{Path(f.filename).parent.name}/{Path(f.filename).name}:{f.lineno} {f.name}"
    if frames and frames[-1] not in ours:
        f = frames[-1]
        where += f" → {Path(f.filename).name}:{f.lineno} {f.name}"
    return f"{type(exc).__name__} @ {where.strip()}"


def _store_contents(folder: Path) -> dict:
    """What an ingest left in the air store: hourly files and rows of its tables."""
    import duckdb

    left = {"hourly_files": len(list((folder / "hourly").glob("*.parquet")))}
    con = duckdb.connect(str(folder / "air.duckdb"))
    try:
        for table in ("flags", "batches", "daily", "area_daily", "stats"):
            exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                                 [table]).fetchone()[0]
            if exists:
                left[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()
    return {k: v for k, v in left.items() if v}


def _ingest(store, path: Path, mapping: str):
    """Ingest and recompute the days touched, as ``ecoplan air ingest`` does."""
    from ecoplan.analytics import ingest

    if "compute" in ingest.ingest_file.__code__.co_varnames:  # all-or-nothing ingest + compute
        return store.ingest(path, mapping, compute=True)
    report = store.ingest(path, mapping)
    store.compute(report.days)
    return report


def _child(case: Case, data: bytes, workdir: Path) -> dict:
    name = case.name.rsplit("/", 1)[-1]
    if case.kind == "plan":
        from ecoplan.importers import import_bytes
        from ecoplan.importers.model import PlanImportError

        try:
            result = import_bytes(data, name)
        except PlanImportError as exc:
            return {"class": "refused" if name in str(exc) else "refused-unnamed", "message": str(exc)[:300]}
        return {"class": "accepted", "message": f"{result.shape} {result.counts()}"}

    from ecoplan.analytics.ingest import IngestError
    from ecoplan.analytics.store import AirStore

    path = workdir / "input" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    folder = workdir / "store"
    store = AirStore(folder, threads=1)
    store.con.execute("SET memory_limit = '512MB'")
    store.set_membership([(s, "A", None, None) for s in AIR_STATIONS])
    try:
        report = _ingest(store, path, case.mapping)
    except IngestError as exc:
        outcome = {"class": "refused" if name in str(exc) else "refused-unnamed", "message": str(exc)[:300]}
    except MemoryError:
        return {"class": "memory", "message": "MemoryError"}
    except Exception as exc:
        outcome = {"class": "traceback", "cause": _cause(exc), "message": str(exc)[:300]}
    else:
        return {"class": "accepted", "message": f"{report.hours} station-hours, flags {report.flags}"}
    finally:
        store.close()
    left = _store_contents(folder)
    if left:
        outcome["leftover"] = left
    return outcome


def _vsz() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _rss_kb() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


class Running:
    def __init__(self, case: Case, pid: int, fd: int, workdir: Path):
        self.case, self.pid, self.fd, self.workdir = case, pid, fd, workdir
        self.started: float | None = None  # set when the child has built its input
        self.buffer = b""


def _start(case: Case, memory: int) -> Running:
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-"))
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read)
        code = 0
        try:
            data = case.build()
            os.write(write, b"S\n")
            hard = resource.getrlimit(resource.RLIMIT_AS)[1]
            limit = _vsz() + memory
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
            try:
                outcome = _child(case, data, workdir)
            except MemoryError:
                outcome = {"class": "memory", "message": "MemoryError"}
            except RecursionError as exc:
                outcome = {"class": "traceback", "cause": _cause(exc), "message": "RecursionError"}
            except BaseException as exc:  # noqa: BLE001 - everything else is a finding
                outcome = {"class": "traceback", "cause": _cause(exc), "message": str(exc)[:300]}
            del data
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
            os.write(write, json.dumps(outcome, default=str).encode() + b"\n")
        except BaseException:  # noqa: BLE001
            traceback.print_exc()
            code = 3
        finally:
            os._exit(code)
    os.close(write)
    return Running(case, pid, read, workdir)


def _finish(run: Running, base_rss_kb: int, memory: int, hung: bool) -> dict:
    if hung:
        os.kill(run.pid, signal.SIGKILL)
    _, status, usage = os.wait4(run.pid, 0)
    os.close(run.fd)
    import shutil

    shutil.rmtree(run.workdir, ignore_errors=True)
    lines = run.buffer.split(b"\n")
    outcome: dict = {}
    if len(lines) > 1 and lines[1].strip():
        outcome = json.loads(lines[1])
    grown = max(0, usage.ru_maxrss - base_rss_kb) * 1024
    if hung:
        outcome = {"class": "hang", "message": f"killed after the time limit ({outcome.get('message', '')})"}
    elif run.started is None:
        outcome = {"class": "build-error", "message": "the input could not be built (a corpus bug)"}
    elif not outcome:
        died = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}"
        outcome = {"class": "memory", "message": f"child died ({died})"}
    if outcome["class"] in ("refused", "refused-unnamed", "accepted") and grown > memory:
        outcome = {**outcome, "class": "memory", "message": f"grew {grown >> 20} MiB: " + outcome["message"]}
    if outcome["class"] in ("refused", "refused-unnamed", "traceback") and outcome.get("leftover"):
        outcome["refusal"] = outcome["class"]
        outcome["class"] = "leftover"
    return {"name": run.case.name, "kind": run.case.kind, "origin": run.case.origin,
            "seconds": round(time.monotonic() - (run.started or time.monotonic()), 2),
            "grown_mib": grown >> 20, **outcome}


def run(cases, jobs: int = 2, timeout: float = 20, memory: int = 1 << 30, progress=None) -> list[dict]:
    """Run every case, ``jobs`` at a time; returns one record per case, in corpus order."""
    warm_up()
    base_rss = _rss_kb()
    pending = list(cases)
    order = {c.name: i for i, c in enumerate(pending)}
    pending.reverse()
    active: list[Running] = []
    results = []
    while pending or active:
        while pending and len(active) < jobs:
            active.append(_start(pending.pop(), memory))
        now = time.monotonic()
        waits = [r.started + timeout - now for r in active if r.started is not None]
        ready, _, _ = select.select([r.fd for r in active], [], [], max(0.05, min(waits, default=5)))
        for r in list(active):
            done = False
            if r.fd in ready:
                chunk = os.read(r.fd, 65536)
                r.buffer += chunk
                if r.started is None and r.buffer.startswith(b"S\n"):
                    r.started = time.monotonic()
                done = not chunk or r.buffer.count(b"\n") >= 2
            hung = r.started is not None and time.monotonic() - r.started > timeout
            if done or hung:
                active.remove(r)
                record = _finish(r, base_rss, memory, hung and not done)
                results.append(record)
                if progress:
                    progress(record, len(results))
    results.sort(key=lambda r: order[r["name"]])
    return results


def summary(results: list[dict]) -> dict:
    out: dict = {}
    for kind in ("plan", "air"):
        rows = [r for r in results if r["kind"] == kind]
        out[kind] = {"total": len(rows), "classes": dict(Counter(r["class"] for r in rows)),
                     "causes": dict(Counter(r["cause"] for r in rows if r["class"] == "traceback"
                                            or r.get("refusal") == "traceback" and r.get("cause")).most_common()),
                     "hangs": [r["name"] for r in rows if r["class"] == "hang"],
                     "memory": [r["name"] for r in rows if r["class"] == "memory"],
                     "leftover": [r["name"] for r in rows if r["class"] == "leftover"],
                     "unnamed": [r["name"] for r in rows if r["class"] == "refused-unnamed"]}
    return out


def markdown(summ: dict, title: str) -> str:
    lines = [f"## {title}", ""]
    for kind, data in summ.items():
        lines.append(f"### {kind} inputs: {data['total']}")
        lines.append("")
        lines.append("| class | count |")
        lines.append("|---|---|")
        for cls in CLASSES:
            if data["classes"].get(cls):
                lines.append(f"| {cls} | {data['classes'][cls]} |")
        if data["causes"]:
            lines += ["", f"Traceback causes ({len(data['causes'])}):", "", "| count | cause |", "|---|---|"]
            lines += [f"| {n} | `{c}` |" for c, n in data["causes"].items()]
        for key in ("hangs", "memory", "leftover", "unnamed"):
            if data[key]:
                lines += ["", f"{key}: " + ", ".join(f"`{n}`" for n in data[key][:40])]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from .corpus import cases

    parser = argparse.ArgumentParser(description="Run the fuzz corpus (make fuzz).")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--plans", type=int, default=2000, help="generated plan inputs (+ crafted ones)")
    parser.add_argument("--air", type=int, default=120, help="generated air inputs (+ crafted ones)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--memory", type=int, default=1024, help="MiB a child may grow by")
    parser.add_argument("--only", help="run the cases whose name contains this")
    parser.add_argument("--title", default="fuzz run")
    parser.add_argument("-o", "--output", help="write the records (JSON) and the tables (.md) here")
    args = parser.parse_args(argv)
    corpus = [c for c in cases(args.seed, args.plans, args.air) if not args.only or args.only in c.name]

    def progress(record, done):
        if record["class"] not in ("refused", "accepted"):
            print(f"[{done}/{len(corpus)}] {record['class']}: {record['name']} "
                  f"{record.get('cause', record.get('message', ''))[:160]}", file=sys.stderr, flush=True)
        elif done % 100 == 0:
            print(f"[{done}/{len(corpus)}]", file=sys.stderr, flush=True)

    started = time.monotonic()
    results = run(corpus, args.jobs, args.timeout, args.memory << 20, progress)
    summ = summary(results)
    text = markdown(summ, f"{args.title} (seed {args.seed}, {len(results)} inputs, "
                          f"{time.monotonic() - started:.0f} s)")
    print(text)
    if args.output:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.with_suffix(".json").write_text(json.dumps({"summary": summ, "records": results}, ensure_ascii=False,
                                                       indent=1, default=str))
        out.with_suffix(".md").write_text(text + "\n")
    bad = sum(summ[k]["classes"].get(c, 0) for k in summ for c in ("traceback", "hang", "memory", "leftover",
                                                                      "refused-unnamed", "build-error"))
    return 1 if bad else 0
