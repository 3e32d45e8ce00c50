"""The demo: one account per role, the leader among them, each with a first screen of its own."""
from datetime import date

from django.contrib.auth.models import User
from django.test import Client

from ecoplan.plans import actions as plan_actions
from ecoplan.supervision import demo, status
from ecoplan.supervision.models import Profile, Role

from ..conftest import DEMO


def test_the_demo_has_an_account_for_every_role_and_lists_them_all(db, tmp_path):
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    created = demo.load(plan, tmp_path, date(2026, 2, 15))
    assert {str(role) for _, role, _ in created} == set(Role.values)
    listed = [line.split("\t") for line in (tmp_path / "accounts.txt").read_text("utf-8").splitlines()]
    assert [row[0] for row in listed] == [a[0] for a in demo.ACCOUNTS]
    leader = Profile.objects.get(user__username="demo-leader")
    # the person name is a lead official (牵头领导) of the demo plan who leads several measures
    assert leader.role == Role.LEADER and len(status.leader_measures(leader.person_name)) >= 5
    for username, _, password in listed:
        client = Client()
        assert client.login(username=username, password=password)
        assert client.get("/supervision/").status_code == 200
    page = Client()
    page.login(username="demo-leader", password=dict((r[0], r[2]) for r in listed)["demo-leader"])
    assert "李明" in page.get("/supervision/").content.decode()
    # a second load creates nothing and keeps the list
    assert demo.load(plan, tmp_path, date(2026, 2, 15)) == []
    assert [line.split("\t") for line in (tmp_path / "accounts.txt").read_text("utf-8").splitlines()] == listed


def test_an_account_added_later_joins_the_list(db, tmp_path):
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    demo.load(plan, tmp_path, date(2026, 2, 15))
    before = (tmp_path / "accounts.txt").read_text("utf-8").splitlines()
    User.objects.get(username="demo-leader").delete()
    created = demo.load(plan, tmp_path, date(2026, 2, 15))
    after = (tmp_path / "accounts.txt").read_text("utf-8").splitlines()
    assert [c[0] for c in created] == ["demo-leader"]
    assert after[:-1] == before[:-1] and after[-1].startswith("demo-leader\t") and after[-1] != before[-1]
