"""The bulletin as DOCX: opened again with python-docx, everything the bureau prints is there."""
import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from ecoplan.reporting import bulletin_docx
from ecoplan.reporting.bulletin import Document, Section, Text
from tests.reporting.sample import area_names, corrected_document, sample_document


def opened(doc: Document):
    return docx.Document(io.BytesIO(bulletin_docx.render(doc)))


@pytest.fixture(scope="module")
def draft():
    return opened(sample_document(draft=True))


@pytest.fixture(scope="module")
def issued():
    return opened(corrected_document())


def text_of(book) -> str:
    parts = [p.text for p in book.paragraphs]
    parts += [c.text for t in book.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def east_asia(element) -> str | None:
    fonts = element.find(f".//{qn('w:rFonts')}")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_title_issuer_number_and_recipients(issued):
    texts = [p.text for p in issued.paragraphs]
    assert texts[0] == "北京市演示区生态环境局"
    assert texts[1] == "演环通〔2026〕10号"  # the 文号 under the issuer line
    assert "关于2026年10月全区生态环境保护工作情况的通报" in texts
    assert "各镇人民政府，各街道办事处，区政府各委、办、局：" in texts
    assert texts[-3:-1] == ["北京市演示区生态环境局", "2026年11月5日"]
    assert issued.core_properties.title == "关于2026年10月全区生态环境保护工作情况的通报"


def test_every_row_of_the_ranking_table(draft):
    ranking = draft.tables[1]
    assert len(ranking.rows) == 1 + 330  # header, 329 ranked sub-areas and one unranked
    assert [c.text for c in ranking.rows[0].cells] == ["排名", "街道（乡镇）", "浓度", "上月排名", "名次变化", "改善率"]
    names = {row.cells[1].text for row in ranking.rows[1:]}
    assert names == set(area_names(330))


def test_header_row_repeats_and_bottom_rows_are_shaded(draft):
    ranking = draft.tables[1]
    assert ranking.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in ranking.rows[1:])

    def shaded(row):
        shd = row.cells[0]._tc.tcPr.find(qn("w:shd"))
        return shd is not None and shd.get(qn("w:fill")) == "FBE3E1"
    marked = [i for i, row in enumerate(ranking.rows[1:]) if shaded(row)]
    assert marked == list(range(319, 329))  # the bottom 10 of the 329 ranked


def test_charts_are_pictures(draft):
    assert len(draft.inline_shapes) == 2
    blob = draft.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert draft.part.related_parts[blob].blob.startswith(b"\x89PNG")
    assert abs(draft.inline_shapes[0].width - Mm(156)) < Mm(1)


def test_east_asian_fonts_are_named(draft):
    styles = draft.styles
    assert east_asia(styles["Normal"].element) == "仿宋_GB2312"
    assert east_asia(styles["Heading 1"].element) == "黑体"
    fonts = styles["Heading 1"].element.find(f".//{qn('w:rFonts')}")
    assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None
    defaults = styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:eastAsia")) == "zh-CN"
    title = next(p for p in draft.paragraphs if p.text.startswith("关于"))
    assert east_asia(title.runs[0]._r) == "方正小标宋简体"
    assert title.runs[0].font.size.pt == 22
    heading = next(p for p in draft.paragraphs if p.text.startswith("一、"))
    assert heading.style.name == "Heading 1"
    body = next(p for p in draft.paragraphs if p.text.startswith("2026年10月"))
    ind = body._p.pPr.find(qn("w:ind")) if body._p.pPr is not None else None
    ind = ind if ind is not None else body.style.element.find(f".//{qn('w:ind')}")
    assert ind.get(qn("w:firstLineChars")) == "200"


def test_page_layout_and_numbers(draft):
    section = draft.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin)
    assert [round(s.mm) for s in sizes] == [210, 297, 37, 35, 28, 26]  # A4, GB/T 9704 margins
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert " PAGE " in xml and footer.paragraphs[0].text.startswith("— ")


def test_draft_mark_on_every_page_only_for_drafts(draft, issued):
    for header in (draft.sections[0].header, draft.sections[0].even_page_header):
        assert header.paragraphs[0].text == "征求意见稿"
    assert "征求意见稿" not in issued.sections[0].header._element.xml
    assert not any("更正说明" in p.text for p in draft.paragraphs)


def test_a_later_version_says_what_changed(issued):
    assert any(p.text.startswith("更正说明：第2版") for p in issued.paragraphs)


def test_an_empty_document_still_renders():
    book = opened(Document(issuer="", title=""))
    assert book.tables == [] and len(book.inline_shapes) == 0
    book = opened(Document(issuer="区局", title="通报", sections=[Section("一、无内容"), Section("", [Text("")])]))
    assert "一、无内容" in text_of(book)


def test_the_closing_heading_is_a_heading_1_as_the_sections_are():
    book = opened(Document(issuer="区局", title="通报", sections=[Section("六、工作开展情况", [Text("正文。")])],
                           closing=[Text("七、下一步工作要求", emphasis=True), Text("一是对标年度目标。", emphasis=True)]))
    by_text = {p.text: p for p in book.paragraphs}
    heading = by_text["七、下一步工作要求"]
    assert heading.style.name == "Heading 1" == by_text["六、工作开展情况"].style.name
    assert heading.style.paragraph_format.keep_with_next
    assert by_text["一是对标年度目标。"].style.name == "Body Text"  # a lead-in sentence stays body text
