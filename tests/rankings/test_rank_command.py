"""`ecoplan rank`: the table, the JSON document, saved rankings, and one clear line (exit 2) for bad input."""
from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ecoplan.rankings.management.commands.rank import Command
from ecoplan.rankings.models import RankingDefinition

OCT, SEP, OCT_BEFORE = date(2026, 10, 1), date(2026, 9, 1), date(2025, 10, 1)


@pytest.fixture
def october(fake_sources):
    for start, values in ((OCT, {"东街道": "35.4", "西街道": "34.6", "南街道": "40", "北镇": "31", "中乡": "no jar"}),
                          (SEP, {"东街道": "30", "西街道": "41", "南街道": "39"}),
                          (OCT_BEFORE, {"东街道": "40", "西街道": "35", "南街道": "0"})):
        for name, value in values.items():
            fake_sources.values[(name, start)] = value
    return fake_sources


def rank(*args) -> str:
    out = StringIO()
    call_command("rank", *args, stdout=out)
    return out.getvalue()


def test_json_document(district, october):
    doc = json.loads(rank("示范区", "--metric", "pm25", "--period", "2026-10", "--level", "street", "--bottom", "1",
                          "--as-of", "2026-11-03", "--json"))
    assert (doc["metric"]["code"], doc["period"], doc["level"], doc["as_of"]) == ("pm25", "2026-10", "street",
                                                                               "2026-11-03")
    assert doc["parent"]["name"] == "示范区" and doc["ranked"] == 3 and doc["rule"]
    rows = {r["name"]: r for r in doc["rows"]}
    assert (rows["东街道"]["value"], rows["东街道"]["rank"], rows["东街道"]["previous_rank"]) == ("35", 1, 1)
    assert (rows["西街道"]["rank"], rows["西街道"]["change"], rows["西街道"]["improvement"]) == (1, "-6", "0.0")
    assert rows["南街道"]["bottom"] and rows["南街道"]["improvement"] is None  # a zero base: no rate
    assert rows["南街道"]["area_id"] and not rows["东街道"]["bottom"]


def test_table_lists_ranked_and_unranked_with_the_reason(district, october):
    text = rank("示范区", "--metric", "pm25", "--period", "2026-10", "--level", "town", "--as-of", "2026-11-03")
    assert "北镇" in text and "中乡" in text and "no jar" in text and "东街道" not in text


def test_span_and_improvement_order(district, october):
    doc = json.loads(rank("示范区", "--metric", "pm25", "--period", "2026-10", "--span", "month", "--by",
                          "improvement", "--level", "street", "--as-of", "2026-11-03", "--json"))
    assert [r["name"] for r in doc["rows"] if r["rank"]] == ["东街道", "西街道"]  # 12.5 %, 0.0 %
    assert doc["rows"][-1]["rank"] is None and doc["rows"][-1]["reason"]


def test_a_saved_ranking(district, october):
    RankingDefinition.objects.create(name="街道PM2.5月排名", area=district, level="street", metric="pm25",
                                     bottom_n=1)
    doc = json.loads(rank("--definition", "街道PM2.5月排名", "--period", "2026-10", "--as-of", "2026-11-03", "--json"))
    assert [r["name"] for r in doc["rows"] if r["bottom"]] == ["南街道"] and doc["level"] == "street"


@pytest.mark.parametrize("args, says", [
    (["无此区", "--metric", "pm25", "--period", "2026-10"], "no area"),
    (["示范区", "--metric", "pm2.5", "--period", "2026-10"], "not a ranking metric"),
    (["示范区", "--metric", "pm25", "--period", "2026-13"], "month 13"),
    (["示范区", "--metric", "pm25", "--period", "October"], "not a period"),
    (["示范区", "--metric", "pm25", "--period", "2027-01", "--as-of", "2026-11-03"], "has not started"),
    (["--metric", "pm25", "--period", "2026-10"], "AREA"),
    (["示范区", "--period", "2026-10"], "--metric"),
    (["--definition", "none such", "--period", "2026-10"], "no saved ranking"),
])
def test_bad_input_is_one_clear_line_and_exit_code_2(district, october, english, args, says):
    with pytest.raises(CommandError, match=says) as refused:
        call_command("rank", *args, stdout=StringIO())
    assert refused.value.returncode == 2 and "\n" not in str(refused.value)


def test_the_command_line_exits_2(district, october, english, capsys):
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["ecoplan", "rank", "无此区", "--metric", "pm25", "--skip-checks"])
    assert exited.value.code == 2
    assert "no area" in capsys.readouterr().err
