"""The audit trail: each kind of change and sign-in is recorded with who, when and where from;
auditors and coordinators read it, nobody else; nothing changes an entry."""
import contextvars
import json
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from ecoplan.core import audit
from ecoplan.supervision.models import ApiToken, Profile, Role

from ..conftest import DEMO
from ..supervision.conftest import make_user
from ..supervision.test_reporting import form

pytestmark = pytest.mark.django_db


def signed_in(user, staff=False):
    if staff and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    client = Client(REMOTE_ADDR="10.1.2.3")
    assert client.post("/accounts/login/", {"username": user.username, "password": "pw-123456"}).status_code == 302
    return client


def events(event, **filters):
    return LogEntry.objects.filter(additional_data__event=event, **filters)


def the_entry(event, actor, since):
    """The one entry of ``event`` written by ``actor`` after ``since``, from the test client's address."""
    found = list(events(event, actor=actor, timestamp__gte=since))
    assert found, f"no {event} entry by {actor}"
    entry = found[0]
    assert entry.remote_addr == "10.1.2.3"
    assert entry.additional_data["actor_name"] == actor.username
    assert since <= entry.timestamp <= timezone.now()
    return entry


def test_sign_in_sign_out_and_failed_sign_in(world):
    start = timezone.now()
    coordinator = world["coordinator"]
    client = signed_in(coordinator)
    the_entry("login", coordinator, start)
    client.post("/accounts/logout/")
    the_entry("logout", coordinator, start)
    bad = Client(REMOTE_ADDR="10.1.2.3")
    bad.post("/accounts/login/", {"username": "coord", "password": "wrong-secret-77"})
    bad.post("/accounts/login/", {"username": "nobody", "password": "wrong-secret-77"})
    known, unknown = events("login_failed").order_by("pk")
    assert (known.object_pk, known.object_repr, known.actor) == (str(coordinator.pk), "coord", None)
    assert (unknown.object_pk, unknown.additional_data["username"]) == ("", "nobody")
    assert known.remote_addr == unknown.remote_addr == "10.1.2.3"
    for entry in (known, unknown):  # the password is nowhere in the entry
        assert "wrong-secret-77" not in json.dumps([entry.additional_data, entry.changes, entry.object_repr])


def test_plan_import_review_resolution_and_municipal_value(world):
    start = timezone.now()
    coordinator = world["coordinator"]
    client = signed_in(coordinator, staff=True)
    revised = DEMO.read_bytes() + b"\n"  # another file (SHA-256) of the same plan
    assert client.post("/import/", {"document": SimpleUploadedFile("revised.txt", revised),
                                   "supersede": "on"}).status_code == 302
    imported = the_entry("plan_imported", coordinator, start)
    assert imported.content_type.model == "plan" and imported.additional_data["via"] == "web"
    item = world["plan"].review_items.filter(status="open").first()
    client.post(f"/review/{item.pk}/resolve/", {"status": "resolved", "resolution": "单位已核实"})
    resolved = the_entry("review_resolved", coordinator, start)
    assert resolved.object_pk == str(item.pk) and resolved.changes_dict["resolution"][1] == "单位已核实"
    target = world["plan"].targets.get(comparator="municipal")
    client.post(f"/targets/{target.pk}/municipal-value/", {"value": "12.5", "source": "京环发〔2026〕3号"})
    set_value = the_entry("target_value_set", coordinator, start)
    assert set_value.changes_dict["value"][1] in ("12.5", "12.50")


