"""The bulletin as PDF: the text comes back out (pdfplumber), long tables run over pages, the Chinese
font travels inside the file."""
import io
import re

import pdfplumber
import pytest
from pdfminer.pdftypes import resolve1

from ecoplan.reporting import bulletin_pdf, fonts
from ecoplan.reporting.bulletin import Document, Section, Table, Text
from tests.reporting.sample import area_names, corrected_document, sample_document

pytestmark = pytest.mark.skipif(not any(fonts.Path(p).exists() for p, _ in fonts.BODY_CANDIDATES),
                                reason="no CJK TrueType font installed (make fonts)")


def pages_text(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [re.sub(r"\s+", "", page.extract_text() or "") for page in pdf.pages]


def font_descriptors(data: bytes) -> dict[str, dict]:
    """Base font name → its descriptor, for every font the pages use."""
    found = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for ref in resolve1(resolve1(page.page_obj.resources).get("Font", {})).values():
                font = resolve1(ref)
                descendants = resolve1(font.get("DescendantFonts")) or [font]
                for d in descendants:
                    d = resolve1(d)
                    found[str(resolve1(d.get("BaseFont")))] = resolve1(d.get("FontDescriptor")) or {}
    return found


@pytest.fixture(scope="module")
def draft() -> bytes:
    return bulletin_pdf.render(sample_document(draft=True))


@pytest.fixture(scope="module")
def draft_pages(draft) -> list[str]:
    return pages_text(draft)


@pytest.fixture(scope="module")
def issued() -> bytes:
    return bulletin_pdf.render(corrected_document())


def test_title_and_every_sub_area_come_back(draft_pages):
    pages = draft_pages
    assert len(pages) > 1  # the 330-row ranking runs over pages
    text = "".join(pages)
    assert "关于2026年10月全区生态环境保护工作情况的通报" in text
    assert all(name in text for name in area_names(330))
    assert "数据不足（有效" in text  # the unranked sub-area with its reason


def test_the_table_header_repeats_on_every_page_it_runs_onto(draft_pages):
    header = "排名街道（乡镇）浓度上月排名名次变化改善率"
    first = next(i for i, p in enumerate(draft_pages) if "东城街道" in p)  # rank 1
    last = next(i for i, p in enumerate(draft_pages) if "新口乡" in p)  # rank 329
    assert last - first >= 5
    assert all(header in p for p in draft_pages[first:last + 1])


def test_page_numbers_and_draft_mark(draft_pages, issued):
    pages = draft_pages
    assert all(f"—{n}—" in p for n, p in enumerate(pages, start=1))
    assert all("征求意见稿" in p for p in pages)
    assert not any("征求意见稿" in p for p in pages_text(issued))


def test_number_and_correction_of_a_later_version(issued):
    first = pages_text(issued)[0]
    assert "演环通〔2026〕10号" in first and "更正说明：第2版更正了表2中金城街道的浓度" in first


def test_the_cjk_font_is_embedded(draft):
    descriptors = font_descriptors(draft)
    own = {name: d for name, d in descriptors.items() if "Helvetica" not in name}  # reportlab's page default
    assert any("UMing" in name for name in own) and any("WenQuanYi" in name for name in own), own.keys()
    assert all("FontFile2" in d for d in own.values())  # TrueType outlines inside the file
    assert all(re.search(r"[A-Z]{6}\+", name) for name in own)  # subsets: AAAAAA+UMingCN-0


def test_without_a_font_file_it_falls_back_to_the_cid_font(monkeypatch):
    monkeypatch.setattr(fonts, "BODY_CANDIDATES", ())
    monkeypatch.setattr(fonts, "HEADING_CANDIDATES", ())
    monkeypatch.delenv(fonts.ENV, raising=False)
    data = bulletin_pdf.render(Document(issuer="演示区生态环境局", title="关于排名情况的通报",
                                        sections=[Section("一、情况", [Text("东城街道排名第一。")])]))
    assert "关于排名情况的通报" in "".join(pages_text(data))
    descriptors = font_descriptors(data)
    assert any("STSong-Light" in name for name in descriptors)
    assert not any("FontFile2" in d for d in descriptors.values())


def test_an_empty_document_still_renders():
    assert pages_text(bulletin_pdf.render(Document(issuer="", title=""))) == ["—1—"]
    odd = Document(issuer="区局", title="通报", sections=[Section("", [Table("", [], []), Table("表", ["a"], [[]])])])
    assert len(pages_text(bulletin_pdf.render(odd))) == 1


def test_a_huge_cell_splits_instead_of_failing():
    doc = Document(issuer="区局", title="通报", sections=[Section("一、", [
        Table("表1", ["单位", "说明"], [["东城街道", "未按时报送。" * 900]])])])
    assert len(pages_text(bulletin_pdf.render(doc))) > 1


def test_chinese_lines_never_start_with_closing_punctuation_nor_end_with_an_opening_bracket():
    """禁则: reportlab's CJK wrap let "，", "；", "）" begin a line and "（" end one."""
    from ecoplan.reporting import official
    from ecoplan.reporting.kinsoku import CANNOT_END, CANNOT_START

    names = ["东湖街道", "西山街道", "南苑镇", "北城街道", "金桥镇", "长安街道"]
    paragraph = "；".join(f"{n}（{i}.0吨/平方公里·月，第{i}名），同比下降{i}.5%，环比上升（{i}个百分点）"
                         for i, n in enumerate(names * 6, 1)) + "。"
    cell = "，".join(f"{n}（{i}）" for i, n in enumerate(names * 3, 1)) + "。"
    doc = Document(issuer="", title="", sections=[Section("一、降尘", [
        Text(paragraph), Text("（" * 60 + "）" * 60), Table("表1", ["街道", "说明"], [["东湖街道", cell]])])])
    data = bulletin_pdf.render(doc)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        lines = [line for p in pdf.pages for line in (p.extract_text() or "").splitlines()]
        right = page.width - official.RIGHT_MM * bulletin_pdf.mm + 1
        assert max(c["x1"] for p in pdf.pages for c in p.chars) <= right  # nothing runs into the margin
    text = [t for t in (re.sub(r"\s+", "", line) for line in lines) if not re.fullmatch(r"—\d+—", t)]
    assert len(text) > 20
    bad = [t for t in text if t[:1] in CANNOT_START or t[-1:] in CANNOT_END]
    # a line only of brackets has no allowed break: it breaks where it must, and only it
    assert bad and all(set(t) <= set("（）") for t in bad), bad
    assert paragraph in "".join(text)  # every character kept, in order


def page_lines(data: bytes) -> list[list[str]]:
    """Each page's text lines, the draft mark and the page number left out."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [[re.sub(r"\s+", "", t) for t in (p.extract_text() or "").splitlines()] for p in pdf.pages]
    return [[t for t in lines if t and not re.fullmatch(r"—\d+—", t) and t != "草稿"] for lines in pages]


HEADER = ["序号", "指标", "范围", "目标", "当前值", "状态"]


@pytest.mark.parametrize("filler", range(8, 15))
def test_rows_stay_whole_and_no_header_ends_a_page(filler):
    """A row too tall for the rest of a page goes whole to the next, under the repeated header: no
    empty piece at the page's foot below a stray header."""
    rows = [[str(i), "PM2.5年均浓度", "演示区", "≤35µg/m³", "30.6µg/m³", "正常推进"] for i in range(1, 8)]
    rows.insert(3, ["4", "降尘量", "演示区", "各镇、街道全年进入全市PM2.5月均浓度排名前十" * 2, "—", "待评价"])
    doc = Document(issuer="区局", title="通报", draft=False, sections=[Section("一、主要目标完成情况", [
        *[Text("截至2026年10月31日，计划目标共18项，正常推进14项。" * 2)] * filler,
        Table("表1 主要目标完成情况", HEADER, rows, note="评价截至2026年10月31日。")])])
    data = bulletin_pdf.render(doc)
    assert not [lines for lines in page_lines(data) if lines and lines[0] == "评价截至2026年10月31日。"]  # nor the note
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        tables = [t for p in pdf.pages for t in p.extract_tables()]
        ends = [p.extract_tables()[-1][-1] for p in pdf.pages if p.extract_tables()]
    assert sum(len(t) for t in tables) >= len(rows) + 1
    assert all(any(c and c.strip() for c in row) for t in tables for row in t)  # no empty fragment
    assert all(row != HEADER for row in ends)


@pytest.mark.parametrize("filler", range(14, 22))
def test_a_heading_or_a_table_title_never_ends_a_page(filler):
    paragraph = "各单位要对标年度目标，认真分析原因，制定整改措施。"
    closing_head = "七、下一步工作要求"
    doc = Document(issuer="区局", title="通报", draft=False, sections=[
        Section("一、情况", [Text(paragraph * 2)] * filler),
        Section("二、排名", [Table("表2 排名", ["街道", "浓度"], [["东湖街道", "30"]] * 4)]),
        Section("三、图", [Text(paragraph * 2)] * (filler // 2))],
        closing=[Text(closing_head, emphasis=True), Text("一是" + paragraph * 3)], signature="区局", date="2026年11月5日")
    pages = page_lines(bulletin_pdf.render(doc))
    heads = {"一、情况", "二、排名", "三、图", closing_head, "表2排名"}
    assert closing_head in [t for lines in pages for t in lines]
    assert not [lines[-1] for lines in pages if lines and lines[-1] in heads]


@pytest.mark.parametrize("count", range(26, 33))
def test_a_table_note_never_opens_a_page_alone(count):
    note = "评价截至2026年10月31日。"
    doc = Document(issuer="", title="", draft=False, sections=[Section("一、情况", [
        Table("表1 排名", ["街道", "浓度"], [[f"街道{i}", "30"] for i in range(count)], note=note)])])
    pages = page_lines(bulletin_pdf.render(doc))
    assert note in "".join(t for lines in pages for t in lines)
    assert not [lines for lines in pages if lines and lines[0] == note]
