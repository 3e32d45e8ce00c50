"""Linking a plan's air targets to the engine's figures and judging them."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.utils import timezone

from ecoplan.analytics.judgement import EVALUABLE, Figures, Judgement, judge, period_window
from ecoplan.monitoring.store import area_key, open_store
from ecoplan.plans.models import Area, Plan, Target


@dataclass
class TargetJudgement:
    target: Target
    area: Area | None
    judgement: Judgement

    @property
    def status(self) -> str:
        return self.judgement.status

    @property
    def reason(self) -> str:
        from .messages import reason

        return reason(self.judgement)

    @property
    def area_name(self) -> str:
        return self.area.name if self.area else "—"

    def as_dict(self) -> dict:
        return {"target_id": self.target.pk, "indicator": self.target.indicator,
                "indicator_code": self.target.indicator_code, "comparator": self.target.comparator,
                "value": self.target.value, "period": self.target.period,
                "area": self.area_name, **asdict(self.judgement)}


def _areas(plan: Plan, target: Target) -> list[Area]:
    """The areas a target speaks of: its own, every sub-area for 各… scopes, else the district."""
    if target.area_id:
        return [target.area]
    if target.area_printed.startswith(("各", "全区及各")) and plan.district_id:
        return list(plan.district.children.filter(station_memberships__isnull=False).distinct())
    return [plan.district] if plan.district_id else []


def figures_for(store, area: Area, code: str, period: str, year: int, exclusion: str,
                as_of: date) -> Figures | None:
    window = period_window("Q1" if code.endswith("_q1") else period, year)
    if window is None:
        return None
    start, end = window
    end = min(end, as_of)
    rows = store.query("""
        SELECT round(avg(pm25) FILTER (WHERE keep), 3) AS pm25_mean, count(pm25) FILTER (WHERE keep) AS pm25_days,
               count(*) FILTER (WHERE keep AND aqi <= 100) AS good_days,
               count(aqi) FILTER (WHERE keep) AS aqi_days,
               count(*) FILTER (WHERE keep AND aqi > 200) AS heavy_days,
               max(day) AS last_day, string_agg(DISTINCT rule_set, ' + ' ORDER BY rule_set) AS rule_sets
        FROM (SELECT a.*, NOT (? = 'dust' AND EXISTS (SELECT 1 FROM exclusions e WHERE e.day = a.day
                     AND (e.area = a.area OR e.area = '*'))) AS keep
              FROM area_daily a WHERE a.basis = 'in_force' AND a.area = ? AND a.day BETWEEN ? AND ?)""",
        [exclusion, area_key(area), start, end]) if store.has("area_daily") else []
    if not rows or rows[0]["last_day"] is None:
        return None
    f = Figures(**{k: rows[0][k] or 0 if k.endswith("days") else rows[0][k] for k in rows[0]})
    last = f.last_day
    previous = store.query("""SELECT round(avg(pm25), 3) AS m FROM area_daily WHERE basis = 'in_force'
        AND area = ? AND day BETWEEN ? AND ?""",
        [area_key(area), start.replace(year=start.year - 1), last.replace(year=last.year - 1)
         if not (last.month == 2 and last.day == 29) else last.replace(year=last.year - 1, day=28)])
    f.previous_pm25_mean = previous[0]["m"] if previous else None
    return f


def judge_plan(plan: Plan, as_of: date | None = None) -> list[TargetJudgement]:
    """Every air target of the plan, per area, judged against the figures to ``as_of``."""
    as_of = as_of or timezone.localdate()
    year = plan.period_start or as_of.year
    results = []
    targets = plan.targets.select_related("area").order_by("order")
    with open_store() as store:
        for target in targets:
            code = target.indicator_code
            if code not in EVALUABLE:
                continue
            exclusion = "dust" if "excluding_dust" in target.conditions else "none"
            for area in _areas(plan, target):
                figures = figures_for(store, area, code, target.period, year, exclusion, as_of)
                judgement = judge(code, target.comparator, target.value, target.period, year,
                                  figures, as_of)
                results.append(TargetJudgement(target, area, judgement))
    return results
