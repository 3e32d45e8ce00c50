"""A deterministic corpus of bad inputs: plan documents and hourly air files.

Plan inputs are mutations of the five seed documents (``../shared/seeds``) and the demo plan,
each written as .txt, .docx, .xlsx, .pdf or an exported .json, plus crafted cases (corrupt
zips, zip bombs, an xlsx whose only cell is XFD1048576, 100,000 lines of ``附件1``, a 50 MB text,
deeply nested JSON …).  Air inputs are mutations of real files read in place from
``../shared/data/real`` (never copied into the repository) and of synthetic files.

Same seed, same corpus: every random choice comes from one ``random.Random(seed)``.
``cases()`` yields ``Case`` objects whose bytes are built on demand (the big ones are big).
"""
from __future__ import annotations

import io
import json
import os
import random
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# the shared folder beside the clone (as the tests expect), or ECOPLAN_SHARED_DIR
SHARED = Path(os.environ.get("ECOPLAN_SHARED_DIR") or ROOT.parent / "shared")
SEEDS = SHARED / "seeds"
REAL = SHARED / "data" / "real"
DEMO = ROOT / "src" / "ecoplan" / "plans" / "demo" / "demo-district-2026-action-plan.txt"


@dataclass
class Case:
    """One input: ``kind`` is "plan" or "air"; ``mapping`` is the air preset to ingest with."""

    name: str
    kind: str
    build: Callable[[], bytes]
    mapping: str = "wide"
    origin: str = ""  # which base and which mutation, for the report


# -- bases ---------------------------------------------------------------------------------------

def plan_bases() -> dict[str, str]:
    bases = {"demo": DEMO.read_text("utf-8")}
    for path in sorted(SEEDS.glob("*.txt")):
        bases[path.stem.split("-")[0]] = path.read_text("utf-8")
    return bases


# -- text mutations (on lines) -------------------------------------------------------------------

def _lines(text: str) -> list[str]:
    return text.split("\n")


def m_truncate(rng, text):
    return text[: rng.randrange(1, max(2, len(text)))]


