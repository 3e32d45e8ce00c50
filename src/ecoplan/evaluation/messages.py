"""Judgement reasons in the user's language, from the judgement's message key and parameters.

``ecoplan.analytics.judgement`` is pure and speaks English (CLI, JSON); the pages translate the
templates below through the catalogue (zh-hans first).
"""
from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from ecoplan.plans.labels import period_label

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
    "record": gettext_noop("the previous plan's period {period}: shown, not judged"),
    "insufficient": gettext_noop("{valid} valid {unit} of the {required} the rule asks ({rule}) {short}"),
    "level": gettext_noop("{value} {unit} against {comparator} {target}"),
    "level_about": gettext_noop("{value} {unit} against about {target} (tolerance ± {band})"),
    "level_yoy": gettext_noop("{value} {unit} against {before} a year before"),
    "level_reduce": gettext_noop("down {fall}% from the baseline {baseline} against {target}%"),
    "no_baseline": gettext_noop("the target needs its baseline value"),
    "bad_comparator": gettext_noop("comparator “{comparator}” cannot be judged on a figure"),
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


def reason(judgement) -> str:
    """The judgement's reason in the user's language (the English reason for an unknown key)."""
    if judgement.code in TEMPLATES:
        params = dict(judgement.params)
        if "period" in params:  # a code of the plan (by 2025, cumulative …): shown as words
            params["period"] = period_label(params["period"])
        return gettext(TEMPLATES[judgement.code]).format(**params)
    return judgement.reason