def test_report_save_submit_return_accept_and_evidence(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    start = timezone.now()
    a, reporter, coordinator = world["report_a"], world["reporter_a"], world["coordinator"]
    rc = signed_in(reporter)
    rc.post(f"/supervision/reports/{a.pk}/", {**form(a), "action": "save"})
    the_entry("report_saved", reporter, start)
    entry = a.entries.first()
    a.refresh_from_db()
    rc.post(f"/supervision/reports/{a.pk}/", {**form(a), "action": "save",
                                               f"m{entry.measure_id}-evidence": SimpleUploadedFile("抽检报告.pdf", b"%PDF-1.4 ...")})
    assert the_entry("evidence_added", reporter, start).object_repr
    a.refresh_from_db()
    rc.post(f"/supervision/reports/{a.pk}/", {**form(a), "action": "submit"})
    submitted = the_entry("report_submitted", reporter, start)
    assert submitted.changes_dict["status"] == ["draft", "submitted"]
    cc = signed_in(coordinator)
    cc.post(f"/supervision/reports/{a.pk}/", {"action": "return", "comment": "请补充抽检数量"})
    returned = the_entry("report_returned", coordinator, start)
    assert returned.changes_dict["review_comment"][1] == "请补充抽检数量"  # the comment, kept
    a.refresh_from_db()
    rc.post(f"/supervision/reports/{a.pk}/", {**form(a), "action": "submit"})
    cc.post(f"/supervision/reports/{a.pk}/", {"action": "accept"})
    the_entry("report_accepted", coordinator, start)
    assert events("report_submitted", object_pk=str(a.pk)).count() == 2


def test_api_changes_name_the_token_user(world):
    a, reporter = world["report_a"], world["reporter_a"]
    token = ApiToken.issue(reporter)
    entries = [{"measure": e.measure_id, "status": "done", "narrative": "已完成"} for e in a.entries.all()]
    response = Client(REMOTE_ADDR="10.1.2.3").put(
        f"/api/v1/reports/{a.pk}", json.dumps({"version": a.version, "entries": entries}),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    saved = the_entry("report_saved", reporter, timezone.now() - timedelta(minutes=1))
    assert saved.additional_data["via"] == "api"


def test_cycles_opened_and_closed(world):
    start = timezone.now()
    coordinator = world["coordinator"]
    client = signed_in(coordinator)
    client.post(f"/supervision/plans/{world['plan'].pk}/cycles/", {"month": "2026-06"})
    opened = the_entry("cycle_opened", coordinator, start)
    client.post(f"/supervision/cycles/{opened.object_pk}/", {"close": "1"})
    assert the_entry("cycle_closed", coordinator, start).object_pk == opened.object_pk


def test_tokens_users_and_roles(world, admin_client):
    start = timezone.now()
    reporter = world["reporter_a"]
    client = signed_in(reporter)
    client.post("/supervision/token/", {"name": "unit system"})
    issued = the_entry("token_issued", reporter, start)
    assert "key_hash" not in (issued.changes_dict or {})  # the token's hash is not copied into the trail
    ApiToken.objects.get(pk=issued.object_pk).delete()
    assert events("token_revoked", object_pk=issued.object_pk).exists()
    admin = User.objects.get(username="admin")
    admin_client.post("/admin/auth/user/add/", {"username": "newcomer", "password1": "Long-enough-9x",
                                                "password2": "Long-enough-9x", "usable_password": "true"})
    created = events("user_created", object_repr="newcomer").get()
    assert created.actor == admin and "password" not in (created.changes_dict or {})
    newcomer = User.objects.get(username="newcomer")
    Profile.objects.create(user=newcomer, role=Role.REPORTER, organisation=world["market"])
    profile = newcomer.profile
    profile.role = Role.LEADER
    profile.save()
    changed = events("role_set", object_pk=str(profile.pk)).order_by("pk")
    assert changed.count() == 2 and changed.last().changes_dict["role"] == ["reporter", "leader"]
    newcomer.delete()
    assert events("user_deleted", object_repr="newcomer").exists()


def test_the_cli_names_its_command_and_system_user(world):
    def run():
        audit.run_by_command("cycle")
        return make_user("scripted", Role.REPORTER)

    user = contextvars.copy_context().run(run)
    entry = events("user_created", object_pk=str(user.pk)).get()
    assert entry.actor is None
    assert entry.additional_data["via"] == "cli" and entry.additional_data["command"] == "cycle"
    assert entry.additional_data["system_user"]


def test_a_rolled_back_change_leaves_no_entry(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_user("ghost", Role.REPORTER)
        raise RuntimeError
    assert not LogEntry.objects.filter(object_repr="ghost").exists()


# -- who reads it ---------------------------------------------------------------------------------

def test_auditor_and_coordinator_read_it_others_do_not(world):
    signed_in(world["reporter_a"])
    for reader in ("auditor", "coordinator"):
        page = signed_in(world[reader]).get("/audit/")
        assert page.status_code == 200 and "rep_a" in page.content.decode()
    for other in ("reporter_a", "leader"):
        assert signed_in(world[other]).get("/audit/").status_code == 404
    assert Client().get("/audit/").status_code == 302  # to the sign-in page


def test_filters_and_paging(world):
    auditor = signed_in(world["auditor"])
    for _ in range(3):
        Client(REMOTE_ADDR="10.1.2.3").post("/accounts/login/", {"username": "rep_b", "password": "no"})
    page = auditor.get("/audit/", {"event": "login_failed", "who": "rep_b"})
    assert page.context["page"].paginator.count == 3
    assert auditor.get("/audit/", {"kind": "supervision.reportingcycle"}).context["page"].paginator.count == 1
    today = timezone.localdate()
    assert auditor.get("/audit/", {"since": today + timedelta(days=1)}).context["page"].paginator.count == 0
    assert auditor.get("/audit/", {"until": today, "since": today}).context["page"].paginator.count > 50
    second = auditor.get("/audit/", {"page": 2})
    assert second.status_code == 200 and second.context["page"].number == 2
    for bad in ({"since": "abc"}, {"event": "nope"}, {"page": "x"}, {"since": "2026-02-01", "until": "2026-01-01"}):
        assert auditor.get("/audit/", bad).status_code == 400


# -- nobody edits it ------------------------------------------------------------------------------

def test_no_entry_changes_through_the_admin_or_the_model(world, admin_client):
    entry = events("role_set").first()
    before = (entry.object_repr, entry.changes, entry.additional_data)
    assert admin_client.get(f"/admin/auditlog/logentry/{entry.pk}/change/").status_code == 200  # read-only view
    assert admin_client.post(f"/admin/auditlog/logentry/{entry.pk}/change/",
                             {"object_repr": "edited", "action": 2}).status_code == 403
    assert admin_client.post(f"/admin/auditlog/logentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get("/admin/auditlog/logentry/add/").status_code == 403
    changelist = admin_client.post("/admin/auditlog/logentry/",
                                   {"action": "delete_selected", "_selected_action": [entry.pk]})
    assert changelist.status_code in (200, 302)
    entry.refresh_from_db()
    assert (entry.object_repr, entry.changes, entry.additional_data) == before
    entry.object_repr = "edited"
    with pytest.raises(audit.ImmutableEntry), transaction.atomic():
        entry.save()
    with pytest.raises(audit.ImmutableEntry), transaction.atomic():
        entry.delete()
    assert LogEntry.objects.filter(pk=entry.pk, object_repr=before[0]).exists()


@pytest.mark.parametrize("model, action, changes, event", [
    ("supervision.report", LogEntry.Action.UPDATE, {"status": ["draft", "submitted"]}, "report_submitted"),
    ("supervision.report", LogEntry.Action.UPDATE, {"status": ("draft", "submitted")}, "report_submitted"),
    ("supervision.report", LogEntry.Action.UPDATE, {"status": ["submitted", "returned"],
                                                    "review_comment": ["", "补充"]}, "report_returned"),
    ("supervision.report", LogEntry.Action.UPDATE, {"review_comment": ["", "x"]}, "changed"),
    ("plans.reviewitem", LogEntry.Action.UPDATE, {"status": ["open", "dismissed"]}, "review_dismissed"),
    ("supervision.reportingcycle", LogEntry.Action.CREATE, None, "cycle_opened"),
    ("auth.user", LogEntry.Action.UPDATE, {"groups": {"type": "m2m", "operation": "add", "objects": ["g"]}},
     "user_changed"),
    ("auth.group", LogEntry.Action.UPDATE, {"permissions": {"type": "m2m", "operation": "add", "objects": []}},
     "changed"),
    ("plans.measure", LogEntry.Action.DELETE, None, "deleted"),
])
def test_event_rules(model, action, changes, event):
    assert audit.event_of(model, action, changes) == event
    assert event in audit.EVENTS
