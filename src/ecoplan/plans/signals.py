"""Signals the plan registry sends, for the apps above it (search keeps its index with them)."""
from django.dispatch import Signal

# sent by actions.do_import_plan inside its transaction, once every row of the plan is written
# (the importer writes in bulk: no post_save for measures, targets, review items); plan=Plan
plan_imported = Signal()
