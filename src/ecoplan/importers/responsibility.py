"""责任分工 — the responsibility clause that closes a measure in a prose plan.

Prose plans print who does a measure after it, in one of these forms (issue #8):

* a bracket at the end: `（市生态环境局牵头，市发展改革委、市工业和信息化局参与）`, `〔…牵头，…配合〕`,
  `（X负责）`, `（X指导，Y落实）`, `（各区政府按职责分工负责）`;
* a labelled sentence or line: `责任单位：…`, `牵头单位：A；配合单位：B`, `责任单位：A牵头，B配合`.

``read`` turns the printed clause into lead and co-units (through ``organisations``, as the table
readers do).  Which verb makes a lead and which a co-unit is data (``ROLE_VERBS``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import organisations
from .model import UnitRef
from .text import key

# verb printed after the units → role.  `落实` is the lead when it stands alone (`（各区落实）`) and a
# co-unit after a guiding lead (`（X指导，Y落实）`): role "implement".  Longest first.
ROLE_VERBS: tuple[tuple[str, str], ...] = (
    ("按职责分工负责", "lead"), ("按职责负责", "lead"), ("牵头负责", "lead"), ("负责落实", "lead"),
    ("牵头", "lead"), ("负责", "lead"), ("主责", "lead"), ("指导", "lead"), ("组织实施", "implement"),
    ("落实", "implement"), ("实施", "implement"),
    ("参与", "co"), ("配合", "co"), ("协助", "co"), ("协同", "co"), ("参加", "co"), ("协办", "co"),
)
# labels of the labelled form → role; 责任单位 alone names the leads unless the list marks one
LABELS: tuple[tuple[str, str], ...] = (
    ("牵头单位", "lead"), ("牵头部门", "lead"), ("主责单位", "lead"), ("主办单位", "lead"),
    ("责任单位", "duty"), ("责任部门", "duty"), ("责任主体", "duty"),
    ("配合单位", "co"), ("配合部门", "co"), ("协办单位", "co"), ("参与单位", "co"), ("协助单位", "co"),
    ("参与部门", "co"),
)
# labels of the deadline printed beside the units (`…；完成时限：2025年底`): read with the units
DEADLINE_LABELS: tuple[str, ...] = ("完成时限", "完成时间", "时间节点", "完成期限", "时限要求")
_VERB = "|".join(re.escape(v) for v, _ in ROLE_VERBS)
_SEGMENT = re.compile(rf"^(?P<units>.+?)(?:分别|共同)?(?P<verb>{_VERB})$")
_LABEL = "|".join(label for label, _ in LABELS)
_ANY_LABEL = "|".join((*(label for label, _ in LABELS), *DEADLINE_LABELS))
LABEL_LINE = re.compile(rf"^\s*[（(〔\[]?\s*(?:{_LABEL})\s*[：:]")
_LABEL_PART = re.compile(rf"(?P<label>{_ANY_LABEL})\s*[：:]\s*(?P<units>[^；;。]*)")
# a labelled trailer inside an item's paragraph: `…。牵头单位：A；配合单位：B。完成时限：…`, `…。（责任单位：…）`
_TRAILER_START = re.compile(rf"(?:^|(?<=[。；;！？!?]))\s*[（(〔\[]?\s*(?:{_ANY_LABEL})\s*[：:]")
# a bracket at the end of a measure (a sentence end may follow it)
_TRAILING = re.compile(r"(?P<clause>[（(〔\[【](?P<body>[^（(〔\[【）)〕\]】]*(?:[（(][^（()）]*[)）][^（(〔\[【）)〕\]】]*)*)"
                       r"[)）〕\]】])\s*(?P<end>[。；;.]?)\s*$")
# `排在第一位的为牵头单位`: a document-wide note that the first unit of 责任单位 leads
FIRST_LEADS = re.compile(r"(?:排在?第一位|排名第一|列第一位|第一个)[^。；]{0,8}(?:为|是)牵头")


@dataclass
class Duty:
    printed: str  # the clause as printed, brackets and label included
    label: str  # 牵头 / 责任单位 … as printed: the role word of the leads
    lead_units: list[UnitRef] = field(default_factory=list)
    co_units: list[UnitRef] = field(default_factory=list)
    co_label: str = ""
    deadline: str = ""  # the deadline printed after a label (`完成时限：长期坚持`), as printed


def _segments(body: str) -> list[tuple[str, str, str]] | None:
    """`A牵头，B、C参与` → [(A, lead, 牵头), (B、C, co, 参与)]; None when a part names no role."""
    out = []
    for part in re.split(r"[，,；;]", body):
        part = part.strip()
        if not part:
            continue
        m = _SEGMENT.match(key(part))
        if not m:
            return None
        units = m.group("units")
        if units.endswith(("等单位", "等部门")):
            pass  # `A等单位负责`: the group stays with its named unit (organisations splits it)
        role = dict(ROLE_VERBS)[m.group("verb")]
        out.append((units, role, m.group("verb")))
    return out or None


def _duty(printed: str, segments: list[tuple[str, str, str]]) -> Duty:
    duty = Duty(printed=printed, label="")
    has_lead = any(role == "lead" for _, role, _ in segments)
    for units, role, verb in segments:
        refs = organisations.parse_cell(units)
        if role == "lead" or (role == "implement" and not has_lead):
            duty.lead_units += refs
            duty.label = duty.label or verb
            has_lead = True
        else:
            duty.co_units += refs
            duty.co_label = duty.co_label or verb
    return duty


def trailing(text: str) -> tuple[str, Duty | None]:
    """Split a measure's closing bracket clause off: (text without it, duty) — or (text, None)
    when the last bracket is not a responsibility clause (`（扣除沙尘影响）`)."""
    m = _TRAILING.search(text)
    if not m:
        return text, None
    segments = _segments(m.group("body"))
    duty = _duty(m.group("clause"), segments) if segments else labelled(m.group("clause"))
    if duty is None:
        return text, None
    rest = text[: m.start()].rstrip()
    if m.group("end") and not rest.endswith(("。", "；", ";")):
        rest += m.group("end")
    return rest, duty


def labelled_trailing(text: str, first_leads: bool = False) -> tuple[str, Duty | None]:
    """Split a labelled trailer off an item's paragraph: `推进…。牵头单位：A；配合单位：B。完成时限：
    2025年12月底。` → ("推进…。", duty) — or (text, None) when the text closes with none."""
    for m in _TRAILER_START.finditer(text):
        duty = labelled(text[m.start():], first_leads)
        if duty is not None:
            return text[: m.start()].rstrip(), duty
    return text, None


def split(text: str, first_leads: bool = False) -> tuple[str, Duty | None]:
    """A measure's text without its closing responsibility clause, bracketed or labelled."""
    rest, duty = trailing(text)
    if duty is None:
        rest, duty = labelled_trailing(text, first_leads)
    return rest, duty


def clauses(text: str) -> list[tuple[int, int, Duty]]:
    """Every bracket responsibility clause inside ``text``: (start, end, duty) — a paragraph that
    closes several measures with their own clauses."""
    found = []
    for m in re.finditer(r"[（(〔\[【]([^（(〔\[【）)〕\]】]+)[)）〕\]】]", text):
        segments = _segments(m.group(1))
        if segments:
            found.append((m.start(), m.end(), _duty(m.group(0), segments)))
        elif _TRAILER_START.match(m.group(0)) and (duty := labelled(m.group(0))) is not None:
            found.append((m.start(), m.end(), duty))  # `（责任单位：A；完成时限：2025年底）`
    return found


def has_trailer(text: str) -> bool:
    """The text closes with a labelled trailer (`…。责任单位：A；完成时限：…`)."""
    return labelled_trailing(text)[1] is not None


def labelled(text: str, first_leads: bool = False) -> Duty | None:
    """`责任单位：A、B` / `牵头单位：A；配合单位：B` / `责任单位：A牵头，B配合` → Duty."""
    stripped = text.strip().rstrip("。；;").strip("（(〔[）)〕]").rstrip("。；;")
    parts = list(_LABEL_PART.finditer(stripped))
    if not parts or stripped[: parts[0].start()].strip():
        return None
    duty = Duty(printed=text.strip(), label="")
    roles = dict(LABELS)
    for part in parts:
        label, units = part.group("label"), part.group("units").strip().rstrip("。")
        if label in DEADLINE_LABELS:
            duty.deadline = units
            continue
        role = roles[label]
        if role == "duty" and (segments := _segments(units)):
            inner = _duty(text, segments)
            duty.lead_units += inner.lead_units
            duty.co_units += inner.co_units
            duty.label = duty.label or label
            duty.co_label = duty.co_label or inner.co_label
            continue
        names = organisations.split_cell(units)
        if role == "duty":
            # `市生态环境局（牵头）、市发展改革委`: the marked unit leads; else the note decides
            marked = [n for n in names if re.search(r"[（(]牵头[)）]$", n)]
            if marked:
                leads = [re.sub(r"[（(]牵头[)）]$", "", n) for n in marked]
                cos = [n for n in names if n not in marked]
            elif first_leads and len(names) > 1:
                leads, cos = names[:1], names[1:]
            else:
                leads, cos = names, []
            duty.lead_units += [r for n in leads for r in organisations.split_group(n)]
            duty.co_units += [r for n in cos for r in organisations.split_group(n)]
            duty.label = duty.label or label
        elif role == "lead":
            duty.lead_units += [r for n in names for r in organisations.split_group(n)]
            duty.label = duty.label or label
        else:
            duty.co_units += [r for n in names for r in organisations.split_group(n)]
            duty.co_label = duty.co_label or label
    return duty if duty.lead_units or duty.co_units or duty.deadline else None
