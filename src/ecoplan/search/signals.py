"""The index follows saves: each indexed model's post_save re-indexes the object, an import
re-indexes its plan (the importer writes in bulk, which sends no post_save).  Deletions need no
receiver: an index row's foreign key cascades (models.Entry)."""
from __future__ import annotations

from django.db.models.signals import post_save

from ecoplan.plans.models import OrganisationAlias
from ecoplan.plans.signals import plan_imported
from ecoplan.supervision.models import Report

from . import index
from .kinds import BY_MODEL


def object_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:  # loaddata: `ecoplan search --reindex` afterwards
        return
    if sender is Report:
        if created:
            index.index_object(instance)  # a new report has no entries yet
        else:
            index.index_report(instance)  # submit, return, accept: entries written in bulk are caught up
        return
    index.index_object(instance)


def alias_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_object(instance.organisation)


def plan_was_imported(sender, plan, **kwargs):
    index.reindex(plan)


def connect() -> None:
    for model in BY_MODEL:
        post_save.connect(object_saved, sender=model, dispatch_uid=f"search-{model.__name__}")
    post_save.connect(alias_saved, sender=OrganisationAlias, dispatch_uid="search-alias")
    plan_imported.connect(plan_was_imported, dispatch_uid="search-import")
