"""The composite index (综合指数, standards.md §3.9): Σ Cᵢ/Sᵢ over the grade-II limits of the pack."""
from decimal import Decimal

from ecoplan.standards import composite, packs


def test_the_divisors_are_the_grade_ii_limits_of_each_edition():
    assert composite.divisors(packs.get("2012").limits) == {
        "so2": 60, "no2": 40, "co": 4, "o3": 160, "pm10": 70, "pm25": 35}  # standards.md §3.9 [S8]
    assert composite.divisors(packs.get("2026").limits) == {
        "so2": 60, "no2": 40, "co": 4, "o3": 160, "pm10": 60, "pm25": 30}  # GB 3095-2026 transition


def test_the_index_by_hand_and_a_missing_component():
    values = {"so2": 6, "no2": 20, "co": Decimal("1.2"), "o3": 160, "pm10": 35, "pm25": "17.5"}
    # 0.1 + 0.5 + 0.3 + 1 + 0.5 + 0.5
    assert composite.composite_index(values, packs.get("2012").limits) == Decimal("2.9")
    assert composite.composite_index({**values, "o3": None}, packs.get("2012").limits) is None
    assert composite.missing({**values, "o3": None}) == ["o3"]
