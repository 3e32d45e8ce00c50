"""The ``water`` source: 优良水体比例, 劣Ⅴ类水体比例, 劣Ⅴ类河长比例, 断面达标率, 饮用水水源地达标率
of many areas over one window — the sections of all the areas read in one store query
(``WaterStore.section_periods``), each area's ratios by ``analytics.water.area_figures`` as the
target judges compute them, with the judges' sampling rule (``evaluation.water.completeness``).
"""
from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q
from django.utils.translation import gettext, gettext_noop

from ecoplan.analytics.water import area_figures
from ecoplan.evaluation.water import FIGURES, completeness
from ecoplan.monitoring.models import WaterSection
from ecoplan.monitoring.store import area_key
from ecoplan.monitoring.water import open_water_store, section_info
from ecoplan.plans.models import Area
from ecoplan.vocabulary.deadlines import month_end_of
from ecoplan.vocabulary.rank_metrics import Metric

from .sources import AreaFigure, Window, register

# what a ratio needs of a section, and why an area without such a section has no figure
NEEDS = {
    "drinking_source_compliance": (lambda s: s.drinking_source, gettext_noop("no drinking-water source section")),
    "worse_v_river_length": (lambda s: bool(s.river_km) and s.kind == WaterSection.Kind.RIVER,
                             gettext_noop("no river section with a length")),
    "section_compliance": (lambda s: bool(s.target_class), gettext_noop("no assessment section with a target class")),
}


@register("water")
def water(metric: Metric, areas: Sequence[Area], window: Window) -> dict[int, AreaFigure]:
    ids = [a.pk for a in areas]
    sections = list(WaterSection.objects.filter(Q(area__in=ids) | Q(area__parent__in=ids)).select_related("area")
                    .order_by("code"))
    infos = [section_info(s) for s in sections]
    if sections:
        with open_water_store() as store:
            periods = store.section_periods(window.start, window.end, infos)
    else:
        periods = {}
    figure, _part, _whole = FIGURES[metric.code]
    needs, missing = NEEDS.get(metric.code, (lambda s: True, gettext_noop("no assessment section")))
    out: dict[int, AreaFigure] = {}
    for area in areas:
        key = area_key(area)
        own = [s for s, info in zip(sections, infos) if key in info.areas]
        relevant = [s for s in own if needs(s)]
        if not relevant:
            out[area.pk] = AreaFigure(None, gettext(missing) if own else gettext("no assessment section"))
            continue
        found = area_figures(periods, infos, key)
        enough = completeness(relevant, periods, window.start, month_end_of(window.end), window.end)
        value = getattr(found, figure)
        if not enough.sufficient:
            reason = gettext("%(valid)s sampled section-months of the %(required)s the rule asks (%(rule)s)") % {
                "valid": enough.valid, "required": enough.required, "rule": enough.rule}
            out[area.pk] = AreaFigure(None, reason + (": " + "; ".join(enough.short) if enough.short else ""))
        elif value is None:
            out[area.pk] = AreaFigure(None, gettext("no section classed in the period"))
        else:
            out[area.pk] = AreaFigure(value)
    return out
