"""Beijing's published annual PM2.5 of 2014–2016 reproduced from the real UCI hours (SOURCES.md §4):
the 11 evaluation stations of the city network, Dingling the control site (清洁对照点) kept out,
the UCI hours read as hour-ending (the `uci` preset).  Ingest once per module (~10 s)."""
import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ecoplan.analytics.figures import figures_for
from ecoplan.analytics.judgement import judge
from ecoplan.analytics.store import AirStore
from ecoplan.standards.rounding import gb8170

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real"
UCI = REAL / "uci_beijing_multisite_2013_2017"
PUBLISHED_DAILY = REAL / "aqistudy_daily_30cities_2014_2018" / "AQI_maincity" / "北京.csv"
REGISTRY = Path(__file__).resolve().parents[2] / "src" / "ecoplan" / "monitoring" / "data" / "uci-beijing-stations.csv"
CITY = "北京市"


def registry():
    with REGISTRY.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def beijing(tmp_path_factory):
    files = sorted(UCI.glob("PRSA_Data_*.csv"))
    if len(files) != 12:
        pytest.skip("UCI Beijing multi-site data not found: ../shared/data/real is not beside the clone")
    store = AirStore(tmp_path_factory.mktemp("uci") / "air")
    # the shipped registry: evaluation sites average into the city, the control site does not
    store.set_membership([(r["code"], CITY, None, None) for r in registry() if r["kind"] == "evaluation"])
    for path in files:
        store.ingest(path, "uci", check_registry=False)
    store.compute()
    yield store
    store.close()


def test_the_registry_names_dingling_the_control_site():
    kinds = {r["code"]: r["kind"] for r in registry()}
    assert len(kinds) == 12 and [c for c, k in kinds.items() if k == "control"] == ["Dingling"]


# Published: 北京市生态环境状况公报 2014 85.9, 2015 80.6, 2016 73 µg/m³ (the 2016 bulletin prints an
# integer).  ecoplan from the UCI hours: 85.4 / 80.7 / 73.1.  The residual (≤ 0.5) is the data, not
# the arithmetic: UCI holds the real-time hours, the bulletin the audited ones (审核数据), and 2–3
# city-days a year are missing in UCI; an independent HJ 633/663 implementation gives the same
# 85.4 / 80.7 / 73.1 (issue #9).  Tolerance 0.6 µg/m³ against the published value.
@pytest.mark.parametrize("year,ecoplan,published", [(2014, "85.4", "85.9"), (2015, "80.7", "80.6"),
                                                     (2016, "73.1", "73")])
def test_annual_pm25_of_beijing(beijing, year, ecoplan, published):
    row = beijing.area_figures(CITY, date(year, 1, 1), date(year, 12, 31))
    mean = gb8170(Decimal(str(row["pm25_mean"])), 1)
    assert mean == Decimal(ecoplan)
    assert abs(mean - Decimal(published)) <= Decimal("0.6")
    # and the year passes the validity gates: ≥ 324 days and every month ≥ 27 (February ≥ 25)
    assert row["pm25_days"] >= 363 and len(row["months"]) == 12
    assert all(n["pm25_days"] >= (25 if month.endswith("-02") else 27) for month, n in row["months"].items())
    figures = figures_for(beijing, CITY, "pm25", "year", year, "none", date(year + 1, 1, 31))
    result = judge("pm25", "<=", Decimal(35), "year", year, figures, date(year + 1, 1, 31))
    assert result.status == "missed" and result.completeness.sufficient and not result.completeness.short
    assert (result.completeness.valid, result.completeness.required) == (row["pm25_days"], 324)


def test_dingling_the_control_site_would_lower_the_city_mean(beijing):
    """Kept in, the clean site pulls 2015 down by more than the tolerance above."""
    rows = beijing.query(f"""SELECT avg(pm25) AS mean FROM (SELECT day, avg(pm25) AS pm25 FROM daily
        WHERE basis = 'in_force' AND year(day) = 2015 AND station IN (SELECT code FROM (VALUES
        {', '.join(f"('{r['code']}')" for r in registry())}) t(code)) GROUP BY day)""")
    assert rows[0]["mean"] < 80.7 - 1


def test_hour_ending_matches_the_published_daily_pm25(beijing):
    """2015-08 … 2016-12 (the consistent period of the published city days, SOURCES.md §1): the
    city's daily PM2.5 (integer) equals the published one on 391 of 515 days read hour-ending, on
    90 read hour-starting (the same hours a label later, computed here)."""
    with PUBLISHED_DAILY.open(encoding="utf-8") as handle:
        published = {r["date"]: int(r["PM2.5"]) for r in csv.DictReader(handle)
                     if "2015-08-01" <= r["date"] <= "2016-12-31" and r["PM2.5"] not in ("", "0")}
    ending = {r["day"].isoformat(): r["pm25"] for r in beijing.query(
        f"SELECT day, pm25 FROM area_daily WHERE area = '{CITY}' AND basis = 'in_force'")}
    control = [r["code"] for r in registry() if r["kind"] == "control"]
    starting = {r["day"].isoformat(): r["pm25"] for r in beijing.query(f"""
        WITH h AS (SELECT station, CAST(ts + INTERVAL 1 HOUR AS DATE) AS day, pm25
                   FROM {beijing.hourly_relation()} WHERE station NOT IN ({', '.join(f"'{c}'" for c in control)})),
             d AS (SELECT station, day, CASE WHEN count(pm25) >= 20 THEN avg(pm25) END AS pm25
                   FROM h GROUP BY station, day)
        SELECT day, avg(pm25) AS pm25 FROM d GROUP BY day""")}

    def matches(days):
        pairs = [(published[k], days[k]) for k in published if days.get(k) is not None]
        return sum(gb8170(Decimal(str(v)), 0) == p for p, v in pairs), len(pairs)

    assert matches(ending) == (391, 515)  # 75.9 %
    assert matches(starting) == (90, 515)  # 17.5 %
