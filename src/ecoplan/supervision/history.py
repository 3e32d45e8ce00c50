"""A report's history as its users read it: each submission, return (with its comment) and
acceptance, with who and when, oldest first.  The optimistic-lock counter (``Report.version``)
is not a user's idea of a version and never appears here."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from .models import EntryStatus, Report


@dataclass
class Event:
    at: datetime
    kind: str  # submitted / returned / accepted
    label: str
    by: object  # the user, or None when the account was deleted
    number: int | None = None  # the submission's number (1st, 2nd …)
    on_time: bool | None = None
    comment: str = ""
    entries: list[dict] = field(default_factory=list)  # a submission's snapshot, statuses labelled


def report_history(report: Report) -> list[Event]:
    labels = dict(EntryStatus.choices)
    events = []
    for version in report.versions.select_related("submitted_by"):
        entries = [{**e, "status_label": str(labels.get(e.get("status"), e.get("status")))}
                   for e in version.snapshot.get("entries", [])]
        events.append(Event(version.submitted_at, "submitted", _("Submission %(number)s") % {"number": version.number},
                            version.submitted_by, version.number, version.on_time, entries=entries))
    for review in report.reviews.select_related("reviewed_by"):
        events.append(Event(review.reviewed_at, review.decision, str(Report.Status(review.decision).label),
                            review.reviewed_by, comment=review.comment))
    return sorted(events, key=lambda e: e.at)
