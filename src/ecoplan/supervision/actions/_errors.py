"""Refusals shared by every supervision action."""
from __future__ import annotations


class Refused(ValueError):
    """A change refused with a message for the person who asked (nothing was saved)."""


class Conflict(Refused):
    """Someone else saved the same report first."""
