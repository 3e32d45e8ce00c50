from datetime import date

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Organisation, Profile, Role, Target

from ..conftest import DEMO

TODAY = date(2026, 12, 2)


def make_user(name, role, organisation=None):
    user = User.objects.create_user(name, password="pw-123456")
    Profile.objects.create(user=user, role=role, organisation=organisation)
    return user


@pytest.fixture
def world(db):
    """The demo plan (2026), its reported target (万元 GDP 用水量达到市级要求, led by 区生态环境局 in
    the row that states it), its qualitative target (土壤污染风险得到有效管控) and one user per role."""
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    bureau = Organisation.objects.get(name="区生态环境局", district=plan.district)
    water = Organisation.objects.get(name="区水务局", district=plan.district)
    return {
        "plan": plan, "bureau": bureau, "water": water,
        "municipal": Target.objects.get(plan=plan, indicator_code="water_use_per_gdp"),
        "qualitative": Target.objects.get(plan=plan, comparator="qualitative"),
        "coordinator": make_user("coord", Role.COORDINATOR, bureau),
        "reporter": make_user("rep_bureau", Role.REPORTER, bureau),
        "other": make_user("rep_water", Role.REPORTER, water),
        "leader": make_user("leader", Role.LEADER),
        "auditor": make_user("auditor", Role.AUDITOR),
    }


def reported_target(plan, code, comparator, value=None, unit="%", period="year", **extra) -> Target:
    """A target of the demo plan stated nowhere in its measures: the coordinating unit reports it."""
    return Target.objects.create(plan=plan, indicator=code, indicator_code=code, comparator=comparator,
                                 value=value, unit=unit, period=period, raw=f"{code} {comparator} {value}",
                                 **extra)


@pytest.fixture(autouse=True)
def english():
    """Messages compared in English here; tests/test_i18n proves each has its zh-hans form."""
    with translation.override("en"):
        yield
