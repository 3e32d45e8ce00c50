"""The search index: one row per thing a person can find (a plan, a key task, a measure, a unit, a
target, a monthly report, a unit's reported progress, a review item or its resolution).

Denormalised on purpose: a row carries what the results page shows (title, text, context, link),
so a page of results is one query, and ``body``, the text in matching form
(importers.text.search_form), which the database indexes by trigrams — SQLite: the FTS5 table
``search_fts`` (trigram tokenizer) kept in step by triggers; PostgreSQL: a pg_trgm GIN index (both in
migrations/0001_initial.py).  Trigrams need no word segmentation, so Chinese matches as printed.

Each row points at its object by a foreign key that cascades: deleting a plan, a report or a measure
deletes its rows in the same transaction, whatever deleted it."""
from __future__ import annotations

from django.db import models


class Entry(models.Model):
    kind = models.CharField(max_length=20)  # a key of ecoplan.search.kinds.KINDS
    object_id = models.BigIntegerField()
    title = models.TextField()
    text = models.TextField(blank=True)
    context = models.TextField(blank=True)  # where it belongs: the plan, the measure reported on
    url = models.TextField()
    body = models.TextField()  # what is matched: title and text in matching form, one part per line
    plan = models.ForeignKey("plans.Plan", null=True, on_delete=models.CASCADE, related_name="+")
    # the unit the row belongs to: a unit itself, a report's unit
    organisation = models.ForeignKey("plans.Organisation", null=True, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey("plans.Task", null=True, on_delete=models.CASCADE, related_name="+")
    measure = models.ForeignKey("plans.Measure", null=True, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey("plans.Target", null=True, on_delete=models.CASCADE, related_name="+")
    review_item = models.ForeignKey("plans.ReviewItem", null=True, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey("supervision.Report", null=True, on_delete=models.CASCADE, related_name="+")
    report_entry = models.ForeignKey("supervision.ReportEntry", null=True, on_delete=models.CASCADE,
                                     related_name="+")

    class Meta:
        db_table = "search_entry"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_kind_object")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title[:40]}"
