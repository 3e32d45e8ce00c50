"""States of the monthly reporting: a unit's report, one measure's entry, a measure's due state."""
from __future__ import annotations

from . import Term
from . import gettext_noop as _

# A unit's monthly report: draft → submitted → accepted, or returned with a comment.
REPORT_STATES = (
    Term("draft", _("draft"), "草稿"),
    Term("submitted", _("submitted"), "已提交"),
    Term("returned", _("returned"), "已退回"),
    Term("accepted", _("accepted"), "已通过"),
)
# Where the unit says one measure stands this month.
ENTRY_STATES = (
    Term("not_started", _("not started"), "未启动"),
    Term("in_progress", _("in progress"), "进行中"),
    Term("done", _("done"), "已完成"),
    Term("blocked", _("blocked"), "受阻"),
    Term("not_due", _("not due"), "未到期"),
)
# Where a measure stands against its deadline (or, for standing obligations, its latest entry),
# in the order the dashboards list them.
DUE_STATES = (
    Term("on_track", _("on track"), "正常推进"),
    Term("due_soon", _("due soon"), "即将到期"),
    Term("overdue", _("overdue"), "逾期"),
    Term("done_late", _("done late"), "逾期完成"),
    Term("done", _("done"), "已完成"),
    Term("reported", _("progress reported"), "已报送进展"),
    Term("not_reported", _("not reported"), "未报送"),
    Term("blocked", _("blocked"), "受阻"),
    Term("not_started", _("not started"), "未启动"),
)
REPORT_CODES = tuple(t.code for t in REPORT_STATES)
EDITABLE_REPORT = frozenset({"draft", "returned"})  # the unit may still change it
ENTRY_CODES = tuple(t.code for t in ENTRY_STATES)
DUE_CODES = tuple(t.code for t in DUE_STATES)
# entry states that carry over as the due state of a standing obligation
ENTRY_AS_DUE = frozenset({"blocked", "not_started"})
# due states that count as finished (on time or late), and the order an overview lists measures
# in: what needs the leader first
DUE_FINISHED = frozenset({"done", "done_late"})
DUE_URGENCY = ("overdue", "blocked", "due_soon", "not_started", "not_reported", "on_track", "reported",
               "done_late", "done")

# Where a unit's report of the month stands on the coordinator's screen: a draft nobody ever saved
# is "not started" (未填报), set apart from a draft with work in it; in the order the screen counts.
UNIT_MONTH_STATES = (Term("not_started", _("not started (never saved)"), "未填报"),) + REPORT_STATES
# the due states of measures the coordinator chases, the most urgent first
DUE_ALERTS = ("overdue", "due_soon")

# Where a plan's target stands (ecoplan.analytics.judgement), in the order the pages list them.
TARGET_STATES = (
    Term("missed", _("missed"), "未达成"),
    Term("at_risk", _("at risk"), "有风险"),
    Term("on_track", _("on track"), "正常推进"),
    Term("met", _("met"), "已达成"),
    Term("insufficient_data", _("insufficient data"), "数据不足"),
    Term("awaiting_value", _("awaiting a reported value"), "待报送数值"),
    Term("awaiting_judgement", _("awaiting the coordinator's judgement"), "待评价"),
    Term("record", _("previous period, not judged"), "上期完成情况（不评价）"),
    Term("not_evaluable", _("not evaluable yet"), "暂无法评价"),
)
TARGET_CODES = tuple(t.code for t in TARGET_STATES)
# a status that says the target was judged on a figure (the rest say why it was not)
JUDGED = frozenset({"missed", "at_risk", "on_track", "met"})
# a judged status that needs attention (未达成 / 有风险)
AT_RISK = frozenset({"missed", "at_risk"})

# A reported value (报送数值) goes the way of a report without its draft: submitted → accepted,
# or returned with a comment and submitted again.
VALUE_STATES = tuple(t for t in REPORT_STATES if t.code != "draft")
# what the coordinator may say of a qualitative target (定性评价): the judged states
QUALITATIVE_STATES = tuple(t for t in TARGET_STATES if t.code in JUDGED)

# Entry states that are no answer without a narrative: "not started" is every entry's default
# (an untouched row), and a blocked measure must say why.  Which of the two a row lacks is the
# reason shown beside it.
NEED_NARRATIVE = {"not_started": _("not answered yet"), "blocked": _("blocked: say why")}
