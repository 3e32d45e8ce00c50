"""Saved rankings (排名设置): the bureau saves, changes and deletes them — one ``do_*`` per change,
all or nothing, refused with a message that names the field (``Refused``).  The audit trail
records each change with the acting user (core/audit.py tracks ``RankingDefinition``)."""
from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ecoplan.analytics.ranking import ROUNDINGS
from ecoplan.plans.access import CHANGE, may
from ecoplan.plans.errors import Refused
from ecoplan.plans.models import Area
from ecoplan.reporting.periods import SPAN_CODES
from ecoplan.vocabulary.rank_metrics import BY_CODE, MAX_N, MAX_PLACES

from .engine import LEVEL_CODES, ORDER_CODES
from .models import RankingDefinition

FIELDS = ("name", "area", "level", "metric", "span", "order", "bottom_n", "top_n", "places", "rounding",
          "exclude_dust", "active")


def _allowed(acting_user) -> None:
    if not may(acting_user, "ranking", CHANGE):
        raise PermissionDenied(_("your role may not change saved rankings"))


def _one_of(field: str, value, known) -> None:
    if value not in known:
        raise Refused(_("%(field)s: “%(value)s” is not one of %(known)s") % {
            "field": field, "value": value, "known": ", ".join(map(str, known))})


def _count(field: str, value, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Refused(_("%(field)s: %(value)s is not a whole number from %(low)s to %(high)s") % {
            "field": field, "value": value, "low": low, "high": high})


def check_definition(definition: RankingDefinition) -> None:
    """Every field of a definition about to be saved, or Refused naming the first wrong one."""
    definition.name = (definition.name or "").strip()
    if not definition.name:
        raise Refused(_("name: a saved ranking needs a name"))
    if len(definition.name) > RankingDefinition._meta.get_field("name").max_length:
        raise Refused(_("name: at most 200 characters"))
    _one_of("metric", definition.metric, tuple(BY_CODE))
    _one_of("level", definition.level, LEVEL_CODES)
    _one_of("span", definition.span, SPAN_CODES)
    _one_of("order", definition.order, ORDER_CODES)
    _one_of("rounding", definition.rounding, tuple(ROUNDINGS))
    _count("bottom_n", definition.bottom_n, 0, MAX_N)
    _count("top_n", definition.top_n, 0, MAX_N)
    if definition.places is not None:
        _count("places", definition.places, 0, MAX_PLACES)
    if definition.level == "district" and definition.area_id is not None:
        raise Refused(_("area: a ranking of districts ranks the top-level areas: leave the area empty"))
    if definition.level != "district" and definition.area_id is None:
        raise Refused(_("area: give the area whose sub-areas are ranked"))
    if definition.area_id is not None and not Area.objects.filter(pk=definition.area_id).exists():
        raise Refused(_("area: no area with id %(id)s") % {"id": definition.area_id})
    clash = RankingDefinition.objects.filter(name=definition.name, area_id=definition.area_id)
    if definition.pk is not None:
        clash = clash.exclude(pk=definition.pk)
    if clash.exists():
        raise Refused(_("name: a saved ranking “%(name)s” already exists for this area") % {"name": definition.name})


@transaction.atomic(durable=True)
def do_save_definition(acting_user, definition: RankingDefinition | None, **fields) -> RankingDefinition:
    """Create a saved ranking (``definition`` None) or change the given fields of one."""
    _allowed(acting_user)
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise Refused(_("%(fields)s: not a field of a saved ranking") % {"fields": ", ".join(unknown)})
    if definition is None:
        definition = RankingDefinition(created_by=acting_user if acting_user.is_authenticated else None)
    else:
        definition = RankingDefinition.objects.select_for_update().get(pk=definition.pk)
    for field, value in fields.items():
        setattr(definition, field, value)
    check_definition(definition)
    with set_actor(acting_user):
        definition.save()
    return definition


@transaction.atomic(durable=True)
def do_delete_definition(acting_user, definition: RankingDefinition) -> None:
    _allowed(acting_user)
    with set_actor(acting_user):
        RankingDefinition.objects.get(pk=definition.pk).delete()
