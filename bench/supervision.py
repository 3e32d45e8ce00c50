"""Supervision pages at a real district's scale: p95 of 50 requests per page and its SQL queries.

A fresh database holds the demo (its air store: the judges open it as in use), the five seeds
imported, and a month (2024-11) open for every unit of every plan.  Each page is requested through
Django's test Client (no network, no server: the middleware, the view, its queries and its
template; ECOPLAN_ALLOWED_HOSTS=testserver), signed in as the role that uses it, with DEBUG off.  Goal: p95 < 200 ms; the query count of a page must not
grow with the number of units (the coordinator's month of each plan, from 13 to 100+ units).

A page is a row of ``CASES``: (name, role, url).  ``url`` is formatted with the pks the setup
made: ``{plan[daxing]}``, ``{report[linkong]}``, ``{report[small]}`` …  Add a row to measure
another page, e.g. ``("search", "coordinator", "/search/?q=施工扬尘")``.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from search import CASES as SEARCH_CASES  # bench/ is on sys.path (bench/run.py)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
GOAL_MS = 200
REQUESTS = 50
MONTH = "2024-11"
# short name of each seed → its file
PLANS = {"changping": "changping-2024-work-plan.txt", "daxing": "daxing-2024-action-plan.txt",
         "fengtai": "fengtai-14th-fyp-2021-2025.txt", "tongzhou": "tongzhou-2024-action-plans.txt",
         "xicheng": "xicheng-2024-action-plan.txt"}

CASES: list[tuple[str, str, str]] = [
    *[(f"coordinator's month: {name}", "coordinator", f"/supervision/plans/{{plan[{name}]}}/month/")
      for name in PLANS],
    ("coordinator's month: the demo plan", "coordinator", "/supervision/plans/{plan[demo]}/month/"),
    ("targets off track (kept judgement): daxing", "coordinator", "/supervision/plans/{plan[daxing]}/month/targets/"),
    ("62-measure report form: Daxing 临空经济区", "reporter", "/supervision/reports/{report[linkong]}/"),
    ("report form of a 1-measure unit (same plan)", "reporter_small", "/supervision/reports/{report[small]}/"),
    # the plan's largest report: the bureau answers for (or coordinates) far more than 62 measures
    ("report form of the plan's largest report (Daxing)", "reporter_largest", "/supervision/reports/{report[largest]}/"),
    ("coordinator's desk", "coordinator", "/supervision/"),
    # search (bench/search.py: its own run also times the reindex); a None role is a public visitor
    *SEARCH_CASES,
]

_CHILD = r"""
import json, os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecoplan.settings")
import django
django.setup()
from ecoplan.cli import ensure_database
ensure_database()
from datetime import date
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from ecoplan.evaluation import cached
from ecoplan.plans.actions import import_document
from ecoplan.plans.models import Measure, Plan, Profile, Role
from ecoplan.supervision import actions
from ecoplan.supervision.models import Report

plans_in, cases, requests, month = json.loads(sys.argv[1])
call_command("load_demo", verbosity=0)
demo = Plan.objects.order_by("pk").first()
plan = {"demo": demo.pk}
setup = {}
for name, path in plans_in.items():
    t0 = time.perf_counter()
    p = import_document(open(path, "rb").read(), os.path.basename(path))[1]
    plan[name] = p.pk
    cycle = actions.do_open_cycle(p, date.fromisoformat(month + "-01"))
    setup[name] = {"units": cycle.reports.count(), "measures": Measure.objects.filter(task__annex__plan=p).count(),
                   "setup_s": round(time.perf_counter() - t0, 2)}
reports = Report.objects.filter(cycle__plan_id=plan["daxing"]).annotate(n=Count("entries"))
linkong = reports.filter(organisation__name__contains="临空经济区").order_by("-n").first()
small = reports.filter(n=1).order_by("organisation__name").first()
largest = reports.order_by("-n", "pk").first()
report = {"linkong": linkong.pk, "small": small.pk, "largest": largest.pk}
users = {}
def user(key, role, organisation=None):
    u = User.objects.create_user(f"bench-{key}", password=None)
    Profile.objects.create(user=u, role=role, organisation=organisation)
    users[key] = u
user("coordinator", Role.COORDINATOR)
user("reporter", Role.REPORTER, linkong.organisation)
user("reporter_small", Role.REPORTER, small.organisation)
user("reporter_largest", Role.REPORTER, largest.organisation)
for pk in plan.values():  # the targets a coordinator's first visit judges (htmx), kept from then on
    cached.judged(Plan.objects.get(pk=pk))
out = {"loadavg_before": os.getloadavg(), "setup": setup, "report_entries": {"linkong": linkong.n, "small": small.n,
       "linkong_unit": linkong.organisation.name, "small_unit": small.organisation.name,
       "largest": largest.n, "largest_unit": largest.organisation.name}, "pages": []}
