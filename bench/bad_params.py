"""Count the requests of tests/test_bad_params.py that answer 500, against a data dir with the demo
loaded (`ecoplan load_demo`).  Used for the before/after figure of issue #7:

    PYTHONPATH=<tree>/src ECOPLAN_DATA_DIR=<dir> DJANGO_SETTINGS_MODULE=ecoplan.settings \\
        python bench/bad_params.py
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import django

HERE = Path(__file__).resolve().parents[1]


def requests():
    spec = importlib.util.spec_from_file_location("bad_params", HERE / "tests" / "test_bad_params.py")
    source = (HERE / "tests" / "test_bad_params.py").read_text("utf-8")
    # only the two lists: the module's imports (pytest, the test package) are not needed here
    namespace: dict = {"__name__": spec.name}
    start = source.index("BIG = ")
    end = source.index("@pytest.fixture")
    exec(compile(source[start:end], str(spec.origin), "exec"), namespace)
    return namespace["BAD_REQUESTS"], namespace["NOT_FOUND"]


def main() -> int:
    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    from ecoplan.monitoring.models import Station
    from ecoplan.plans.models import Plan
    from ecoplan.supervision.models import Report

    bad, missing = requests()
    plan = Plan.objects.get(source_name__startswith="demo-district")
    report = Report.objects.filter(cycle__plan=plan, status__in=["draft", "returned"]).first()
    ids = {"plan": plan.pk, "area": plan.district_id, "station": Station.objects.first().code,
           "report": report.pk}
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="demo-coordinator"))
    rows = [(m, u.format(**ids), d) for m, u, d in bad] + [("get", u.format(**ids), None) for u in missing]
    errors = 0
    for method, url, data in rows:
        status = getattr(client, method)(url, data or {}).status_code
        errors += status >= 500
        print(f"{status}  {method.upper():4} {url} {data or ''}")
    print(f"{errors} of {len(rows)} requests answered 500")
    return 0


if __name__ == "__main__":
    sys.exit(main())
