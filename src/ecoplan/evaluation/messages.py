"""Judgement reasons in Chinese, from the judgement's message key and parameters.

``ecoplan.analytics.judgement`` is pure and speaks English (CLI, JSON); the pages speak the
user's language: Chinese first, the English reason otherwise.
"""
from __future__ import annotations

from django.utils.translation import get_language

ZH = {
    "no_source": "暂无该指标的监测数据来源",
    "bad_period": "“{period}”不是空气质量评价期间",
    "not_started": "评价期间自 {start} 开始",
    "municipal_pending": "等待市级下达目标值（达到市级要求）",
    "no_data": "评价期间尚无有效监测数据",
    "no_value": "目标未给出数值",
    "yoy_pm25_only": "同比评价目前仅支持 PM2.5",
    "yoy_no_previous": "缺少上年同期数据",
    "mean_final": "期间均值 {value} µg/m³（修约后 {reported}），目标 ≤ {limit}",
    "mean_impossible": "已无法完成：剩余 {remaining} 天均值需低于 {bound} µg/m³",
    "mean_within": "累计均值 {value} µg/m³，在目标 ≤ {limit} 以内；剩余 {remaining} 天均值需低于 {bound} µg/m³",
    "mean_above": "累计均值 {value} µg/m³，高于目标 ≤ {limit}；剩余 {remaining} 天均值需低于 {bound} µg/m³",
    "ratio_final": "优良 {good} 天 / 有效 {days} 天：{ratio}%，目标 ≥ {target}%",
    "ratio_impossible": "已无法完成：剩余 {remaining} 天中需有 {need} 天优良",
    "ratio_running": "累计优良天数比例 {ratio}%，目标 ≥ {target}%；剩余 {remaining} 天中至少需 {need} 天优良",
    "ratio_safe": "累计优良天数比例 {ratio}%，目标 ≥ {target}%；即使剩余 {remaining} 天均非优良也可完成",
    "count_exceeded": "重污染 {heavy} 天，已超过目标 ≤ {limit} 天",
    "count_final": "重污染 {heavy} 天，目标 ≤ {limit} 天",
    "count_running": "已出现重污染 {heavy} 天（目标 ≤ {limit} 天）；剩余 {remaining} 天内最多再出现 {left} 天",
    "heavy_ratio_final": "重污染天数比率 {ratio}%，目标 ≤ {limit}%",
    "heavy_ratio_exceeded": "重污染 {heavy} 天，已超过 {limit}% 所允许的 {allowed} 天",
    "heavy_ratio_running": "重污染天数比率 {ratio}%；剩余 {remaining} 天内最多再出现 {left} 天",
    "yoy": "PM2.5 {now} µg/m³，上年同期 {before} µg/m³（{change}%）",
}


def reason(judgement) -> str:
    if (get_language() or "zh-hans").startswith("zh") and judgement.code in ZH:
        return ZH[judgement.code].format(**judgement.params)
    return judgement.reason
