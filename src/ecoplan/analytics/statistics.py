"""Period statistics (HJ 663 §3.3, §3.7): month / quarter / year-to-date / year means,
percentiles (HJ 663 formula = quantile_cont), valid-day counts, good days and heavy-pollution days,
with and without the days in the exclusion register (扣除沙尘)."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ecoplan.standards import packs

from . import daily

if TYPE_CHECKING:  # the store calls this module: no import at run time
    from .store import AirStore

def kept(source: str = "area_daily") -> str:
    """Area-days, twice: as they are, and without the days of the exclusion register (扣除沙尘)."""
    return f"""SELECT a.*, x.exclusion,
               NOT (x.exclusion = 'dust' AND EXISTS (SELECT 1 FROM exclusions e WHERE e.day = a.day
                    AND e.kind = 'dust' AND (e.area = a.area OR e.area = '*'))) AS keep
           FROM {source} a CROSS JOIN (VALUES ('none'), ('dust')) x(exclusion)"""


KEPT = kept()

def statistics_columns() -> str:
    """The period statistics (HJ 663 §3.3, §3.7), one definition for the stats table and for
    the figures of any window (`area_figures`)."""
    rules = packs.assessment()
    percentiles = dict(rules.percentiles)
    columns = ["string_agg(DISTINCT a.rule_set, ' + ' ORDER BY a.rule_set) AS rule_sets"]
    for p in (p for p in percentiles if p != "o3"):  # the pack's pollutants; O3 on its MDA8 below
        q = percentiles[p]
        columns += [f"round(avg({p}) FILTER (WHERE keep), 3) AS {p}_mean",
                    f"count({p}) FILTER (WHERE keep) AS {p}_days",
                    f"round(quantile_cont({p}, {q / 100}) FILTER (WHERE keep), 3) AS {p}_p{q}"]
    q = percentiles["o3"]
    columns += [
        f"round(quantile_cont(o3_8h_max, {q / 100}) FILTER (WHERE keep), 3) AS o3_8h_p{q}",
        "count(o3_8h_max) FILTER (WHERE keep) AS o3_days",
        "count(aqi) FILTER (WHERE keep) AS aqi_days",
        f"count(*) FILTER (WHERE keep AND aqi <= {rules.good_max_aqi}) AS good_days",
        f"count(*) FILTER (WHERE keep AND aqi >= {rules.heavy_min_aqi}) AS heavy_days",
        "max(a.day) AS last_day",
    ]
    return ", ".join(columns)

def compute_stats(store: AirStore, days: list[date] | None) -> None:
    c = store.con
    periods = """
        WITH days AS (SELECT DISTINCT day FROM area_daily)
        SELECT 'year' AS kind, CAST(year(day) AS VARCHAR) AS label, CAST(date_trunc('year', day) AS DATE) AS start, day FROM days
        UNION ALL SELECT 'quarter', year(day) || '-Q' || quarter(day), CAST(date_trunc('quarter', day) AS DATE), day FROM days
        UNION ALL SELECT 'month', strftime(day, '%Y-%m'), CAST(date_trunc('month', day) AS DATE), day FROM days"""
    c.execute(f"CREATE OR REPLACE TEMP VIEW periods_all AS {periods}")
    affected = "" if days is None else """AND (p.kind, p.label) IN (SELECT DISTINCT kind, label
        FROM periods_all WHERE day IN (SELECT day FROM wanted_days))"""
    body = f"""
        WITH a AS ({KEPT})
        SELECT a.area, p.kind, p.label, p.start, a.exclusion, a.basis, {statistics_columns()}
        FROM a JOIN periods_all p ON p.day = a.day
        WHERE true {affected}
        GROUP BY a.area, p.kind, p.label, p.start, a.exclusion, a.basis"""
    if not store.has("stats"):
        c.execute(f"CREATE TABLE stats AS {body} LIMIT 0")
    if days is None:
        c.execute("DELETE FROM stats")
    else:  # the periods that contain a recomputed day
        c.execute("""DELETE FROM stats WHERE (kind, label) IN (SELECT DISTINCT kind, label FROM periods_all
                     WHERE day IN (SELECT day FROM wanted_days))""")
    c.execute(f"INSERT INTO stats BY NAME {body}")

def area_figures(store: AirStore, area: str, start: date, end: date, exclusion: str = "none",
                 rule_set: str | None = None) -> dict[str, Any] | None:
    """The period statistics of one area over any window (a target judged "as of" a day), with
    the days in force — or all under one ``rule_set`` (the 2026 transition side by side) — and
    the valid days per month (``months``: "YYYY-MM" → {pm25_days, aqi_days}) the validity gates
    (``analytics.validity``) judge; None when there is no area-day in it."""
    if not store.has("area_daily"):
        return None
    source = f"({daily.area_daily_under(rule_set)})" if rule_set else "area_daily"
    basis = "" if rule_set else "a.basis = 'in_force' AND"
    if exclusion == "none":  # every day kept: no need to join the exclusion register (10× faster)
        relation, params = f"SELECT a.*, true AS keep FROM {source} a", [area, start, end]
    else:
        relation = f"SELECT * FROM ({kept(source)}) WHERE exclusion = ?"
        params = [exclusion, area, start, end]
    where = f"WHERE {basis} a.area = ? AND a.day BETWEEN ? AND ?"
    row = store.query(f"WITH a AS ({relation}) SELECT {statistics_columns()} FROM a {where}", params)[0]
    if row["last_day"] is None:
        return None
    counted = [p for p in dict(packs.assessment().percentiles) if p != "o3"] + ["aqi"]  # daily means, and the AQI
    months = store.query(f"""WITH a AS ({relation})
        SELECT year(a.day) AS y, month(a.day) AS m,
               {", ".join(f"count({p}) FILTER (WHERE keep) AS {p}_days" for p in counted)}
        FROM a {where} GROUP BY year(a.day), month(a.day) ORDER BY y, m""", params)
    row["months"] = {f"{r['y']:04d}-{r['m']:02d}": {f"{p}_days": r[f"{p}_days"] for p in counted} for r in months}
    return row
