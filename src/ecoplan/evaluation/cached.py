"""A plan's target judgements kept in Django's cache, for the pages that show them on every visit
(the coordinator's month).  ``judge_plan`` reads the air, water and measurement stores and takes
0.1–0.65 s for a real plan; a page with a 200 ms budget takes the kept answer.

The key is the plan, the day judged to and a stamp of the data the judges read (ingest runs,
reported values, qualitative judgements, municipal requirements, responsibilities, the plan's
targets): new data gives a new key, so a fresh figure is never hidden behind an old one.  What
the stamp does not see (an edit in place) ages out after ``ECOPLAN_JUDGEMENT_CACHE_SECONDS``; the
pages show when the answer was computed and offer a refresh.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from ecoplan.monitoring.models import ExclusionDay, IngestRun, MeasurementBatch, RankingEntry, WaterIngestRun
from ecoplan.plans.models import Plan, Target

from .models import MunicipalRequirement, QualitativeJudgement, ReportedValue, TargetResponsibility
from .services import TargetJudgement, judge_plan


@dataclass
class Kept:
    rows: list[TargetJudgement]
    computed_at: datetime
    fresh: bool  # computed for this request (not taken from the cache)


def data_stamp(plan: Plan) -> str:
    """A short digest of what the judges of ``plan`` read: it changes when data arrive."""
    parts: list[object] = []
    for model, extra in ((IngestRun, None), (WaterIngestRun, None), (MeasurementBatch, None), (RankingEntry, None),
                         (ExclusionDay, None), (QualitativeJudgement, None), (MunicipalRequirement, None),
                         (ReportedValue, "reviewed_at"), (TargetResponsibility, "set_at")):
        aggregates = {"n": Count("pk"), "last": Max("pk")}
        if extra:
            aggregates["at"] = Max(extra)
        parts.append(sorted(model.objects.aggregate(**aggregates).items()))
    parts.append(sorted(Target.objects.filter(plan=plan).aggregate(n=Count("pk"), last=Max("pk")).items()))
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:16]


def _key(plan: Plan, as_of: date) -> str:
    return f"ecoplan:judged:{plan.pk}:{as_of:%Y-%m-%d}:{data_stamp(plan)}"


def peek(plan: Plan, as_of: date) -> Kept | None:
    """The kept judgement of ``plan`` on ``as_of`` for the current data, or None (nothing computed)."""
    kept = cache.get(_key(plan, as_of))
    return Kept(kept.rows, kept.computed_at, fresh=False) if kept is not None else None


def judged(plan: Plan, as_of: date | None = None, refresh: bool = False) -> Kept:
    """``judge_plan(plan, as_of)``, from the cache when the same data were judged already."""
    as_of = as_of or timezone.localdate()
    key = _key(plan, as_of)
    if not refresh and (kept := cache.get(key)) is not None:
        return Kept(kept.rows, kept.computed_at, fresh=False)
    kept = Kept(judge_plan(plan, as_of), timezone.now(), fresh=True)
    cache.set(key, kept, settings.ECOPLAN_JUDGEMENT_CACHE_SECONDS)
    return kept
