"""Who may rank what: a ranking shows its metric's figures, so a user ranks a metric only when the
policy (``plans.access``) lets them see those figures — the metric's ``view_kind``.  A reporter may
rank the published monitoring figures and the reported values (on accepted values only, without
the other units' review states), not the supervision figures (the assessment is closed to them)."""
from __future__ import annotations

from django.http import Http404

from ecoplan.plans.access import ALL, OWN, rule
from ecoplan.vocabulary.rank_metrics import BY_CODE, METRICS, Metric


def may_rank(user, metric: Metric) -> bool:
    found = rule(user, metric.view_kind)
    # own-unit reported values: the ranking shows only accepted (published) values, no review states
    return found == ALL or (found == OWN and metric.source == "reported")


def review_states(user, metric: Metric) -> bool:
    """May the ranking's reasons tell a value submitted and not yet accepted? Only to who sees them all."""
    return rule(user, metric.view_kind) == ALL


def rankable(user) -> list[Metric]:
    return [m for m in METRICS if may_rank(user, m)]


def access_metric(user, code: str) -> Metric:
    """The metric, or Http404 to who may not see its figures (as for a missing one)."""
    metric = BY_CODE.get(code)
    if metric is None or not may_rank(user, metric):
        raise Http404("no such ranking metric")
    return metric
