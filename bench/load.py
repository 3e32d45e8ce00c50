"""Load test: 100 reporters submit their monthly report in the same minute, over HTTP on loopback.

A fresh data folder, a plan with 100 units, one reporter and API token each, one open cycle.
The server is `ecoplan serve` (waitress, 8 threads) on 127.0.0.1; each client saves its entries
and submits (PUT then POST), trying again (up to 5 times) after a refused connection or error.  Afterwards every
report must be in the database as submitted: none lost.
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPORTERS = 100


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _plan_text() -> str:
    rows = ["附件 1", "", "负荷测试区 2026 年行动计划", "", "序号\t重点任务\t工作措施\t完成时限\t牵头单位\t协办单位",
            "一、测试任务\t\t\t\t\t"]
    for i in range(1, REPORTERS + 1):
        rows.append(f"{i}\t任务{i}\t开展第 {i} 批专项检查，全年检查不少于 12 次。\t年底前\t测试单位{i:03d}办事处\t——")
    return "北京市负荷测试区人民政府办公室\n负测政办发〔2026〕1号\n关于印发《负荷测试区 2026 年行动计划》的通知\n2026 年 1 月 5 日\n\n" + "\n".join(rows) + "\n"


def setup(env: dict) -> list[tuple[int, str]]:
    """Create the plan, users, tokens and cycle in the data folder; return (report id, token)."""
    code = f"""
import django, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecoplan.settings")
django.setup()
from ecoplan.cli import ensure_database
ensure_database()
from datetime import date
from django.contrib.auth.models import User
from ecoplan.plans.actions import import_document
from ecoplan.supervision.actions import do_open_cycle
from ecoplan.supervision.models import ApiToken, Profile, Role
plan = import_document({_plan_text()!r}.encode(), "load.txt")[1]
cycle = do_open_cycle(plan, date(2026, 5, 1))
out = []
for report in cycle.reports.select_related("organisation"):
    user = User.objects.create(username="u%d" % report.pk)  # API tokens only: no password to hash
    Profile.objects.create(user=user, role=Role.REPORTER, organisation=report.organisation)
    out.append((report.pk, ApiToken.issue(user)))
print(json.dumps(out))
"""
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def _call(url: str, method: str, token: str, body: dict | None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except OSError as exc:  # connection refused or reset: the client tries again
        return 0, {"detail": str(exc)}


def client(base: str, report_id: int, token: str, start: threading.Event, results: list) -> None:
    start.wait()
    t0 = time.perf_counter()
    retries, answer = 0, {}
    for _ in range(5):
        status, report = _call(f"{base}/api/v1/reports/{report_id}", "GET", token, None)
        if status != 200:
            retries += 1
            continue
        entries = [{"measure": e["measure"], "status": "done", "narrative": "负荷测试：已完成",
                    "quantity_done": 12} for e in report["entries"]]
        status, saved = _call(f"{base}/api/v1/reports/{report_id}", "PUT", token,
                              {"version": report["version"], "entries": entries})
        answer = saved
        if status == 200:
            status, answer = _call(f"{base}/api/v1/reports/{report_id}/submit", "POST", token,
                                   {"version": saved["version"]})
        if status == 200:
            break
        retries += 1
    results.append({"report": report_id, "status": status, "seconds": time.perf_counter() - t0, "retries": retries,
                    "detail": str(answer.get("detail", ""))[:300] if status != 200 else ""})


def run(folder: Path) -> dict:
    env = dict(os.environ, ECOPLAN_DATA_DIR=str(folder), DJANGO_SETTINGS_MODULE="ecoplan.settings",
               ECOPLAN_DEBUG="0", ECOPLAN_ALLOWED_HOSTS="127.0.0.1,localhost",
               # production settings with a throwaway key; plain http on the loopback (no TLS proxy)
               ECOPLAN_SECRET_KEY=secrets.token_urlsafe(50), ECOPLAN_HTTPS="0")
    pairs = setup(env)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "ecoplan.cli", "serve", "--port", str(port), "--threads", "8"],
                              env=env, stdout=subprocess.DEVNULL, stderr=open(folder / "server.log", "w"))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        start, results = threading.Event(), []
        threads = [threading.Thread(target=client, args=(base, rid, tok, start, results)) for rid, tok in pairs]
        for t in threads:
            t.start()
        t0 = time.perf_counter()
        start.set()
        for t in threads:
            t.join(timeout=120)
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=10)
    check = subprocess.run([sys.executable, "-c", (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'ecoplan.settings'); django.setup(); "
        "from ecoplan.supervision.models import Report, ReportVersion; "
        "print(Report.objects.filter(status='submitted').count(), ReportVersion.objects.count())")],
        env=env, capture_output=True, text=True, check=True)
    submitted, versions = (int(x) for x in check.stdout.split())
    latencies = sorted(r["seconds"] for r in results)
    return {"reporters": len(pairs), "wall_s": round(wall, 2),
            "reports_per_s": round(len(pairs) / wall, 1),
            "p50_s": round(statistics.median(latencies), 3),
            "p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 3),
            "retries": sum(r["retries"] for r in results),
            "client_failures": sum(1 for r in results if r["status"] != 200),
            "submitted_in_db": submitted, "versions_in_db": versions,
            "lost": len(pairs) - submitted,
            "failures": [r for r in results if r["status"] != 200][:5]}
