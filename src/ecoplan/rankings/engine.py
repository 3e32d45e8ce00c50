"""The ranking engine: an area's sub-areas (or the districts) ranked on one metric for one period,
as a bureau publishes it — figures from the metric's source (``sources``), rules from
``analytics.ranking.rank`` (rounded first, competition ranks, bottom/top N, 环比 and 同比, 改善率).

Three source calls, each one for all the areas: the period, the period before (环比) and the same
period a year before (同比).  Nothing after ``as_of`` is read: a period still running is ranked on
its days so far, and then its year-before figure on the same days a year before (同期), so that
the two compare like with like; the previous period is complete by then and taken whole.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ecoplan.analytics.ranking import NO_YEAR_BEFORE, ROUNDINGS, ZERO_BASE, Observation, Ranking, rank
from ecoplan.plans.models import Area
from ecoplan.reporting.periods import Period, parse
from ecoplan.standards import packs
from ecoplan.vocabulary import by_code, codes
from ecoplan.vocabulary.areas import LEVEL_ENDINGS, LEVELS
from ecoplan.vocabulary.rank_metrics import BY_CODE, MAX_PLACES, ORDERS, ROUNDING_RULES, Metric

from . import sources
from .sources import Window

LEVEL_CODES = codes(LEVELS)
ORDER_CODES = tuple(code for code, _label in ORDERS)


class RankingError(ValueError):
    """A ranking that cannot be made as asked; the message says why (translated)."""


@dataclass
class AreaRanking:
    metric: Metric
    period: Period
    parent: Area | None
    level: str
    as_of: date
    ranking: Ranking  # row keys: str(area.pk)
    areas: dict[str, Area]  # row key → area
    rule: str  # one translated sentence: how the values were rounded and ranked, as of when
    order: str = "value"
    rounding: str = "gb8170"
    places: int = 0  # of the values as published (ranking.places is the ranked score's: 1 for 改善率)
    window: Window | None = None  # the period's days that were read

    def as_dict(self) -> dict:
        """Plain data for JSON (the CLI's --json, the pages' .json twins): Decimals as text, as
        published, so the document is stable."""
        text = lambda v: None if v is None else str(v)  # noqa: E731
        m = self.metric
        return {
            "metric": {"code": m.code, "label": str(_(m.label)), "zh": m.zh, "unit": m.unit,
                       "lower_is_better": m.lower_is_better},
            "period": str(self.period), "period_zh": self.period.zh, "span": self.period.span,
            "as_of": self.as_of.isoformat(), "level": self.level,
            "parent": None if self.parent is None else {"id": self.parent.pk, "name": self.parent.name},
            "order": self.order, "rounding": self.rounding, "places": self.places,
            "bottom_n": self.ranking.bottom_n, "top_n": self.ranking.top_n, "ranked": self.ranking.ranked,
            "rule": self.rule,
            "rows": [{"area_id": self.areas[r.key].pk, "name": r.name, "value": text(r.value), "rank": r.rank,
                      "previous": text(r.previous), "previous_rank": r.previous_rank,
                      "year_before": text(r.year_before), "year_before_rank": r.year_before_rank,
                      "change": text(r.change), "change_year": text(r.change_year),
                      "improvement": text(r.improvement), "bottom": r.bottom, "top": r.top, "reason": r.reason}
                     for r in self.ranking.rows],
        }


def metric_of(code: str) -> Metric:
    try:
        return BY_CODE[code]
    except KeyError:
        raise RankingError(_("“%(metric)s” is not a ranking metric; known: %(known)s") % {
            "metric": code, "known": ", ".join(BY_CODE)}) from None


def areas_of(parent: Area | None, level: str = "sub_area") -> list[Area]:
    """The areas a ranking compares: every child of ``parent`` (``sub_area``), its streets, its
    towns and townships, or every top-level area (``district``, without a parent)."""
    if level not in LEVEL_CODES:
        raise RankingError(_("“%(level)s” is not a ranking level; known: %(known)s") % {
            "level": level, "known": ", ".join(LEVEL_CODES)})
    if level == "district":
        if parent is not None:
            raise RankingError(_("a ranking of districts ranks the top-level areas: give no parent area "
                                 "(%(area)s was given)") % {"area": parent.name})
        return list(Area.objects.filter(parent__isnull=True).order_by("name"))
    if parent is None:
        raise RankingError(_("a ranking of sub-areas needs the area whose sub-areas it ranks"))
    found = Area.objects.filter(parent=parent)
    if endings := LEVEL_ENDINGS.get(level):
        ends = Q()
        for ending in endings:
            ends |= Q(name__endswith=ending)
        found = found.filter(ends)
    return list(found.order_by("name"))


def _year_before_window(period: Period, window: Window) -> Window | None:
    """The same period a year before, on the same days when the period is still running (None in
    year 1: nothing before it)."""
    before = period.year_before()
    if before is None:
        return None
    end = before.end
    if window.end < period.end:  # cut at as_of: compare the same days (同期)
        end = min(end, _a_year_before(window.end))
    return Window(before.start, end, window.exclude_dust, window.limits_on, window.review_states)


def _a_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def rank_areas(parent: Area | None, metric: str, period: Period, *, level: str = "sub_area", bottom_n: int = 0,
               top_n: int = 0, places: int | None = None, rounding: str = "gb8170", order: str = "value",
               exclude_dust: bool = False, as_of: date | None = None, review_states: bool = True) -> AreaRanking:
    """Rank the areas of ``level`` under ``parent`` on ``metric`` for ``period``, as of ``as_of``
    (default today); ``review_states`` False: no reason tells a value submitted and not yet
    accepted (for a role that may not see every unit's reported values: ``rankings.access``)."""
    found = metric_of(metric)
    if rounding not in ROUNDINGS:
        raise RankingError(_("“%(rounding)s” is not a rounding rule; known: %(known)s") % {
            "rounding": rounding, "known": ", ".join(ROUNDINGS)})
    if order not in ORDER_CODES:
        raise RankingError(_("“%(order)s” is not a ranking order; known: %(known)s") % {
            "order": order, "known": ", ".join(ORDER_CODES)})
    if bottom_n < 0 or top_n < 0:
        raise RankingError(_("bottom and top N are 0 (none) or more"))
    if places is not None and not 0 <= places <= MAX_PLACES:
        raise RankingError(_("decimal places are 0 to %(most)s") % {"most": MAX_PLACES})
    as_of = as_of or timezone.localdate()
    if period.start > as_of:
        raise RankingError(_("%(period)s has not started on %(day)s: nothing to rank yet") % {
            "period": period_label(period), "day": formats.date_format(as_of)})
    areas = areas_of(parent, level)
    end = min(period.end, as_of)
    # every window divides by the standards in force at the ranked period's end (limits_on)
    window = Window(period.start, end, exclude_dust, limits_on=end, review_states=review_states)
    current = sources.figures(found, areas, window)
    previous_period = period.previous()
    previous = sources.figures(found, areas, Window(previous_period.start, min(previous_period.end, as_of),
                                                    exclude_dust, end, review_states)) if previous_period else {}
    year_window = _year_before_window(period, window)
    year_before = sources.figures(found, areas, year_window) if year_window else {}
    observations = []
    for a in areas:
        figure = current[a.pk]
        before, a_year_before = previous.get(a.pk), year_before.get(a.pk)
        observations.append(Observation(
            str(a.pk), a.name, figure.value, figure.reason, previous=before.value if before else None,
            year_before=a_year_before.value if a_year_before else None))
    places = found.places if places is None else places
    ranking = rank(observations, lower_is_better=found.lower_is_better, places=places, rounding=rounding,
                   bottom_n=bottom_n, top_n=top_n, by_improvement=order == "improvement")
    rules_reasons = {NO_YEAR_BEFORE: _("no value for the same period a year before"),
                     ZERO_BASE: _("the same period a year before was 0: no rate")}
    for row in ranking.unranked:  # the rules' own reasons (the sources' come translated)
        row.reason = rules_reasons.get(row.reason, row.reason)
    return AreaRanking(found, period, parent, level, as_of, ranking, {str(a.pk): a for a in areas},
                       rule_of(found, period, as_of=end, places=places, rounding=rounding, order=order,
                               exclude_dust=exclude_dust),
                       order=order, rounding=rounding, places=places, window=window)


def period_label(period: Period) -> str:
    """2026年10月 on Chinese pages, 2026-10 on English ones."""
    return period.zh if (translation.get_language() or "").startswith("zh") else str(period)


def rule_of(metric: Metric, period: Period, *, as_of: date, places: int, rounding: str, order: str,
            exclude_dust: bool) -> str:
    """The ranking's rule in one sentence, as the table prints it under its title."""
    params = {"metric": _(metric.label), "period": period_label(period),
              "rounding": _(by_code(ROUNDING_RULES)[rounding].label), "places": places,
              "as_of": formats.date_format(as_of)}  # 2026年11月5日 in the zh-hans pages and documents
    if order == "improvement":
        sentence = _("%(metric)s, %(period)s: ranked on the improvement rate against the same period a year "
                     "before (rounded to 0.1 %%, higher is better); values rounded to %(places)s decimal places "
                     "by %(rounding)s; ties share a rank (1, 1, 3); as of %(as_of)s.")
    elif metric.lower_is_better:
        sentence = _("%(metric)s, %(period)s: values rounded to %(places)s decimal places by %(rounding)s, "
                     "then ranked, lower is better; ties share a rank (1, 1, 3); as of %(as_of)s.")
    else:
        sentence = _("%(metric)s, %(period)s: values rounded to %(places)s decimal places by %(rounding)s, "
                     "then ranked, higher is better; ties share a rank (1, 1, 3); as of %(as_of)s.")
    sentence %= params
    if metric.code == "composite_index":  # every window divides by the limits in force on this day
        sentence = _("%(rule)s Divisors: %(edition)s grade II limits.") % {
            "rule": sentence, "edition": packs.rules_for(as_of).limits.id}
    if exclude_dust:
        sentence = _("%(rule)s Sand and dust days are left out.") % {"rule": sentence}
    return sentence


def run_definition(definition, period: Period, as_of: date | None = None, bottom_n: int | None = None,
                   review_states: bool = True) -> AreaRanking:
    """A saved ranking (``RankingDefinition``) for the period that ends with ``period``'s last
    month, in the definition's span (a month's definition asked for 2026-Q3 ranks September);
    ``bottom_n`` instead of the definition's (a bulletin's template N for a ranking saved without one)."""
    asked = parse(f"{period.year:04d}-{period.month:02d}", definition.span)
    return rank_areas(definition.area, definition.metric, asked, level=definition.level,
                      bottom_n=definition.bottom_n if bottom_n is None else bottom_n, top_n=definition.top_n,
                      places=definition.places,
                      rounding=definition.rounding, order=definition.order, exclude_dust=definition.exclude_dust,
                      as_of=as_of, review_states=review_states)

