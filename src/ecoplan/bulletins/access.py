"""Bulletins in the one access policy (ecoplan.plans.access, where the rules are).

Issued bulletins go to every unit (kind ``bulletin``, view); a draft is seen only by who may
change bulletins (the coordinator): to anyone else it does not exist.  Templates: kind
``bulletin_template``.
"""
from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ecoplan.plans.access import CHANGE, VIEW, Kind, access, may, visible

from .models import Bulletin, BulletinTemplate

KINDS = [
    Kind("bulletin", lambda: Bulletin.objects.select_related("plan", "template", "issued_by", "supersedes")),
    Kind("bulletin_template", lambda: BulletinTemplate.objects.select_related("district")),
]


def visible_bulletins(user, queryset: QuerySet | None = None) -> QuerySet:
    """The bulletins the user may see: drafts only for who may change them."""
    qs = visible(user, "bulletin", VIEW, queryset)
    return qs if may(user, "bulletin", CHANGE) else qs.exclude(status=Bulletin.Status.DRAFT)


def access_bulletin(user, pk, action: str = VIEW) -> Bulletin:
    """The bulletin, or 404 (missing, or a draft the user may not see); 403 to change it without the right."""
    bulletin = access(user, "bulletin", pk, VIEW)
    if bulletin.is_draft and not may(user, "bulletin", CHANGE):
        raise Http404("no such bulletin")
    return bulletin if action == VIEW else access(user, "bulletin", pk, action)


def access_template(user, pk, action: str = VIEW) -> BulletinTemplate:
    return access(user, "bulletin_template", pk, action)
