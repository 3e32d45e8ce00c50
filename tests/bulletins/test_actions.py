"""Drafting, editing, issuing and correcting a bulletin: numbers, immutability, kept files and figures."""
import hashlib
import io
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from ecoplan.bulletins import actions, content
from ecoplan.bulletins.models import Bulletin, BulletinFile, BulletinTemplate
from ecoplan.plans.models import Area, Plan
from ecoplan.supervision import actions as sup_actions
from ecoplan.supervision.models import Report

from .conftest import AS_OF


def _issue(world, period="2026-10", **kw):
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], period, AS_OF)
    return actions.do_issue(world["coordinator"], draft, **{"date": date(2026, 11, 5), **kw})


def test_draft_reads_the_figures_and_the_unit_that_has_not_reported(world):
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)
    snap = draft.snapshot
    assert snap["period"] == "2026-10" and snap["cut"] == "2026-10-31"
    assert len(snap["targets"]) >= world["plan"].targets.count()
    units = {row["unit"] for row in snap["late_units"]}
    assert "区市场监管局" in units  # nobody reported in the fixture's cycle
    doc = content.document(draft)
    assert doc.title == "关于2026年10月演示区生态环境保护工作情况的通报" and doc.draft and doc.draft_mark == "草稿"
    assert [s.heading for s in doc.sections][1].startswith("一、")
    assert [t.text for t in doc.closing] == ["七、下一步工作要求", "一是抓好2026年10月问题整改。"]
    with pytest.raises(actions.Refused, match="exists already"):
        actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)
    with pytest.raises(actions.Refused, match="period"):
        actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-13", AS_OF)


def test_the_snapshot_is_plain_json_and_makes_the_same_document():
    import json

    snapshot = {"period": "2026-10", "as_of": "2026-11-20", "cut": "2026-10-31", "plan": {"pk": 1, "title": "计划"},
                "sub_areas": ["东湖街道"], "targets": [], "late_units": [], "overdue": [],
                "entries": {"by_state": {}, "reports": 0},
                "rankings": [{"definition": 1, "name": "PM2.5排名", "metric": "pm25", "metric_name": "PM2.5浓度",
                              "unit": "µg/m³", "lower_is_better": True, "places": 0, "bottom_n": 1,
                              "period": "2026-10", "period_zh": "2026年10月", "rule": "按GB/T 8170修约",
                              "rows": [{"key": "1", "name": "东湖街道", "value": "31", "rank": 1, "reason": "",
                                        "previous_rank": 2, "change": "-3", "improvement": "8.8", "bottom": True}]}],
                "template": {"name": "t", "district": "演示区", "issuer": "局", "title_pattern": "{period}通报",
                             "number_pattern": "{abbr}〔{year}〕{seq}号", "abbreviation": "演环通", "recipients": "",
                             "span": "month", "sections": list(content.CODES), "bottom_n": 1, "opening": "",
                             "closing": "", "signature": "", "body_font": "仿宋", "title_font": "小标宋",
                             "heading_font": "黑体"}}
    again = json.loads(json.dumps(snapshot))
    assert content.make_document(snapshot, {"rankings": "改过的段落"}) == content.make_document(again, {"rankings": "改过的段落"})
    doc = content.make_document(snapshot, {"rankings": "改过的段落"})
    ranking_section = doc.sections[2]
    assert ranking_section.blocks[0].text == "改过的段落"
    table = ranking_section.blocks[1]
    assert table.rows == [["东湖街道", "31", "1", "2", "-3", "+8.8"]] and table.marked == (0,)
    assert "东湖街道（31µg/m³，第1名）" in doc.sections[3].blocks[-1].text


