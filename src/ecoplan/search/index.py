"""Keeping the index right: one object after a save, one plan after an import, everything on
`ecoplan search --reindex`.  Each runs inside the caller's transaction."""
from __future__ import annotations

from collections import Counter

from django.db import transaction

from .kinds import BY_MODEL, KINDS
from .models import Entry


def _rows(code: str, objects) -> list[Entry]:
    kind = KINDS[code]
    rows = []
    for obj in objects:
        row = kind.build(obj)
        if row is not None:
            row.kind, row.object_id = code, obj.pk
            rows.append(row)
    return rows


UPDATED = [f.attname for f in Entry._meta.concrete_fields if f.attname not in ("id", "kind", "object_id")]


def index_object(obj) -> None:
    """Index (or unindex) one saved object under each kind it gives: one upsert per kind."""
    for code in BY_MODEL.get(type(obj), ()):
        rows = _rows(code, [obj])
        if rows:
            Entry.objects.bulk_create(rows, update_conflicts=True, unique_fields=["kind", "object_id"],
                                      update_fields=UPDATED)
        else:
            Entry.objects.filter(kind=code, object_id=obj.pk).delete()


def index_report(report) -> None:
    """A report and all its entries' progress: entries are often written in bulk (no save signal)."""
    index_object(report)
    Entry.objects.filter(kind="progress", report=report).delete()
    Entry.objects.bulk_create(_rows("progress", KINDS["progress"].objects().filter(report=report)))


@transaction.atomic
def reindex(plan=None) -> Counter:
    """Rebuild the rows of one plan (its plan, tasks, measures, targets, review items), or with no
    plan the whole index.  Returns the rows written per kind."""
    written: Counter = Counter()
    for code, kind in KINDS.items():
        objects = kind.objects()
        old = Entry.objects.filter(kind=code)
        if plan is not None:
            if kind.plan_path is None:
                continue  # units are not one plan's: they are indexed when saved
            objects = objects.filter(**{kind.plan_path: plan.pk})
            old = old.filter(plan=plan)
        old.delete()
        rows = _rows(code, objects.iterator(chunk_size=2000))
        Entry.objects.bulk_create(rows, batch_size=500)
        written[code] = len(rows)
    return written
