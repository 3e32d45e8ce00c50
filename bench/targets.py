"""`ecoplan targets` for each seed: every target judged through its source, per area, as JSON.

The five seeds are imported into a fresh database that also holds the demo (its air store, and
whatever other sources the demo fills), so each judge opens its store as it would in use.  Each
figure is the median of 3 runs of the command in one child process.  Goal: < 1 s per plan.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
GOAL_S = 1.0

_CHILD = r"""
import io, json, os, statistics, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecoplan.settings")
import django
django.setup()
from ecoplan.cli import ensure_database
ensure_database()
from django.core.management import call_command
call_command("load_demo", verbosity=0)
from ecoplan.plans.actions import import_document

out = {}
for name, path in json.loads(sys.argv[1]):
    plan = import_document(open(path, "rb").read(), name)[1]
    times = []
    for _ in range(3):
        buffer = io.StringIO()
        t0 = time.perf_counter()
        call_command("targets", str(plan.pk), "--as-of", "2024-12-31", "--json", stdout=buffer)
        times.append(time.perf_counter() - t0)
    listed = json.loads(buffer.getvalue())
    out[name] = {"targets": listed["coverage"]["targets"], "rows": len(listed["targets"]),
                 "seconds": round(statistics.median(times), 3), "runs": [round(t, 3) for t in times]}
print(json.dumps(out))
"""


def run(folder: Path) -> dict:
    documents = [(p.name, str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    env = dict(os.environ, ECOPLAN_DATA_DIR=str(folder / "var"), DJANGO_SETTINGS_MODULE="ecoplan.settings",
               ECOPLAN_DEBUG="0", ECOPLAN_SECRET_KEY=secrets.token_urlsafe(50))
    child = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(documents)], env=env,
                           capture_output=True, text=True, check=True)
    plans = json.loads(child.stdout.strip().splitlines()[-1])
    return {"plans": plans,
            "goals": {f"`ecoplan targets` < {GOAL_S:g} s per plan": all(p["seconds"] < GOAL_S for p in plans.values())}}


def markdown(figures: dict) -> list[str]:
    lines = ["## `ecoplan targets PLAN --json` (every target judged by its source; median of 3)", "",
             "| plan | targets | rows (per area) | seconds |", "|---|---:|---:|---:|"]
    lines += [f"| {n} | {p['targets']} | {p['rows']} | {p['seconds']:.2f} |" for n, p in figures["plans"].items()]
    lines += ["", "| goal | met |", "|---|---|"] + [f"| {k} | {v} |" for k, v in figures["goals"].items()]
    return lines


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print("\n".join(markdown(run(Path(tmp)))))
