"""Every target of every seed listed with a source, a status and a reason (issue #9, point 9)."""
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ecoplan.evaluation.services import coverage, judge_plan
from ecoplan.plans import actions
from ecoplan.vocabulary.indicators import SOURCE_CODES, source_of
from ecoplan.vocabulary.states import TARGET_CODES

from ..conftest import seed_path

pytestmark = pytest.mark.django_db

SEEDS = ["changping-2024-work-plan.txt", "daxing-2024-action-plan.txt", "fengtai-14th-fyp-2021-2025.txt",
         "tongzhou-2024-action-plans.txt", "xicheng-2024-action-plan.txt"]


def _plan(name, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    path = seed_path(name)
    return actions.import_document(path.read_bytes(), path.name)[1]


@pytest.mark.parametrize("name", SEEDS)
def test_every_target_of_a_seed_has_a_source_and_a_status(name, settings, tmp_path, capsys):
    plan = _plan(name, settings, tmp_path)
    call_command("targets", str(plan.pk), "--as-of", "2024-12-31", "--json")
    out = json.loads(capsys.readouterr().out)
    rows = out["targets"]
    assert {r["target_id"] for r in rows} == set(plan.targets.values_list("pk", flat=True))
    assert all(r["source"] in SOURCE_CODES and r["status"] in TARGET_CODES and r["reason"] for r in rows)
    assert [r for r in rows if r["code"] in ("no_source", "")] == []
    assert out["coverage"]["with_source"] == out["coverage"]["targets"] == plan.targets.count()


def test_sources_of_targets():
    assert source_of("pm25", "<=") == "air"
    assert source_of("pm25_rank", "improve") == "ranking"
    assert source_of("dustfall", "≈") == "measurement"
    assert source_of("section_compliance", ">=") == "water"
    assert source_of("forest_cover", ">=") == "reported"
    assert source_of("", "qualitative") == source_of("carbon_total", "qualitative") == "qualitative"
    assert source_of("pm25", "reduce_by", before_plan=True) == "record"


def test_a_target_counts_once_by_its_worst_row(settings, tmp_path):
    plan = _plan("xicheng-2024-action-plan.txt", settings, tmp_path)
    rows = judge_plan(plan, date(2024, 12, 31))
    summary = coverage(rows)
    assert summary.targets == plan.targets.count() and sum(summary.by_status.values()) == summary.targets
    assert sum(summary.rows.values()) == len(rows) >= summary.targets


def test_a_plan_named_by_a_word_or_refused_with_the_choices(settings, tmp_path, capsys):
    plan = _plan("daxing-2024-action-plan.txt", settings, tmp_path)
    call_command("targets", "大兴")
    assert "targets have a source" in capsys.readouterr().out
    with pytest.raises(CommandError, match="names 0 plans"):
        call_command("targets", "朝阳")
    with pytest.raises(CommandError, match=f"no plan with id {plan.pk + 1}"):
        call_command("targets", str(plan.pk + 1))
