"""One vocabulary: the models, API, pages, engine, importers and the zh-hans catalogue agree with
the rows of ecoplan.vocabulary, and each idea is defined in one place."""
from __future__ import annotations

import ast
import json
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

import ecoplan
from ecoplan.analytics import daily, ingest
from ecoplan.analytics.judgement import judge
from ecoplan.importers import deadlines as deadline_reader
from ecoplan.importers import import_file, indicator_table, organisations, targets
from ecoplan.reporting import duties
from ecoplan.standards import packs
from ecoplan.vocabulary import Term, areas, cells, deadlines, indicators, pollutants, review, states, units
from ecoplan.vocabulary import trajectory as trajectory_terms
from ecoplan.vocabulary.rank_metrics import ROUNDING_RULES

from ..conftest import DEMO
from .census import census

SRC = Path(ecoplan.__file__).parent
PO = SRC / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
TERMS: dict[str, tuple[Term, ...]] = {
    "deadline kinds": deadlines.KINDS, "review kinds": review.REVIEW_KINDS,
    "report states": states.REPORT_STATES, "entry states": states.ENTRY_STATES, "due states": states.DUE_STATES,
    "pollutants": pollutants.POLLUTANTS, "AQI categories": pollutants.AQI_CATEGORIES,
    "unit kinds": units.KINDS,
    "trajectory paths": trajectory_terms.PATH_KINDS, "trajectory years": trajectory_terms.YEAR_STATES,
    "trajectory checks": trajectory_terms.CHECK_STATES,
    "ranking levels": areas.LEVELS, "rounding rules": ROUNDING_RULES,
}


def _catalogue() -> dict[str, str]:
    """msgid → msgstr of the zh-hans .po (continuation lines joined)."""
    entries: dict[str, str] = {}
    msgid = msgstr = None
    current = None
    for line in PO.read_text("utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            if msgid is not None and msgstr is not None:
                entries[msgid] = msgstr
            msgid, msgstr, current = ast.literal_eval(line[6:]), None, "id"
        elif line.startswith("msgstr "):
            msgstr, current = ast.literal_eval(line[7:]), "str"
        elif line.startswith('"') and current == "id":
            msgid += ast.literal_eval(line)
        elif line.startswith('"') and current == "str":
            msgstr += ast.literal_eval(line)
    if msgid is not None and msgstr is not None:
        entries[msgid] = msgstr
    return entries


# --- the rows themselves ---------------------------------------------------------------------

@pytest.mark.parametrize("name", TERMS)
def test_rows_have_unique_codes_an_english_label_and_a_chinese_term(name):
    terms = TERMS[name]
    assert len({t.code for t in terms}) == len(terms), name
    for t in terms:
        assert re.fullmatch(r"[a-z0-9_]+", t.code) and t.label and t.label.isascii(), t
        assert re.search(r"[\u4e00-\u9fff]", t.zh), t


def test_every_label_is_marked_for_makemessages():
    """Term(code, _("label"), zh) with a literal: makemessages finds every label."""
    for path in (SRC / "vocabulary").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Term":
                label = node.args[1]
                assert isinstance(label, ast.Call) and getattr(label.func, "id", "") == "_", \
                    f"{path.name}:{node.lineno}: the label is not a _(\"…\") literal"
                assert isinstance(label.args[0], ast.Constant), f"{path.name}:{node.lineno}"


@pytest.mark.parametrize("name", TERMS)
def test_the_zh_hans_catalogue_translates_each_label_to_its_chinese_term(name):
    po = _catalogue()
    wrong = {t.label: (po.get(t.label), t.zh) for t in TERMS[name] if po.get(t.label) != t.zh}
    assert wrong == {}, "msgid: (.po, vocabulary)"
    with translation.override("zh-hans"):  # the compiled .mo the pages use
        assert {t.label: translation.gettext(t.label) for t in TERMS[name]} == {t.label: t.zh for t in TERMS[name]}


# --- models, API, pages ------------------------------------------------------------------------

def _choices(field):
    with translation.override("en"):
        return [(code, str(label)) for code, label in field.choices]


def _rows(terms):
    return [(t.code, t.label) for t in terms]


def test_model_choices_are_the_vocabulary():
    from ecoplan.plans.models import LexiconEntry, Measure, Organisation, ReviewItem
    from ecoplan.supervision.models import EntryStatus, Report, ReportEntry

    assert _choices(Measure._meta.get_field("deadline_kind")) == _rows(deadlines.KINDS)
    assert _choices(ReviewItem._meta.get_field("kind")) == _rows(review.REVIEW_KINDS)
    assert _choices(Organisation._meta.get_field("kind")) == _rows(units.KINDS)
    assert _choices(LexiconEntry._meta.get_field("kind")) == [r for r in _rows(units.KINDS) if r[0] != units.UNKNOWN]
    assert Organisation.Kind.GROUP == "group" and Organisation.Kind.SUB_AREA == "sub_area"
    assert _choices(Report._meta.get_field("status")) == _rows(states.REPORT_STATES)
    assert _choices(ReportEntry._meta.get_field("status")) == _rows(states.ENTRY_STATES)
    # the TextChoices conveniences callers use
    assert Report.Status.DRAFT == "draft" and EntryStatus.NOT_DUE == "not_due"
    assert Measure.DeadlineKind.UNRECOGNISED == "unrecognised"
    assert list(Report.Status.values) == list(states.REPORT_CODES)


def test_api_schema_enums_are_the_vocabulary():
    from ecoplan.supervision.api import api

    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]

    def enum_of(model: str, field: str) -> list[str]:
        ref = components[model]["properties"][field]["$ref"]
        return components[ref.rsplit("/", 1)[1]]["enum"]

    assert enum_of("ReportOut", "status") == list(states.REPORT_CODES)
    assert enum_of("EntryOut", "status") == list(states.ENTRY_CODES)
    assert enum_of("EntryIn", "status") == list(states.ENTRY_CODES)
    assert enum_of("MeasureOut", "state") == list(states.DUE_CODES)


