"""Who may do what — enforced on the server for every page and API call.

coordinator (bureau): sees and edits everything; reporter: reads and writes only its own unit's
reports; leader: reads everything, "my measures" are those where they are the lead official;
auditor: reads everything, history included, changes nothing.  A superuser acts as coordinator.
"""
from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Profile, Report, Role


def role_of(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Role.COORDINATOR
    profile = Profile.objects.filter(user=user).first()
    return profile.role if profile else None


def organisation_of(user):
    profile = Profile.objects.filter(user=user).select_related("organisation").first()
    return profile.organisation if profile else None


def require_role(*roles):
    """View decorator: 403 unless the user holds one of ``roles``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if role_of(request.user) not in roles:
                raise PermissionDenied("your role does not allow this")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def can_read_report(user, report: Report) -> bool:
    role = role_of(user)
    if role in (Role.COORDINATOR, Role.LEADER, Role.AUDITOR):
        return True
    return role == Role.REPORTER and organisation_of(user) == report.organisation


def can_write_report(user, report: Report) -> bool:
    role = role_of(user)
    if role == Role.COORDINATOR:
        return True
    return role == Role.REPORTER and organisation_of(user) == report.organisation


def access_report(user, report_id: int, write: bool = False) -> Report:
    """The report, or 404 when it does not exist and 403 when the user may not see (or change) it."""
    report = get_object_or_404(Report.objects.select_related("cycle__plan", "organisation"), pk=report_id)
    allowed = can_write_report(user, report) if write else can_read_report(user, report)
    if not allowed:
        raise PermissionDenied("this report belongs to another unit")
    return report
