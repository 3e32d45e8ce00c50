"""The audit trail (审计日志): who changed what and when, who signed in, who failed to.

One table, django-auditlog's ``LogEntry``: every save and delete of the models in ``TRACKED``
is written by the library's signals, in the same transaction as the change (a rolled-back
change leaves no entry). This module adds what the library leaves to the site: the actor and
address of the request (also for API calls, whose user is known only after token auth), the
command and system user of the CLI, the domain verb of an entry (``EVENT_RULES``), and the
sign-in events. Entries are never changed or deleted once written.
"""
from __future__ import annotations

import getpass
from contextvars import ContextVar

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext_lazy as _

Action = LogEntry.Action

# What is recorded: app_label.Model → the library's registration options. Secrets and
# per-login noise are left out (a password hash, a token's hash, last_login).
TRACKED: dict[str, dict] = {
    "auth.User": {"exclude_fields": ["password", "last_login"], "m2m_fields": {"groups", "user_permissions"}},
    "auth.Group": {"m2m_fields": {"permissions"}},
    "plans.Profile": {},
    "supervision.ApiToken": {"exclude_fields": ["key_hash"]},
    "supervision.ReportingCycle": {},
    "supervision.Report": {"exclude_fields": ["version"]},
    "supervision.ReportEntry": {},
    "supervision.Evidence": {},
    "supervision.AssessmentScheme": {},
    "plans.Plan": {},
    "plans.Annex": {},
    "plans.Task": {},
    "plans.Measure": {},
    "plans.Assignment": {},
    "plans.Target": {},
    "plans.ReviewItem": {},
    "plans.Organisation": {},
    "plans.OrganisationAlias": {},
    "plans.LexiconEntry": {"exclude_fields": ["updated_at"]},
    "plans.Area": {},
    "monitoring.Station": {},
    "monitoring.StationMembership": {},
    "monitoring.ExclusionDay": {},
    "evaluation.ReportedValue": {},
    "evaluation.QualitativeJudgement": {},
    "evaluation.MunicipalRequirement": {},
    "evaluation.TargetResponsibility": {"exclude_fields": ["set_at"]},
    "rankings.RankingDefinition": {"exclude_fields": ["updated_at"]},
}

# Events: the domain verb of an entry, as the auditor reads and filters it.
EVENTS: dict[str, str] = {
    "login": _("signed in"),
    "logout": _("signed out"),
    "login_failed": _("sign-in failed"),
    "plan_imported": _("plan imported"),
    "review_resolved": _("review item resolved"),
    "review_dismissed": _("review item dismissed"),
    "target_value_set": _("target value set"),
    "cycle_opened": _("reporting cycle opened"),
    "cycle_closed": _("reporting cycle closed"),
    "report_saved": _("report saved"),
    "report_submitted": _("report submitted"),
    "report_returned": _("report returned with a comment"),
    "report_accepted": _("report accepted"),
    "evidence_added": _("evidence added"),
    "value_reported": _("value reported"),
    "value_accepted": _("reported value accepted"),
    "value_returned": _("reported value returned with a comment"),
    "target_judged": _("qualitative target judged"),
    "municipal_value_entered": _("municipal value entered"),
    "responsible_unit_set": _("responsible unit of a target set"),
    "ranking_defined": _("ranking saved"),
    "ranking_changed": _("saved ranking changed"),
    "ranking_deleted": _("saved ranking deleted"),
    "token_issued": _("API token issued"),
    "token_revoked": _("API token revoked"),
    "user_created": _("user created"),
    "user_changed": _("user changed"),
    "user_deleted": _("user deleted"),
    "user_deactivated": _("user deactivated"),
    "user_reactivated": _("user reactivated"),
    "password_link_issued": _("one-time password link issued"),
    "role_set": _("role or unit set"),
    "created": _("created"),
    "changed": _("changed"),
    "deleted": _("deleted"),
}

# (model, action, field that changed or None for any, its new value or None for any) → event;
# the first rule that matches wins, else the plain created / changed / deleted.
EVENT_RULES: list[tuple[str, int, str | None, str | None, str]] = [
    ("plans.plan", Action.CREATE, None, None, "plan_imported"),
    ("plans.reviewitem", Action.UPDATE, "status", "resolved", "review_resolved"),
    ("plans.reviewitem", Action.UPDATE, "status", "dismissed", "review_dismissed"),
    ("plans.target", Action.UPDATE, "value", None, "target_value_set"),
    ("supervision.reportingcycle", Action.CREATE, None, None, "cycle_opened"),
    ("supervision.reportingcycle", Action.UPDATE, "status", "closed", "cycle_closed"),
    ("supervision.report", Action.UPDATE, "status", "submitted", "report_submitted"),
    ("supervision.report", Action.UPDATE, "status", "returned", "report_returned"),
    ("supervision.report", Action.UPDATE, "status", "accepted", "report_accepted"),
    ("supervision.reportentry", Action.UPDATE, None, None, "report_saved"),
    ("supervision.evidence", Action.CREATE, None, None, "evidence_added"),
    ("evaluation.reportedvalue", Action.CREATE, None, None, "value_reported"),
    ("evaluation.reportedvalue", Action.UPDATE, "status", "accepted", "value_accepted"),
    ("evaluation.reportedvalue", Action.UPDATE, "status", "returned", "value_returned"),
    ("evaluation.qualitativejudgement", Action.CREATE, None, None, "target_judged"),
    ("evaluation.municipalrequirement", Action.CREATE, None, None, "municipal_value_entered"),
    ("evaluation.targetresponsibility", Action.CREATE, None, None, "responsible_unit_set"),
    ("evaluation.targetresponsibility", Action.UPDATE, None, None, "responsible_unit_set"),
    ("rankings.rankingdefinition", Action.CREATE, None, None, "ranking_defined"),
    ("rankings.rankingdefinition", Action.UPDATE, None, None, "ranking_changed"),
    ("rankings.rankingdefinition", Action.DELETE, None, None, "ranking_deleted"),
    ("supervision.apitoken", Action.CREATE, None, None, "token_issued"),
    ("supervision.apitoken", Action.DELETE, None, None, "token_revoked"),
    ("supervision.apitoken", Action.UPDATE, "revoked_at", None, "token_revoked"),
    ("plans.profile", Action.CREATE, None, None, "role_set"),
    ("plans.profile", Action.UPDATE, None, None, "role_set"),
    ("auth.user", Action.CREATE, None, None, "user_created"),
    ("auth.user", Action.UPDATE, "is_active", "False", "user_deactivated"),
    ("auth.user", Action.UPDATE, "is_active", "True", "user_reactivated"),
    ("auth.user", Action.UPDATE, None, None, "user_changed"),
    ("auth.user", Action.DELETE, None, None, "user_deleted"),
]
PLAIN = {Action.CREATE: "created", Action.UPDATE: "changed", Action.DELETE: "deleted"}


