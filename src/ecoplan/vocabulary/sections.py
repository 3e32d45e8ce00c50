"""What a part of a plan's text is, from its heading's title (一、工作目标, （三）保障措施 …).

A prose plan's headings say what lies under them: the targets (目标/主要目标/工作目标/总体目标/具体
指标), the work (任务/措施/重点工作), or narrative the importer skips (指导思想, 基本原则, 保障措施 …).
The prose reader and the notice reader (the body above a task table) read the same words: a new
heading wording is a change here.  Patterns match the importer's key form (no spaces, simplified).
"""
from __future__ import annotations

# 主要目标, 工作目标, 总体目标, 具体目标, 发展目标, 年度目标 — or 目标 alone
TARGET_TITLE = r"(?:主要|工作|总体|具体|发展|年度)?目标"

# (role, pattern of the title), first match wins
SECTION_ROLES: tuple[tuple[str, str], ...] = (
    ("work", r"任务|措施$|重点工作|工作内容|主要工作"),
    ("targets", rf"目标$|指标$|^{TARGET_TITLE}"),
    ("narrative", r"指导思想|总体要求|基本原则|原则|保障|组织实施|组织领导|工作要求|实施步骤|背景|形势|意义|"
                  r"监督|考核|职责分工|工作机制|依据|适用范围|总则|附则|发展基础|回顾|成效|现状|面临"),
)
# 保障措施 ends with 措施 yet is narrative: these win over the roles above
NARRATIVE_FIRST = r"保障措施|保障机制"
