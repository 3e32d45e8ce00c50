"""Who may see or change what: the one access policy of ecoplan, asked by the pages, the API and
the admin alike.

The policy is a table (``RULES``): object kind × action × role → rule.  A role is the user's
Profile.role (a superuser acts as coordinator); users without a role and anonymous visitors have
the role ``public``.  ``is_staff`` decides nothing here.

Each app says, in its ``AppConfig.ready()``, which kinds of objects it owns and where each one's
unit is (``register(Kind(...))``); plans registers its own below.  To someone who may not see an
object, a missing and a forbidden one look the same: ``access`` raises Http404 for both.  An
object one may see but not change answers 403.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404

from .models import Area, LexiconEntry, Measure, Organisation, Plan, Profile, ReviewItem, Role, Target

PUBLIC = "public"  # anonymous visitors and accounts without a role
VIEW, CHANGE, REVIEW = "view", "change", "review"  # review: a coordinator's decision on a report


class Rule(StrEnum):
    ALL = "all"  # every object of the kind
    OWN_UNIT = "own_unit"  # the objects of the user's own unit (Profile.organisation)
    NONE = "none"


ALL, OWN, NONE = Rule.ALL, Rule.OWN_UNIT, Rule.NONE
ROLES = (Role.COORDINATOR, Role.REPORTER, Role.LEADER, Role.AUDITOR, PUBLIC)


def _row(coordinator: Rule, reporter: Rule, leader: Rule, auditor: Rule, public: Rule) -> dict:
    return dict(zip(ROLES, (coordinator, reporter, leader, auditor, public), strict=True))


# kind, action:              coordinator reporter leader auditor public
RULES: dict[tuple[str, str], dict[str, Rule]] = {
    # the plan registry is published documents: everyone reads it, the bureau corrects it
    ("plan", VIEW): _row(ALL, ALL, ALL, ALL, ALL),
    ("plan", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),  # import a plan
    ("measure", VIEW): _row(ALL, ALL, ALL, ALL, ALL),
    ("measure", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),
    ("organisation", VIEW): _row(ALL, ALL, ALL, ALL, ALL),
    ("organisation", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),
    # the installation's lexicon of unit names: read by every role, kept by the bureau
    ("lexicon", VIEW): _row(ALL, ALL, ALL, ALL, NONE),
    ("lexicon", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),
    ("target", VIEW): _row(ALL, ALL, ALL, ALL, ALL),
    ("target", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),
    ("area", VIEW): _row(ALL, ALL, ALL, ALL, ALL),  # districts and sub-areas: the air pages
    ("station", VIEW): _row(ALL, ALL, ALL, ALL, ALL),
    # surface-water sections and their classes: published like the air stations
    ("water_section", VIEW): _row(ALL, ALL, ALL, ALL, ALL),
    ("measurement_site", VIEW): _row(ALL, ALL, ALL, ALL, ALL),  # dust-fall jars …: published like stations
    ("review_item", VIEW): _row(ALL, ALL, ALL, ALL, ALL),
    ("review_item", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),
    # a resolution is an internal note that names staff: people with a role only
    ("review_note", VIEW): _row(ALL, ALL, ALL, ALL, NONE),
    # what the importer wrote besides (annexes, tasks, areas, import runs): admin corrections
    ("registry", VIEW): _row(ALL, NONE, NONE, ALL, NONE),
    ("registry", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),
    # who acts for which unit (profiles, notifications, tokens, schemes: the admin)
    ("account", VIEW): _row(ALL, NONE, NONE, ALL, NONE),
    ("account", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),
    # supervision: a unit's reports are its own; the bureau, leaders and auditors read them all
    ("report", VIEW): _row(ALL, OWN, ALL, ALL, NONE),
    ("report", CHANGE): _row(ALL, OWN, NONE, NONE, NONE),  # save, submit, add evidence
    ("report", REVIEW): _row(ALL, NONE, NONE, NONE, NONE),  # accept, return
    ("report_entry", VIEW): _row(ALL, OWN, ALL, ALL, NONE),
    ("report_entry", CHANGE): _row(ALL, OWN, NONE, NONE, NONE),
    ("evidence", VIEW): _row(ALL, OWN, ALL, ALL, NONE),
    ("evidence", CHANGE): _row(ALL, OWN, NONE, NONE, NONE),
    ("cycle", VIEW): _row(ALL, NONE, ALL, ALL, NONE),  # every unit's report of a month
    ("cycle", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),  # open, close
    ("assessment", VIEW): _row(ALL, NONE, ALL, ALL, NONE),  # the ranking of the units
    ("progress", VIEW): _row(ALL, NONE, ALL, ALL, NONE),  # the dashboard's lists of measures
    # a unit's overview (督办总览: its measures and targets, late first): a reporter reads its own unit's,
    # which it reports on anyway; a leader's overview names no unit and asks "progress"
    ("unit_progress", VIEW): _row(ALL, OWN, ALL, ALL, NONE),
    # evaluation: a unit's reported values (报送数值) are its own until the bureau accepts them;
    # a reporter submits for the targets its unit answers for (evaluation.responsibility)
    ("reported_value", VIEW): _row(ALL, OWN, ALL, ALL, NONE),
    ("reported_value", CHANGE): _row(ALL, OWN, NONE, NONE, NONE),  # submit, resubmit
    ("reported_value", REVIEW): _row(ALL, NONE, NONE, NONE, NONE),  # accept, return
    # the bureau judges qualitative targets and enters the municipality's values; staff read them
    ("qualitative", VIEW): _row(ALL, ALL, ALL, ALL, NONE),
    ("qualitative", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),
    ("municipal_requirement", VIEW): _row(ALL, ALL, ALL, ALL, NONE),
    ("municipal_requirement", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),
    # rankings of streets and towns (排名): staff read them, the bureau keeps the saved definitions
    ("ranking", VIEW): _row(ALL, ALL, ALL, ALL, NONE),
    ("ranking", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),
    # bulletins (通报): issued ones go to every unit; drafts are seen only by who may change them
    ("bulletin", VIEW): _row(ALL, ALL, ALL, ALL, NONE),
    ("bulletin", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),  # draft, edit, issue, correct
    ("bulletin_template", VIEW): _row(ALL, NONE, NONE, ALL, NONE),
    ("bulletin_template", CHANGE): _row(ALL, NONE, NONE, NONE, NONE),
    # the audit trail (who did what): read by the bureau and the auditors, changed by no one
    ("audit", VIEW): _row(ALL, NONE, NONE, ALL, NONE),
}


@dataclass(frozen=True)
class Kind:
    """A kind of object the policy answers for: where its objects come from and, for own-unit
    rules, the ORM path from an object to the unit (Organisation) that owns it ("pk" when the
    objects are the units themselves)."""

    name: str
    queryset: Callable[[], QuerySet]
    unit: str | None = None


KINDS: dict[str, Kind] = {}


def register(*kinds: Kind) -> None:
    for kind in kinds:
        KINDS[kind.name] = kind


def role_of(user) -> str:
    """The user's role; ``public`` for anonymous visitors, inactive users and accounts without one."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        return str(Role.COORDINATOR)  # a TextChoices member prints as its value
    profile = _profile(user)
    return profile.role if profile else PUBLIC


