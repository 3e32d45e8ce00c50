import os
from datetime import date

import pytest
from django.core.management import call_command

from ecoplan.bulletins.models import BulletinTemplate
from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Area, Organisation, Plan
from ecoplan.supervision import actions as sup_actions
from ecoplan.supervision.models import Role

from ..conftest import DEMO
from ..supervision.conftest import make_user

AS_OF = date(2026, 11, 20)


@pytest.fixture
def demo(db, settings, tmp_path):
    """`ecoplan load_demo` as `make run` runs it: the demo plan, its data and its October bulletin."""
    settings.DATA_DIR = settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open(os.devnull, "w"))
    return {"plan": Plan.objects.get(title__startswith="演示区"), "folder": tmp_path / "demo"}


@pytest.fixture
def world(db):
    """The demo plan without its data (fast): its district with three sub-areas, a template without
    rankings, an October cycle where one unit has not reported, one user per role."""
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    district = plan.district
    for name in ("东湖街道", "西山街道", "南苑镇"):
        Area.objects.get_or_create(name=name, parent=district, defaults={"kind": Area.Kind.SUB_AREA})
    template = BulletinTemplate.objects.create(name="月度通报", district=district, issuer="北京市演示区生态环境局",
                                               abbreviation="演环通", closing="一是抓好{period}问题整改。")
    cycle = sup_actions.do_open_cycle(plan, date(2026, 10, 1))
    market = Organisation.objects.get(name="区市场监管局")
    return {"plan": plan, "template": template, "cycle": cycle, "district": district,
            "coordinator": make_user("coord", Role.COORDINATOR),
            "reporter": make_user("rep", Role.REPORTER, market),
            "leader": make_user("leader", Role.LEADER, person_name="李明"),
            "auditor": make_user("auditor", Role.AUDITOR)}


@pytest.fixture(autouse=True)
def _english_messages():
    """Refusals are matched in English; the bulletins themselves are built in Chinese regardless."""
    from django.utils import translation

    with translation.override("en"):
        yield
