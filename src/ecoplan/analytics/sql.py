"""SQL generated from the rule packs: IAQI as a CASE over the breakpoint table.

Kept to plain SQL (CASE, integer arithmetic, window functions, quantile_cont) so the same text
runs on DuckDB here and on Spark SQL when a city outgrows one machine.  Concentrations enter as
integer milli-units (``round(c * 1000)``), so the interpolation and the ceiling are exact
integer arithmetic: no float can turn IAQI 50 into 51.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import duckdb

from ecoplan.standards.packs import AqiPack

MILLI = 1000


def one_row(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> tuple[Any, ...]:
    """The one row of an aggregate without GROUP BY (count, min, max …): there always is one."""
    row = con.execute(sql, params).fetchone()
    if row is None:
        raise AssertionError(f"unreachable: an aggregate returned no row ({sql[:80]})")
    return row


def _milli(value: Decimal) -> int:
    return int(value * MILLI)


def pre_round_expr(pack: AqiPack, series: str, column: str) -> str:
    """HJ 633-2026 4.2.2: µg/m³ to integers, CO to 0.1, half-even (GB/T 8170)."""
    if pack.pre_round == "gb8170":
        places = 1 if series.startswith("co") else 0
        return f"round_even({column}, {places})"
    return column


def iaqi_expr(pack: AqiPack, series: str, column: str, others: dict[str, str] | None = None) -> str:
    """SQL expression for the IAQI of ``column`` (a concentration) under ``pack``."""
    table = pack.table_for(series)
    c = f"CAST(round({pre_round_expr(pack, series, column)} * {MILLI}) AS BIGINT)"
    parts = [f"WHEN {column} IS NULL THEN NULL"]
    bp = [_milli(v) for v in table.conc]
    for lo in range(len(bp) - 1):
        i_lo, i_hi = table.iaqi[lo], table.iaqi[lo + 1]
        num = f"{i_hi - i_lo} * ({c} - {bp[lo]})"
        den = bp[lo + 1] - bp[lo]
        # ceil(num / den) for num ≥ 0, in integers
        parts.append(f"WHEN {c} <= {bp[lo + 1]} THEN {i_lo} + ({num} + {den - 1}) // {den}")
    rule = table.above_top
    if rule.startswith("fixed:"):
        parts.append(f"ELSE {int(rule.split(':')[1])}")
    elif rule.startswith("use:") and others and rule.split(":")[1] in others:
        other = rule.split(":")[1]
        parts.append(f"ELSE {iaqi_expr(pack, other, others[other])}")
    else:
        parts.append("ELSE 500")  # above IAQI 500: capped (policy, standards.md §2.3)
    return "(CASE " + " ".join(parts) + " END)"


def level_expr(pack: AqiPack, aqi_column: str, field: str) -> str:
    """SQL CASE giving a level attribute (level / category / colour) of an AQI column."""
    parts = [f"WHEN {aqi_column} IS NULL THEN NULL"]
    for lv in pack.levels:
        parts.append(f"WHEN {aqi_column} <= {lv.max_aqi} THEN '{getattr(lv, field)}'")
    return "(CASE " + " ".join(parts) + " END)"
