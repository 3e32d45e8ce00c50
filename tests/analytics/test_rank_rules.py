"""ecoplan's own rankings (analytics.ranking.rank): rounded as published first, then competition
ranks (1, 1, 3), direction, change and improvement rate, the unranked with their reason, bottom
and top N."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecoplan.analytics.ranking import Observation, competition_ranks, improvement_rate, published, rank

D = Decimal


def obs(key, value, previous=None, year_before=None, reason=""):
    return Observation(key, key, None if value is None else D(value), reason,
                       None if previous is None else D(previous), None if year_before is None else D(year_before))


def ranks(ranking):
    return [(r.key, r.rank) for r in ranking.rows]


def test_ties_after_rounding_share_a_rank_and_skip_the_next():
    """35.4 and 34.6 both publish 35: one rank for both, the next is 3rd."""
    result = rank([obs("a", "35.4"), obs("b", "34.6"), obs("c", "36")], lower_is_better=True, places=0)
    assert ranks(result) == [("a", 1), ("b", 1), ("c", 3)]
    assert [r.value for r in result.rows] == [D(35), D(35), D(36)]


@pytest.mark.parametrize("value, places, gb8170, half_up", [
    ("34.5", 0, "34", "35"),  # GB/T 8170: a lone 5 rounds to even
    ("35.5", 0, "36", "36"),
    ("34.50001", 0, "35", "35"),  # more than half: up, both rules
    ("1.25", 1, "1.2", "1.3"),
    ("1.35", 1, "1.4", "1.4"),
    ("0.125", 2, "0.12", "0.13"),
])
def test_gb8170_and_half_up(value, places, gb8170, half_up):
    assert published(D(value), places) == D(gb8170)
    assert published(D(value), places, "half_up") == D(half_up)


def test_the_rounding_rule_decides_a_tie():
    observations = [obs("a", "34.5"), obs("b", "35.4")]
    assert ranks(rank(observations, lower_is_better=True, places=0)) == [("a", 1), ("b", 2)]  # 34, 35
    assert ranks(rank(observations, lower_is_better=True, places=0, rounding="half_up")) == [("a", 1), ("b", 1)]


def test_direction():
    """A concentration: lower is better; the good-day ratio: higher is better."""
    observations = [obs("a", "80.1"), obs("b", "90.2"), obs("c", "85")]
    assert ranks(rank(observations, lower_is_better=True, places=1)) == [("a", 1), ("c", 2), ("b", 3)]
    assert ranks(rank(observations, lower_is_better=False, places=1)) == [("b", 1), ("c", 2), ("a", 3)]


def test_change_and_improvement_rate():
    result = rank([obs("a", "36", previous="40", year_before="40"), obs("b", "44", previous="40", year_before="40")],
                  lower_is_better=True, places=0)
    a, b = result.rows
    assert (a.change, a.change_year, a.improvement) == (D(-4), D(-4), D("10.0"))  # fell 10 %: improved 10 %
    assert (b.change, b.change_year, b.improvement) == (D(4), D(4), D("-10.0"))
    assert (a.previous_rank, b.previous_rank, a.year_before_rank) == (1, 1, 1)
    higher = rank([obs("a", "88", year_before="80")], lower_is_better=False, places=1).rows[0]
    assert higher.improvement == D("10.0")  # a ratio that rose 10 % improved 10 %


def test_improvement_on_a_zero_or_missing_base_is_none():
    assert improvement_rate(D(5), D(0), True) is None
    assert improvement_rate(D(5), None, True) is None
    assert improvement_rate(None, D(5), True) is None
    result = rank([obs("a", "3", year_before="0"), obs("b", "3")], lower_is_better=True, places=0)
    assert [r.improvement for r in result.rows] == [None, None]
    by_rate = rank([obs("a", "0", year_before="0"), obs("b", "3")], lower_is_better=True, places=0,
                   by_improvement=True)
    assert [(r.key, r.reason) for r in by_rate.unranked] == [
        ("a", "the same period a year before was 0: no rate"), ("b", "no value for the same period a year before")]


def test_improvement_is_on_the_published_values():
    """36.4 publishes 36 and 39.6 publishes 40: (40 − 36) / 40 = 10.0 %."""
    row = rank([obs("a", "36.4", year_before="39.6")], lower_is_better=True, places=0).rows[0]
    assert row.improvement == D("10.0")


def test_missing_values_are_listed_unranked_with_the_reason():
    result = rank([obs("a", None, reason="8 valid days of 31"), obs("b", "40"), obs("c", None, reason="no site")],
                  lower_is_better=True, places=0, bottom_n=1)
    assert ranks(result) == [("b", 1), ("a", None), ("c", None)]
    assert [(r.key, r.reason) for r in result.unranked] == [("a", "8 valid days of 31"), ("c", "no site")]
    assert result.ranked == 1 and [r.key for r in result.bottom] == ["b"]  # N counts the ranked only
    assert result.unranked[0].change is None and not result.unranked[0].bottom


def test_bottom_n():
    result = rank([obs(k, v) for k, v in zip("abcde", ("30", "31", "32", "33", "34"))], lower_is_better=True,
                  places=0, bottom_n=2)
    assert [r.key for r in result.bottom] == ["d", "e"]


def test_bottom_n_includes_a_tie_on_the_line():
    """10, 20, 30, 30 and bottom 1: both 30s share the worst place and are flagged (the worst-first
    competition rank ≤ N, symmetric with the top N) — not nobody, as ``in_bottom``'s published
    convention would have it."""
    observations = [obs("a", "10"), obs("b", "20"), obs("c", "30"), obs("d", "30")]
    assert [r.key for r in rank(observations, lower_is_better=True, places=0, bottom_n=1).bottom] == ["c", "d"]
    assert [r.key for r in rank(observations, lower_is_better=True, places=0, bottom_n=2).bottom] == ["c", "d"]
    assert [r.key for r in rank(observations, lower_is_better=True, places=0, bottom_n=3).bottom] == ["b", "c", "d"]
    higher = rank(observations, lower_is_better=False, places=0, bottom_n=1)  # 10 is the worst
    assert [r.key for r in higher.bottom] == ["a"]


def test_top_n_includes_a_tie_on_the_line():
    result = rank([obs("a", "30"), obs("b", "31"), obs("c", "31"), obs("d", "40")], lower_is_better=True, places=0,
                  top_n=2)
    assert [r.key for r in result.top] == ["a", "b", "c"]


def test_by_improvement():
    result = rank([obs("a", "30", year_before="40"), obs("b", "35", year_before="50"), obs("c", "20"),
                   obs("d", None, reason="no site", year_before="30")],
                  lower_is_better=True, places=0, by_improvement=True, bottom_n=1)
    assert ranks(result) == [("b", 1), ("a", 2), ("c", None), ("d", None)]  # 30 % before 25 %
    assert result.rows[2].reason == "no value for the same period a year before"
    assert result.rows[3].reason == "no site"
    assert [r.key for r in result.bottom] == ["a"] and result.places == 1


def test_by_improvement_has_no_previous_rank():
    """Last period's values are no improvement rates: no previous rank to compare with."""
    observations = [obs("a", "30", previous="20", year_before="40"), obs("b", "35", previous="50", year_before="50")]
    assert [r.previous_rank for r in rank(observations, lower_is_better=True, places=0).rows] == [1, 2]
    by_rate = rank(observations, lower_is_better=True, places=0, by_improvement=True)
    assert [r.previous_rank for r in by_rate.rows] == [None, None]


