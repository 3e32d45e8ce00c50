"""Plan import: each seed, and generated task tables of growing size, parsed and written.

Two phases, timed apart: *parse* (the pure importer, bytes → ImportResult) and *import* (parse
and write the plan into a fresh SQLite database in one transaction, as the upload page does).
Each figure is the median of 3 runs in one child process; the growth figure is the time per
measure of the largest table over that of the smallest (≈ 1 when the import is linear).
Goal: each seed imports in under 2 s on this machine.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SIZES = (1250, 2500, 5000)
GOAL_S = 2.0

_CHILD = r"""
import json, os, statistics, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecoplan.settings")
import django
django.setup()
from ecoplan.cli import ensure_database
ensure_database()
from ecoplan.importers import import_bytes
from ecoplan.plans.actions import import_document
from ecoplan.plans.models import Plan

def median(fn, after=lambda: None, runs=3):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        after()
    return statistics.median(times), [round(t, 3) for t in times]

out = {}
for name, path in json.loads(sys.argv[1]):
    data = open(path, "rb").read()
    result = import_bytes(data, name)
    parse_s, parse_runs = median(lambda: import_bytes(data, name))
    # deleted after each run (untimed): the next run imports the same document again
    import_s, import_runs = median(lambda: import_document(data, name), lambda: Plan.objects.all().delete())
    out[name] = {"measures": result.counts()["measures"], "targets": result.counts()["targets"],
                 "parse_s": round(parse_s, 3), "import_s": round(import_s, 3),
                 "parse_runs": parse_runs, "import_runs": import_runs}
print(json.dumps(out))
"""


def generated_table(measures: int) -> str:
    """A task table of ``measures`` rows: 10 measures per task, four units, dated deadlines."""
    rows = ["附件1", "生成测试区 2026 年重点任务清单",
            "序号\t重点任务\t工作措施\t完成时限\t牵头单位\t配合单位"]
    for i in range(measures):
        task = f"{i // 10 + 1}\t第{i // 10 + 1}项任务" if i % 10 == 0 else "\t"
        rows.append(f"{task}\t落实第 {i + 1} 项措施，开展专项检查不少于 {i % 12 + 1} 次。\t2026年{i % 12 + 1}月底前"
                    f"\t区生态环境局\t区城市管理委、区交通局、各街道办事处")
    return ("北京市生成测试区人民政府办公室\n生测政办发〔2026〕1号\n2026年1月5日\n"
            + "\n".join(rows) + "\n")


def run(folder: Path) -> dict:
    documents = [(p.name, str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    for size in SIZES:
        path = folder / f"table-{size}.txt"
        path.write_text(generated_table(size), "utf-8")
        documents.append((path.name, str(path)))
    env = dict(os.environ, ECOPLAN_DATA_DIR=str(folder / "var"), DJANGO_SETTINGS_MODULE="ecoplan.settings",
               ECOPLAN_DEBUG="0", ECOPLAN_SECRET_KEY=secrets.token_urlsafe(50))
    child = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(documents)], env=env,
                           capture_output=True, text=True, check=True)
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    seeds = {n: f for n, f in figures.items() if not n.startswith("table-")}
    tables = {n: f for n, f in figures.items() if n.startswith("table-")}
    small, large = tables[f"table-{SIZES[0]}.txt"], tables[f"table-{SIZES[-1]}.txt"]
    per_measure = {phase: (large[f"{phase}_s"] / large["measures"]) / (small[f"{phase}_s"] / small["measures"])
                   for phase in ("parse", "import")}
    return {"seeds": seeds, "tables": tables,
            "growth": {f"{phase} time per measure, {SIZES[-1]:,} vs {SIZES[0]:,} rows": round(r, 2)
                       for phase, r in per_measure.items()},
            "goals": {f"every seed imports in < {GOAL_S:g} s": all(f["import_s"] < GOAL_S for f in seeds.values()),
                      "growth linear (time per measure within 1.5×)": all(r < 1.5 for r in per_measure.values())}}


def markdown(figures: dict) -> list[str]:
    lines = ["## Plan import (parse = bytes → plan in memory; import = parse + write to SQLite, one transaction; "
             "median of 3)", "", "| document | measures | targets | parse s | import s |", "|---|---:|---:|---:|---:|"]
    for name, f in {**figures["seeds"], **figures["tables"]}.items():
        lines.append(f"| {name} | {f['measures']} | {f['targets']} | {f['parse_s']:.2f} | {f['import_s']:.2f} |")
    lines += ["", "| ratio | value |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in figures["growth"].items()]
    lines += ["", "| goal | met |", "|---|---|"] + [f"| {k} | {v} |" for k, v in figures["goals"].items()]
    return lines


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print("\n".join(markdown(run(Path(tmp)))))
