"""People: the coordinator's list of accounts, the invite, one account's page (role, unit, person
name; deactivate, reactivate, a new password link).  The auditor reads; other roles get a 404.
Access is the one policy's ("account", VIEW / CHANGE); ``is_staff`` plays no part."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecoplan.plans.access import CHANGE, VIEW, check, may
from ecoplan.plans.models import Assignment, Organisation
from ecoplan.plans.params import parse, parsed

from . import actions
from .actions.people import link_hours
from .forms_people import AccountForm, InviteForm, PeopleFilterForm
from .models import Profile, Role

User = get_user_model()
PAGE_SIZE = 50


# -- the read side ---------------------------------------------------------------------------
def accounts(role: str = "", unit: int | None = None, q: str = ""):
    """The accounts, newest last, each with its profile and unit (one query)."""
    users = User.objects.select_related("profile__organisation__district").order_by("username")
    if role:
        users = users.filter(profile__role=role)
    if unit:
        users = users.filter(profile__organisation_id=unit)
    if q := q.strip():
        users = users.filter(Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
                             | Q(profile__person_name__icontains=q))
    return users


def locked_out(usernames) -> set[str]:
    """The user names django-axes locks out now (ECOPLAN_LOGIN_FAILURES failures within the
    cool-off), in one query."""
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(AccessAttempt.objects.filter(username__in=list(usernames), attempt_time__gte=since,
                                            failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
               .values_list("username", flat=True))


def lead_officials() -> list[str]:
    """The names the plans print as lead official (牵头领导): what a leader's person name matches."""
    return list(Assignment.objects.filter(role=Assignment.Role.LEAD_OFFICIAL).exclude(person_name="")
                .values_list("person_name", flat=True).distinct().order_by("person_name"))


def _profile(user) -> Profile | None:
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def _host(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# -- the pages -------------------------------------------------------------------------------
@login_required
@parsed
def people(request):
    check(request.user, "account", VIEW)
    query = parse(PeopleFilterForm, request.GET)
    page = Paginator(accounts(query["role"], query["unit"], query["q"]), PAGE_SIZE).get_page(query["page"] or 1)
    rows = list(page)
    locked = locked_out(u.username for u in rows)
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "supervision/people.html", {
        "page": page, "rows": [(u, _profile(u), u.username in locked) for u in rows], "query": query,
        "params": params.urlencode(), "roles": Role.choices,
        "units": Organisation.objects.filter(members__isnull=False).select_related("district").distinct(),
        "can_change": may(request.user, "account", CHANGE)})


@login_required
def invite(request):
    check(request.user, "account", CHANGE)
    form = InviteForm(request.POST or None, initial={"role": Role.REPORTER})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            link = actions.do_invite_user(
                request.user, username=data["username"], full_name=data["full_name"], role=data["role"],
                organisation=data["unit"], person_name=data["person_name"], email=data["email"],
                request_host=_host(request))
        except actions.Refused as exc:
            form.add_error(None, str(exc))
        else:
            return _link_page(request, link, _("Account %(username)s created.") % {"username": link.user.username})
    return render(request, "supervision/people_invite.html", {
        "form": form, "officials": lead_officials(), "hours": link_hours()},
        status=400 if form.errors else 200)


def _link_page(request, link, headline: str):
    _warn_unknown_official(request, link.user)
    return render(request, "supervision/people_link.html", {
        "person": link.user, "headline": headline, "url": request.build_absolute_uri(link.path),
        "emailed": link.emailed, "hours": link_hours()})


def _warn_unknown_official(request, user) -> None:
    profile = _profile(user)
    if profile and profile.role == Role.LEADER and not Assignment.objects.filter(
            role=Assignment.Role.LEAD_OFFICIAL, person_name=profile.person_name).exists():
        messages.warning(request, _("No measure of the plans names “%(name)s” as lead official yet: this leader "
                                    "sees no measures until one does.") % {"name": profile.person_name})


@login_required
def person(request, pk: int):
    """One account: what it is, and for the coordinator the form to change it."""
    check(request.user, "account", VIEW)
    user = get_object_or_404(User.objects.select_related("profile__organisation__district"), pk=pk)
    profile = _profile(user)
    initial = {"full_name": user.first_name, "email": user.email, "role": profile.role if profile else "",
               "unit": profile.organisation if profile else None, "person_name": profile.person_name if profile else ""}
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST":
        check(request.user, "account", CHANGE)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.do_change_user(request.user, user, role=data["role"], organisation=data["unit"],
                                       person_name=data["person_name"], full_name=data["full_name"],
                                       email=data["email"])
            except actions.Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Account %(username)s saved.") % {"username": user.username})
                _warn_unknown_official(request, user)
                return redirect("supervision:person", pk=user.pk)
    return render(request, "supervision/people_person.html", {
        "person": user, "profile": profile, "form": form, "officials": lead_officials(),
        "locked": user.username in locked_out([user.username]), "hours": link_hours(),
        "can_change": may(request.user, "account", CHANGE) and not user.is_superuser},
        status=400 if form.errors else 200)


def _account_action(request, pk: int, do, done: str):
    check(request.user, "account", CHANGE)
    user = get_object_or_404(User, pk=pk)
    try:
        do(request.user, user)
    except actions.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done % {"username": user.username})
    return redirect("supervision:person", pk=user.pk)


@login_required
@require_POST
def deactivate(request, pk: int):
    return _account_action(request, pk, actions.do_deactivate_user,
                           _("%(username)s deactivated: signed out everywhere, API tokens stopped."))


@login_required
@require_POST
def reactivate(request, pk: int):
    return _account_action(request, pk, actions.do_reactivate_user,
                           _("%(username)s reactivated: give them a new password link (the old password ended "
                             "with the deactivation)."))


@login_required
@require_POST
def reset_password(request, pk: int):
    check(request.user, "account", CHANGE)
    user = get_object_or_404(User, pk=pk)
    try:
        link = actions.do_reset_password(request.user, user, request_host=_host(request))
    except actions.Refused as exc:
        messages.error(request, str(exc))
        return redirect("supervision:person", pk=user.pk)
    return _link_page(request, link, _("A new password link for %(username)s; the old password no longer works.")
                      % {"username": user.username})