def test_a_judged_value_is_printed_with_its_places(world, monkeypatch):
    """The evaluation rounds PM2.5 to one place (27.0): the targets table says 27.0, as 30.6 next to it."""
    from datetime import datetime

    from ecoplan.analytics.judgement import Judgement
    from ecoplan.evaluation import cached
    from ecoplan.evaluation.services import TargetJudgement

    target = world["plan"].targets.filter(value__isnull=False).first()
    rows = [TargetJudgement(target, area, Judgement("on_track", "", value=Decimal(v), unit="µg/m³"))
            for area, v in ((world["district"].children.get(name="东湖街道"), "27.0"),
                            (world["district"].children.get(name="西山街道"), "30.6"))]
    monkeypatch.setattr(cached, "judged", lambda plan, as_of: cached.Kept(rows, datetime.now(), fresh=True))
    snapshot = content.read_figures(world["plan"], world["template"], content.periods.parse("2026-10"), AS_OF)
    assert [(t["area"], t["value"]) for t in snapshot["targets"]] == [("东湖街道", "27.0"), ("西山街道", "30.6")]
    table = content.make_document(snapshot).sections[1].blocks[-1]
    assert [row[4] for row in table.rows] == ["27.0µg/m³", "30.6µg/m³"]
    assert [(r[3], str(r[3])) for r in content.annex(snapshot)[0].rows] == [(Decimal("27.0"), "27.0"),
                                                                         (Decimal("30.6"), "30.6")]


def test_the_template_must_be_of_the_plan_s_district(world):
    other = Area.objects.create(name="别区", kind=Area.Kind.DISTRICT)
    foreign = BulletinTemplate.objects.create(name="别区通报", district=other, issuer="别区生态环境局", abbreviation="别环通")
    with pytest.raises(actions.Refused, match="is for 别区, not for the plan's district"):
        actions.do_create_draft(world["coordinator"], world["plan"], foreign, "2026-10", AS_OF)
    Plan.objects.filter(pk=world["plan"].pk).update(district=None)
    plan = Plan.objects.get(pk=world["plan"].pk)
    for template in (foreign, world["template"]):
        with pytest.raises(actions.Refused, match="names no district.*set the plan's district"):
            actions.do_create_draft(world["coordinator"], plan, template, "2026-10", AS_OF)
    assert not Bulletin.objects.exists()
    with pytest.raises(CommandError, match="names no district") as caught:
        call_command("bulletin", str(plan.pk), "--period", "2026-10", "--format", "docx", "--template", "别区通报",
                     "-o", "/nonexistent/x.docx", stdout=io.StringIO())
    assert caught.value.returncode == 2


def test_patterns_refuse_unknown_placeholders():
    with pytest.raises(content.PatternError, match="{perod}"):
        content.fill("关于{perod}的通报", {"period": "x"})
    with pytest.raises(content.PatternError):
        content.fill("关于{period的通报", {"period": "x"})


@pytest.mark.parametrize("pattern", ["{period.real}", "{year.real}", "{period[0]}", "{period!r}",
                                     "{period:>200000000}", "{year:x}"])
def test_patterns_take_only_bare_placeholders(pattern):
    """str.format would reach into the value (AttributeError, TypeError) or pad it to 200 MB."""
    with pytest.raises(content.PatternError, match="is not a placeholder"):
        content.fill("关于" + pattern + "的通报", {"period": "2026年10月", "year": 2026})


def test_patterns_fill_and_keep_escaped_braces():
    assert content.fill("{{{abbr}}}〔{year}〕{seq}号", {"abbr": "演环通", "year": 2026, "seq": 3}) == "{演环通}〔2026〕3号"


def test_issue_numbers_in_sequence_and_keeps_the_files(world):
    first = _issue(world)
    assert first.status == Bulletin.Status.ISSUED and first.number == "演环通〔2026〕1号"
    assert first.issued_by == world["coordinator"] and first.issue_date == date(2026, 11, 5)
    second = _issue(world, "2026-09")
    assert second.number == "演环通〔2026〕2号"
    files = {f.format: f for f in BulletinFile.objects.filter(bulletin=first)}
    assert set(files) == {"docx", "pdf", "xlsx"}
    for f in files.values():
        assert hashlib.sha256(bytes(f.content)).hexdigest() == f.sha256 and f.size == len(bytes(f.content))
    assert content.document(first).number == "演环通〔2026〕1号" and not content.document(first).draft
    events = set(LogEntry.objects.filter(object_pk=str(first.pk), content_type__model="bulletin")
                 .values_list("additional_data__event", flat=True))
    assert {"bulletin_drafted", "bulletin_issued"} <= events
    with pytest.raises(actions.Refused, match="taken"):
        draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-08", AS_OF)
        actions.do_issue(world["coordinator"], draft, number="演环通〔2026〕1号", date=date(2026, 12, 1))