@pytest.mark.django_db
def test_the_area_page_draws_the_level_colours_of_the_pack_in_force(client, settings, tmp_path):
    from ecoplan.plans.models import Area

    settings.DATA_DIR = tmp_path
    district = Area.objects.create(name="演示区", kind=Area.Kind.DISTRICT)
    for year in (2024, 2027):
        page = client.get(f"/air/areas/{district.pk}/", {"year": year}).content.decode()
        pieces = json.loads(re.search(r"var pieces = (\[.*?\]);", page).group(1))
        levels = packs.rules_for(date(year, 12, 31)).aqi.levels
        assert [(p["max"], p["color"]) for p in pieces] == [(lv.max_aqi, lv.colour) for lv in levels]
        assert pieces[0]["min"] == 0 and all(b["min"] == a["max"] + 1 for a, b in zip(pieces, pieces[1:]))
        with translation.override("zh-hans"):
            assert [p["label"] for p in pieces] == [lv.category for lv in levels]


def test_the_packs_print_the_vocabularys_aqi_categories():
    for rules in packs.rule_sets().values():
        assert [lv.category for lv in rules.aqi.levels] == [c.zh for c in pollutants.AQI_CATEGORIES]


def test_due_state_labels_on_the_dashboards_are_the_vocabulary():
    assert list(duties.STATE_LABELS) == list(states.DUE_CODES)
    assert list(duties.STATE_LABELS.values()) == [t.label for t in states.DUE_STATES]


# --- importers ------------------------------------------------------------------------------

def _raised_review_kinds() -> set[str]:
    """Review kinds written in the importers: add_review("…"), _doubt(row, "…"), doubts.append(("…", …))."""
    found: set[str] = set()
    for path in (SRC / "importers").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            args = node.args
            if name == "add_review" and args and isinstance(args[0], ast.Constant):
                found.add(args[0].value)
            elif name == "_doubt" and len(args) > 1 and isinstance(args[1], ast.Constant):
                found.add(args[1].value)
            elif name in ("append", "extend") and getattr(node.func.value, "attr", getattr(node.func.value, "id", "")) \
                    .endswith("doubts") and args and isinstance(args[0], ast.Tuple) \
                    and isinstance(args[0].elts[0], ast.Constant):
                found.add(args[0].elts[0].value)
    return found


def test_every_review_kind_the_importers_raise_is_in_the_vocabulary():
    raised = _raised_review_kinds()
    assert len(raised) >= 15
    assert raised - set(review.CODES) == set()
    assert {item.kind for item in import_file(str(DEMO)).review} <= set(review.CODES)


def test_an_unknown_review_kind_is_refused_where_it_is_raised():
    with pytest.raises(ValueError, match="not in ecoplan.vocabulary.review"):
        import_file(str(DEMO)).add_review("no_such_kind", "message", 1)


