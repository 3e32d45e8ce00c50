"""A template's rankings in the bulletin: a table per ranking (value, rank, previous rank, change,
improvement rate; the bottom N marked), a bar chart of the ranked areas, the bottom-N list."""
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ecoplan.bulletins import actions, content
from ecoplan.bulletins.models import Bulletin
from ecoplan.rankings import sources
from ecoplan.rankings.models import RankingDefinition

from .conftest import AS_OF

# October 2026, September 2026, October 2025
PM25 = {"东湖街道": ("27.4", "30.2", "30.0"), "西山街道": ("31.2", "29.0", "31.0"), "南苑镇": ("38.6", "41.0", "36.0")}


@pytest.fixture
def fake_air(monkeypatch):
    """An air source with fixed PM2.5 figures for the month, the month before and a year before."""
    def air(metric, areas, window):
        which = 2 if window.start.year == 2025 else 0 if window.start.month == 10 else 1
        return {a.pk: sources.AreaFigure(Decimal(PM25[a.name][which])) for a in areas if a.name in PM25}
    monkeypatch.setitem(sources.SOURCES, "air", air)


def test_a_ranking_table_chart_and_bottom_list(world, fake_air):
    definition = RankingDefinition.objects.create(name="PM2.5月均浓度排名", area=world["district"], metric="pm25",
                                                  span="month")  # no N of its own: the template's (1)
    world["template"].bottom_n = 1
    world["template"].save()
    world["template"].rankings.add(definition)
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)
    ranking = draft.snapshot["rankings"][0]
    assert [(r["name"], r["value"], r["rank"], r["previous_rank"], r["bottom"]) for r in ranking["rows"]] == [
        ("东湖街道", "27", 1, 2, False), ("西山街道", "31", 2, 1, False), ("南苑镇", "39", 3, 3, True)]
    doc = content.document(draft)
    section = next(s for s in doc.sections if s.heading.endswith("街道（镇）排名情况"))
    table = next(b for b in section.blocks if isinstance(b, content.Table))
    assert table.header[1] == "PM2.5浓度（µg/m³）" and table.marked == (2,)
    # change against September (环比), improvement rate against October 2025 (改善率: (30−27)/30)
    assert table.rows == [["东湖街道", "27", "1", "2", "-3", "+10.0"], ["西山街道", "31", "2", "1", "+2", "0.0"],
                          ["南苑镇", "39", "3", "3", "-2", "-8.3"]]
    chart = next(b for b in section.blocks if isinstance(b, content.BarChart))
    assert chart.categories == ["东湖街道", "西山街道", "南苑镇"] and chart.values == [27.0, 31.0, 39.0]
    assert chart.marked == (2,) and chart.places == 0
    assert "东湖街道排名第一（27µg/m³），南苑镇排名末位（39µg/m³）" in section.blocks[0].text
    bottom = next(s for s in doc.sections if s.heading.endswith("排名靠后的街道（镇）"))
    assert "南苑镇（39µg/m³，第3名）" in bottom.blocks[-1].text
    sheet = next(s for s in doc.annex if s.name.startswith("PM2.5"))
    assert sheet.rows[2][:3] == ["南苑镇", 39, 3] and sheet.rows[2][6] == "是" and sheet.rows[0][6] == "否"
    assert str(sheet.rows[0][5]) == "10.0"  # the improvement rate with its place


def test_a_period_not_started_or_a_ranking_that_cannot_be_made_is_refused(world, fake_air, client, tmp_path):
    """Not a 500: the page says why (the engine's RankingError was let through)."""
    definition = RankingDefinition.objects.create(name="PM2.5月均浓度排名", area=world["district"], metric="pm25",
                                                  span="month")
    world["template"].rankings.add(definition)
    with pytest.raises(actions.Refused, match="2030年1月 has not started"):
        actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2030-01", AS_OF)
    client.force_login(world["coordinator"])
    page = client.post(reverse("bulletins:create", args=[world["plan"].pk]),
                       {"template": world["template"].pk, "period": "2030-01"}, follow=True)
    assert page.status_code == 200 and "2030年1月截至" in page.content.decode()  # …尚未开始 (the page is in Chinese)
    with pytest.raises(CommandError, match="has not started|尚未开始") as caught:
        call_command("bulletin", str(world["plan"].pk), "--period", "2030-01", "--format", "docx",
                     "-o", str(tmp_path / "x.docx"), stdout=io.StringIO())
    assert caught.value.returncode == 2 and "\n" not in str(caught.value)
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)
    RankingDefinition.objects.filter(pk=definition.pk).update(metric="nonesuch")  # made unrankable since
    with pytest.raises(actions.Refused, match="(rankings: |的排名：).*nonesuch"):
        actions.do_refresh_draft(world["coordinator"], draft, AS_OF)
    with pytest.raises(actions.Refused, match="has not started|尚未开始"):
        actions.do_refresh_draft(world["coordinator"], draft, date(2026, 9, 30))
    issued = actions.do_issue(world["coordinator"], Bulletin.objects.get(pk=draft.pk))
    with pytest.raises(actions.Refused, match="(rankings: |的排名：).*nonesuch"):
        actions.do_correct(world["coordinator"], issued, "数据更正")


def test_the_rankings_and_the_targets_say_the_same_date_of_the_data(world, fake_air):
    """Read on 20 November, the October bulletin's data end on 31 October: under the rankings as under
    the targets (the rule said the reading day)."""
    definition = RankingDefinition.objects.create(name="PM2.5月均浓度排名", area=world["district"], metric="pm25",
                                                  span="month")
    world["template"].rankings.add(definition)
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)
    doc = content.document(draft)
    notes = [b.note for s in doc.sections for b in s.blocks if isinstance(b, content.Table) and b.note]
    assert "评价截至2026年10月31日" in notes[0] and "2026年10月31日" in notes[1]
    assert all("2026年11月20日" not in n for n in notes) and "截至2026年10月31日" in doc.footer


def test_a_quarter_read_while_it_runs_ranks_the_month_it_is_read_to(world, fake_air):
    """A 2026-Q4 bulletin drafted on 20 November: its monthly ranking is of November (read to the
    20th), not of December, which has not begun — before, the draft was refused."""
    definition = RankingDefinition.objects.create(name="PM2.5月均浓度排名", area=world["district"], metric="pm25",
                                                  span="month", bottom_n=1)
    world["template"].span = "quarter"  # the bureau's quarterly bulletin
    world["template"].save()
    world["template"].rankings.add(definition)
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-Q4", AS_OF)
    ranking = draft.snapshot["rankings"][0]
    assert ranking["period"] == "2026-11" and ranking["period_zh"] == "2026年11月"
