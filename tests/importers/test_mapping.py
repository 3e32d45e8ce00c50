"""The coordinator's column mapping: the roles guessed for a table of unknown columns, the mapping
written as `--columns` or a file, and the header_table reader under it."""
from datetime import date
from pathlib import Path

import pytest

from ecoplan.importers import import_bytes, import_text, mapping, preview_bytes
from ecoplan.importers.model import PlanImportError

from ..conftest import DEMO

LEDGER = (Path(__file__).parent / "contract" / "header_table-county-ledger.txt").read_bytes()
CONFIRMED = {"序": "number", "整治事项": "task", "做法": "measure", "办结日期": "deadline",
             "责任科室": "lead_unit", "配合科室": "co_unit", "资金": "attribute"}


def test_a_table_of_unknown_columns_is_a_question_with_guesses():
    with pytest.raises(mapping.ColumnsUnmapped) as asked:
        import_bytes(LEDGER, "ledger.txt")
    preview = asked.value.preview
    assert preview.line == 2
    assert [(c.header, c.role) for c in preview.columns] == [
        ("序", "number"), ("整治事项", "attribute"), ("做法", "measure"), ("办结日期", "deadline"),
        ("责任科室", "lead_unit"), ("配合科室", "co_unit"), ("资金", "attribute")]
    why = {c.header: c.why.template for c in preview.columns}
    assert why["序"] == "the header resembles “{word}”" and why["做法"] == "the longest texts of the table"
    assert why["办结日期"] == "its cells read as deadlines" and why["责任科室"] == "the header resembles “{word}”"  # 责任股室
    assert [line for line, _cells in preview.rows] == [3, 4, 5]
    # what the guess would create, before anything is written
    assert preview.title == "某县2025年农村人居环境整治工作台账"
    assert preview.annexes == [("1", "某县2025年农村人居环境整治工作台账", 3, 3)]
    # the CLI's message names the columns and the --columns line to pass
    assert "序, 整治事项, 做法" in str(asked.value) and "--columns '序=number,整治事项=attribute,做法=measure" \
        in str(asked.value)


def test_guess_from_a_header_that_contains_a_vocabulary_word():
    columns = mapping.guess(["编 号", "主要工作内容", "牵头责任单位", "完成时间节点"], [["1", "做好", "区水务局", "6月底前"]])
    assert [(c.role, c.why.template) for c in columns] == [
        ("number", "a header word of the column vocabulary"),
        ("measure", "the header contains “{word}”"),
        ("lead_unit", "the header contains “{word}”"),
        ("deadline", "the header contains “{word}”")]


def test_the_confirmed_mapping_reads_the_table():
    result = import_bytes(LEDGER, "ledger.txt", columns=CONFIRMED)
    assert result.shape == "header_table"
    assert [t.title for a in result.annexes for t in a.tasks] == ["厕所改造", "垃圾治理", "污水治理"]
    toilets, rubbish, sewage = result.measures()
    assert toilets.text == "完成农村户厕改造200户，建立管护长效机制。" and toilets.line == 3
    assert toilets.deadline.end == date(2025, 6, 30)
    assert [u.printed for u in rubbish.co_units] == ["县城管局", "各乡镇人民政府"]
    assert (toilets.lead_label, toilets.co_label) == ("责任科室", "配合科室")
    assert sewage.attributes == {"资金": "省级资金"}
    # the coordinator named 资金 another column: no review item asks about it again
    assert not [r for r in result.review if r.kind == "columns_unmapped"]


def test_mapping_overrides_the_vocabulary_and_ignores_a_column():
    text = "\n".join(["序号\t工作措施\t工作要求\t完成时限\t牵头单位\t页码",
                      "1\t见下\t完成水源地规范化建设。\t年底前\t区水务局\t3"])
    plain = import_text(text, "t.txt", "x")
    assert plain.measures()[0].text == "见下"
    mapped = import_text(text, "t.txt", "x", columns={"工作措施": "attribute", "工作要求": "measure", "页码": "ignore"})
    measure, = mapped.measures()
    assert measure.text == "完成水源地规范化建设。"
    assert measure.attributes == {"工作措施": "见下"}  # 页码 ignored: not kept


def test_mapped_columns_missing_from_the_header_are_named():
    with pytest.raises(PlanImportError) as caught:
        import_bytes(LEDGER, "ledger.txt", columns={**CONFIRMED, "备注": "attribute"})
    assert caught.value.line == 2 and "备注" in caught.value.message and caught.value.field == "columns"
    with pytest.raises(PlanImportError, match="no table header holds the mapped columns"):
        import_bytes(LEDGER, "ledger.txt", columns={"工作内容": "measure"})


