from decimal import Decimal

import pytest

from ecoplan.standards import assessment, packs

R = packs.get("2012")


@pytest.mark.parametrize("values,p,expected", [
    ([3, 4, 8, 2, 5, 4], 90, Decimal("6.5")),
    (list(range(1, 11)), 95, Decimal("9.55")),
    (list(range(1, 11)), 98, Decimal("9.82")),
    ([10, 20, 30, 40], 90, Decimal(37)),
    ([7], 50, Decimal(7)),
])
def test_percentile_vectors(values, p, expected):
    assert assessment.percentile(values, p) == expected


def test_validity_rules():
    assert assessment.daily_mean_valid(20, R) and not assessment.daily_mean_valid(19, R)
    assert assessment.month_valid(25, 2024, 2, R) and not assessment.month_valid(26, 2024, 3, R)
    assert assessment.annual_valid(324, R) and not assessment.annual_valid(323, R)


def test_good_day_ratio_counts_valid_days_only():
    ratio, good, valid = assessment.good_day_ratio([50, 100, 101, None, 201], R)
    assert (good, valid, ratio) == (2, 4, Decimal(50))
    assert assessment.is_heavy_day(201, R) and not assessment.is_heavy_day(200, R)


def test_engine_rules_come_from_the_packs_and_must_agree(monkeypatch):
    a = packs.assessment()
    assert (a.daily_min_hours, a.o3_8h_min_hours, a.mda8_min_windows) == (20, 6, 14)
    assert a.mda8_last_hours == tuple(range(7, 24))  # windows ending 08:00 … 24:00
    assert dict(a.percentiles) == {"pm25": 95, "pm10": 95, "so2": 98, "no2": 98, "co": 95, "o3": 90}
    import dataclasses

    sets = dict(packs.rule_sets())
    changed = dataclasses.replace(sets["2026"].limits, validity={**sets["2026"].limits.validity,
                                                                "daily_min_hours": 18})
    sets["2026"] = dataclasses.replace(sets["2026"], limits=changed)
    packs.assessment.cache_clear()
    monkeypatch.setattr(packs, "rule_sets", lambda: sets)
    with pytest.raises(packs.PackError, match="disagree"):
        packs.assessment()
    monkeypatch.undo()
    packs.assessment.cache_clear()