def test_the_deadline_reader_returns_only_vocabulary_kinds():
    returned = set()
    for node in ast.walk(ast.parse((SRC / "importers" / "deadlines.py").read_text("utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Deadline":
            kind = node.args[1] if len(node.args) > 1 else next(k.value for k in node.keywords if k.arg == "kind")
            returned.add(kind.value)
    assert returned == set(deadlines.CODES)  # every kind is read, none invented
    assert deadline_reader.KINDS == deadlines.CODES
    assert deadlines.STANDING | deadlines.DUE_ON_END | {"from_date", "window"} == set(deadlines.CODES)


def test_month_end():
    assert deadlines.month_end(2024, 2) == date(2024, 2, 29) and deadlines.month_end(2023, 2) == date(2023, 2, 28)
    assert deadline_reader.parse("2月底前", 2024).end == date(2024, 2, 29)
    assert duties.month_end(date(2024, 4, 1)) == date(2024, 4, 30)


@given(kind=st.sampled_from(deadlines.CODES), today=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
       due=st.none() | st.dates(date(2020, 1, 1), date(2030, 12, 31)),
       done=st.none() | st.dates(date(2020, 1, 1), date(2030, 12, 31)),
       latest=st.none() | st.sampled_from(states.ENTRY_CODES))
def test_due_state_answers_in_the_vocabulary(kind, today, due, done, latest):
    deadline = duties.Deadline(kind, None if due is None else due - timedelta(days=30), due)
    assert duties.due_state(deadline, today, done, latest) in states.DUE_CODES


@pytest.mark.parametrize("marker", sorted(cells.EMPTY_MARKERS))
def test_an_empty_cell_reads_as_empty_in_every_column(marker):
    assert deadline_reader.parse(marker, 2024).kind == "blank"
    assert organisations.is_empty_marker(marker) and organisations.split_cell(marker) == []
    target = targets.parse_cell("PM2.5年均浓度", marker, 1)
    if marker in cells.EMPTY_TARGET_MARKERS:
        assert target is None
    else:  # 无 in a target cell: none at all (= 0)
        assert (target.comparator, target.value) == ("=", Decimal(0))


def test_missing_air_readings_are_one_list():
    assert ingest.MISSING_TEXT is cells.MISSING_READINGS
    assert cells.NONE_MARKER not in cells.MISSING_READINGS


# --- pollutants and series ------------------------------------------------------------------

def test_every_series_a_pack_names_is_in_the_vocabulary_with_its_breakpoints():
    for rules in packs.rule_sets().values():
        pack = rules.aqi
        for series in pack.daily_series:
            assert pollutants.BY_CODE[series].daily, (pack.id, series)
            assert pack.table_for(series).conc
        for series in pack.hourly_series:
            assert pollutants.BY_CODE[series].hourly, (pack.id, series)
            assert pack.table_for(series).conc
        for table in pack.breakpoints:
            assert table in pollutants.BY_CODE, (pack.id, table)
        assert set(rules.assessment.percentiles) <= set(pollutants.CODES)
    assert {s.pollutant for s in pollutants.SERIES} == set(pollutants.CODES)


def test_the_engine_tables_hold_the_vocabularys_columns():
    assert set(daily.CONCENTRATIONS) == set(pollutants.DAILY_SERIES)
    assert set(ingest.POLLUTANTS) == set(pollutants.CODES) == set(ingest.IMPOSSIBLE)
    assert pollutants.PRIMARY_NAMES["o3_8h"] == "臭氧8小时" and pollutants.PRIMARY_NAMES["pm25"] == "细颗粒物(PM2.5)"


def test_the_air_command_offers_the_vocabularys_pollutants_and_averagings():
    from ecoplan.monitoring.management.commands.air import Command

    parser = Command().create_parser("ecoplan", "air")
    sub = next(a for a in parser._actions if a.dest == "action").choices["aqi"]
    options = {a.dest: a.choices for a in sub._actions}
    assert list(options["pollutant"]) == list(pollutants.CODES)
    assert list(options["averaging"]) == list(pollutants.AVERAGINGS)
    for code in pollutants.CODES:  # every choice reaches a breakpoint table
        for averaging in pollutants.AVERAGINGS:
            series = pollutants.series_of(code, averaging)
            if series in pollutants.BY_CODE or any(series == t for r in packs.rule_sets().values()
                                                   for t in r.aqi.breakpoints):
                assert any(set(pollutants.breakpoint_tables(series)) & set(r.aqi.breakpoints)
                           for r in packs.rule_sets().values()), series


# --- indicators and sub-areas ---------------------------------------------------------------

def test_the_readers_read_only_catalogue_indicators_and_every_one_is_read():
    read = {code for code, _ in targets.PATTERNS} | {row[0] for row in indicator_table.COLUMNS}
    assert read - set(indicators.BY_CODE) == set()
    assert set(indicators.BY_CODE) - read == set()
    assert {i.source for i in indicators.INDICATORS} <= set(indicators.SOURCE_CODES)


def test_a_target_takes_its_name_unit_and_direction_from_the_catalogue():
    [pm25] = targets.extract("PM2.5年均浓度达到35微克/立方米", 1)
    [good] = targets.extract("优良天数比率达到76%", 1)
    assert (pm25.indicator, pm25.unit, pm25.comparator) == ("PM2.5年均浓度", "µg/m³", "<=")
    assert (good.indicator, good.unit, good.comparator) == ("优良天数比率", "%", ">=")


@pytest.mark.parametrize("indicator", indicators.INDICATORS, ids=lambda i: i.code)
def test_only_air_measured_indicators_are_judged(indicator):
    judgement = judge(indicator.code, "<=", Decimal(35), "year", 2024, None, date(2024, 6, 30))
    assert (judgement.code == "no_source") == (indicator.source != "air")


@pytest.mark.parametrize("group", areas.SUB_AREA_GROUPS, ids=lambda g: g.zh)
def test_a_sub_area_group_is_a_group_unit_that_stands_for_its_members(group):
    unit = organisations.resolve(group.zh)
    assert unit.kind == "group" and unit.known
    assert areas.members_of(group.zh) == group.members


def test_every_sub_area_scopes():
    [scoped] = targets.extract("各街道PM2.5年均浓度达到35微克/立方米", 1)
    assert areas.is_every_sub_area(scoped.area)
    assert indicator_table.STREET_TABLE_START.startswith(areas.DISTRICT_AND_EVERY)
    assert areas.is_every_sub_area(indicator_table.STREET_TABLE_START)
    assert not areas.is_every_sub_area("东湖街道") and areas.members_of("相关单位") == ()


# --- each idea in one place -----------------------------------------------------------------

# Collections of codes that are not the idea's definition but a mapping of it onto something else.
NOT_DEFINITIONS = {
    "pollutants and series": {"analytics/ingest.py",  # presets: the column names of source formats (uci, cnemc)
                              "vocabulary/indicators.py",  # MEAN_OF: the pollutant an annual-mean indicator is judged on
                              "vocabulary/rank_metrics.py"},  # the air metrics: each pollutant's period statistic
    "各… sub-area groups": {"bulletins/demo.py"},  # the demo template's 主送 line, as a bureau types it
}
HOME = {
    "deadline kinds and month end": ["vocabulary/deadlines.py"],
    "empty-cell markers": ["vocabulary/cells.py"],
    "pollutants and series": ["vocabulary/pollutants.py"],
    "indicator catalogue": ["vocabulary/indicators.py"],
    "各… sub-area groups": ["vocabulary/areas.py"],
    "review kinds": ["vocabulary/review.py"],
    "unit kinds": ["vocabulary/units.py"],
    "report, entry and due states": ["vocabulary/states.py"],
    "AQI level colours": ["standards/packs/*.toml"],
}


def test_each_idea_is_defined_in_one_place():
    places = {concept: [f for f in files if f not in NOT_DEFINITIONS.get(concept, set())]
              for concept, files in census(SRC).items()}
    assert places == HOME


def test_the_export_schema_lists_the_vocabularys_deadline_kinds():
    schema = json.loads((SRC / "importers" / "data" / "plan-export.schema.json").read_text("utf-8"))
    measure = schema["properties"]["annexes"]["items"]["properties"]["tasks"]["items"]["properties"]["measures"]
    assert measure["items"]["properties"]["deadline"]["properties"]["kind"]["enum"] == list(deadlines.CODES)
    kind = schema["properties"]["review"]["items"]["properties"]["kind"]
    assert kind.get("enum", list(review.CODES)) == list(review.CODES)
    for role in ("lead_units", "co_units"):
        assert measure["items"]["properties"][role]["items"]["properties"]["kind"]["enum"] == list(units.CODES)


def test_the_importer_resolves_units_to_the_vocabularys_kinds():
    """The structure's endings and the packaged lexicon name only kinds of ecoplan.vocabulary.units."""
    assert {kind for _pattern, kind, _needs_place in organisations.ENDINGS} <= set(units.CODES)
    assert {e.kind for e in organisations.packaged_entries()} <= set(units.LEXICON_CODES)


def test_every_indicator_has_one_theme_of_the_annexes():
    from ecoplan.plans.models import Annex

    listed = [code for codes in indicators.THEMES.values() for code in codes]
    assert sorted(listed) == sorted(indicators.BY_CODE) and len(listed) == len(set(listed))
    assert set(indicators.THEMES) <= set(Annex.Theme.values)
