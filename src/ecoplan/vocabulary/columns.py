"""Column roles of a task table (任务分工表) and the header words printed for each.

A plan's task table names its columns in many ways (重点任务 / 主要任务 / 工作任务 …); the table
reader maps each printed header to one role through these rows, so a new column name is a new
word here, not new code.  Words are compared in the importer's matching form (no spaces, NFKC,
simplified characters).
"""
from __future__ import annotations

from . import Term
from . import gettext_noop as _

COLUMN_ROLES = (
    Term("number", _("number"), "序号"),
    Term("task", _("key task"), "重点任务"),
    Term("measure", _("measure"), "工作措施"),
    Term("deadline", _("deadline"), "完成时限"),
    Term("lead_official", _("lead official"), "牵头领导"),
    Term("lead_unit", _("lead unit"), "牵头单位"),
    Term("co_unit", _("co-unit"), "协办单位"),
)

# role → the header words printed for it, the role's own term first
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号"),
    "task": ("重点任务", "主要任务", "工作任务", "任务名称", "项目名称", "领域", "类别", "任务"),
    "measure": ("工作措施", "具体措施", "主要内容", "工作内容", "工作要求", "任务内容", "具体工作",
                "目标要求", "主要措施", "工作目标", "具体内容", "工作举措", "具体举措", "主要工作",
                "整改措施", "应急措施", "管控措施", "治理措施", "措施"),
    "deadline": ("完成时限", "完成时间", "时间节点", "计划节点", "完成期限", "时间安排", "进度安排",
                 "整改时限", "整改期限", "落实时限", "时限"),
    "lead_official": ("牵头领导", "责任领导", "分管领导", "区级领导"),
    "lead_unit": ("牵头单位", "主责单位", "牵头部门", "责任单位", "责任部门", "主办单位", "责任主体",
                  "责任股室"),
    "co_unit": ("协办单位", "配合单位", "配合部门", "协助单位", "参与单位"),
}

# Words that name the lead column alone but the co-unit column when a 牵头 column stands beside
# them (`牵头单位 | 责任单位`).
LEAD_OR_CO = ("责任单位", "责任部门", "责任主体")

# A header cell over two sub-columns (`责任单位` over `牵头部门 | 配合部门`): the words of the upper row.
UNIT_GROUP = ("责任单位", "责任部门", "责任分工")


# A header that is not one of the words above may still be close to one (`工作措施内容`, `牵头责任单位`,
# a typo `完成时线`): the table reader guesses its role, and files the guess for review.  These
# words in the rest of a header make it another column even when it contains a role's word
# (`牵头单位负责人` names a person, `完成时限情况` a progress report).
NOT_GUESSED = ("人", "情况", "进展", "进度", "说明", "备注", "依据", "成效", "结果")

# In a guessed unit column these words decide lead or co-unit (`配合责任单位` is the co-units' column).
UNIT_MARKS = {"牵头": "lead_unit", "主责": "lead_unit", "主办": "lead_unit", "配合": "co_unit",
              "协办": "co_unit", "协助": "co_unit", "参与": "co_unit"}


def role_of(word: str) -> str:
    """The role a header word (in matching form) names, or ""."""
    for role, words in HEADER_WORDS.items():
        if word in words:
            return role
    return ""

# What a coordinator may name a column when the header words say nothing (the upload page's
# mapping, the CLI's --columns): a role, or one of these two.
MAPPING_ROLES = COLUMN_ROLES + (
    Term("attribute", _("other column (kept with the measure)"), "其他列（随措施保存）"),
    Term("ignore", _("ignore"), "不导入"),
)
# what the CLI also accepts for a role: `责任部门=lead`
ROLE_ALIASES = {"lead": "lead_unit", "co": "co_unit", "official": "lead_official", "other": "attribute"}
