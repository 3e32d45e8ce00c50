"""Refusals shared by every supervision action: plans' (``from ecoplan.supervision.actions import
Refused`` keeps working)."""
from __future__ import annotations

from ecoplan.plans.errors import Conflict, Refused

__all__ = ["Conflict", "Refused"]
