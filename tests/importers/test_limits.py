"""Inputs that used to crash or stall the importer: refused naming the file (and line or field),
quickly and in little memory."""
import json
import time

import pytest

from ecoplan.importers import import_bytes, limits
from ecoplan.importers.model import PlanImportError

from ..conftest import DEMO
from ..fuzz import corpus

TEXT = DEMO.read_text("utf-8")


def error(data: bytes, name: str) -> PlanImportError:
    started = time.monotonic()
    with pytest.raises(PlanImportError) as info:
        import_bytes(data, name)
    assert time.monotonic() - started < 10
    assert str(info.value).startswith(name)
    return info.value


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "gbk"])
def test_utf16_and_gbk_read_like_utf8(encoding):
    assert import_bytes(TEXT.encode(encoding), "demo.txt").counts() == import_bytes(DEMO.read_bytes(), "demo.txt").counts()


def test_nul_bytes_anywhere_name_the_line():
    data = TEXT.encode() + b"\n\x00tail"
    assert error(data, "nul.txt").line == TEXT.count("\n") + 2
    # NUL bytes in the first lines of UTF-8 text are not UTF-16 (no guess that reads as garbage)
    assert "binary file" in error(DEMO.read_bytes().replace(b"\n", b"\n\x00", 50), "nul.txt").message
    assert error("\ufeff".encode(), "bom.txt").message == "the file is empty"


def test_size_lines_and_line_length_are_bounded():
    assert "larger than the limit of 50 MB" in error(b"x" * (limits.MAX_FILE_BYTES + 1), "big.txt").message
    assert "100,001 lines" in error(("附件1\n" * 100_000).encode(), "annex.txt").message
    e = error((TEXT + "\n1\t" + "测" * 350_000).encode(), "cell.txt")
    assert e.line == TEXT.count("\n") + 2 and "350,002 characters" in e.message


def test_xlsx_whose_only_cell_is_xfd1048576():
    assert "more than 50,000 rows" in error(corpus.xfd_xlsx(), "far.xlsx").message


def test_xlsx_that_claims_a_huge_dimension_is_read_by_its_cells():
    small = corpus.dimension_lie_xlsx(corpus.to_xlsx(TEXT))
    assert import_bytes(small, "demo.xlsx").counts()["measures"] == 14


def test_zip_bombs_are_refused_from_the_zip_directory():
    assert "zip bomb" in error(corpus.docx_bomb(300 << 20), "bomb.docx").message
    assert "zip bomb" in error(corpus.xlsx_bomb(300 << 20), "bomb.xlsx").message


@pytest.mark.parametrize("seed", range(4))
def test_corrupt_zip_data_and_broken_xml(seed):
    import random

    docx, xlsx = corpus.to_docx(TEXT), corpus.to_xlsx(TEXT)
    for name, data in (("z.docx", corpus.zlib_corrupt(docx, random.Random(seed))),
                       ("z.xlsx", corpus.zlib_corrupt(xlsx, random.Random(seed)))):
        try:  # a damaged member the reader never opens (docProps/app.xml) does not matter
            import_bytes(data, name)
        except PlanImportError as e:
            assert str(e).startswith(name + ": not a readable")
    error(corpus.broken_docx_xml(docx, random.Random(seed)), "x.docx")


def test_damaged_pdf():
    assert "not a readable PDF" in error(b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [1 0 R] >> endobj\n%%EOF", "p.pdf").message


@pytest.fixture(scope="module")
def export():
    return corpus.result_to_export(import_bytes(DEMO.read_bytes(), DEMO.name))


def json_error(doc) -> PlanImportError:
    return error(doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode(), "plan.json")


def test_exported_json_imports_and_matches_the_schema(export):
    result = import_bytes(json.dumps(export, ensure_ascii=False).encode(), "plan.json")
    assert result.counts()["measures"] == 14
    big = json.dumps({**export, "review": [export["review"][0]] * 40_000}, ensure_ascii=False).encode()
    assert "larger than the limit of 10 MB" in json_error(big).message


@pytest.mark.parametrize("path, value, field, words", [
    (("plan", "period_start"), 99999999999, "plan/period_start", "greater than the maximum of 2100"),
    (("annexes", 0, "tasks", 0, "measures", 0, "deadline", "kind"), "someday",
     "annexes/0/tasks/0/measures/0/deadline/kind", "'someday' is not one of"),
    (("annexes", 0, "tasks", 0, "measures", 0, "deadline", "end"), "2024-13-45",
     "annexes/0/tasks/0/measures/0/deadline/end", "is not a 'date'"),
    (("targets", 0, "value"), "abc", "targets/0/value", "does not match"),
    (("plan", "title"), None, "plan/title", "is not of type 'string'"),
    (("review", 0, "ref"), ["target", 999], "review/0/ref", "not in the file"),
    (("review", 0, "template"), "{x.__class__}", "review/0/template", "names a parameter"),
])
def test_impossible_json_values_name_the_field(export, path, value, field, words):
    doc = json.loads(json.dumps(export))
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    e = json_error(doc)
    assert e.field == field and words in e.message


@pytest.mark.parametrize("data, words", [
    (b"[" * 100_000 + b"]" * 100_000, "not a JSON plan export"),
    (b'{"schema": NaN}', "NaN is not a number"),
    (b'{"schema": 1,\n "plan": ', "not a JSON plan export: Expecting value"),
    ("{}".encode("utf-16"), "not UTF-8"),
    (b"[]", "is not of type 'object'"),
])
def test_malformed_and_deeply_nested_json(data, words):
    assert words in json_error(data).message


def test_zip_directory_that_zipfile_cannot_read():
    docx = bytearray(corpus.to_docx(TEXT))
    entry = docx.index(b"PK\x01\x02")  # the first central directory entry
    docx[entry + 6:entry + 8] = b"\x64\x00"  # needs zip version 10.0: NotImplementedError
    assert "not a zip archive: NotImplementedError" in error(bytes(docx), "version.docx").message
