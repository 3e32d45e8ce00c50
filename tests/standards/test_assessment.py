from decimal import Decimal

import pytest

from ecoplan.standards import assessment, packs

R = packs.get("2012")
RELEASED = packs.PACK_DIR


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


def _pack_copy(tmp_path, monkeypatch, name, old, new):
    """``name`` from the released packs with ``old`` replaced by ``new``, loaded from tmp_path."""
    text = (RELEASED / name).read_text("utf-8")
    assert old in text
    (tmp_path / name).write_text(text.replace(old, new, 1), "utf-8")
    monkeypatch.setattr(packs, "PACK_DIR", tmp_path)


def test_a_pack_count_that_is_not_a_whole_number_is_refused(tmp_path, monkeypatch):
    _pack_copy(tmp_path, monkeypatch, "gb3095-2012.toml", "daily_min_hours = 20", 'daily_min_hours = "20"')
    with pytest.raises(packs.PackError, match=r"gb3095-2012.toml: \[validity\] daily_min_hours"):
        packs._limits_pack("gb3095-2012.toml")
    _pack_copy(tmp_path, monkeypatch, "hj663-2013.toml", "min_valid_windows = 14", "min_valid_windows = 14.5")
    with pytest.raises(packs.PackError, match=r"hj663-2013.toml: \[mda8\] min_valid_windows"):
        packs._assessment_pack("hj663-2013.toml")


def test_the_counts_leave_out_the_provenance_of_the_table():
    assert set(R.limits.validity) == {"daily_min_hours", "o3_8h_min_hours", "annual_min_days",
                                      "monthly_min_days", "february_min_days"}
    assert R.assessment.mda8 == {"first_window_end": 8, "last_window_end": 24, "min_valid_windows": 14}


def test_a_pack_without_effective_from_is_refused(tmp_path, monkeypatch):
    _pack_copy(tmp_path, monkeypatch, "hj633-2012.toml", 'effective_from = "', 'effective_from_x = "')
    with pytest.raises(packs.PackError, match="hj633-2012.toml: .* no effective_from"):
        packs._aqi_pack("hj633-2012.toml")


@pytest.mark.parametrize("days,year,month,valid", [
    (26, 2024, 3, False), (27, 2024, 3, True),  # a 31-day month: ≥ 27
    (26, 2024, 4, False), (27, 2024, 4, True),  # a 30-day month: ≥ 27 too
    (24, 2023, 2, False), (25, 2023, 2, True),  # February: ≥ 25 (28 days)
    (24, 2024, 2, False), (25, 2024, 2, True),  # … and in a leap year
])
def test_month_rule_boundaries(days, year, month, valid):
    """GB 3095 表4: ≥ 27 daily means a month, ≥ 25 in February — at and just below each."""
    for name in ("2012", "2026"):
        assert assessment.month_valid(days, year, month, packs.get(name)) is valid


@pytest.mark.parametrize("rule_set", ["2012", "2026"])
def test_annual_and_daily_rule_boundaries(rule_set):
    rules = packs.get(rule_set)
    assert not assessment.annual_valid(323, rules) and assessment.annual_valid(324, rules)
    assert not assessment.daily_mean_valid(19, rules) and assessment.daily_mean_valid(20, rules)
    assert assessment.annual_min_days(rules) == 324
    assert (assessment.month_min_days(2024, 2, rules), assessment.month_min_days(2024, 12, rules)) == (25, 27)
