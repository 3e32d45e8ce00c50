"""The saved ranking's choices are the vocabulary's rows; the engine's rules know every code."""
from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ecoplan.analytics.ranking import ROUNDINGS
from ecoplan.rankings.models import RankingDefinition, known_metric, metric_choices
from ecoplan.reporting.periods import SPANS
from ecoplan.vocabulary import codes
from ecoplan.vocabulary.areas import LEVEL_ENDINGS, LEVELS
from ecoplan.vocabulary.rank_metrics import CODES, ORDERS, ROUNDING_RULES


def choices(field):
    with translation.override("en"):
        return [(code, str(label)) for code, label in RankingDefinition._meta.get_field(field).choices]


def test_choices_are_the_vocabulary():
    assert choices("level") == [(t.code, t.label) for t in LEVELS]
    assert choices("span") == [(t.code, t.label) for t in SPANS]
    assert choices("order") == list(ORDERS)
    assert choices("rounding") == [(t.code, t.label) for t in ROUNDING_RULES]
    assert codes(ROUNDING_RULES) == tuple(ROUNDINGS)  # every rounding the rules apply is named, no other
    assert [code for code, _label in metric_choices()] == list(CODES)
    assert set(LEVEL_ENDINGS) < set(codes(LEVELS))


def test_a_metric_not_in_the_catalogue_is_not_valid():
    known_metric("pm25")
    with pytest.raises(ValidationError):
        known_metric("pm2.5")
