"""Targets stated in plan sentences and indicator cells.

``extract(sentence)`` reads clauses such as `PM2.5 年均浓度达到 35 微克/立方米`, `重污染天数不超过
4 天（扣除沙尘影响）`, `无劣Ⅴ类水体`, `单位国内生产总值水耗、能耗达到市级要求` into ``Target``
records (domain.md §6): a comparator (≤ ≥ = ≈ < > improve eliminate municipal not_worse), a
value and unit, a period, conditions (扣除沙尘影响), softness (力争) and the raw phrase.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ecoplan.vocabulary import indicators as catalogue
from ecoplan.vocabulary.areas import EVERY
from ecoplan.vocabulary.cells import EMPTY_TARGET_MARKERS
from ecoplan.vocabulary.indicators import LOWER_IS_BETTER, default_comparator

from .model import Target
from .text import key

__all__ = ["LOWER_IS_BETTER", "default_comparator", "code_for", "extract", "parse_cell", "split_clauses", "statements", "in_task"]

# How each catalogue indicator is printed: (code, pattern on the clause's key form).  Name, unit
# and direction come from the catalogue (ecoplan.vocabulary.indicators); the order here is the
# order of preference among equally early, equally long matches.
PATTERNS: list[tuple[str, str]] = [
    ("pm25_q1", r"一季度PM2\.5(?:累计|平均)?浓度"),
    ("pm25", r"PM2\.5(?:全年)?(?:年均|累计|平均)?浓度|PM2\.5|细颗粒物(?:\(PM2\.5\))?年均浓度"),
    ("so2_annual", r"二氧化硫(?:浓度)?年均(?:值|浓度)|SO2年均浓度"),
    ("no2_annual", r"二氧化氮(?:浓度)?年均(?:值|浓度)|NO2年均浓度"),
    ("tsp", r"TSP(?:年均)?浓度|粗颗粒物|TSP"),
    ("good_day_ratio", r"优良天数比[率例]"),
    ("heavy_days_q1", r"一季度重污染天数?"),
    ("heavy_ratio", r"重(?:度及以上)?污染天数比[率例]"),
    ("heavy_days", r"重污染天数?"),
    ("dustfall", r"降尘量"),
    ("road_dust", r"道路尘负荷"),
    ("residual_dust", r"道路尘土残存量|尘土残存量"),
    ("noise_regional", r"区域环境噪声(?:平均值)?"),
    ("noise_traffic", r"交通干线噪声(?:平均值)?"),
    ("voc_reduction", r"(?:挥发性有机物|VOCs)(?:\(VOCs\))?(?=[^，；。]{0,30}(?:减排|削减))"),
    ("nox_reduction", r"(?:氮氧化物|NOx)(?:\(NOx\))?(?=[^，；。]{0,30}(?:减排|削减))"),
    ("so2_reduction", r"二氧化硫削减率"),
    ("cod_reduction", r"化学需氧量(?:\(COD\))?(?:累计)?减排"),
    ("nh3n_reduction", r"氨氮(?:\(NH3-N\))?(?:累计)?减排"),
    ("good_water_ratio", r"优良水体比例|达到或好于Ⅲ类水体比例|Ⅲ类水体比例"),
    ("worse_v_river_length", r"劣Ⅴ类水质河长比例"),
    ("worse_v_water", r"劣Ⅴ类水体"),
    ("section_compliance", r"断面水质(?:全部)?达标|考核断面(?:水质)?(?:全部)?达标|断面水质达到[^，；。]{0,12}考核目标"),
    ("drinking_source_compliance", r"(?:集中式)?(?:地下)?饮用水水源地?水质达标率"),
    ("farmland_safe_use", r"受污染耕地安全利用率"),
    ("construction_safe_use", r"(?:重点)?建设用地(?:\d+%)?安全利用(?:率)?|污染地块安全利用率"),
    ("carbon_total", r"碳排放总量"),
    ("co2_intensity", r"(?:碳排放强度|单位(?:国内|地区)生产总值二氧化碳排放(?:降幅|下降)|二氧化碳排放(?:量)?(?:较2020年)?(?:累计)?下降)"),
    ("eco_index", r"生态环境质量指数(?:\(EI\))?"),
    ("eco_redline_ratio", r"生态保护红线(?:占[^，；。]{0,6}面积)?比例"),
    ("green_cover", r"绿化覆盖率"),
    ("forest_cover", r"森林覆盖率"),
    ("wetland_protection", r"湿地保护率"),
    ("green_view", r"绿视率"),
    ("sponge_city", r"海绵城市达标面积比例"),
    ("water_use_per_gdp", r"万元GDP用水量"),
    ("afforestation", r"造林绿化面积"),
    ("sewage_treatment", r"污水处理率"),
    ("industrial_wastewater_compliance", r"工业废水排放(?:稳定)?达标率"),
    ("industrial_gas_compliance", r"工业废气排放(?:稳定)?达标率"),
    ("medical_wastewater_compliance", r"医疗废水排放达标率"),
    ("hazardous_waste_disposal", r"(?:工业)?危险废物(?:无害化)?(?:处置利用率|处理率|处置率)"),
    ("waste_recycling", r"生活垃圾回收利用率"),
    ("grid_coverage", r"网格化监管覆盖率"),
    ("biodiversity_reserves", r"生物多样性保育小区"),
    ("water_energy_per_gdp", r"单位(?:国内|地区)生产总值水耗、?能耗|单位(?:国内|地区)生产总值(?:水耗|能耗)"),
]
INDICATORS = [(code, pattern, catalogue.BY_CODE[code].zh, catalogue.BY_CODE[code].unit) for code, pattern in PATTERNS]
_INDICATORS = [(code, re.compile(p), name, unit) for code, p, name, unit in INDICATORS]


_NUMBER = r"(\d+(?:\.\d+)?)"
_UNITS = r"(微克/立方米|μg/m3|µg/m³|%|％|天|吨/平方公里·月|吨/平方公里/月|吨|万吨|个|亩|公顷|处|家|辆|组)"
_COMPARATORS = [
    (r"不超过|不高于|控制在|降至|≤|<=", "<="),
    (r"不低于|不少于|以上|≥|>=", ">="),
    (r"大于|高于|超过|>", ">"),
    (r"小于|低于|<", "<"),
    (r"达到|达标|实现|完成|为", "reach"),
]


def _comparator(clause: str, code: str, number_at: int) -> str:
    before = clause[:number_at]
    after = clause[number_at:]
    if re.search(r"左右", after[:20]):
        return "≈"
    if re.search(r"^\d+(?:\.\d+)?[^，；。]{0,8}以上", after):
        return ">="
    for pattern, comparator in _COMPARATORS:
        if re.search(f"(?:{pattern})[^，；。0-9]{{0,6}}$", before):
            return default_comparator(code) if comparator == "reach" else comparator
    return "="


def _period(clause: str, code: str) -> str:
    if code.endswith("_q1") or "一季度" in clause:
        return "Q1"
    if m := re.search(r"(20\d\d)年?至(20\d\d)年?累计", clause):
        return f"cumulative {m.group(1)}-{m.group(2)}"
    if "累计减排" in clause or "累计完成" in clause:
        return "cumulative"
    if m := re.search(r"到(20\d\d)年", clause):
        return f"by {m.group(1)}"
    return "year"


def code_for(name: str) -> str:
    """Indicator code of a printed indicator name (simplified or traditional), '' if unknown."""
    k = key(name)
    hits = [(m.start(), -len(m.group(0)), code) for code, rx, _, _ in _INDICATORS if (m := rx.search(k))]
    return min(hits)[2] if hits else ""


def split_clauses(text: str) -> list[str]:
    """Sentence → clauses as printed (`PM _{2.5}` kept: matching uses key()); brackets stay with
    their clause (`…4 天（扣除沙尘影响）`)."""
    clauses, depth, current = [], 0, ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch in "，；。,;" and depth == 0:
            if current.strip():
                clauses.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        clauses.append(current.strip())
    return clauses


def _sub_clauses(clause: str) -> list[str]:
    """`PM2.5、TSP 年均浓度实现同比下降` → one part per indicator, each with the shared tail;
    `VOCs 减排 720 吨、NOx 减排 3450 吨` → two complete parts."""
    k = key(clause)
    starts = sorted({m.start() for _, rx, _, _ in _INDICATORS for m in [rx.search(k)] if m})
    if len(starts) < 2:
        return [clause]
    parts, cuts = [], [i for i in range(1, len(k)) if k[i - 1] == "、" and i in starts]
    if not cuts:
        return [clause]
    bounds = [0, *cuts, len(k)]
    for a, b in zip(bounds, bounds[1:]):
        parts.append(k[a:b].rstrip("、"))
    tail_from = parts[-1]
    for index, part in enumerate(parts[:-1]):
        if not re.search(r"\d|同比|市级|无|消除|稳", part[len(part) // 2:] if len(part) > 8 else ""):
            # borrow the comparator phrase of the last part: `PM2.5` + `年均浓度实现同比下降`
            for _, rx, _, _ in _INDICATORS:
                if m := rx.match(tail_from):
                    parts[index] = part + tail_from[m.end():]
                    break
            else:
                parts[index] = part + tail_from
    return parts


def extract(text: str, line: int, year: int | None = None, area: str = "") -> list[Target]:
    """All targets stated in a sentence.  Clauses without an indicator are not targets."""
    found: list[Target] = []
    clauses = split_clauses(text)
    for index, whole in enumerate(clauses):
        context = key(whole)
        if index + 1 < len(clauses) and re.fullmatch(r"\(.*\)", key(clauses[index + 1])):
            context += key(clauses[index + 1])
        in_clause: list[Target] = []
        for clause in _sub_clauses(whole):
            target = _target(clause, context, line, year, area)
            if target:
                # a part cut from the clause's matching form is not printed text: keep the clause
                target.raw = target.raw if target.raw in whole else whole
                in_clause.append(target)
        _respectively(key(whole), in_clause)
        _carry_scope(key(whole), in_clause, found, area)
        found.extend(in_clause)
    return found


_RESPECTIVELY = re.compile(r"分别(.*)$")


def _carry_scope(clause: str, found: list[Target], before: list[Target], area: str) -> None:
    """`各街道乡镇…后 30 名的频次同比下降，并力争不进入…后 10 名`: a clause that goes on with 并/且
    speaks of the same 各… scope as the target before it when it names none of its own."""
    if not before or not re.match(r"^(?:并|且|同时)", clause):
        return
    for target in found:
        if target.area == area and before[-1].area != area:
            target.area = before[-1].area


def _respectively(clause: str, found: list[Target]) -> None:
    """`氮氧化物、挥发性有机物…减排量分别不低于 1730 吨和 970 吨`: each indicator shared the one
    tail, so each read the first value; 分别 pairs the values with the indicators in order."""
    m = _RESPECTIVELY.search(clause)
    numeric = [t for t in found if t.value is not None]
    if not m or len(numeric) < 2:
        return
    values = re.findall(_NUMBER + r"\s*" + _UNITS + "?", m.group(1))
    if len(values) != len(numeric):
        return
    for target, (number, unit) in zip(numeric, values):
        target.value = Decimal(number)
        if unit:
            target.unit = unit_of(unit)


def _target(clause: str, context: str, line: int, year: int | None, area: str) -> Target | None:
    k = key(clause)
    hits = [(code, m, name, unit) for code, rx, name, unit in _INDICATORS if (m := rx.search(k))]
    if not hits:
        return None
    # the earliest, then the most specific indicator wins (一季度PM2.5 over PM2.5)
    code, match, name, unit = min(hits, key=lambda h: (h[1].start(), -len(h[1].group(0))))
    rest = k[match.end():]
    scope = area
    if m := re.match(rf"^({EVERY}[^P优重降T]*?)(?=PM|TSP|优良|重污染|降尘|全年|累计)", k):
        scope = m.group(1)
    target = Target(indicator=name, indicator_code=code, comparator="qualitative", value=None,
                    unit=unit, period=_period(k, code), raw=clause, line=line, area=scope,
                    conditions=["excluding_dust"] if "扣除沙尘" in context else [],
                    soft="力争" in k)
    if base := re.search(r"(?:比|较)(20\d\d)年", rest):
        target.baseline_year = int(base.group(1))
        rest = rest.replace(base.group(0), "", 1)
    rank = re.search(r"后(\d+)名", k)
    number = re.search(_NUMBER + r"\s*" + _UNITS + "?", rest)
    if rank:
        # rank-based (domain.md §6): months in the citywide bottom N, or a frequency limit
        target.indicator_code += "_rank"
        target.indicator += f"全市排名后{rank.group(1)}名"
        target.unit = "次"
        target.conditions.append(f"{catalogue.BOTTOM_PREFIX}{rank.group(1)}")  # bottom_30: the N judged
        if freq := re.search(r"频次不超过(\d+)次", k):
            target.comparator, target.value = "<=", Decimal(freq.group(1))
        elif "频次同比下降" in k:
            target.comparator = "improve"
        elif "不进入" in k:
            target.comparator, target.value = "=", Decimal(0)
        else:
            return None
    elif "市级要求" in rest or "市级下达" in rest or "市级部门下达" in rest:
        target.comparator = "municipal"
    elif re.search(r"同比(?:持续)?(?:下降|改善|减少)|持续下降|持续改善", rest) and not number:
        target.comparator = "improve"
    elif re.search(r"稳中向好|稳中有升|稳步提升|不降低|保持稳定|总体稳定", rest):
        target.comparator = "not_worse"
    elif k.startswith("无") or re.search(r"无劣|^(?:消除|动态清零)", rest) or re.match(r"^无", k):
        target.comparator, target.value = "=", Decimal(0)
    elif "基本消除" in rest:
        target.comparator, target.value = "≈", Decimal(0)
    elif code == "section_compliance" and ("全部" in k or "考核目标" in k):
        # 断面水质全部达标 / 8个断面水质达到考核目标要求（1个Ⅲ类、7个Ⅳ类）: every section meets its class
        target.comparator, target.value, target.unit = ">=", Decimal(100), "%"
    elif number:
        target.value = Decimal(number.group(1))
        if number.group(2):
            target.unit = unit_of(number.group(2))
        target.comparator = _comparator(rest, code, number.start())
        if target.comparator == "=":
            target.comparator = default_comparator(code)
        if "下降" in rest[: number.start()] and code not in ("co2_intensity",):
            target.comparator = "reduce_by"
    else:
        return None
    return target


def parse_cell(indicator: str, cell: str, line: int, period: str = "year") -> Target | None:
    """An indicator-table cell (`15 左右`, `>95`, `≥970`, `100%`, `达到市级要求`, `稳步提升`,
    `基本消除`, `100（100，0）`, `/`) → Target."""
    raw = cell.strip()
    k = key(raw)
    if not k or k in {key(m) for m in EMPTY_TARGET_MARKERS}:
        return None
    # `〔1200〕`, `［1200］` (`[1200]` after NFKC), `【1200】`: a five-year sum (注：〔〕内为五年累计数)
    if m := re.fullmatch(r"[〔\[【]\s*([^〔〕\[\]【】]+?)\s*[〕\]】]", raw):
        inner = parse_cell(indicator, m.group(1), line, period)
        if inner is not None:
            inner.raw = inner.value_text = raw
            inner.period = "cumulative"
        return inner
    target = Target(indicator=indicator, comparator="=", value=None, unit="", period=period,
                    raw=raw, line=line, value_text=raw)
    if m := re.search(r"[（(]", raw):
        target.value_text = raw
        raw_main = raw[: m.start()]
    else:
        raw_main = raw
    km = key(raw_main)
    if re.search(r"市级要求|市级?(?:部门)?下达", km):  # `达到市级要求`, `完成市下达任务`: the city sets it
        target.comparator = "municipal"
    elif km in ("稳步提升", "稳中向好", "稳中有升", "持续改善", "持续提升"):
        target.comparator = "not_worse"
    elif km in ("消除", "无", "动态清零"):
        target.comparator, target.value = "=", Decimal(0)
    elif km == "基本消除":
        target.comparator, target.value = "≈", Decimal(0)
    elif m := re.fullmatch(r"(>=|≥|>|<=|≤|<)?(\d+(?:\.\d+)?)(%|以上|左右|以下)?", km):
        op, number, suffix = m.groups()
        target.value = Decimal(number)
        target.comparator = {"≥": ">=", ">=": ">=", ">": ">", "≤": "<=", "<=": "<=", "<": "<"}.get(
            op or "", "=")
        if suffix == "左右":
            target.comparator = "≈"
        elif suffix == "以上":
            target.comparator = ">="
        elif suffix == "以下":
            target.comparator = "<="
        if suffix == "%":
            target.unit = "%"
    else:
        target.comparator = "qualitative"
    return target


# Outcome predicates that close a qualitative target statement (`碳排放总量得到有效控制`,
# `土壤污染风险得到有效管控`): subject first, predicate last.  A clause that opens with an effort
# verb (`尽最大努力巩固改善空气质量`) is the paragraph's lead-in, not a statement.
QUALITATIVE_OUTCOMES = (r"得到(?:有效|全面|基本)?(?:控制|管控|遏制|保障|保护|改善|提升)|(?:有效|基本)(?:控制|管控)|"
                        r"稳中向好|(?:持续|明显|显著|稳步)(?:改善|提升|好转)|保持稳定|总体稳定|全面完成|基本消除|"
                        r"(?:保持)?动态清零|(?:稳定)?达到[ⅠⅡⅢⅣⅤ]+类(?:及以上|以上)?")
# …or printed predicate first: `基本完成全县入河排污口整治`, `全面实现…`
COMPLETION_FIRST = r"(?:基本|全面)(?:完成|实现)"
# The verbs that state a value for an indicator outside the catalogue, and the effort verbs that open
# a lead-in clause rather than a statement.
GENERIC_VERBS = r"达到|保持|不低于|不少于|不高于|不超过|控制在|低于|高于|大于|小于|降至|提高到|提升至|提高|提升|下降|减少"
EFFORT = r"^(?:尽|推动|推进|加强|加快|巩固|积极|深入|持续|全面|着力|努力|确保|力争|完成|实施|开展|新建|建设(?!用地)|改造)"
# Two indicators sharing one head and predicate: `单位国内生产总值水耗、能耗达到市级要求` is two statements.
PAIRED_TAILS = (("水耗", "能耗"),)


def statements(text: str, line: int, year: int | None = None) -> list[Target]:
    """Every target statement of a target paragraph (issue #8 point 6), in print order: the
    clauses ``extract`` reads, and besides them
    * a clause that goes on with the previous indicator (`…同比持续下降，较2020年累计下降15%左右`);
    * an indicator printed with its value inside (`重点建设用地100%安全利用`);
    * a paired indicator (`水耗、能耗`), one target each;
    * a qualitative outcome (`碳排放总量得到有效控制`: comparator "qualitative", no value).
    Each keeps its printed clause in ``raw``."""
    sentences = [s for s in re.split(r"(?<=[。；;])", text) if s.strip()]
    if len(sentences) > 1:
        return [t for sentence in sentences for t in statements(sentence, line, year)]
    found: list[Target] = []
    clauses = split_clauses(text)
    previous: Target | None = None
    for index, whole in enumerate(clauses):
        context = key(whole)
        if index + 1 < len(clauses) and re.fullmatch(r"\(.*\)", key(clauses[index + 1])):
            context += key(clauses[index + 1])
        here = []
        for clause in _sub_clauses(whole):
            if target := _target(clause, context, line, year, ""):
                target.raw = whole if target.raw == key(whole) else target.raw
                here.append(target)
        if not here:
            here = [t for t in [_statement(whole, context, line, year, previous)] if t]
        _carry_scope(key(whole), here, found, "")
        for target in here:
            if target.value is not None and target.comparator in ("<=", "=") and \
                    re.search(r"(?:同比|较\d{4}年|比\d{4}年)?减少\d", key(target.raw)):
                target.comparator = "reduce_by"  # `重污染天数同比减少10%`: a reduction, not a ceiling
            found.extend(_paired(target))
        previous = here[-1] if here else previous
    if dated := _DATED_SENTENCE.match(text):  # `到2025年，…`: every statement of the sentence
        for target in found:
            if target.period == "year":
                target.period = f"by {dated.group(1)}"
    return found


def _statement(clause: str, context: str, line: int, year: int | None, previous: Target | None) -> Target | None:
    k = key(clause)
    code = code_for(k)
    number = re.search(_NUMBER + r"\s*" + _UNITS, k)
    if code and number:  # `重点建设用地100%安全利用`: the value sits inside the indicator's name
        target = Target(indicator=catalogue.BY_CODE[code].zh, indicator_code=code, comparator=default_comparator(code),
                        value=Decimal(number.group(1)), unit=unit_of(number.group(2)), period=_period(k, code),
                        raw=clause, line=line, soft="力争" in k)
        return target
    if previous is not None and previous.indicator_code and number and not code and \
            re.match(r"^(?:较|比|同比|累计|下降|提高|上升|增加|减少)", k):
        carried = _target(key(previous.indicator) + k, context, line, year, previous.area)
        if carried is None:
            carried = Target(indicator=previous.indicator, indicator_code=previous.indicator_code, comparator="=",
                             value=Decimal(number.group(1)), unit=unit_of(number.group(2)), period="year",
                             raw=clause, line=line)
        carried.indicator, carried.raw = previous.indicator, clause
        if "累计" in k:
            carried.period = "cumulative"
        return carried
    if number and (m := re.match(rf"^(?P<subject>.{{2,30}}?)(?:{GENERIC_VERBS})", k)) and \
            not re.match(EFFORT, m.group("subject")):
        # an indicator outside the catalogue (`饮用水水源地水质达标率保持100%`): kept as printed
        subject = re.sub(r"^(?:到20\d\d年|20\d\d年)", "", m.group("subject"))
        rest = k[m.start("subject") + len(m.group("subject")):]
        at = rest.find(number.group(1))
        comparator = "reduce_by" if re.search(r"下降|减少", rest[:at]) else _comparator(rest, "", at)
        return Target(indicator=subject, indicator_code="", comparator=comparator,
                      value=Decimal(number.group(1)), unit=unit_of(number.group(2)), period=_period(k, ""),
                      raw=clause, line=line, soft="力争" in k)
    if m := re.fullmatch(rf"(?P<subject>.{{2,20}}?)(?P<outcome>{QUALITATIVE_OUTCOMES})", k):
        subject = m.group("subject")
        if re.match(EFFORT, subject):
            return None
        subject = re.sub(r"^(?:实现|使)", "", subject)  # 实现空气质量持续改善: the subject is 空气质量
        return Target(indicator=subject, indicator_code=code_for(subject), comparator="qualitative", value=None,
                      unit="", period=_period(k, ""), raw=clause, line=line, soft="力争" in k)
    if m := re.fullmatch(rf"(?:力争)?(?:{COMPLETION_FIRST})(?P<subject>.{{2,30}})", k):
        return Target(indicator=m.group("subject"), indicator_code=code_for(m.group("subject")), comparator="qualitative",
                      value=None, unit="", period=_period(k, ""), raw=clause, line=line, soft="力争" in k)
    return None


# a unit as printed → its one spelling (the rest are kept as printed)
UNIT_SPELLINGS = {"％": "%", "微克/立方米": "µg/m³", "μg/m3": "µg/m³", "μg/m³": "µg/m³"}


def unit_of(printed: str) -> str:
    return UNIT_SPELLINGS.get(printed, printed or "")


def _paired(target: Target) -> list[Target]:
    """`单位国内生产总值水耗、能耗达到市级要求` → the 水耗 and the 能耗 target."""
    for first, second in PAIRED_TAILS:
        m = re.search(rf"^(?P<head>.*?){first}、{second}", key(target.raw))
        if m:
            out = []
            for word in (first, second):
                one = Target(**{**target.__dict__, "conditions": list(target.conditions)})
                one.indicator = m.group("head").replace("国内生产总值", "GDP").replace("地区生产总值", "GDP") + word
                out.append(one)
            return out
    return [target]


def in_task(text: str, line: int, year: int | None = None) -> list[Target]:
    """Targets stated inside a task's text: what ``extract`` reads, and the statements of sentences
    dated `到2025年，…` about an indicator outside the catalogue (`新能源公交车占比达到95%`)."""
    found = []
    for sentence in re.split(r"(?<=[。；;])", text):
        here = extract(sentence, line, year)
        if dated := _DATED_SENTENCE.search(sentence):
            part = sentence[dated.start():]
            here += [t for t in statements(part, line, year) if not t.indicator_code and t.value is not None]
            for target in here:
                if target.period == "year" and key(target.raw) in key(part):
                    target.period = f"by {dated.group(1)}"
        found += here
    return found


# `到2025年，…` at the head of a sentence or of one of its clauses: the clauses after it are dated
_DATED_SENTENCE = re.compile(r"(?:^|(?<=[，,]))\s*(?:到|至)\s*(20\d\d)\s*年")