def m_delete_lines(rng, text):
    lines = _lines(text)
    for _ in range(rng.randint(1, max(1, len(lines) // 10))):
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def m_duplicate_block(rng, text):
    lines = _lines(text)
    start = rng.randrange(len(lines))
    block = lines[start:start + rng.randint(1, 40)]
    at = rng.randrange(len(lines))
    return "\n".join(lines[:at] + block * rng.randint(1, 5) + lines[at:])


def m_shuffle_lines(rng, text):
    lines = _lines(text)
    start = rng.randrange(len(lines))
    block = lines[start:start + rng.randint(2, 60)]
    rng.shuffle(block)
    return "\n".join(lines[:start] + block + lines[start + len(block):])


def m_drop_tabs(rng, text):
    return text.replace("\t", rng.choice([" ", "", "  ", "|"]))


def m_extra_tabs(rng, text):
    lines = _lines(text)
    for _ in range(rng.randint(1, 30)):
        i = rng.randrange(len(lines))
        lines[i] = lines[i] + "\t" * rng.randint(1, 12)
    return "\n".join(lines)


def m_cut_cells(rng, text):
    """Table rows that lose their last cells (the truncated-row case)."""
    lines = _lines(text)
    rows = [i for i, l in enumerate(lines) if "\t" in l]
    for i in rng.sample(rows, min(len(rows), rng.randint(1, 8))) if rows else []:
        cells = lines[i].split("\t")
        lines[i] = "\t".join(cells[: rng.randrange(1, len(cells))])
    return "\n".join(lines)


JUNK_DEADLINES = ["2024年13月45日", "99999年12月", "0年0月", "2024年2月30日", "2024年底前2025年6月",
                  "长期坚持长期坚持长期坚持", "9" * 40 + "年", "2024年1-13月", "2024年-1月", "第99季度",
                  "每月第99个工作日", "2024年0月0日前", "２０２４年１２月底", "2024.13.01", "年月日"]


def m_bad_deadlines(rng, text):
    lines = _lines(text)
    rows = [i for i, l in enumerate(lines) if "\t" in l]
    for i in rng.sample(rows, min(len(rows), rng.randint(1, 20))) if rows else []:
        cells = lines[i].split("\t")
        cells[rng.randrange(len(cells))] = rng.choice(JUNK_DEADLINES)
        lines[i] = "\t".join(cells)
    return "\n".join(lines)


def m_bad_numbers(rng, text):
    import re

    def repl(m):
        return rng.choice(["9" * 30, "-1", "0", "1e999", "NaN", "１２３", "99999999999", "0.000000001", "∞"])
    return re.sub(r"\d+(\.\d+)?", lambda m: repl(m) if rng.random() < 0.2 else m.group(0), text)


def m_annex_storm(rng, text):
    lines = _lines(text)
    at = rng.randrange(len(lines))
    return "\n".join(lines[:at] + ["附件" + str(rng.randint(1, 9))] * rng.randint(50, 3000) + lines[at:])


def m_long_line(rng, text):
    lines = _lines(text)
    at = rng.randrange(len(lines))
    lines[at] = lines[at] + rng.choice(["测", "a", "\t", "。", "一是"]) * rng.randint(10_000, 300_000)
    return "\n".join(lines)


def m_control_chars(rng, text):
    chars = list(text)
    for _ in range(rng.randint(1, 50)):
        chars.insert(rng.randrange(len(chars)), rng.choice(["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\ufffe",
                                                            "\u200b", "\u2028", "\u202e"]))
    return "".join(chars)


def m_keep_head(rng, text):
    lines = _lines(text)
    return "\n".join(lines[: rng.randint(1, 30)])


def m_only_structure(rng, text):
    """Headings and numbers only: the skeleton of a plan without its content."""
    keep = [l for l in _lines(text) if l.startswith(("附件", "一、", "二、", "（一）", "1", "2"))]
    return "\n".join(keep) or "附件1"


def m_swap_columns(rng, text):
    lines = _lines(text)
    out = []
    for l in lines:
        cells = l.split("\t")
        if len(cells) > 2:
            a, b = rng.sample(range(len(cells)), 2)
            cells[a], cells[b] = cells[b], cells[a]
        out.append("\t".join(cells))
    return "\n".join(out)


TEXT_MUTATIONS = [m_truncate, m_delete_lines, m_duplicate_block, m_shuffle_lines, m_drop_tabs,
                  m_extra_tabs, m_cut_cells, m_bad_deadlines, m_bad_numbers, m_annex_storm,
                  m_long_line, m_control_chars, m_keep_head, m_only_structure, m_swap_columns]


# -- byte mutations and encodings ----------------------------------------------------------------

def b_flip(rng, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def b_truncate(rng, data: bytes) -> bytes:
    return data[: rng.randrange(0, max(1, len(data)))]


def b_splice(rng, data: bytes) -> bytes:
    a, b = sorted(rng.randrange(len(data) + 1) for _ in range(2))
    return data[:a] + data[b:] + data[a:b]


def b_zero_run(rng, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    n = rng.randint(1, 4096)
    return data[:at] + b"\x00" * n + data[at + n:]


BYTE_MUTATIONS = [b_flip, b_truncate, b_splice, b_zero_run]


def encode(rng, text: str) -> bytes:
    choice = rng.randrange(9)
    if choice == 0:
        return text.encode("utf-16")  # with BOM
    if choice == 1:
        return text.encode("utf-16-le")  # without BOM
    if choice == 2:
        return text.encode("gb18030", errors="replace")
    if choice == 3:
        return text.replace("\n", rng.choice(["\r\n", "\r"])).encode()
    if choice == 4:  # mixed line endings
        return "".join(ch if ch != "\n" else rng.choice(["\n", "\r\n", "\r"]) for ch in text).encode()
    if choice == 5:
        return text.encode("big5", errors="replace")
    if choice == 6:
        return b"\xef\xbb\xbf" + text.encode()
    return text.encode()


# -- containers ----------------------------------------------------------------------------------

def to_docx(text: str) -> bytes:
    from docx import Document

    document = Document()
    table = None
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")[:60]
            if table is None or len(table.columns) != len(cells):
                table = document.add_table(rows=0, cols=len(cells))
            row = table.add_row().cells
            for cell, value in zip(row, cells):
                cell.text = _xml_safe(value)
        else:
            table = None
            document.add_paragraph(_xml_safe(line))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xml_safe(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n\r" or (" " <= ch and ch not in "\ufffe\uffff"
                                                             and not "\ud800" <= ch <= "\udfff"))


def to_xlsx(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in text.split("\n"):
        sheet.append([_xml_safe(c)[:32000] for c in line.split("\t")][:200])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    y = 800
    for line in text.split("\n")[:400]:
        pdf.setFont("STSong-Light", 9)
        pdf.drawString(30, y, _xml_safe(line.replace("\t", " "))[:70])
        y -= 12
        if y < 40:
            pdf.showPage()
            y = 800
    pdf.save()
    return buffer.getvalue()


def result_to_export(result) -> dict:
    """The JSON export of a parsed plan (what ``ecoplan export --format json`` writes)."""
    def units(items):
        return [{"name": u.canonical, "printed": u.printed, "kind": u.kind} for u in items]

    def dec(value):
        return None if value is None else format(Decimal(value).normalize(), "f")

    meta = result.meta
    return {
        "schema": 1,
        "plan": {"title": meta.title, "issuing_body": meta.issuing_body, "doc_number": meta.doc_number,
                 "issue_date": meta.issue_date.isoformat() if meta.issue_date else None,
                 "kind": meta.kind, "period_start": meta.period_start, "period_end": meta.period_end,
                 "district": meta.district, "public": meta.public, "repeals": meta.repeals,
                 "report_due_rule": meta.report_due_rule, "source_name": result.source_name,
                 "source_sha256": result.sha256, "source_shape": result.shape},
        "annexes": [{"number": a.number, "title": a.title, "theme": a.theme, "line": a.line, "tasks": [
            {"number": t.number, "title": t.title, "section": t.section, "line": t.line, "measures": [
                {"text": m.text, "deadline": {
                    "raw": m.deadline.raw, "kind": m.deadline.kind,
                    "start": m.deadline.start.isoformat() if m.deadline.start else None,
                    "end": m.deadline.end.isoformat() if m.deadline.end else None,
                    "milestones": [d.isoformat() for d in m.deadline.milestones]},
                 "lead_units": units(m.lead_units), "co_units": units(m.co_units),
                 "lead_officials": m.lead_officials, "lead_label": m.lead_label, "co_label": m.co_label,
                 "line": m.line, "end_line": m.end_line or m.line}
                for m in t.measures]} for t in a.tasks]} for a in result.annexes],
        "targets": [{"indicator": t.indicator, "indicator_code": t.indicator_code, "area": t.area,
                     "comparator": t.comparator, "value": dec(t.value), "value_text": t.value_text,
                     "unit": t.unit, "period": t.period, "binding": t.binding,
                     "baseline_year": t.baseline_year, "baseline_value": dec(t.baseline_value),
                     "baseline_text": t.baseline_text, "conditions": t.conditions, "soft": t.soft,
                     "raw": t.raw, "line": t.line, "annex": t.annex_number, "value_source": ""}
                    for t in result.targets],
        "review": [{"kind": r.kind, "message": r.message, "template": r.template, "params": r.params,
                    "line": r.line, "text": r.text, "status": "open", "resolution": "", "ref": list(r.ref)}
                   for r in result.review],
    }


IMPOSSIBLE = [99999999999, -1, 10**30, 1e308, "2024", None, [], {}, True, "", "x" * 10_000, 0.5, -10**18]


def _paths(doc, prefix=()):
    """Every (path, value) in a JSON document."""
    yield prefix, doc
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, prefix + (i,))


def _set(doc, path, value):
    for key in path[:-1]:
        doc = doc[key]
    if value is _DELETE:
        del doc[path[-1]]
    else:
        doc[path[-1]] = value


_DELETE = object()


def json_mutation(rng, doc: dict) -> bytes:
    doc = json.loads(json.dumps(doc))
    paths = [p for p, _ in _paths(doc) if p]
    choice = rng.randrange(10)
    if choice == 0:  # impossible value somewhere
        for _ in range(rng.randint(1, 5)):
            _set(doc, rng.choice(paths), rng.choice(IMPOSSIBLE))
    elif choice == 1:  # a field removed
        path = rng.choice(paths)
        _set(doc, path, _DELETE) if not isinstance(path[-1], int) else _set(doc, path, None)
    elif choice == 2:
        doc["plan"]["period_start"] = rng.choice([99999999999, -5, "2024", 1.5, 10**20])
    elif choice == 3:
        deadlines = [p for p in paths if p[-1] == "kind" and "deadline" in p]
        for p in rng.sample(deadlines, min(len(deadlines), 3)):
            _set(doc, p, rng.choice(["someday", "", None, 7, "by_date "]))
    elif choice == 4:
        dates = [p for p in paths if p[-1] in ("start", "end", "issue_date")]
        for p in rng.sample(dates, min(len(dates), 3)):
            _set(doc, p, rng.choice(["2024-13-45", "9999-99-99", "tomorrow", 20240101, "0000-01-01"]))
    elif choice == 5:  # malformed JSON text
        text = json.dumps(doc, ensure_ascii=False)
        return text[: rng.randrange(len(text))].encode()
    elif choice == 6:  # wrong container types
        for _ in range(rng.randint(1, 3)):
            _set(doc, rng.choice(paths), rng.choice([{"a": 1}, [1, 2], "annexes", 3]))
    elif choice == 7:
        values = [p for p in paths if p[-1] in ("value", "baseline_value")]
        for p in rng.sample(values, min(len(values), 3)):
            _set(doc, p, rng.choice(["NaN", "Infinity", "1e999999", "abc", "-0", "1" * 500]))
    elif choice == 8:  # nesting
        depth = rng.choice([100, 5000, 200_000])
        _set(doc, rng.choice(paths), None)
        text = json.dumps(doc, ensure_ascii=False)
        return text.replace("null", "[" * depth + "]" * depth, 1).encode()
    else:  # review refs pointing nowhere
        for r in doc.get("review", []):
            r["ref"] = rng.choice([["measure", 99, 99, 99], ["target", 10**6], ["x"], [], "plan"])
    return json.dumps(doc, ensure_ascii=False).encode()


# -- crafted plan cases --------------------------------------------------------------------------

def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _replace_member(data: bytes, member: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members[member] = content
    return _zip(members)


def xfd_xlsx() -> bytes:
    """An xlsx whose only cell is XFD1048576 (the last cell a sheet can have)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["XFD1048576"] = "附件1"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def dimension_lie_xlsx(base: bytes) -> bytes:
    """A small sheet that claims A1:XFD1048576 as its dimension."""
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    import re
    sheet = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', sheet)
    return _replace_member(base, "xl/worksheets/sheet1.xml", sheet)


def _bomb(base: bytes, member: str, marker: bytes, size: int) -> bytes:
    """``base`` with ``size`` bytes of spaces after ``marker`` in ``member``, deflated as it is
    written (the bomb is built in a few MB, not in ``size``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != member:
                z.writestr(info.filename, data)
                continue
            head, _, tail = data.partition(marker)
            with z.open(member, "w", force_zip64=True) as handle:
                handle.write(head + marker)
                chunk = b" " * (1 << 20)
                for _ in range(size >> 20):
                    handle.write(chunk)
                handle.write(tail)
    return buffer.getvalue()


def docx_bomb(size: int) -> bytes:
    """A docx whose document.xml inflates to ``size`` bytes of whitespace-padded XML."""
    return _bomb(to_docx("附件1\n测试"), "word/document.xml", b"<w:body>", size)


def xlsx_bomb(size: int) -> bytes:
    return _bomb(to_xlsx("附件1\n1\t测试"), "xl/worksheets/sheet1.xml", b"<sheetData>", size)


def broken_docx_xml(base: bytes, rng) -> bytes:
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        xml = z.read("word/document.xml")
    cut = xml[: rng.randrange(len(xml) // 2, len(xml))]
    variants = [cut, xml.replace(b"</w:body>", b"", 1), xml + b"<extra>", b"<?xml version='1.0'?><!DOCTYPE x ["
                b"<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
                b"<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>"
                b"<x>&d;&d;&d;&d;</x>", xml.replace(b"w:tbl", b"w:tb l"), b""]
    return _replace_member(base, "word/document.xml", rng.choice(variants))


def deep_json(depth: int, kind: str = "list") -> bytes:
    if kind == "list":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


def zlib_corrupt(base: bytes, rng) -> bytes:
    """Damage the deflated data of one member but keep the zip directory intact."""
    out = bytearray(base)
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        info = rng.choice([i for i in z.infolist() if i.compress_size > 20])
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for _ in range(rng.randint(1, 8)):
        at = start + rng.randrange(info.compress_size)
        out[at] ^= 0xFF
    return bytes(out)


def crafted_plan_cases(rng, bases) -> Iterator[Case]:
    demo = bases["demo"]
    docx = to_docx(demo)
    xlsx = to_xlsx(demo)
    made = [
        ("xfd1048576.xlsx", xfd_xlsx),
        ("dimension-lie.xlsx", lambda: dimension_lie_xlsx(xlsx)),
        ("annex-100000.txt", lambda: ("附件1\n" * 100_000).encode()),
        ("annex-100000-tabs.txt", lambda: ("附件1\t重点任务\t工作措施\n" * 100_000).encode()),
        ("fifty-mb.txt", lambda: (demo * (50 * 1024 * 1024 // len(demo.encode()) + 1)).encode()[:50 * 1024 * 1024]),
        ("fifty-mb-one-line.txt", lambda: ("测" * (50 * 1024 * 1024 // 3)).encode()),
        ("nul-bytes.txt", lambda: demo.encode().replace(b"\n", b"\n\x00", 50)),
        ("nul-late.txt", lambda: demo.encode() * 3 + b"\x00" + demo.encode()),
        ("utf16.txt", lambda: demo.encode("utf-16")),
        ("utf16be.txt", lambda: demo.encode("utf-16-be")),
        ("gbk.txt", lambda: demo.encode("gbk")),
        ("mixed-endings.txt", lambda: demo.replace("\n", "\r", 20).replace("\n", "\r\n", 20).encode()),
        ("ten-thousand-columns.txt", lambda: (demo + "\n" + "\t".join(["x"] * 10_000)).encode()),
        ("one-mb-cell.txt", lambda: (demo + "\n1\t" + "测" * 350_000 + "\t2024年底\t区生态环境局").encode()),
        ("empty.txt", lambda: b""),
        ("spaces.txt", lambda: b" \n\t\n"),
        ("bom-only.txt", lambda: b"\xef\xbb\xbf"),
        ("docx-bomb-1g.docx", lambda: docx_bomb(1 << 30)),
        ("docx-bomb-200m.docx", lambda: docx_bomb(200 << 20)),
        ("xlsx-bomb-1g.xlsx", lambda: xlsx_bomb(1 << 30)),
        ("zip-not-docx.docx", lambda: _zip({"hello.txt": b"hello"})),
        ("zip-not-xlsx.xlsx", lambda: _zip({"hello.txt": b"hello"})),
        ("empty-zip.docx", lambda: _zip({})),
        ("empty.docx", lambda: b""),
        ("empty.xlsx", lambda: b""),
        ("empty.pdf", lambda: b""),
        ("empty.json", lambda: b""),
        ("text-as.docx", lambda: demo.encode()),
        ("text-as.xlsx", lambda: demo.encode()),
        ("text-as.pdf", lambda: demo.encode()),
        ("docx-as.xlsx", lambda: docx),
        ("xlsx-as.docx", lambda: xlsx),
        ("deep-list.json", lambda: deep_json(100_000)),
        ("deep-dict.json", lambda: deep_json(100_000, "dict")),
        ("deep-10k.json", lambda: deep_json(10_000)),
        ("json-array.json", lambda: b"[1, 2, 3]"),
        ("json-string.json", lambda: b'"plan"'),
        ("json-null.json", lambda: b"null"),
        ("json-nan.json", lambda: b'{"schema": NaN}'),
        ("json-gbk.json", lambda: '{"plan": {"title": "规划"}}'.encode("gbk")),
        ("json-huge-int.json", lambda: b'{"schema": 1' + b"0" * 5000 + b"}"),
        ("pdf-header-only.pdf", lambda: b"%PDF-1.7\n%%EOF\n"),
        ("pdf-loop.pdf", lambda: b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [1 0 R] /Count 1 >> endobj\n"
                                 b"trailer << /Root << /Type /Catalog /Pages 1 0 R >> >>\n%%EOF"),
        ("binary.txt", lambda: bytes(range(256)) * 100),
        ("latin1.txt", lambda: "Plan für Straße".encode("latin-1") * 100),
        ("html.txt", lambda: b"<html><body><p>" + demo.encode() + b"</p></body></html>"),
        ("unknown.rtf", lambda: demo.encode()),
        ("noext", lambda: demo.encode()),
    ]
    for name, build in made:
        yield Case(f"crafted/{name}", "plan", build, origin="crafted")
    for i in range(12):
        seed = rng.random()
        yield Case(f"crafted/zlib-{i}.docx", "plan", lambda s=seed: zlib_corrupt(docx, random.Random(s)),
                   origin="crafted zlib")
        yield Case(f"crafted/zlib-{i}.xlsx", "plan", lambda s=seed: zlib_corrupt(xlsx, random.Random(s)),
                   origin="crafted zlib")
        yield Case(f"crafted/broken-xml-{i}.docx", "plan", lambda s=seed: broken_docx_xml(docx, random.Random(s)),
                   origin="crafted xml")


def plan_cases(rng: random.Random, count: int) -> Iterator[Case]:
    bases = plan_bases()
    yield from crafted_plan_cases(rng, bases)
    names = sorted(bases)
    containers = ["txt"] * 40 + ["docx"] * 20 + ["xlsx"] * 20 + ["json"] * 15 + ["pdf"] * 5
    export_cache: dict[str, dict] = {}
    for i in range(count):
        base = rng.choice(names)
        container = rng.choice(containers)
        mutation = rng.choice(TEXT_MUTATIONS)
        seed = rng.random()
        after = rng.random() < 0.25  # also damage the container's bytes
        byte_mutation = rng.choice(BYTE_MUTATIONS)
        name = f"plan/{i:04d}-{base}-{mutation.__name__[2:]}{'+' + byte_mutation.__name__[2:] if after else ''}.{container}"

        def build(base=base, container=container, mutation=mutation, seed=seed, after=after,
                  byte_mutation=byte_mutation):
            r = random.Random(seed)
            text = bases[base]
            if container == "pdf":  # keep PDFs short: pdfplumber reads ~20 pages a second
                text = "\n".join(text.split("\n")[:300])
            if container == "json":
                if base not in export_cache:
                    from ecoplan.importers import import_bytes

                    export_cache[base] = result_to_export(import_bytes(text.encode(), base + ".txt"))
                data = json_mutation(r, export_cache[base])
            else:
                text = mutation(r, text)
                if container == "txt":
                    data = encode(r, text)
                else:
                    data = {"docx": to_docx, "xlsx": to_xlsx, "pdf": to_pdf}[container](text)
            return byte_mutation(r, data) if after else data

        yield Case(name, "plan", build, origin=f"{base} {mutation.__name__} {container}")


# -- air -----------------------------------------------------------------------------------------

SYN_STATIONS = ["S1", "S2", "S3"]


def synthetic_wide(rng, hours: int = 72) -> str:
    start = datetime(2024, 5, 1)
    rows = ["station,time,so2,no2,co,o3,pm10,pm25"]
    for h in range(hours):
        ts = start + timedelta(hours=h)
        for s in SYN_STATIONS:
            rows.append(f"{s},{ts:%Y-%m-%d %H:%M:%S},{rng.randint(1, 20)},{rng.randint(5, 80)},"
                        f"{rng.randint(2, 15) / 10},{rng.randint(10, 200)},{rng.randint(10, 150)},{rng.randint(5, 100)}")
    return "\n".join(rows) + "\n"


def synthetic_long(rng, hours: int = 48) -> str:
    start = datetime(2024, 6, 1)
    rows = ["station,time,pollutant,value"]
    for h in range(hours):
        for s in SYN_STATIONS:
            for p in ("so2", "no2", "co", "o3", "pm10", "pm25"):
                rows.append(f"{s},{start + timedelta(hours=h):%Y-%m-%dT%H:%M:%S},{p},{rng.randint(1, 99)}")
    return "\n".join(rows) + "\n"


def air_bases(rng) -> list[tuple[str, str, str]]:
    """(name, text, mapping): real files (read in place, a slice) and synthetic ones."""
    bases = [("syn-wide", synthetic_wide(rng), "wide"), ("syn-long", synthetic_long(rng), "long")]
    multisite = sorted((REAL / "uci_beijing_multisite_2013_2017").glob("*.csv"))
    for path in multisite[:4]:
        lines = path.read_text("utf-8").split("\n")
        bases.append((f"uci-{path.stem.split('_')[2]}", "\n".join(lines[:2000]) + "\n", "uci"))
    for path in sorted((REAL / "cnemc_station_hourly_snapshots").glob("*.csv")):
        lines = path.read_text("utf-8").split("\n")
        bases.append((f"cnemc-{path.stem[-13:]}", "\n".join(lines[:600]) + "\n", "cnemc"))
    daily = REAL / "aqistudy_daily_tianjin_chengdu_nanjing_2014_2022" / "天津.csv"
    if daily.exists():  # daily city data: not hourly station data at all
        bases.append(("aqistudy-daily", daily.read_text("utf-8-sig")[:20000], "wide"))
    return bases


def a_header_only(rng, text):
    return text.split("\n")[0] + "\n"


def a_truncate_last(rng, text):
    body = text.rstrip("\n")
    last = body.rfind("\n")
    return body[: last + 1 + rng.randrange(1, max(2, len(body) - last - 1))]


def a_bad_timestamps(rng, text):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 30)):
        i = rng.randrange(1, max(2, len(lines) - 1))
        lines[i] = _replace_field(rng, lines[i], ["2024-02-30 25:00:00", "yesterday", "0000-00-00", "2024/13/01 00:00",
                                                  "1970-01-01T00:00:00Z+99", "", "24时", "-1", "９９"])
    return "\n".join(lines)


def _replace_field(rng, line, choices, index=None):
    cells = line.split(",")
    if len(cells) < 2:
        return line
    cells[index if index is not None else rng.randrange(len(cells))] = rng.choice(choices)
    return ",".join(cells)


def a_empty_station(rng, text):
    lines = text.split("\n")
    header = lines[0].split(",")
    column = next((i for i, c in enumerate(header) if c.strip('"').lower() in ("station", "stationcode")), 0)
    for i in range(1, len(lines) - 1):
        if rng.random() < 0.3:
            lines[i] = _replace_field(rng, lines[i], ["", " ", '""'], column)
    return "\n".join(lines)


def a_far_date(rng, text):
    lines = text.split("\n")
    row = lines[1] if len(lines) > 1 else ""
    far = rng.choice(["9999-12-31 23:00:00", "0001-01-01 00:00:00", "2262-04-12 00:00:00", "1677-09-21 00:00:00"])
    cells = row.split(",")
    header = lines[0].split(",")
    for i, c in enumerate(header):
        name = c.strip('"').lower()
        if name in ("time", "timepoint"):
            cells[i] = far.replace(" ", "T") if name == "timepoint" else far
        elif name == "year":
            cells[i] = far[:4]
    return "\n".join(lines + [",".join(cells)]) + "\n"


def a_mixed_endings(rng, text):
    return "".join(ch if ch != "\n" else rng.choice(["\n", "\r\n", "\r"]) for ch in text)


def a_bad_quoting(rng, text):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 10)):
        i = rng.randrange(1, max(2, len(lines) - 1))
        at = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + rng.choice(['"', '""', '"a"b', "'"]) + lines[i][at:]
    return "\n".join(lines)


def a_many_columns(rng, text):
    lines = text.split("\n")
    n = rng.choice([1000, 10_000])
    lines[0] += "," + ",".join(f"c{i}" for i in range(n))
    for i in range(1, min(len(lines), 50)):
        if lines[i]:
            lines[i] += "," * n
    return "\n".join(lines[:50]) + "\n"


def a_huge_cell(rng, text):
    lines = text.split("\n")
    i = rng.randrange(1, max(2, len(lines) - 1))
    lines[i] = _replace_field(rng, lines[i], ["x" * rng.choice([1 << 20, 3 << 20])])
    return "\n".join(lines)


def a_text_numbers(rng, text):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 50)):
        i = rng.randrange(1, max(2, len(lines) - 1))
        lines[i] = _replace_field(rng, lines[i], ["abc", "-5", "1e400", "NaN", "inf", "99999999", "—", "1,5"])
    return "\n".join(lines)


def a_duplicates(rng, text):
    lines = text.split("\n")
    return "\n".join(lines + lines[1:rng.randint(2, max(3, len(lines)))])


def a_drop_column(rng, text):
    lines = text.split("\n")
    header = lines[0].split(",")
    k = rng.randrange(len(header))
    return "\n".join(",".join(c for j, c in enumerate(l.split(",")) if j != k) for l in lines)


def a_rename_header(rng, text):
    lines = text.split("\n")
    lines[0] = lines[0].upper() if rng.random() < 0.5 else lines[0].replace(",", ";")
    return "\n".join(lines)


def a_semicolons(rng, text):
    return text.replace(",", ";")


def a_nul(rng, text):
    at = rng.randrange(len(text))
    return text[:at] + "\x00" * rng.randint(1, 100) + text[at:]


def a_blank_lines(rng, text):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 20)):
        lines.insert(rng.randrange(1, len(lines) + 1), rng.choice(["", ",,,,,,", " "]))
    return "\n".join(lines)


AIR_MUTATIONS = [a_header_only, a_truncate_last, a_bad_timestamps, a_empty_station, a_far_date,
                 a_mixed_endings, a_bad_quoting, a_many_columns, a_huge_cell, a_text_numbers,
                 a_duplicates, a_drop_column, a_rename_header, a_semicolons, a_nul, a_blank_lines]


def air_encode(rng, text: str) -> bytes:
    choice = rng.randrange(8)
    if choice == 0:
        return text.encode("utf-16")
    if choice == 1:
        return text.encode("gbk", errors="replace")
    if choice == 2:
        return text.encode("utf-16-le")
    return text.encode()


def csv_to_xlsx(text: str) -> bytes:
    import csv as csv_mod

    from openpyxl import Workbook

    csv_mod.field_size_limit(1 << 30)
    book = Workbook()
    sheet = book.active
    for row in csv_mod.reader(io.StringIO(text.replace("\x00", ""), newline=None)):
        sheet.append([_xml_safe(c)[:32000] for c in row][:2000])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def crafted_air_cases(rng) -> Iterator[Case]:
    wide = synthetic_wide(random.Random(1))
    made = [
        ("empty.csv", lambda: b""),
        ("header-only.csv", lambda: wide.split("\n")[0].encode() + b"\n"),
        ("utf16.csv", lambda: wide.encode("utf-16")),
        ("gbk-stations.csv", lambda: wide.replace("S1", "万寿西宫").encode("gbk")),
        ("far-date.csv", lambda: (wide + "S1,9999-12-31 23:00:00,1,1,1,1,1,1\n").encode()),
        ("truncated.csv", lambda: wide.rstrip("\n")[:-9].encode()),
        ("ten-thousand-columns.csv", lambda: a_many_columns(random.Random(2), wide).encode()),
        ("one-mb-cell.csv", lambda: (wide + "S1,2024-05-10 00:00:00," + "9" * (1 << 20) + ",1,1,1,1,1\n").encode()),
        ("binary.csv", lambda: bytes(range(256)) * 50),
        ("xfd1048576.xlsx", xfd_xlsx),
        ("xlsx-bomb.xlsx", lambda: xlsx_bomb(1 << 30)),
        ("not-really.xlsx", lambda: wide.encode()),
        ("not-really.parquet", lambda: wide.encode()),
        ("truncated.parquet", lambda: b"PAR1" + b"\x00" * 100 + b"PAR1"),
        ("unknown.tsv", lambda: wide.encode()),
        ("nul-everywhere.csv", lambda: wide.replace(",", ",\x00").encode()),
        ("only-newlines.csv", lambda: b"\n" * 1000),
        ("station-only.csv", lambda: b"station\nS1\n"),
        ("mixed-endings.csv", lambda: a_mixed_endings(random.Random(3), wide).encode()),
        ("bad-quoting.csv", lambda: wide.replace("S2,", '"S2,', 5).encode()),
    ]
    for name, build in made:
        yield Case(f"crafted/{name}", "air", build, origin="crafted")


def air_cases(rng: random.Random, count: int) -> Iterator[Case]:
    yield from crafted_air_cases(rng)
    bases = air_bases(rng)
    for i in range(count):
        name, text, mapping = rng.choice(bases)
        mutation = rng.choice(AIR_MUTATIONS)
        container = rng.choice(["csv"] * 6 + ["xlsx"])
        seed = rng.random()

        def build(text=text, mutation=mutation, container=container, seed=seed):
            r = random.Random(seed)
            mutated = mutation(r, text)
            return csv_to_xlsx(mutated) if container == "xlsx" else air_encode(r, mutated)

        yield Case(f"air/{i:04d}-{name}-{mutation.__name__[2:]}.{container}", "air", build, mapping,
                   origin=f"{name} {mutation.__name__} {container}")


# crafted cases that take seconds to build (1 GiB deflated, 50 MB of text): `make fuzz` runs them,
# the test suite's sample leaves them to tests/importers/test_limits.py (smaller bombs)
HEAVY = ("docx-bomb-1g", "docx-bomb-200m", "xlsx-bomb-1g", "xlsx-bomb.xlsx", "fifty-mb")


def cases(seed: int = 7, plans: int = 2000, air: int = 120, heavy: bool = True) -> Iterator[Case]:
    """The corpus: ``plans`` mutated plan documents and ``air`` mutated air files, plus the
    crafted cases of each."""
    rng = random.Random(seed)
    for case in (*plan_cases(random.Random(rng.random()), plans), *air_cases(random.Random(rng.random()), air)):
        if heavy or not any(h in case.name for h in HEAVY):
            yield case
