"""Judgement reasons in the user's language, from the judgement's message key and parameters.

``ecoplan.analytics.judgement`` is pure and speaks English (CLI, JSON); the pages translate the
templates below through the catalogue (zh-hans first).
"""
from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from ecoplan.plans.labels import COMPARATORS, period_label

# message key → English template (a msgid; zh-hans in the catalogue) filled with the judgement's params
TEMPLATES = {
    "no_source": gettext_noop("ecoplan has no monitoring source for this indicator yet"),
    "bad_period": gettext_noop("period “{period}” is not an air-quality period"),
    "not_started": gettext_noop("the period starts on {start}"),
    "municipal_pending": gettext_noop("waiting for the municipal value (meet the municipal requirement)"),
    "no_data": gettext_noop("no valid monitoring data for the period yet"),
    "no_value": gettext_noop("the target has no value"),
    "yoy_pm25_only": gettext_noop("year-on-year judgement is available for PM2.5 only"),
    "yoy_no_previous": gettext_noop("no data for the same period of the previous year"),
    "mean_final": gettext_noop("period mean {value} µg/m³ (reported {reported}) against ≤ {limit}"),
    "mean_impossible": gettext_noop("the target can no longer be met: the remaining {remaining} days must "
                                    "average below {bound} µg/m³"),
    "mean_within": gettext_noop("mean to date {value} µg/m³ is within ≤ {limit}; the remaining {remaining} days "
                                "must average below {bound} µg/m³"),
    "mean_above": gettext_noop("mean to date {value} µg/m³ is above ≤ {limit}; the remaining {remaining} days "
                               "must average below {bound} µg/m³"),
    "ratio_final": gettext_noop("{good} good days of {days}: {ratio}% against ≥ {target}%"),
    "ratio_impossible": gettext_noop("the target can no longer be met: at least {need} of the remaining "
                                     "{remaining} days must be good (AQI ≤ 100)"),
    "ratio_running": gettext_noop("{ratio}% good days to date against ≥ {target}%; at least {need} of the "
                                  "remaining {remaining} days must be good (AQI ≤ 100)"),
    "ratio_safe": gettext_noop("{ratio}% good days to date against ≥ {target}%; the target holds even if none "
                               "of the remaining {remaining} days is good"),
    "count_exceeded": gettext_noop("{heavy} heavy-pollution days already exceed ≤ {limit}"),
    "count_final": gettext_noop("{heavy} heavy-pollution days against ≤ {limit}"),
    "count_running": gettext_noop("{heavy} so far against ≤ {limit}; at most {left} more heavy-pollution "
                                  "day(s) in the remaining {remaining} days"),
    "heavy_ratio_final": gettext_noop("{ratio}% against ≤ {limit}%"),
    "heavy_ratio_exceeded": gettext_noop("{heavy} heavy days already exceed the {allowed} a {limit}% ratio allows"),
    "heavy_ratio_running": gettext_noop("{ratio}% so far; at most {left} more heavy-pollution day(s) in the "
                                        "remaining {remaining} days"),
    "yoy": gettext_noop("PM2.5 {now} µg/m³ against {before} a year before ({change}%)"),
    "no_sub_areas": gettext_noop("no sub-area of {district} has a figure from this source yet"),
    "target_year_ahead": gettext_noop("judged in {year}; until then each year against the plan's path"),
    "record": gettext_noop("the previous plan's period {period}: shown, not judged"),
    "insufficient": gettext_noop("{valid} valid {unit} of the {required} the rule asks ({rule}) {short}"),
    "insufficient_previous": gettext_noop("the same period a year before rests on {valid} valid {unit} of the "
                                          "{required} the rule asks ({rule}) {short}"),
    "level": gettext_noop("{value} {unit} against {comparator} {target}"),
    "level_about": gettext_noop("{value} {unit} against about {target} (tolerance ± {band})"),
    "level_yoy": gettext_noop("{value} {unit} against {before} a year before"),
    "level_reduce": gettext_noop("down {fall}% from the baseline {baseline} against {target}%"),
    "no_baseline": gettext_noop("the target needs its baseline value"),
    "bad_comparator": gettext_noop("comparator “{comparator}” cannot be judged on a figure"),
    # five-year trajectories (ecoplan.analytics.trajectory)
    "traj_no_span": gettext_noop("the target year {target_year} is not after the baseline year {baseline_year}"),
    "traj_qualitative": gettext_noop("a qualitative target: judged by the coordinator, no yearly path"),
    "traj_municipal_pending": gettext_noop("no path until the municipal value (meet the municipal requirement) "
                                           "is entered"),
    "traj_no_value": gettext_noop("the target has no value: no yearly path"),
    "traj_no_baseline": gettext_noop("the plan prints no {baseline_year} baseline value: no yearly path"),
    "traj_no_yearly_source": gettext_noop("no yearly figure from the source “{source}” yet"),
    "traj_no_figure": gettext_noop("no figure for the year"),
    "traj_cumulative_gap": gettext_noop("the amount of {years} is missing: the sum to date is not known"),
    "traj_no_milestone": gettext_noop("no milestone for the year"),
    "traj_no_previous": gettext_noop("no baseline or earlier figure to compare with"),
    "traj_year_met": gettext_noop("{value} against the year's milestone {op} {expected}"),
    "traj_year_behind": gettext_noop("{value} misses the year's milestone {op} {expected}"),
    "traj_yoy_met": gettext_noop("{value} against {before} the year before: no worse"),
    "traj_yoy_behind": gettext_noop("{value} against {before} the year before: worse"),
    "traj_mid_not_due": gettext_noop("the mid-term check needs the figures to {year}"),
    "traj_mid_no_figure": gettext_noop("no valid figure up to {year}"),
    "traj_mid_rate": gettext_noop("{year}: {value}, {progress}% of the way with {elapsed}% of the time; at this rate "
                                  "{projected} by {target_year}"),
    "traj_mid_path": gettext_noop("{year}: {value} against the path's {expected}"),
    "traj_mid_yoy": gettext_noop("{year}: {value} against {expected} the year before"),
    "traj_no_year_judged": gettext_noop("no year with a valid figure yet"),
    "traj_not_started": gettext_noop("the plan's first year is not over"),
    # water (evaluation.water)
    "no_water_area": gettext_noop("the plan has no district: water sections are registered by area"),
    "no_water_section": gettext_noop("no water section registered for {area}"),
    "no_water_drinking_source_compliance": gettext_noop("no drinking-water source section registered for {area}"),
    "no_water_worse_v_river_length": gettext_noop("no river length registered for the sections of {area}"),
    "no_water_section_compliance": gettext_noop("no section of {area} has a target class"),
    "water_compliance": gettext_noop("{value} {unit} against {comparator} {target} ({part} of {whole} sections "
                                     "meet their target class; below: {failing})"),
    "water_sections": gettext_noop("{value} {unit} against {comparator} {target} ({part} of {whole} sections)"),
    "water_length": gettext_noop("{value} {unit} against {comparator} {target} ({part} of {whole} km)"),
    # monthly measurements (evaluation.measurement): notes after the reason
    "measured_months": gettext_noop("{n} month(s) from {sites} site(s): {months}"),
    "measured_dust": gettext_noop("excluding sand and dust (a month with ≥ {days} registered dust day(s) and the "
                                  "values flagged sand_dust): months left out {months}, flagged values left out "
                                  "{values}"),
    "measured_about_share": gettext_noop("about = within ± {band} ({share} % of the target)"),
    "measured_about_band": gettext_noop("about = within ± {band} (a set band)"),
    # rank targets (evaluation.ranking)
    "rank_no_n": gettext_noop("the target does not say which bottom N it counts"),
    "rank_district": gettext_noop("the municipal ranking ranks streets and towns, not a district"),
    "rank_no_data": gettext_noop("no ranking of {pollutant} published for the period yet"),
    "rank_count": gettext_noop("{count} month(s) in the citywide bottom {n} of {ranked} ranked against "
                               "{comparator} {target}: {months}"),
    "rank_exceeded": gettext_noop("already {count} month(s) in the citywide bottom {n}, more than {target}: "
                                  "{months}"),
    "rank_yoy": gettext_noop("{count} month(s) in the citywide bottom {n} to {to} against {before} a year "
                             "before: {months}; a year before: {months_before}"),
    "rank_yoy_none": gettext_noop("never in the citywide bottom {n} to {to}, nor a year before"),
    "rank_not_ranked": gettext_noop("not in the published ranking of {months}"),
    # reported values (evaluation.reported)
    "reported_awaiting": gettext_noop("awaiting the {period} value from {unit}"),
    "reported_pending": gettext_noop("{value} {value_unit} for {period} submitted by {unit} on {day}, awaiting the "
                                     "coordinator's acceptance"),
    "reported_returned": gettext_noop("the {period} value was returned to {unit} for a correction"),
    "municipal_missing": gettext_noop("the municipal value of this target (meet the municipal requirement) has not "
                                      "been entered"),
    "reported_no_baseline": gettext_noop("awaiting the baseline value of {year} from {unit}"),
    "reported_no_previous": gettext_noop("awaiting the {period} value from {unit} for the year-on-year comparison"),
    # qualitative targets (evaluation.reported)
    "awaiting_judgement": gettext_noop("awaiting the coordinator's judgement with a stated reason"),
    "qualitative_judged": gettext_noop("the coordinator's judgement of {day}: {reason}"),
}


