"""Rank targets (``_rank`` codes): the months a street/town was in the citywide bottom N of the
municipality's monthly ranking (``monitoring.RankingEntry``; bottom-N semantics in
``analytics.ranking``), per sub-area, with the months that counted.

* 频次同比下降 (comparator ``improve``): months in the bottom N this year, January to the latest
  ranked month, against the same months a year before; fewer is met.  Never in the bottom N in
  either year is met too — the target's aim (not to be there) holds and nothing is left to fall.
* 不进入后10名 (``=`` 0) and 频次不超过2次 (``<=`` 2): a count that can only grow — missed as soon as
  it passes the limit, met when the year is over.

N is the target's own (``vocabulary.indicators.bottom_n``: the importer keeps 后30名 as
``bottom_30`` in the target's conditions).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ecoplan.analytics.judgement import Completeness, Judgement, judge_level, period_window, plain
from ecoplan.analytics.ranking import bottom_count
from ecoplan.monitoring import measurements as store
from ecoplan.plans.models import Area, Plan, Target
from ecoplan.vocabulary.indicators import base_code, bottom_n

from .sources import Context, register

RULE = "the municipality's monthly ranking: every month published"


def judge_rank(ctx: Context, target: Target, area: Area | None) -> Judgement:
    pollutant = base_code(target.indicator_code)
    n = bottom_n(target.conditions)
    if n is None:
        return Judgement("not_evaluable", "the target does not say which bottom N it counts", code="rank_no_n")
    window = period_window(target.period, ctx.year)
    if window is None:
        return Judgement("not_evaluable", f"period “{target.period}” is not a ranking period", code="bad_period",
                         params={"period": target.period})
    start, end = window
    if ctx.as_of < start:
        return Judgement("not_evaluable", f"the period starts on {start.isoformat()}", code="not_started",
                         params={"start": start.isoformat()})
    if area is not None and area.parent_id is None:
        return Judgement("not_evaluable", "the municipal ranking ranks streets and towns, not a district",
                         code="rank_district")
    published = store.ranked_months(pollutant, start, min(end, ctx.as_of))
    if area is None or not published:
        return Judgement("not_evaluable", f"no ranking of {pollutant} published for the period yet",
                         code="rank_no_data", params={"pollutant": pollutant})
    to = published[-1]
    count = bottom_count(store.places(area, pollutant, start, to), n, start, to)
    ranked = {p.month for p in store.places(area, pollutant, start, to)}
    missing = [m for m in published if m not in ranked]
    complete = ctx.as_of > end
    # a period over asks every one of its months; while it runs, the months published so far
    asked = _months(start, end) if complete else published
    unpublished = [m for m in asked if m not in published]
    completeness = Completeness(valid=len(published) - len(missing), required=len(asked), unit="months",
                                rule=RULE, short=[f"{m:%Y-%m}: not ranked" for m in missing]
                                + [f"{m:%Y-%m}: no ranking published" for m in unpublished])
    common = {"n": n, "months": count.listing() or "—", "count": count.count, "ranked": count.ranked,
              "to": f"{to:%Y-%m}"}
    notes = [("rank_not_ranked", {"months": ", ".join(f"{m:%Y-%m}" for m in missing)})] if missing else []
    if target.comparator in ("improve", "not_worse"):
        first, last = start.replace(year=start.year - 1), to.replace(year=to.year - 1)
        before = bottom_count(store.places(area, pollutant, first, last), n, first, last)
        published_before = store.ranked_months(pollutant, first, last)
        if len(published_before) < len(published):  # last year's count rests on fewer months: no 同比
            short = [f"{m:%Y-%m}: no ranking published" for m in _months(first, last) if m not in published_before]
            return _noted(Judgement(
                "insufficient_data", f"the same months a year before: {len(published_before)} of {len(published)} "
                "rankings published", value=Decimal(count.count), unit="次", code="insufficient_previous",
                params={"valid": len(published_before), "required": len(published), "unit": "months", "rule": RULE,
                        "short": "; ".join(short)}, completeness=completeness), notes)
        if count.count == 0 and before.count == 0 and completeness.sufficient:
            return Judgement("met" if complete else "on_track", f"never in the citywide bottom {n} to {to:%Y-%m}, "
                             "nor a year before", value=Decimal(0), unit="次", n_valid=completeness.valid,
                             code="rank_yoy_none", params=common, completeness=completeness)
        judgement = judge_level(target.comparator, None, Decimal(count.count), unit="次", complete=complete,
                                lower_is_better=True, precision=0, previous=Decimal(before.count),
                                completeness=completeness)
        if judgement.code == "level_yoy":
            judgement.code = "rank_yoy"
            judgement.params = {**common, "before": before.count, "months_before": before.listing() or "—"}
            judgement.reason = (f"{count.count} month(s) in the citywide bottom {n} to {to:%Y-%m} against "
                                f"{before.count} a year before: {count.listing() or '—'}; a year before: "
                                f"{before.listing() or '—'}")
        return _noted(judgement, notes)
    limit = plain(Decimal(target.value)) if target.value is not None else None
    if limit is not None and target.comparator in ("=", "<=", "<") and \
            (count.count >= limit if target.comparator == "<" else count.count > limit):
        # a count only grows: past the limit the target is lost, whatever months remain
        return _noted(Judgement("missed", f"already {count.count} month(s) in the citywide bottom {n}, more than "
                                f"{limit}: {count.listing()}", value=Decimal(count.count), unit="次",
                                n_valid=completeness.valid, code="rank_exceeded",
                                params={**common, "target": f"{limit}"}, completeness=completeness), notes)
    judgement = judge_level(target.comparator, limit, Decimal(count.count), unit="次", complete=complete,
                            lower_is_better=True, precision=0, completeness=completeness)
    if judgement.code == "level":
        judgement.code = "rank_count"
        judgement.params = {**common, "comparator": target.comparator, "target": f"{limit}"}
        judgement.reason = (f"{count.count} month(s) in the citywide bottom {n} of {count.ranked} ranked against "
                            f"{target.comparator} {limit}: {count.listing() or '—'}")
    return _noted(judgement, notes)


def _months(start: date, end: date) -> list[date]:
    """The first day of each month from ``start`` to ``end``, as the ranking stores its months."""
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def _noted(judgement: Judgement, notes: list) -> Judgement:
    if notes:
        judgement.params = {**judgement.params, "notes": notes}
        judgement.reason += "; " + "; ".join(f"not in the published ranking of {extra['months']}"
                                             for _, extra in notes)
    return judgement


def ranked_sub_areas(plan: Plan) -> list[Area]:
    """The sub-areas of the district the ranking names."""
    if not plan.district_id:
        return []
    return list(plan.district.children.filter(ranking_entries__isnull=False).distinct())


def yearly(ctx: Context, target: Target, area: Area | None, year: int) -> tuple[Decimal | None, Completeness | None]:
    """Months in the bottom N in a calendar year."""
    n = bottom_n(target.conditions)
    if area is None or n is None:
        return None, None
    pollutant = base_code(target.indicator_code)
    start, end = date(year, 1, 1), date(year, 12, 31)
    published = store.ranked_months(pollutant, start, end)
    if not published:
        return None, None
    count = bottom_count(store.places(area, pollutant, start, end), n, start, end)
    return Decimal(count.count), Completeness(count.ranked, len(published), "months", RULE)


register("ranking", judge_rank, ranked_sub_areas, yearly)
