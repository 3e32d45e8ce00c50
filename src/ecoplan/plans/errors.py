"""The refusals every app's ``do_*`` actions raise: defined here, in the lowest app, so that
supervision, evaluation and rankings (and the pages and API that catch them) share one class."""
from __future__ import annotations


class Refused(ValueError):
    """A change refused with a message for the person who asked (nothing was saved)."""


class Conflict(Refused):
    """Someone else saved the same object first (an optimistic lock's version did not match)."""