# what a Completeness counts (analytics.judgement.Completeness.unit) → its words
COUNT_UNITS = {"days": gettext_noop("days"), "samples": gettext_noop("samples"), "months": gettext_noop("months"),
               "reports": gettext_noop("reports"), "hours": gettext_noop("hours"),
               "section-months": gettext_noop("section-months")}


def count_unit(unit: str) -> str:
    return gettext(COUNT_UNITS[unit]) if unit in COUNT_UNITS else unit


def reason(judgement) -> str:
    """The judgement's reason in the user's language (the English reason for an unknown key)."""
    if judgement.code in TEMPLATES:
        params = dict(judgement.params)
        if "period" in params:  # a code of the plan (by 2025, cumulative …): shown as words
            params["period"] = period_label(params["period"])
        if "unit" in params and judgement.code.startswith("insufficient"):
            params["unit"] = count_unit(str(params["unit"]))
        if params.get("comparator") in COMPARATORS:  # >= → ≥ (the words of improve etc. through the catalogue)
            params["comparator"] = COMPARATORS[str(params["comparator"])]
        text = gettext(TEMPLATES[judgement.code]).format(**params)
        # the rules a figure rests on, after the reason (measurements: months used, dust, 左右)
        for key, extra in params.get("notes", ()):
            text += gettext("; ") + gettext(TEMPLATES[key]).format(**extra)
        return text
    return judgement.reason
