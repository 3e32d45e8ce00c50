"""People: the coordinator's accounts, units and roles — invite, change, deactivate, reactivate, and
a new one-time password link.  The Django admin stays for superusers; these are the product's.

An intranet may have no e-mail: an invited account has no usable password, and the coordinator
passes on a one-time "set your password" link (Django's password-reset token: it stops working
once used, once the password changes, and after PASSWORD_RESET_TIMEOUT).  It is also e-mailed when
the account has an address.  Every change is a save of User / Profile, which the audit trail
(django-auditlog, registered in ecoplan.core.audit) records with the acting user; a link issued is
recorded as its own entry.
"""
from __future__ import annotations

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ecoplan.plans.models import Organisation

from ..models import Profile, Role
from ._errors import Refused

User = get_user_model()


@dataclass(frozen=True)
class PasswordLink:
    """A one-time "set your password" link (path only: the coordinator's page adds the host)."""

    user: object
    path: str
    emailed: bool


def link_hours() -> int:
    return settings.PASSWORD_RESET_TIMEOUT // 3600


def _password_link(user, acting_user, request_host: str = "") -> PasswordLink:
    """A new link for ``user``, recorded in the audit trail; e-mailed (after the commit) when the
    account has an address."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User), object_pk=str(user.pk), object_id=user.pk,
        object_repr=user.get_username(), action=LogEntry.Action.UPDATE, actor=acting_user,
        additional_data={"event": "password_link_issued"})
    emailed = bool(user.email)
    if emailed:
        subject = _("[ecoplan] set your password")
        body = _("An ecoplan account “%(username)s” is waiting for you. Set your password here (the link "
                 "works once, for %(hours)s hours):\n%(url)s") % {
            "username": user.get_username(), "hours": link_hours(), "url": request_host + path}
        to = [user.email]
        transaction.on_commit(lambda: send_mail(subject, body, None, to, fail_silently=True))
    return PasswordLink(user, path, emailed)


def _clean(role: str, organisation: Organisation | None, person_name: str, email: str) -> tuple[str, str]:
    """Refuse what the role needs and lacks; the person name kept only for leaders."""
    if role not in Role.values:
        raise Refused(_("unknown role “%(role)s”") % {"role": role})
    person_name = (person_name or "").strip()
    if role == Role.REPORTER and organisation is None:
        raise Refused(_("a reporter reports for a unit: choose the unit"))
    if role == Role.LEADER and not person_name:
        raise Refused(_("a leader sees the measures they lead: give the name printed as lead official (牵头领导)"))
    if len(person_name) > 50:
        raise Refused(_("the person name is longer than 50 characters"))
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Refused(_("“%(email)s” is not an e-mail address") % {"email": email}) from None
    return (person_name if role == Role.LEADER else ""), email


def _check_managed(user) -> None:
    if user.is_superuser:
        raise Refused(_("%(username)s is a superuser: superusers are managed in the Django admin") % {
            "username": user.get_username()})


def _other_coordinators(user) -> bool:
    return Profile.objects.filter(role=Role.COORDINATOR, user__is_active=True).exclude(user=user).exists()


@transaction.atomic(durable=True)
def do_invite_user(acting_user, *, username: str, full_name: str, role: str, organisation: Organisation | None = None,
                   person_name: str = "", email: str = "", request_host: str = "") -> PasswordLink:
    """A new account with no usable password, and its one-time link."""
    username = (username or "").strip()
    if not username:
        raise Refused(_("give a user name"))
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise Refused(_("user name “%(username)s”: letters, digits and @ . + - _ only") % {"username": username}) from None
    if len(username) > 150:
        raise Refused(_("the user name is longer than 150 characters"))
    if User.objects.filter(username__iexact=username).exists():
        raise Refused(_("the user name “%(username)s” is taken") % {"username": username})
    full_name = (full_name or "").strip()
    if len(full_name) > 150:
        raise Refused(_("the full name is longer than 150 characters"))
    person_name, email = _clean(role, organisation, person_name, email)
    user = User(username=username, first_name=full_name, email=email)
    user.set_unusable_password()
    user.save()
    Profile.objects.create(user=user, role=role, organisation=organisation, person_name=person_name)
    return _password_link(user, acting_user, request_host)


@transaction.atomic(durable=True)
def do_change_user(acting_user, user, *, role: str, organisation: Organisation | None, person_name: str = "",
                   full_name: str | None = None, email: str | None = None) -> Profile:
    """Set the role, unit and (for a leader) the person name; the full name and e-mail when given."""
    _check_managed(user)
    person_name, email = _clean(role, organisation, person_name, email or "")
    if full_name is not None and len(full_name.strip()) > 150:
        raise Refused(_("the full name is longer than 150 characters"))
    profile = Profile.objects.select_for_update().filter(user=user).first() or Profile(user=user)
    if profile.pk and profile.role == Role.COORDINATOR and role != Role.COORDINATOR and user.is_active \
            and not _other_coordinators(user):
        raise Refused(_("%(username)s is the last active coordinator: make someone else coordinator first") % {
            "username": user.get_username()})
    if (profile.role, profile.organisation_id, profile.person_name) != (
            role, organisation.pk if organisation else None, person_name) or not profile.pk:
        profile.role, profile.organisation, profile.person_name = role, organisation, person_name
        profile.save()
    fields = []
    if full_name is not None and full_name.strip() != user.first_name:
        user.first_name = full_name.strip()
        fields.append("first_name")
    if email is not None and email != user.email:
        user.email = email
        fields.append("email")
    if fields:
        user.save(update_fields=fields)
    return profile


@transaction.atomic(durable=True)
def do_deactivate_user(acting_user, user):
    """The account can no longer sign in; its sessions, API tokens and any password link end for
    good, not only while it is inactive: its password is made unusable (sessions, tokens and links
    all derive from it), so reactivating needs a new password link.  Nothing it did is deleted."""
    _check_managed(user)
    if user.pk == acting_user.pk:
        raise Refused(_("you cannot deactivate your own account"))
    if not user.is_active:
        raise Refused(_("%(username)s is already deactivated") % {"username": user.get_username()})
    if Profile.objects.filter(user=user, role=Role.COORDINATOR).exists() and not _other_coordinators(user):
        raise Refused(_("%(username)s is the last active coordinator: make someone else coordinator first") % {
            "username": user.get_username()})
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])
    user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    return user


@transaction.atomic(durable=True)
def do_reactivate_user(acting_user, user):
    _check_managed(user)
    if user.is_active:
        raise Refused(_("%(username)s is active") % {"username": user.get_username()})
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic(durable=True)
def do_reset_password(acting_user, user, request_host: str = "") -> PasswordLink:
    """A new one-time link.  The old password stops working at once (and with it the account's
    sessions and API tokens), and a sign-in lockout of the user name is lifted."""
    from axes.utils import reset as reset_lockout  # axes loads its handler on first use

    _check_managed(user)
    if not user.is_active:
        raise Refused(_("%(username)s is deactivated: reactivate the account first") % {"username": user.get_username()})
    user.set_unusable_password()
    user.save(update_fields=["password"])
    reset_lockout(username=user.get_username())
    return _password_link(user, acting_user, request_host)
