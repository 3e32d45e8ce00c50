"""The water page: every section the user may see, with its latest sample's class and the class
of the year's means (GB 3838-2002), grouped by district."""
from __future__ import annotations

from datetime import date

from django.shortcuts import render
from django.utils import timezone

from ecoplan.analytics.water import sample_values
from ecoplan.plans.access import visible
from ecoplan.plans.params import parse, parsed
from ecoplan.standards import water

from .forms import YearForm
from .water import open_water_store, section_info


@parsed
def sections_page(request):
    year = parse(YearForm, request.GET)["year"] or timezone.localdate().year
    sections = list(visible(request.user, "water_section").select_related("area", "area__parent")
                    .order_by("area__parent__name", "area__name", "code"))
    infos = {s.code: section_info(s) for s in sections}
    with open_water_store() as store:
        periods = store.section_periods(date(year, 1, 1), date(year, 12, 31), infos.values())
        latest = store.latest_samples([s.code for s in sections])
    rows = []
    for s in sections:
        sample = latest.get(s.code)
        latest_class = water.sample_class(sample_values(sample), lake=infos[s.code].lake) if sample else None
        period = periods.get(s.code)
        district = (s.area.parent or s.area) if s.area else None
        rows.append({"section": s, "district": district, "latest": sample, "latest_class": latest_class,
                     "period": period,
                     "target": water.WaterClass(s.target_class) if s.target_class else None,
                     "limiting": "、".join(r.zh for r in period.limiting) if period else ""})
    return render(request, "monitoring/water_sections.html", {
        "rows": rows, "year": year, "standard": water.standard().id,
        "synthetic": any(s.synthetic for s in sections)})
