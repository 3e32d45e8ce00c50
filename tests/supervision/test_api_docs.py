"""The OpenAPI document lists exactly the answers the API gives: each operation is called so as to
draw every documented code, and every code drawn is documented."""
import json
from collections import defaultdict

import pytest
from django.contrib.auth.models import User
from django.test import Client

from ecoplan.supervision.models import ApiToken

OPERATIONS = {  # (method, path as documented): every one the cases below call
    ("get", "/api/v1/reports"), ("get", "/api/v1/reports/{report_id}"),
    ("put", "/api/v1/reports/{report_id}"), ("post", "/api/v1/reports/{report_id}/submit"),
    ("get", "/api/v1/measures"),
}


def _documented(client) -> dict:
    spec = client.get("/api/v1/openapi.json").json()
    return {(method, path): {int(code) for code in op["responses"]}
            for path, ops in spec["paths"].items() for method, op in ops.items()}


def test_documented_answers_are_the_answers_given(world):
    client = Client(raise_request_exception=False)
    nobody = User.objects.create_user("nobody", password="pw-123456")  # signed in, no role
    token = {name: {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world[name])}"}
             for name in ("reporter_a", "leader")}
    token["nobody"] = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(nobody)}"}
    own, other = world["report_a"], world["report_b"]
    plan = world["plan"].pk

    def body(version, entries=()):
        return {"data": json.dumps({"version": version, "entries": list(entries)}),
                "content_type": "application/json"}

    def submit(version):
        return {"data": json.dumps({"version": version}), "content_type": "application/json"}

    measure = own.entries.first().measure_id
    cases = [  # (operation, method, url, who, extra)
        ("/api/v1/reports", "get", "/api/v1/reports", "reporter_a", {}),
        ("/api/v1/reports", "get", "/api/v1/reports", None, {}),
        ("/api/v1/reports", "get", "/api/v1/reports", "nobody", {}),
        ("/api/v1/reports", "get", "/api/v1/reports?month=x", "reporter_a", {}),
        ("/api/v1/reports/{report_id}", "get", f"/api/v1/reports/{own.pk}", "reporter_a", {}),
        ("/api/v1/reports/{report_id}", "get", f"/api/v1/reports/{own.pk}", None, {}),
        ("/api/v1/reports/{report_id}", "get", f"/api/v1/reports/{other.pk}", "reporter_a", {}),
        ("/api/v1/reports/{report_id}", "get", "/api/v1/reports/abc", "reporter_a", {}),
        ("/api/v1/reports/{report_id}", "put", f"/api/v1/reports/{own.pk}", "reporter_a", body(own.version)),
        ("/api/v1/reports/{report_id}", "put", f"/api/v1/reports/{own.pk}", None, body(own.version)),
        ("/api/v1/reports/{report_id}", "put", f"/api/v1/reports/{own.pk}", "leader", body(own.version)),
        ("/api/v1/reports/{report_id}", "put", f"/api/v1/reports/{other.pk}", "reporter_a", body(1)),
        ("/api/v1/reports/{report_id}", "put", f"/api/v1/reports/{own.pk}", "reporter_a", body(1)),  # stale
        ("/api/v1/reports/{report_id}", "put", f"/api/v1/reports/{own.pk}", "reporter_a",
         body(own.version + 1, [{"measure": measure, "status": "nonsense"}])),
        ("/api/v1/reports/{report_id}/submit", "post", f"/api/v1/reports/{own.pk}/submit", None, submit(1)),
        ("/api/v1/reports/{report_id}/submit", "post", f"/api/v1/reports/{own.pk}/submit", "leader", submit(1)),
        ("/api/v1/reports/{report_id}/submit", "post", f"/api/v1/reports/{other.pk}/submit", "reporter_a",
         submit(1)),
        ("/api/v1/reports/{report_id}/submit", "post", f"/api/v1/reports/{own.pk}/submit", "reporter_a",
         submit(1)),  # stale
        ("/api/v1/reports/{report_id}/submit", "post", f"/api/v1/reports/{own.pk}/submit", "reporter_a",
         {"data": "{}", "content_type": "application/json"}),
        ("/api/v1/reports/{report_id}/submit", "post", f"/api/v1/reports/{own.pk}/submit", "reporter_a",
         submit(own.version + 1)),
        ("/api/v1/measures", "get", f"/api/v1/measures?plan={plan}", "reporter_a", {}),
        ("/api/v1/measures", "get", f"/api/v1/measures?plan={plan}", None, {}),
        ("/api/v1/measures", "get", f"/api/v1/measures?plan={plan}", "nobody", {}),
        ("/api/v1/measures", "get", "/api/v1/measures?plan=99999999", "reporter_a", {}),
        ("/api/v1/measures", "get", "/api/v1/measures?plan=abc", "reporter_a", {}),
    ]
    drawn: dict = defaultdict(set)
    for path, method, url, who, extra in cases:
        response = getattr(client, method)(url, **extra, **(token[who] if who else {}))
        drawn[(method, path)].add(response.status_code)
    documented = _documented(client)
    assert set(drawn) == OPERATIONS
    for operation in OPERATIONS:
        assert drawn[operation] == documented[operation], operation


@pytest.mark.django_db
def test_every_operation_documents_its_error_answers():
    """Operations added later (by other features) document at least the 401 every authenticated
    operation gives (use ``answers(...)`` in api.py), and then belong in OPERATIONS above."""
    for operation, codes in _documented(Client()).items():
        assert 401 in codes and len(codes) > 1, operation