@pytest.mark.parametrize("spec,expected", [
    ("工作内容=measure,责任部门=lead_unit", {"工作内容": "measure", "责任部门": "lead_unit"}),
    ("工作内容 = measure ， 责任部门=lead, 配合部门=co, 分管领导=official, 备注=other,",
     {"工作内容": "measure", "责任部门": "lead_unit", "配合部门": "co_unit", "分管领导": "lead_official",
      "备注": "attribute"}),
])
def test_columns_spec(spec, expected):
    assert mapping.parse_spec(spec) == expected


@pytest.mark.parametrize("spec,error", [
    ("工作内容", "“工作内容”: a column mapping is HEADER=ROLE"),
    ("工作内容=measure,责任部门=boss", "“责任部门=boss”: a column mapping is HEADER=ROLE, the role one of number, task, measure"),
    ("甲=measure,乙=measure", "the columns 甲、乙 are all mapped to measure"),
    ("责任部门=lead_unit", "no column is mapped to measure"),
])
def test_bad_columns_spec(spec, error):
    with pytest.raises(PlanImportError) as caught:
        mapping.parse_spec(spec)
    assert error in caught.value.message and caught.value.source == "--columns"


def test_columns_file_toml_and_json():
    toml = '[columns]\n"工作内容" = "measure"\n"责任部门" = "lead"\n'.encode()
    assert mapping.read_file(toml, "m.toml") == {"工作内容": "measure", "责任部门": "lead_unit"}
    assert mapping.read_file('{"工作内容": "measure"}'.encode(), "m.json") == {"工作内容": "measure"}
    with pytest.raises(PlanImportError, match="m.toml: not a column mapping file"):
        mapping.read_file("工作内容 = measure".encode(), "m.toml")
    with pytest.raises(PlanImportError, match="holds printed header = role pairs"):
        mapping.read_file(b'{"columns": {"a": 1}}', "m.json")


def test_no_plan_fails_with_what_was_found():
    people = "人员名单\n姓名\t年龄\t住址\n张三\t30\t北京\n".encode()
    with pytest.raises(PlanImportError) as caught:
        import_bytes(people, "people.txt")
    assert not isinstance(caught.value, mapping.ColumnsUnmapped)
    assert "a table with columns 姓名, 年龄, 住址; none maps to a measure" in caught.value.message
    assert "none holds text long enough to be the measures" in caught.value.message
    with pytest.raises(PlanImportError) as caught:
        import_bytes("会议通知\n\n请各单位于周五下午参加会议。\n".encode(), "notice.txt")
    assert caught.value.message.startswith("no recognisable plan in 2 lines of text: no task table")


def test_shape_forced_and_refused():
    forced = import_bytes(DEMO.read_bytes(), DEMO.name, shape="header_table")
    assert forced.shape == "header_table" and forced.counts()["measures"] == 14
    with pytest.raises(PlanImportError, match="no shape tables: the shapes are table_text, fyp_plan"):
        import_bytes(DEMO.read_bytes(), DEMO.name, shape="tables")
    with pytest.raises(PlanImportError, match="a column mapping applies to task tables"):
        import_bytes(LEDGER, "ledger.txt", shape="prose_plan", columns=CONFIRMED)
    with pytest.raises(PlanImportError, match="JSON export has no shape or column mapping"):
        import_bytes(b"{}", "plan.json", columns=CONFIRMED)


def test_preview_under_a_corrected_mapping():
    preview = preview_bytes(LEDGER, "ledger.txt", {"整治事项": "task"})
    task = next(c for c in preview.columns if c.header == "整治事项")
    assert (task.role, task.why.template) == ("task", "chosen by you")
    assert preview.annexes == [("1", "某县2025年农村人居环境整治工作台账", 3, 3)] and preview.error is None
    broken = preview_bytes(LEDGER, "ledger.txt", {"做法": "attribute"})
    assert "no column is mapped to measure" in broken.error.message and broken.annexes == []


def test_an_xlsx_ledger_is_previewed_and_imported_under_the_mapping():
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    for line in LEDGER.decode("utf-8").strip().split("\n"):
        sheet.append(line.split("\t"))
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(mapping.ColumnsUnmapped) as asked:
        import_bytes(buffer.getvalue(), "台账.xlsx")
    assert [c.role for c in asked.value.preview.columns][2:5] == ["measure", "deadline", "lead_unit"]
    result = import_bytes(buffer.getvalue(), "台账.xlsx", columns=CONFIRMED)
    assert result.counts()["tasks"] == 3 and result.counts()["measures"] == 3
