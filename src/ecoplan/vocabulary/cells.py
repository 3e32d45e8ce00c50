"""What an empty cell looks like.

``EMPTY_MARKERS``: what a plan table prints in a cell that says nothing (a dash, a slash, 无) —
the deadline, unit and target columns read the same markers.  In a *target* cell 无 is a value
(无劣Ⅴ类水体: none, i.e. = 0), so the target reader uses ``EMPTY_TARGET_MARKERS``.

``MERGED_CELL``: what a container (.xlsx merged range, .docx vMerge, .html rowspan) writes in a cell
covered by the merged cell above it, so that the table reader knows the cell is not blank but
continues the one above: a merged 责任单位 or 完成时限 holds for every row it covers (no guess, no
review), while a merged 序号/重点任务 keeps reading blank (blank below = the same task).  A Unicode
noncharacter — reserved for a program's internal use, never printed — so it cannot come from a
document; only the table reader sees it (the other shapes read the text without it).

``MISSING_READINGS``: what monitoring exports write for an hour without a value.  A different
idea on purpose: machine exports (NA, nan, null; case-sensitive, matched in SQL), not printed
documents — 无 or ／ in an air file is an error to report, not a missing hour.
"""
from __future__ import annotations

NONE_MARKER = "无"
EMPTY_MARKERS = frozenset({"——", "—", "--", "---", "－", "-", "/", NONE_MARKER})
EMPTY_TARGET_MARKERS = EMPTY_MARKERS - {NONE_MARKER}
MERGED_CELL = "\ufdd0"

MISSING_READINGS = ("", "NA", "N/A", "-", "—", "--", "-;", "nan", "NaN", "null", "NULL")
