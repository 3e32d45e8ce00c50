"""The ``reported`` source: the accepted value (evaluation.ReportedValue) of the indicator for
each area whose period is exactly the window — a value for another span is a different figure
(a half-year total is not a year's), so an area without one is listed with what it has."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Q
from django.utils.translation import gettext

from ecoplan.evaluation.models import ReportedValue
from ecoplan.plans.models import Area
from ecoplan.vocabulary.rank_metrics import Metric
from ecoplan.vocabulary.reported import period_label

from .sources import AreaFigure, Window, register


@register("reported")
def reported(metric: Metric, areas: Sequence[Area], window: Window) -> dict[int, AreaFigure]:
    ids = [a.pk for a in areas]
    # a value without an area speaks for its target's own scope: the plan's district
    rows = (ReportedValue.objects.filter(Q(area__in=ids) | Q(area__isnull=True, target__plan__district__in=ids),
                                         target__indicator_code=metric.code,
                                         status__in=[ReportedValue.Status.ACCEPTED, ReportedValue.Status.SUBMITTED])
            .values_list("area_id", "target__plan__district_id", "status", "period_start", "period_end", "value",
                         "reviewed_at", "pk"))
    by_area: dict[int, list[tuple]] = defaultdict(list)
    for area, district, *rest in rows:
        by_area[area or district].append(tuple(rest))
    out: dict[int, AreaFigure] = {}
    wanted = period_label(window.start, window.end)
    for area in areas:
        values = by_area.get(area.pk, [])
        accepted = [v for v in values if v[0] == ReportedValue.Status.ACCEPTED]
        exact = [v for v in accepted if (v[1], v[2]) == (window.start, window.end)]
        if exact:  # the latest accepted
            out[area.pk] = AreaFigure(max(exact, key=lambda v: (v[4] is not None, v[4], v[5]))[3])
        elif window.review_states and any((v[1], v[2]) == (window.start, window.end) for v in values):
            out[area.pk] = AreaFigure(None, gettext("the value for %(period)s is submitted, not yet accepted")
                                      % {"period": wanted})
        elif accepted:
            spans = sorted({period_label(v[1], v[2]) for v in accepted})
            out[area.pk] = AreaFigure(None, gettext("no accepted value for %(period)s (accepted: %(spans)s)")
                                      % {"period": wanted, "spans": ", ".join(spans)})
        else:
            out[area.pk] = AreaFigure(None, gettext("no accepted value reported for this area"))
    return out
