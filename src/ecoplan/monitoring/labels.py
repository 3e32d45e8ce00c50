"""Display labels for the data-quality flags the air ingest writes (English codes in the store),
the AQI categories the packs print and the targets' statuses, in the user's language."""
from __future__ import annotations

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoplan.vocabulary.pollutants import CATEGORY_LABELS, POLLUTANTS
from ecoplan.vocabulary.states import TARGET_STATES

ISSUES = {
    "unreadable time": _("unreadable time"),
    "not a number": _("not a number"),
    "negative": _("negative"),
    "no station": _("no station"),
    "duplicate value (largest kept)": _("duplicate value (largest kept)"),
    "unknown pollutant": _("unknown pollutant"),
    "duplicate hour (first row kept)": _("duplicate hour (first row kept)"),
}
IMPOSSIBLE = re.compile(r"^impossible \(> (?P<limit>[\d.]+)\)$")
FIELDS = {"time": _("time"), "station": _("station"), "row": _("row"), "pollutant": _("pollutant"),
          **{p.code: _(p.label) for p in POLLUTANTS}}


def flag_issue(issue: str) -> str:
    if m := IMPOSSIBLE.match(issue or ""):
        return gettext("impossible (> %(limit)s)") % {"limit": m.group("limit")}
    return str(ISSUES.get(issue, issue))


def flag_field(field: str) -> str:
    return str(FIELDS.get(field, field))


STATUSES = {t.code: t.label for t in TARGET_STATES}


def aqi_category(category: str) -> str:
    """优 … 严重污染 as the packs print them → the label in the user's language; '' → no AQI."""
    if not category:
        return gettext("no AQI")
    return gettext(CATEGORY_LABELS[category]) if category in CATEGORY_LABELS else category


def target_status(status: str) -> str:
    return gettext(STATUSES[status]) if status in STATUSES else status
