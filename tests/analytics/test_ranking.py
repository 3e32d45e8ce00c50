"""Bottom-N of the municipal ranking: the published rank is the place; ties share it."""
from datetime import date

import pytest

from ecoplan.analytics.ranking import Place, best_first, bottom_count, in_bottom


@pytest.mark.parametrize("position, total, n, inside", [
    (301, 330, 30, True), (300, 330, 30, False), (330, 330, 30, True), (321, 330, 10, True),
    (320, 330, 10, False), (1, 10, 30, True),  # fewer ranked than N: every place is in the bottom N
])
def test_bottom_n_is_the_last_n_places(position, total, n, inside):
    assert in_bottom(Place(date(2024, 1, 1), position, total), n) is inside


def test_a_tie_across_the_line_sits_at_its_shared_better_rank():
    """Ranks 299, 299, 299 (places 299–301 of 330 tied), then 302: the tie is out of the bottom 30
    (it is published at 299), 302 is in."""
    tied = Place(date(2024, 1, 1), 299, 330)
    assert not in_bottom(tied, 30) and in_bottom(Place(date(2024, 1, 1), 302, 330), 30)


def test_a_worst_first_list_is_the_same_place_from_the_other_end():
    assert best_first(1, 330) == 330 and best_first(30, 330) == 301
    assert in_bottom(Place(date(2024, 1, 1), best_first(30, 330), 330), 30)
    assert not in_bottom(Place(date(2024, 1, 1), best_first(31, 330), 330), 30)


def test_the_count_lists_the_months_that_counted():
    places = [Place(date(2024, m, 1), p, 330) for m, p in [(1, 310), (2, 100), (3, 325), (4, 301), (5, 300)]]
    count = bottom_count(places, 30, date(2024, 1, 1), date(2024, 4, 30))
    assert count.count == 3 and count.ranked == 4
    assert count.listing() == "2024-01 (310/330), 2024-03 (325/330), 2024-04 (301/330)"
