"""Measurement pages: the districts with measuring sites, and per area the sites and their
monthly values for a year with the period figures (sub-areas, district), their completeness and
the rules they used (扣除沙尘, 左右)."""
from __future__ import annotations

from datetime import date

from django.shortcuts import render
from django.utils import timezone

from ecoplan.plans.access import access, visible
from ecoplan.plans.models import Area
from ecoplan.plans.params import parse, parsed
from ecoplan.standards.rounding import gb8170
from ecoplan.vocabulary import indicators
from ecoplan.vocabulary.measurements import PRECISION

from . import measurements
from .forms import YearForm
from .models import Measurement


def measure_index(request):
    sites = visible(request.user, "measurement_site")
    districts = Area.objects.filter(pk__in=[s.district.pk for s in sites.select_related("area__parent")])
    return render(request, "monitoring/measure_index.html", {"districts": districts, "sites": sites.count()})


@parsed
def measure_area(request, pk: int):
    area = access(request.user, "area", pk, queryset=Area.objects.select_related("parent"))
    year = parse(YearForm, request.GET)["year"] or timezone.localdate().year
    sites = list(visible(request.user, "measurement_site").filter(area__in=[area, *area.children.all()])
                 .select_related("area"))
    months = [date(year, m, 1) for m in range(1, 13)]
    values = {(v.site_id, v.indicator, v.start.month): v for v in
              Measurement.objects.filter(site__in=sites, start__year=year)}
    codes = [c for c in indicators.BY_CODE if any(k[1] == c for k in values)]
    today = timezone.localdate()
    tables = []
    for code in codes:
        rows = [{"site": s, "cells": [values.get((s.pk, code, m.month)) for m in months]}
                for s in sites if any((s.pk, code, m.month) in values for m in months)]
        areas = [area, *area.children.filter(measurement_sites__isnull=False).distinct()]
        figures = []
        for one in areas:
            for exclude in (False, True):
                f = measurements.figure(one, code, months[0], date(year, 12, 31), today, exclude)
                figures.append({"area": one, "exclude": exclude, "figure": f,
                                "value": gb8170(f.value, PRECISION[code]) if f.value is not None else None})
        tables.append({"code": code, "indicator": indicators.BY_CODE[code], "rows": rows, "figures": figures})
    rules = measurements.rules()
    return render(request, "monitoring/measure_area.html", {
        "area": area, "year": year, "months": months, "tables": tables, "sites": sites, "rules": rules,
        "share": rules.share(), "synthetic": any(s.synthetic for s in sites),
    })