def organisation_of(user) -> Organisation | None:
    profile = _profile(user) if getattr(user, "is_authenticated", False) else None
    return profile.organisation if profile else None


def _profile(user) -> Profile | None:
    if not hasattr(user, "_ecoplan_profile"):  # once per request: every check asks
        user._ecoplan_profile = Profile.objects.filter(user=user).select_related("organisation").first()
    return user._ecoplan_profile


def rule(user, kind: str, action: str = VIEW) -> Rule:
    return RULES.get((kind, action), {}).get(role_of(user), NONE)


def may(user, kind: str, action: str = VIEW, obj=None) -> bool:
    """May ``user`` do ``action`` on ``obj`` (on some object of the kind when ``obj`` is None)?"""
    found = rule(user, kind, action)
    if found == NONE:
        return False
    if found == ALL or obj is None:
        return True
    return visible(user, kind, action, _queryset(kind)).filter(pk=obj.pk).exists()


def visible(user, kind: str, action: str = VIEW, queryset: QuerySet | None = None) -> QuerySet:
    """The objects of ``kind`` the user may view (or change): a queryset to list or filter."""
    qs = _queryset(kind) if queryset is None else queryset
    found = rule(user, kind, action)
    if found == ALL:
        return qs
    unit_path = KINDS[kind].unit if kind in KINDS else None
    if found == OWN and unit_path and (unit := organisation_of(user)) is not None:
        return qs.filter(**{unit_path: unit.pk if unit_path == "pk" else unit})  # "pk": the unit itself
    return qs.none()


def access(user, kind: str, pk, action: str = VIEW, queryset: QuerySet | None = None, field: str = "pk"):
    """The object whose ``field`` is ``pk``, or Http404 when it is missing or not the user's to see
    (the same answer), or PermissionDenied when the user may see it but not do ``action``."""
    qs = _queryset(kind) if queryset is None else queryset
    try:
        obj = visible(user, kind, VIEW, qs).get(**{field: pk})
    except (qs.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(f"no such {kind}") from None
    if action != VIEW and not visible(user, kind, action, qs).filter(pk=obj.pk).exists():
        raise PermissionDenied(f"your role may not {action} this {kind}")
    return obj


def check(user, kind: str, action: str = VIEW) -> None:
    """For pages without one object (import a plan): 404 to those who may not even see the kind,
    403 to those who may see but not ``action``."""
    if may(user, kind, action):
        return
    if action == VIEW or not may(user, kind, VIEW):
        raise Http404(f"no such {kind}")
    raise PermissionDenied(f"your role may not {action} this {kind}")


def _queryset(kind: str) -> QuerySet:
    if kind not in KINDS:
        raise LookupError(f"no access kind {kind!r} is registered")
    return KINDS[kind].queryset()


def admin_site_permission(request) -> bool:
    """The admin opens to those whose role may see the registry (coordinator, auditor)."""
    return may(request.user, "registry", VIEW)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in asks the role too, not ``is_staff``."""

    def confirm_login_allowed(self, user):
        AuthenticationForm.confirm_login_allowed(self, user)  # active accounts only
        if not may(user, "registry", VIEW):
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login",
                                  params={"username": self.username_field.verbose_name})


PLAN_KINDS = [
    Kind("plan", lambda: Plan.objects.all()),
    Kind("measure", lambda: Measure.objects.all()),
    Kind("organisation", lambda: Organisation.objects.all()),
    Kind("lexicon", lambda: LexiconEntry.objects.all()),
    Kind("target", lambda: Target.objects.all()),
    Kind("area", lambda: Area.objects.all()),
    Kind("review_item", lambda: ReviewItem.objects.all()),
    Kind("review_note", lambda: ReviewItem.objects.all()),
    Kind("registry", lambda: Plan.objects.all()),
    Kind("account", lambda: Profile.objects.all()),
]