def event_of(model: str, action: int, changes: dict | None) -> str:
    """The event of an entry: ``model`` is ``app_label.modelname``, ``changes`` the library's
    field → [old, new] (values as text)."""
    changes = changes or {}
    for rule_model, rule_action, field, value, event in EVENT_RULES:
        if rule_model != model or rule_action != action:
            continue
        if field is None:
            return event
        change = changes.get(field)
        if change is not None and (value is None or (isinstance(change, list | tuple) and str(change[-1]) == value)):
            return event
    return PLAIN.get(action, "changed")


# -- who: the request being served, or the command being run ----------------------------------
current_request: ContextVar = ContextVar("ecoplan_audit_request", default=None)
current_command: ContextVar = ContextVar("ecoplan_audit_command", default=None)


def run_by_command(name: str) -> None:
    """Entries written from now on in this context came from ``ecoplan NAME`` (no signed-in user:
    the system account that ran it is recorded instead)."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, no USER variable (a bare container)
        who = "?"
    current_command.set({"command": name, "system_user": who})


def client_address(request) -> str | None:
    """The peer's address. X-Forwarded-For is not trusted: anyone can write it."""
    return request.META.get("REMOTE_ADDR") or None


def _complete(sender, instance: LogEntry, **kwargs) -> None:
    """Before an entry is written: the actor and address of the request, the event, the actor's
    name kept as text (it outlives a deleted user)."""
    if instance.pk is not None and not instance._state.adding:
        return
    request = current_request.get()
    data = dict(instance.additional_data or {})
    if request is not None:
        user = getattr(request, "user", None)
        if instance.actor_id is None and getattr(user, "is_authenticated", False):
            instance.actor = user
        if not instance.remote_addr:
            instance.remote_addr = client_address(request)
        data.setdefault("via", "api" if request.path.startswith("/api/") else "web")
    elif current_command.get():
        data.setdefault("via", "cli")
        data.update({k: v for k, v in current_command.get().items() if k not in data})
    if instance.actor is not None:
        data.setdefault("actor_name", instance.actor.get_username())
    if "event" not in data:
        model = f"{instance.content_type.app_label}.{instance.content_type.model}"
        data["event"] = event_of(model, instance.action, instance.changes_dict)
    instance.additional_data = data


class ImmutableEntry(Exception):
    """An audit entry cannot be changed or deleted."""


def _refuse_change(sender, instance: LogEntry, **kwargs) -> None:
    if instance.pk is not None and not instance._state.adding:
        raise ImmutableEntry(f"audit entry {instance.pk} cannot be changed")


def _refuse_delete(sender, instance: LogEntry, **kwargs) -> None:
    raise ImmutableEntry(f"audit entry {instance.pk} cannot be deleted")


# -- sign-in events -------------------------------------------------------------------------
def _user_entry(user, event: str, request, actor=None, username: str = "") -> LogEntry:
    User = get_user_model()
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(user.pk) if user else "", object_id=user.pk if user else None,
        object_repr=user.get_username() if user else username,
        action=Action.ACCESS, actor=actor,
        remote_addr=client_address(request) if request is not None else None,
        additional_data={"event": event, **({"username": username} if username else {})},
    )


def _logged_in(sender, request, user, **kwargs) -> None:
    _user_entry(user, "login", request, actor=user)


def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        _user_entry(user, "logout", request, actor=user)


def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    """The name that was tried and where from; never the password (Django has already masked it
    in ``credentials``, and only the user name is read)."""
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:150]
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    _user_entry(user, "login_failed", request, username=username or "?")


def register() -> None:
    """Called once from ``CoreConfig.ready``: the one place that says what is audited."""
    for label, options in TRACKED.items():
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, **options)
    pre_save.connect(_refuse_change, sender=LogEntry, dispatch_uid="ecoplan-audit-immutable")
    pre_save.connect(_complete, sender=LogEntry, dispatch_uid="ecoplan-audit-complete")
    pre_delete.connect(_refuse_delete, sender=LogEntry, dispatch_uid="ecoplan-audit-no-delete")
    user_logged_in.connect(_logged_in, dispatch_uid="ecoplan-audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="ecoplan-audit-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="ecoplan-audit-login-failed")
