"""Rounding rules: GB/T 8170 half-even on exact decimals, and the AQI ceiling.

Floats are never rounded here: 50.000000000001 would ceil to 51 (优 → 良), so values go through
``Decimal(str(x))`` first.
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import TypeAlias

# A measured figure as it reaches the rules: an exact decimal, a float from the store, an integer
# count, or the text of a file cell ("35.2").
Number: TypeAlias = Decimal | float | int | str


def to_decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def gb8170(value: Number, places: int = 0) -> Decimal:
    """GB/T 8170 修约: half-even on the exact decimal value (standards.md §3.6)."""
    quantum = Decimal(1).scaleb(-places)
    return to_decimal(value).quantize(quantum, rounding=ROUND_HALF_EVEN)