for name, role, url in cases:
    url = url.format(plan=plan, report=report)
    client = Client()
    if role is not None:
        client.force_login(users[role])
    queries = []
    with connection.execute_wrapper(lambda execute, sql, params, many, context: queries.append(sql) or execute(sql, params, many, context)):
        first = client.get(url)
    assert first.status_code == 200, (url, first.status_code)
    times, cpu = [], []
    for _ in range(requests):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    cpu.sort()
    out["pages"].append({"name": name, "url": url, "queries": len(queries),
                         "p50_ms": round(times[len(times) // 2], 1),
                         "p95_ms": round(times[max(0, -(-95 * len(times) // 100) - 1)], 1),
                         "max_ms": round(times[-1], 1), "cpu_p95_ms": round(cpu[max(0, -(-95 * len(cpu) // 100) - 1)], 1),
                         "bytes": len(first.content)})
# the targets judged afresh (the htmx fragment's first request of the day, or after new data)
cold = {}
for name in plans_in:
    p = Plan.objects.get(pk=plan[name])
    t0 = time.perf_counter()
    cached.judged(p, refresh=True)
    cold[name] = round((time.perf_counter() - t0) * 1000, 1)
out["judge_cold_ms"] = cold
out["loadavg_after"] = os.getloadavg()
print(json.dumps(out))
"""


def run(folder: Path) -> dict:
    plans = {name: str(SEEDS / file) for name, file in PLANS.items()}
    env = dict(os.environ, ECOPLAN_DATA_DIR=str(folder / "var"), DJANGO_SETTINGS_MODULE="ecoplan.settings",
               ECOPLAN_DEBUG="0", ECOPLAN_HTTPS="0", ECOPLAN_ALLOWED_HOSTS="testserver",
               ECOPLAN_SECRET_KEY=secrets.token_urlsafe(50))
    child = subprocess.run([sys.executable, "-c", _CHILD, json.dumps([plans, CASES, REQUESTS, MONTH])], env=env,
                           capture_output=True, text=True)
    if child.returncode:
        raise RuntimeError(child.stderr[-3000:])
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    months = [p for p in figures["pages"] if p["name"].startswith("coordinator's month")]
    forms = {p["name"]: p["queries"] for p in figures["pages"] if "report form" in p["name"]}
    figures["goals"] = {f"p95 < {GOAL_MS} ms: {p['name']}": p["p95_ms"] < GOAL_MS for p in figures["pages"]}
    figures["goals"].update({
        "the coordinator's month: the same query count for every plan (0 to 71 units)": len({p["queries"] for p in months}) == 1,
        # a form runs a query only when it has such a thing to show (co-units' contributions, reported
        # values due): a constant, not a number of measures
        "the report form: 62 or 145 measures take at most two queries more than 1": max(forms.values()) - min(forms.values()) <= 2,
    })
    return figures


def markdown(figures: dict) -> list[str]:
    lines = [f"## Supervision pages: five seeds imported, {MONTH} open for every unit "
             f"(Django test Client, DEBUG off, {REQUESTS} requests each)", "",
             "| plan | units in the month | measures | import + open the month, s |", "|---|---:|---:|---:|"]
    lines += [f"| {n} | {s['units']} | {s['measures']} | {s['setup_s']:.2f} |" for n, s in figures["setup"].items()]
    e = figures["report_entries"]
    lines += ["", f"Report forms: {e['linkong_unit']} ({e['linkong']} measures), {e['small_unit']} ({e['small']}), "
              f"the largest: {e['largest_unit']} ({e['largest']}).", "",
              f"Load average of the machine (1 min) before and after: {figures['loadavg_before'][0]:.1f}, "
              f"{figures['loadavg_after'][0]:.1f} on {os.cpu_count()} CPUs: wall-clock times wait for the CPU "
              "when it is above the CPUs; the CPU time of the process per request does not.", "",
              "| page | SQL queries | p50 ms | p95 ms | max ms | CPU p95 ms | KiB |", "|---|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {p['name']} | {p['queries']} | {p['p50_ms']:.0f} | {p['p95_ms']:.0f} | {p['max_ms']:.0f} | "
              f"{p['cpu_p95_ms']:.0f} | {p['bytes'] / 1024:.0f} |" for p in figures["pages"]]
    lines += ["", "Targets judged afresh (the month's targets fragment on its first request after new data; "
              "kept in Django's cache from then on), ms: "
              + ", ".join(f"{n} {ms:.0f}" for n, ms in figures["judge_cold_ms"].items())]
    lines += ["", "| goal | met |", "|---|---|"] + [f"| {k} | {v} |" for k, v in figures["goals"].items()]
    return lines


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = run(Path(tmp))
    from save import save  # bench/ is on sys.path: this file run as a script

    text = save("supervision", result, markdown(result))
    print(text)