def test_a_typed_number_takes_its_place_in_the_sequence(world):
    """A number typed by hand that the pattern gives for seq k counts as k; the automatic number
    passes over numbers taken (here by another template with the same 简称)."""
    first = _issue(world, number="演环通〔2026〕1号")
    assert (first.number_year, first.number_seq) == (2026, 1)
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-09", AS_OF)
    assert actions.next_number(draft, date(2026, 11, 6)) == "演环通〔2026〕2号"
    other = BulletinTemplate.objects.create(name="专项通报", district=world["district"], issuer="北京市演示区生态环境局",
                                            abbreviation="演环通")
    special = actions.do_create_draft(world["coordinator"], world["plan"], other, "2026-10", AS_OF)
    special = actions.do_issue(world["coordinator"], special, date=date(2026, 11, 6))
    assert (special.number, special.number_seq) == ("演环通〔2026〕2号", 2)  # 1号 is taken
    assert actions.next_number(draft, date(2026, 11, 6)) == "演环通〔2026〕3号"
    second = actions.do_issue(world["coordinator"], draft, date=date(2026, 11, 6))
    assert (second.number, second.number_seq) == ("演环通〔2026〕3号", 3)
    off = _issue(world, "2026-08", number="演环通〔2026〕第9号")  # not of the pattern: outside the sequence
    assert (off.number, off.number_year, off.number_seq) == ("演环通〔2026〕第9号", None, None)


def test_issued_content_never_changes(world):
    issued = _issue(world)
    kept = {f.format: bytes(f.content) for f in issued.files.all()}
    snapshot = dict(issued.snapshot)
    before = content.document(issued)
    for attempt in (lambda: actions.do_edit_draft(world["coordinator"], issued, issued.revision, {"targets": "改"}),
                    lambda: actions.do_refresh_draft(world["coordinator"], issued),
                    lambda: actions.do_issue(world["coordinator"], issued)):
        with pytest.raises(actions.Refused, match="cannot change"):
            attempt()
    # new data: the unit reports October; the template's texts change
    report = Report.objects.get(cycle=world["cycle"], organisation__name="区市场监管局")
    report = sup_actions.do_save_report(report, world["coordinator"], report.version, {})
    sup_actions.do_submit_report(report, world["coordinator"], report.version)
    world["template"].closing = "全新的要求"
    world["template"].save()
    issued = Bulletin.objects.get(pk=issued.pk)
    assert issued.snapshot == snapshot and content.document(issued) == before
    assert {f.format: bytes(f.content) for f in issued.files.all()} == kept
    # a fresh read sees the report (the issued snapshot does not)
    fresh = content.read_figures(world["plan"], world["template"], content.periods.parse("2026-10"), AS_OF)
    assert "区市场监管局" not in {r["unit"] for r in fresh["late_units"]}
    assert "区市场监管局" in {r["unit"] for r in snapshot["late_units"]}


def test_one_issued_version_per_period(world):
    issued = _issue(world)
    with pytest.raises(actions.Refused, match="issued"):
        actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)
    with pytest.raises(IntegrityError), transaction.atomic():
        Bulletin.objects.create(plan=issued.plan, template=issued.template, period="2026-10", status="issued",
                                version=2, change_note="x")


def test_a_correction_is_a_new_version_that_says_what_changed(world):
    issued = _issue(world)
    with pytest.raises(actions.Refused, match="change note"):
        actions.do_correct(world["coordinator"], issued, "  ")
    draft = actions.do_correct(world["coordinator"], issued, "更正表1中南苑镇数值")
    assert draft.version == 2 and draft.supersedes == issued and draft.is_draft
    with pytest.raises(actions.Refused, match="drafted already"):
        actions.do_correct(world["coordinator"], issued, "again")
    corrected = actions.do_issue(world["coordinator"], draft, date=date(2026, 11, 20))
    issued.refresh_from_db()
    assert issued.status == Bulletin.Status.SUPERSEDED and corrected.status == Bulletin.Status.ISSUED
    assert corrected.number == "演环通〔2026〕2号" and issued.number == "演环通〔2026〕1号"
    doc = content.document(corrected)
    title = content.title_of(issued)
    assert title and doc.version == 2
    assert doc.correction == f"更正说明：本通报更正《{title}》（演环通〔2026〕1号），更正表1中南苑镇数值"
    import pdfplumber

    pdf_bytes = bytes(BulletinFile.objects.get(bulletin=corrected, format="pdf").content)
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        text = "".join((page.extract_text() or "") for page in pdf.pages).replace("\n", "")
    assert "更正" in text and "演环通〔2026〕1号" in text and "南苑镇数值" in text
    with pytest.raises(actions.Refused, match="only the issued"):
        actions.do_correct(world["coordinator"], issued, "x")


