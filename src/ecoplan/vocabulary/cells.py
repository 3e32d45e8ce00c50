"""What an empty cell looks like.

``EMPTY_MARKERS``: what a plan table prints in a cell that says nothing (a dash, a slash, 无) —
the deadline, unit and target columns read the same markers.  In a *target* cell 无 is a value
(无劣Ⅴ类水体: none, i.e. = 0), so the target reader uses ``EMPTY_TARGET_MARKERS``.

``MISSING_READINGS``: what monitoring exports write for an hour without a value.  A different
idea on purpose: machine exports (NA, nan, null; case-sensitive, matched in SQL), not printed
documents — 无 or ／ in an air file is an error to report, not a missing hour.
"""
from __future__ import annotations

NONE_MARKER = "无"
EMPTY_MARKERS = frozenset({"——", "—", "--", "---", "－", "-", "/", NONE_MARKER})
EMPTY_TARGET_MARKERS = EMPTY_MARKERS - {NONE_MARKER}

MISSING_READINGS = ("", "NA", "N/A", "-", "—", "--", "-;", "nan", "NaN", "null", "NULL")
