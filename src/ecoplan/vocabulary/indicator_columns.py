"""Column roles of a five-year plan's indicator table (规划指标表) and the header words printed for each.

A 十三五 table prints `指标 | 单位 | 2015年 | 2020年 | 属性`, a 十四五 one `指标名称 | 2020年现状值 |
2025年规划值 | 指标属性`, another `基准值 | 目标值`, `现状值 | 规划值` or `2020年（基期） | 2025年
（目标）`.  The reader takes each header cell's year out (`2020年现状值` → 2020 + 现状值) and maps
the words left to a role through these rows, so a new column name is a new word here, not new
code.  Words are compared in the importer's matching form (no spaces, NFKC, simplified).

A bare year (`2015年`) names no role: of two bare years the earlier is the baseline and the later
the target.  A 现状 column of the same year as the 目标 column (`2020年目标 | 2020年现状`) is what
the previous plan achieved, not a baseline (表1 of Fengtai's plan, the 十三五 review).
"""
from __future__ import annotations

# role → the header words printed for it (after the year is taken out)
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号"),
    "category": ("指标类别", "类别", "领域", "类型", "指标类型", "分类"),
    "indicator": ("指标名称", "指标", "主要指标", "指标内容", "名称", "具体指标"),
    "unit": ("单位", "计量单位", "指标单位"),
    "baseline": ("基期值", "基准值", "现状值", "基期", "基准", "现状", "基准年", "基期年", "现状年",
                 "实际", "实际值", "完成值", "实际完成"),  # `2024年实际` before `2025年目标`: the baseline
    "target": ("目标值", "规划值", "目标", "规划目标", "预期值", "规划", "目标年"),
    "attribute": ("属性", "指标属性", "性质", "指标性质"),
}

# words of a baseline column that, in the target's year, mean what was achieved
ACHIEVED_WORDS = ("现状", "现状值", "完成情况", "实际完成", "完成值", "实际", "实际值")

# 指标属性: what a cell prints → Target.binding
BINDING: dict[str, str] = {
    "约束性": "binding", "约束": "binding", "约束性指标": "binding",
    "预期性": "expected", "预期": "expected", "预期性指标": "expected",
}

# an indicator named as a fall (`细颗粒物年均浓度下降率`, `劣Ⅴ类水体下降比例`, `降幅`,
# `单位地区生产总值二氧化碳排放降低`): its value is by how much the indicator falls, not a level
REDUCTION_WORDS = ("下降率", "下降比例", "下降幅度", "降幅", "削减率", "减少率", "降低率", "降低")


def role_of(word: str) -> str:
    """The role a header word (in matching form, year taken out) names, or ""."""
    for role, words in HEADER_WORDS.items():
        if word in words:
            return role
    return ""
