"""Search at a district's scale: the five seeds imported, a month open for every unit of every plan,
every entry's progress written; the index rebuilt (timed), then each case requested 50 times
(Django's test client, in process: the view and its SQL, no HTTP) — p95 and SQL queries per page.
Goal: p95 < 200 ms, and the query count the same whatever the number of results.

`python bench/search.py` prints the table; ``CASES`` are (name, user, url) rows for bench/supervision.py.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
REQUESTS = 50
GOAL_MS = 200

# (name, user, url): user is a role's account made below (bench/supervision.py: its demo accounts)
CASES = [
    ("search: a phrase (trigram index), coordinator", "coordinator", f"/search/?q={quote('扬尘管控')}"),
    ("search: two characters (LIKE), coordinator", "coordinator", f"/search/?q={quote('扬尘')}"),
    ("search: one character, every kind, coordinator", "coordinator", f"/search/?q={quote('区')}"),
    ("search: two characters, public", None, f"/search/?q={quote('秸秆')}"),
    ("search: reported progress page 2, reporter", "reporter", f"/search/?q={quote('推进')}&kind=progress&page=2"),
]

_CHILD = r"""
import json, os, statistics, sys, time
from datetime import date
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecoplan.settings")
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()  # the test client keeps each response's context (its result count)
from ecoplan.cli import ensure_database
ensure_database()
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from ecoplan.plans.actions import import_document
from ecoplan.plans.models import Profile, Role
from ecoplan.search import index
from ecoplan.search.models import Entry
from ecoplan.supervision.actions import do_open_cycle
from ecoplan.supervision.models import Report, ReportEntry

seeds, cases = json.loads(sys.argv[1]), json.loads(sys.argv[2])
t0 = time.perf_counter()
plans = [import_document(open(p, "rb").read(), n)[1] for n, p in seeds]
import_s = time.perf_counter() - t0
for plan in plans:
    first, last = plan.period_start or 2024, plan.period_end or plan.period_start or 2024
    do_open_cycle(plan, date(min(max(2024, first), last), 9, 1))
entries = list(ReportEntry.objects.select_related("measure"))
for e in entries:
    e.narrative = "本月已按计划推进：" + e.measure.text[:40]
ReportEntry.objects.bulk_update(entries, ["narrative"], batch_size=1000)
t0 = time.perf_counter()
written = index.reindex()
reindex_s = time.perf_counter() - t0
biggest = Report.objects.annotate(n=Count("entries")).order_by("-n").first()
users = {}
for role, unit in (("coordinator", None), ("reporter", biggest.organisation)):
    users[role] = User.objects.create_user(f"bench-{role}")
    Profile.objects.create(user=users[role], role=role, organisation=unit)
out = {"import_s": round(import_s, 2), "reindex_s": round(reindex_s, 2), "rows": sum(written.values()),
       "rows_by_kind": dict(written), "entries": len(entries), "cases": {}}
for name, role, url in cases:
    client = Client()
    if role:
        client.force_login(users[role])
    client.get(url)  # warm
    times = []
    for _ in range(""" + str(REQUESTS) + r"""):
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    out["cases"][name] = {"url": url, "p50_ms": round(statistics.median(times), 1),
                          "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
                          "queries": len(queries.captured_queries),
                          "sql": [q["sql"][:90] for q in queries.captured_queries] if os.environ.get("BENCH_SQL") else None,
                          "results": response.context["total"] if response.context and "total" in response.context else None}
print(json.dumps(out))
"""


def run(folder: Path) -> dict:
    seeds = [(p.name, str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    env = dict(os.environ, ECOPLAN_DATA_DIR=str(folder / "var"), DJANGO_SETTINGS_MODULE="ecoplan.settings",
               ECOPLAN_DEBUG="0", ECOPLAN_SECRET_KEY=secrets.token_urlsafe(50), ECOPLAN_HTTPS="0",
               ECOPLAN_ALLOWED_HOSTS="testserver")
    child = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(seeds), json.dumps(CASES)], env=env,
                           capture_output=True, text=True)
    if child.returncode:
        raise RuntimeError(child.stderr[-3000:])
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    figures["goals"] = {f"every search p95 < {GOAL_MS} ms": all(c["p95_ms"] < GOAL_MS for c in figures["cases"].values())}
    return figures


def markdown(figures: dict) -> list[str]:
    lines = [f"## Search: five seeds, a month open for every unit, {figures['entries']:,} entries with progress "
             f"({figures['rows']:,} index rows, rebuilt in {figures['reindex_s']:.2f} s)", "",
             f"| case | results | p50 ms | p95 ms ({REQUESTS} requests) | SQL queries |", "|---|---:|---:|---:|---:|"]
    for name, c in figures["cases"].items():
        lines.append(f"| {name} | {c['results']} | {c['p50_ms']} | {c['p95_ms']} | {c['queries']} |")
    lines += ["", "| goal | met |", "|---|---|"] + [f"| {k} | {v} |" for k, v in figures["goals"].items()]
    return lines


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print("\n".join(markdown(run(Path(tmp)))))