def test_editing_a_draft_with_the_lock(world):
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)
    edited = actions.do_edit_draft(world["coordinator"], draft, draft.revision, {"targets": "本月目标总体正常。\n第二段。"})
    assert edited.narratives == {"targets": "本月目标总体正常。\n第二段。"}
    texts = [b.text for b in content.document(edited).sections[1].blocks[:2]]
    assert texts == ["本月目标总体正常。", "第二段。"]
    with pytest.raises(actions.Conflict):
        actions.do_edit_draft(world["coordinator"], draft, draft.revision, {"targets": "stale"})
    with pytest.raises(actions.Refused, match="not a section"):
        actions.do_edit_draft(world["coordinator"], edited, edited.revision, {"nope": "x"})
    back = actions.do_edit_draft(world["coordinator"], edited, edited.revision, {"targets": ""})
    assert back.narratives == {}  # back to the generated paragraph
    refreshed = actions.do_refresh_draft(world["coordinator"], back)
    assert refreshed.revision == back.revision + 1


def test_reporters_and_leaders_cannot_draft_or_issue(world):
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)
    for who in ("reporter", "leader", "auditor"):
        with pytest.raises(actions.Refused, match="may not"):
            actions.do_issue(world[who], draft)
        with pytest.raises(actions.Refused, match="may not"):
            actions.do_create_draft(world[who], world["plan"], world["template"], "2026-09", AS_OF)
    assert Bulletin.objects.get(pk=draft.pk).is_draft


def test_saving_the_page_keeps_only_the_paragraphs_that_differ_from_the_generated_ones(world):
    """The page posts every paragraph: the untouched ones stay generated and follow the figures."""
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)
    generated = content.default_narratives(content.snapshot_of(draft))
    posted = {**generated, "targets": "本月目标总体正常。"}
    edited = actions.do_edit_draft(world["coordinator"], draft, draft.revision, posted)
    assert edited.narratives == {"targets": "本月目标总体正常。"}
    # a paragraph posted back as generated (with the browser's line ends) is no edit either
    again = actions.do_edit_draft(world["coordinator"], edited, edited.revision,
                                  {**posted, "reporting": generated["reporting"].replace("\n", "\r\n") + " "})
    assert again.narratives == {"targets": "本月目标总体正常。"}
    # the figures change: the untouched paragraph follows them, the edited one stays
    report = Report.objects.filter(cycle=world["cycle"], status__in=["draft", "returned"]).first()
    assert report is not None
    before = content.default_narratives(content.snapshot_of(again))["reporting"]
    Report.objects.filter(cycle=world["cycle"]).update(status=Report.Status.SUBMITTED)
    refreshed = actions.do_refresh_draft(world["coordinator"], again, AS_OF)
    texts = {p.code: p.text for p in content.parts(content.snapshot_of(refreshed), refreshed.narratives)}
    assert texts["reporting"] != before and texts["reporting"] == content.default_narratives(
        content.snapshot_of(refreshed))["reporting"]
    assert texts["targets"] == "本月目标总体正常。"
    # emptied: back to the generated text
    back = actions.do_edit_draft(world["coordinator"], refreshed, refreshed.revision, {"targets": ""})
    assert back.narratives == {}


def test_next_month_is_the_month_after_the_period_s_end(world):
    """{next_month}: the deadline of the closing's 下一步工作要求 (an October bulletin: 2026年11月)."""
    from ecoplan.bulletins import demo
    from ecoplan.bulletins.forms import PLACEHOLDER_HELP
    from ecoplan.bulletins.sections import PLACEHOLDERS

    world["template"].closing = demo.CLOSING
    world["template"].save()
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)
    closing = [t.text for t in content.document(draft).closing]
    assert any("于2026年11月10日前" in t for t in closing), closing
    for period, after in (("2026-12", "2027年1月"), ("2026-01..10", "2026年11月")):
        snap = {**draft.snapshot, "period": period}
        assert content.values_of(snap)["next_month"] == after
    assert all("{" + p + "}" in str(PLACEHOLDER_HELP) for p in PLACEHOLDERS)  # the form names every placeholder
