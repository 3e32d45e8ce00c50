"""Changes in supervision — one ``do_*`` per user-visible change, each all-or-nothing.

``cycles`` (open, close), ``reports`` (save, submit, return, accept, evidence), ``reminders``,
``tokens`` (API tokens: issue, revoke), ``people`` (accounts: invite, change, deactivate, reactivate,
a new password link)."""
from ._errors import Conflict, Refused
from .cycles import (
    DEFAULT_DUE_RULE,
    do_close_cycle,
    do_open_cycle,
    group_members,
    measures_by_unit,
    parse_due_rule,
    plan_period,
)
from .people import (
    PasswordLink,
    do_change_user,
    do_deactivate_user,
    do_invite_user,
    do_reactivate_user,
    do_reset_password,
)
from .reminders import Reminded, do_remind_units, do_send_reminders
from .reports import (
    EVIDENCE_TYPES,
    do_accept_report,
    do_add_evidence,
    do_carry_over,
    do_return_report,
    do_save_entry,
    do_save_report,
    do_submit_report,
    snapshot,
)
from .tokens import access_own_token, do_issue_api_token, do_revoke_api_token

__all__ = [
    "Conflict", "Refused", "DEFAULT_DUE_RULE", "do_close_cycle", "do_open_cycle",
    "group_members", "measures_by_unit", "parse_due_rule", "plan_period", "do_send_reminders",
    "Reminded", "do_remind_units",
    "EVIDENCE_TYPES", "do_accept_report", "do_add_evidence", "do_return_report", "do_save_report",
    "do_save_entry", "do_carry_over",
    "do_submit_report", "snapshot", "access_own_token", "do_issue_api_token", "do_revoke_api_token",
    "PasswordLink", "do_change_user", "do_deactivate_user", "do_invite_user", "do_reactivate_user",
    "do_reset_password",
]
