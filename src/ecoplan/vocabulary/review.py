"""Kinds of review item: what an importer could not decide with certainty (domain.md §7).

An importer raises one with ``ImportResult.add_review(kind, …)``; a coordinator resolves it.
"""
from __future__ import annotations

from . import Term
from . import gettext_noop as _

REVIEW_KINDS = (
    Term("units_ambiguous", _("lead and co-units ran together"), "主责/协办单位无法区分"),
    Term("unit_unknown", _("unknown unit"), "未收录的单位"),
    Term("unit_ambiguous", _("unit name matches several units"), "单位名称对应多个单位"),
    Term("lead_missing", _("no lead unit printed"), "未写明牵头单位"),
    Term("units_missing", _("no units printed"), "未写明责任单位"),
    Term("deadline_blank", _("no deadline printed"), "未写明完成时限"),
    Term("deadline_inherited", _("deadline inherited from a merged cell"), "完成时限沿用合并单元格"),
    Term("deadline_unrecognised", _("deadline not recognised"), "完成时限无法识别"),
    Term("deadline_milestones", _("milestones missing"), "缺少时间节点"),
    Term("deadline_conflict", _("deadline contradicts the text"), "完成时限与正文不一致"),
    Term("year_unknown", _("plan year unknown"), "未写明计划年度"),
    Term("deadline_implicit", _("deadlines not printed"), "未印完成时限"),
    Term("task_label", _("task label rebuilt"), "重点任务名称经拼接"),
    Term("task_unclear", _("task unclear"), "重点任务不明确"),
    Term("column_shift", _("cells shifted one column"), "单元格错列"),
    Term("text_missing", _("measure text missing"), "缺少措施内容"),
    Term("source_defect", _("defect in the source text"), "原文有误"),
    Term("meta_missing", _("plan metadata missing"), "缺少规划信息"),
    Term("target_municipal", _("municipal value pending"), "待市级下达数值"),
    Term("target_conflict", _("target stated twice, differently"), "目标前后表述不一致"),
    Term("line_unread", _("line not read"), "未读取的行"),
    Term("columns_unmapped", _("table columns of no role"), "未对应角色的表格列"),
    Term("column_guessed", _("table column guessed"), "表格列角色系推测"),
    Term("cells_regrouped", _("table cells regrouped into rows"), "单元格按行重组"),
    Term("page_break_text", _("text after a page break attached to the row above"), "跨页文字归入上一行"),
    Term("indicator_year_inferred", _("indicator year inferred"), "指标年份按规划期推定"),
)
CODES = tuple(k.code for k in REVIEW_KINDS)
