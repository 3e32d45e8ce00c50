"""Saved rankings: validated field by field, all or nothing, audited with who did it; only the
bureau (coordinator) may change them."""
from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied

from ecoplan.plans import access
from ecoplan.plans.models import Profile, Role
from ecoplan.rankings.actions import Refused, do_delete_definition, do_save_definition
from ecoplan.rankings.models import RankingDefinition


def make_user(name, role):
    """Without a password: nothing here signs in, and hashing one costs a second."""
    user = User.objects.create(username=name)
    Profile.objects.create(user=user, role=role)
    return user

GOOD = {"name": "街道PM2.5月排名", "level": "street", "metric": "pm25", "span": "month", "bottom_n": 3}


@pytest.fixture
def people(db):
    return {"coordinator": make_user("coord", Role.COORDINATOR), "reporter": make_user("rep", Role.REPORTER),
            "auditor": make_user("aud", Role.AUDITOR)}


def events(definition_pk):
    return [(e.additional_data["event"], e.actor) for e in LogEntry.objects.filter(
        content_type__model="rankingdefinition", object_pk=str(definition_pk)).order_by("pk")]


def test_save_change_delete_are_audited_with_the_acting_user(district, people):
    coordinator = people["coordinator"]
    saved = do_save_definition(coordinator, None, area=district, **GOOD)
    assert (saved.created_by, saved.places, saved.rounding, saved.order) == (coordinator, None, "gb8170", "value")
    do_save_definition(coordinator, saved, top_n=2, places=1)
    saved.refresh_from_db()
    assert (saved.top_n, saved.places, saved.bottom_n) == (2, 1, 3)
    pk = saved.pk
    do_delete_definition(coordinator, saved)
    assert not RankingDefinition.objects.filter(pk=pk).exists()
    assert events(pk) == [("ranking_defined", coordinator), ("ranking_changed", coordinator),
                          ("ranking_deleted", coordinator)]


@pytest.mark.parametrize("change, field", [
    ({"name": "  "}, "name"),
    ({"metric": "pm2.5"}, "metric"),
    ({"level": "province"}, "level"),
    ({"span": "week"}, "span"),
    ({"order": "worst"}, "order"),
    ({"rounding": "banker"}, "rounding"),
    ({"bottom_n": -1}, "bottom_n"),
    ({"top_n": "3"}, "top_n"),
    ({"places": 5}, "places"),
    ({"level": "district"}, "area"),  # a ranking of districts has no parent area
    ({"colour": "red"}, "colour"),
])
def test_each_wrong_field_is_refused_by_name_and_nothing_is_saved(district, people, english, change, field):
    before = LogEntry.objects.count()
    with pytest.raises(Refused, match=f"^{field}"):
        do_save_definition(people["coordinator"], None, area=district, **{**GOOD, **change})
    assert not RankingDefinition.objects.exists() and LogEntry.objects.count() == before


def test_a_name_is_unique_per_area(district, people, english):
    do_save_definition(people["coordinator"], None, area=district, **GOOD)
    with pytest.raises(Refused, match="already exists"):
        do_save_definition(people["coordinator"], None, area=district, **GOOD)
    other = district.children.get(name="东街道")
    do_save_definition(people["coordinator"], None, area=other, **{**GOOD, "level": "sub_area"})  # another area
    assert RankingDefinition.objects.count() == 2


def test_a_sub_area_ranking_needs_its_area(people, english, db):
    with pytest.raises(Refused, match="^area"):
        do_save_definition(people["coordinator"], None, **GOOD)
    saved = do_save_definition(people["coordinator"], None, **{**GOOD, "level": "district"})
    assert saved.area is None


def test_only_the_bureau_changes_saved_rankings(district, people):
    for role in ("reporter", "auditor"):
        with pytest.raises(PermissionDenied):
            do_save_definition(people[role], None, area=district, **GOOD)
    with pytest.raises(PermissionDenied):
        do_save_definition(AnonymousUser(), None, area=district, **GOOD)
    saved = do_save_definition(people["coordinator"], None, area=district, **GOOD)
    with pytest.raises(PermissionDenied):
        do_delete_definition(people["reporter"], saved)
    assert RankingDefinition.objects.filter(pk=saved.pk).exists()
    # the one policy: staff read saved rankings, the public does not
    assert access.may(people["reporter"], "ranking", access.VIEW)
    assert not access.may(AnonymousUser(), "ranking", access.VIEW)
    assert list(access.visible(people["auditor"], "ranking")) == [saved]


def test_the_admin_asks_the_policy(district, people, rf):
    from django.contrib import admin

    model_admin = admin.site._registry[RankingDefinition]
    request = rf.get("/")
    request.user = people["reporter"]
    assert model_admin.has_view_permission(request) and not model_admin.has_change_permission(request)
    assert not model_admin.has_add_permission(request) and not model_admin.has_delete_permission(request)
    request.user = people["coordinator"]
    assert model_admin.has_add_permission(request)


def test_one_refusal_for_every_app():
    """Refused and Conflict are plans' (the lowest app): supervision, evaluation and rankings raise
    and catch the same class; the old import path of supervision still works."""
    from ecoplan.evaluation import actions as evaluation
    from ecoplan.plans.errors import Conflict, Refused
    from ecoplan.rankings import actions as rankings
    from ecoplan.supervision.actions import Conflict as SupervisionConflict
    from ecoplan.supervision.actions import Refused as SupervisionRefused

    assert SupervisionRefused is Refused and SupervisionConflict is Conflict and issubclass(Conflict, Refused)
    assert rankings.Refused is Refused and evaluation.Refused is Refused


def test_one_bound_on_n():
    from ecoplan.rankings import actions, forms
    from ecoplan.vocabulary.rank_metrics import MAX_N

    assert not hasattr(actions, "MAX_N") or actions.MAX_N is MAX_N
    assert forms.RunForm.base_fields["bottom_n"].max_value == MAX_N
