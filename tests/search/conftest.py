from datetime import date

import pytest
from django.test import Client

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Organisation, Role
from ecoplan.supervision import actions

from ..conftest import DEMO
from ..supervision.conftest import make_user


@pytest.fixture
def world(db):
    """The demo plan (indexed by its import), an open 2026-05 cycle and one user per role."""
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    cycle = actions.do_open_cycle(plan, date(2026, 5, 1))
    market = Organisation.objects.get(name="区市场监管局")
    water = Organisation.objects.get(name="区水务局")
    return {
        "plan": plan, "cycle": cycle, "market": market, "water": water,
        "coordinator": make_user("coord", Role.COORDINATOR),
        "reporter_a": make_user("rep_a", Role.REPORTER, market),
        "reporter_b": make_user("rep_b", Role.REPORTER, water),
        "leader": make_user("leader", Role.LEADER, person_name="王一"),
        "auditor": make_user("auditor", Role.AUDITOR),
        "report_a": cycle.reports.get(organisation=market),
        "report_b": cycle.reports.get(organisation=water),
    }


def client_for(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client
