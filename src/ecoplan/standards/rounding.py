"""Rounding rules: GB/T 8170 half-even on exact decimals, and the AQI ceiling.

Floats are never rounded here: 50.000000000001 would ceil to 51 (优 → 良), so values go through
``Decimal(str(x))`` first.
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal


def to_decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def gb8170(value, places: int = 0) -> Decimal:
    """GB/T 8170 修约: half-even on the exact decimal value (standards.md §3.6)."""
    quantum = Decimal(1).scaleb(-places)
    return to_decimal(value).quantize(quantum, rounding=ROUND_HALF_EVEN)