@given(st.lists(st.decimals(min_value=0, max_value=500, places=2), min_size=1, max_size=30), st.booleans())
def test_competition_ranks(values, lower_is_better):
    """A rank is 1 + the number of strictly better values."""
    keyed = {str(i): v for i, v in enumerate(values)}
    found = competition_ranks(keyed, lower_is_better)
    for key, value in keyed.items():
        better = sum(1 for v in values if (v < value if lower_is_better else v > value))
        assert found[key] == better + 1


@given(st.lists(st.one_of(st.none(), st.decimals(min_value=0, max_value=200, places=1)), min_size=1, max_size=40),
       st.integers(0, 10), st.integers(0, 10), st.booleans(), st.sampled_from(["gb8170", "half_up"]))
def test_ranking_invariants(values, bottom_n, top_n, lower_is_better, rounding):
    result = rank([obs(str(i), v, reason="none" if v is None else "") for i, v in enumerate(values)],
                  lower_is_better=lower_is_better, places=0, rounding=rounding, bottom_n=bottom_n, top_n=top_n)
    ranked = [r for r in result.rows if r.rank is not None]
    assert result.ranked == len(ranked) == sum(v is not None for v in values)
    assert all(r.reason == "none" for r in result.unranked) and result.rows[len(ranked):] == result.unranked
    for r in ranked:  # a rank is 1 + the published values strictly better
        better = sum(1 for o in ranked if (o.value < r.value if lower_is_better else o.value > r.value))
        assert r.rank == better + 1
    for r in ranked:  # bottom N: at most N − 1 ranked strictly worse
        worse = sum(1 for o in ranked if (o.value > r.value if lower_is_better else o.value < r.value))
        assert r.bottom == (worse < bottom_n)
    assert all(r.rank <= top_n for r in result.top) and (top_n == 0 or len(result.top) >= min(top_n, 1, len(ranked)))
