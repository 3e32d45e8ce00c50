"""Bad input: a clear message naming the file (and line), never a half-read plan."""
import pytest

from ecoplan.importers import import_bytes
from ecoplan.importers.model import PlanImportError

from ..conftest import DEMO


def error(data: bytes, name: str) -> PlanImportError:
    with pytest.raises(PlanImportError) as info:
        import_bytes(data, name)
    return info.value


def test_empty_file():
    e = error(b"  \n", "empty.txt")
    assert str(e) == "empty.txt: the file is empty"


def test_binary_file():
    assert "binary" in str(error(b"\x89PNG\r\n\x1a\n\x00\x00", "logo.txt"))


def test_unknown_encoding():
    e = error(bytes(range(128, 256)) * 4, "latin.txt")
    assert "encoding" in str(e) and e.line == 1


def test_no_recognisable_plan():
    assert "no recognisable plan" in str(error("今天天气很好。\n".encode(), "weather.txt"))


def test_truncated_table_names_the_line():
    text = DEMO.read_text("utf-8").split("\n")
    row = next(i for i, l in enumerate(text) if l.startswith("3\t"))
    text[row] = "3\t促进油品储运环节减排"
    e = error("\n".join(text).encode(), "cut.txt")
    assert e.line == row + 1 and "truncated" in e.message


def test_gb18030_and_crlf_read_the_same():
    text = DEMO.read_text("utf-8")
    utf8 = import_bytes(text.encode("utf-8"), "demo.txt")
    gbk = import_bytes(text.replace("\n", "\r\n").encode("gb18030"), "demo.txt")
    assert gbk.counts() == utf8.counts()
    assert gbk.annexes == utf8.annexes


def test_bad_docx_and_pdf():
    assert "docx" in str(error(b"PK not really", "plan.docx"))
    assert error(b"%PDF-1.4 garbage", "plan.pdf").source == "plan.pdf"


def test_a_line_no_rule_reads_is_listed_and_reviewed(monkeypatch):
    from ecoplan.importers import header_table

    real = header_table.parse

    def forgetful(text, source, result):  # a shape that drops a table row
        real(text, source, result)
        result.annexes[-1].tasks[1].measures.pop()  # 汛前开展雨水管涵全面清掏 (its own line)

    monkeypatch.setattr(header_table, "parse", forgetful)
    result = import_bytes(DEMO.read_bytes(), "demo.txt")
    unread = [r for r in result.review if r.kind == "line_unread"]
    assert len(unread) == 1 and "not read" in unread[0].message
    assert any(s.reason == "not read by the importer" for s in result.skipped)
