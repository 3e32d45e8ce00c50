"""Validity gates (GB 3095 表4, analytics.validity): below them a figure is insufficient data, with
its counts and the months short, never met or missed."""
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from ecoplan.analytics.figures import figures_for
from ecoplan.analytics.judgement import Figures, judge
from ecoplan.analytics.store import AirStore
from ecoplan.analytics.validity import completeness

from .test_engine import hours, write_csv

YEAR = (date(2024, 1, 1), date(2024, 12, 31))
Q1 = (date(2024, 1, 1), date(2024, 3, 31))


def full_months(year=2024, **short):
    """Valid days per month: every day, except the months given (m3=26 → March has 26)."""
    import calendar

    return {f"{year}-{m:02d}": short.get(f"m{m}", calendar.monthrange(year, m)[1]) for m in range(1, 13)}


@pytest.mark.parametrize("valid,sufficient", [(323, False), (324, True)])
def test_annual_count_boundary(valid, sufficient):
    c = completeness(valid, None, *YEAR, YEAR[1])
    assert (c.sufficient, c.required, c.rule) == (sufficient, 324, "GB 3095-2012 表4 (strict)")


@pytest.mark.parametrize("month,days,short", [(3, 26, True), (3, 27, False), (2, 24, True), (2, 25, False)])
def test_every_month_must_meet_its_rule_in_a_strict_year(month, days, short):
    months = full_months(**{f"m{month}": days})
    c = completeness(sum(months.values()), months, *YEAR, YEAR[1])
    assert c.valid >= 324  # the count alone would pass
    assert c.short == ([f"2024-{month:02d}: {days} < {27 if month != 2 else 25}"] if short else [])
    assert c.sufficient is not short
    lenient = completeness(sum(months.values()), months, *YEAR, YEAR[1], annual_rule="lenient")
    assert lenient.sufficient and lenient.short == [] and "lenient" in lenient.rule


def test_a_quarter_needs_each_month():
    months = {"2024-01": 31, "2024-02": 24, "2024-03": 31}
    c = completeness(86, months, *Q1, Q1[1])
    assert (c.required, c.short, c.sufficient) == (79, ["2024-02: 24 < 25"], False)


def test_a_running_period_is_judged_on_its_elapsed_part():
    """To 14 March: January and February are over and need 27 and 25; March has 17 days left, so it
    needs 10 of its first 14 days (27 − 17) — pro rata to what is already lost, never more."""
    months = {"2024-01": 27, "2024-02": 25, "2024-03": 10}
    assert completeness(62, months, *Q1, date(2024, 3, 14)).short == []
    c = completeness(62, months, *Q1, date(2024, 3, 15))  # one day later, 11 are needed
    assert c.short == ["2024-03: 10 < 11"] and not c.sufficient
    # the year so far: 324 − days left is the fewest that can still reach 324
    assert completeness(200, None, *YEAR, date(2024, 7, 31)).required == 324 - 153
    assert not completeness(150, None, *YEAR, date(2024, 7, 31)).sufficient
    assert completeness(10, {"2024-01": 10}, *YEAR, date(2024, 1, 10)).sufficient  # nothing lost yet


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="strict, lenient"):
        completeness(1, None, *YEAR, YEAR[1], annual_rule="loose")


def figures(**kw):
    base = dict(pm25_mean=30.0, pm25_days=200, good_days=180, aqi_days=200, heavy_days=0,
                last_day=date(2024, 12, 31), rule_sets="HJ 633-2012 · GB 3095-2012 · HJ 663-2013")
    base.update(kw)
    return Figures(**base)


@pytest.mark.parametrize("code,comparator,value", [("pm25", "<=", 35), ("good_day_ratio", ">=", 80),
                                                   ("heavy_days", "<=", 5), ("pm25", "improve", None)])
def test_a_year_with_200_valid_days_is_insufficient_data(code, comparator, value):
    j = judge(code, comparator, None if value is None else Decimal(value), "year", 2024,
              figures(previous_pm25_mean=40.0), date(2025, 1, 10))
    assert j.status == "insufficient_data" and j.code == "insufficient"
    assert (j.completeness.valid, j.completeness.required) == (200, 324)
    assert "200 valid days of the 324" in j.reason


def test_324_days_with_a_short_month_is_insufficient_and_names_the_month():
    months = full_months(m2=24)
    valid = sum(months.values())
    j = judge("pm25", "<=", Decimal(35), "year", 2024, figures(pm25_days=valid, pm25_months=months),
              date(2025, 1, 10))
    assert j.status == "insufficient_data" and j.params["short"] == "2024-02: 24 < 25"
    assert judge("pm25", "<=", Decimal(35), "year", 2024, figures(pm25_days=valid, pm25_months=months),
                 date(2025, 1, 10), annual_rule="lenient").status == "met"


def test_last_years_figure_must_be_valid_for_a_year_on_year_judgement():
    good = full_months()
    j = judge("pm25", "improve", None, "year", 2024,
              figures(pm25_days=366, pm25_months=good, previous_pm25_mean=40.0, previous_pm25_days=200,
                      previous_pm25_months=full_months(2023, m6=0, m7=0, m8=0, m9=0, m10=0)), date(2025, 1, 10))
    assert (j.status, j.code) == ("insufficient_data", "insufficient_previous")
    assert "2023-06: 0 < 27" in j.params["short"]


def test_the_engine_gives_valid_days_per_month_and_the_judge_uses_them(tmp_path):
    """200 valid days in the store (hours every day but too few on the others) → insufficient data."""
    rows = []
    for d in range(366):
        day = datetime(2024, 1, 1) + timedelta(days=d)
        rows += list(hours("S1", day, 24 if d % 366 < 200 else 12, pm25=30, pm10=50, so2=5, no2=20, co="0.5", o3=60))
    store = AirStore(tmp_path / "air")
    store.set_membership([("S1", "甲区", None, None)])
    store.ingest(write_csv(tmp_path / "h.csv", rows))
    store.compute()
    row = store.area_figures("甲区", *YEAR)
    assert row["pm25_days"] == 200 and row["months"]["2024-07"]["pm25_days"] == row["months"]["2024-07"]["aqi_days"] == 18
    assert row["months"]["2024-08"]["pm25_days"] == row["months"]["2024-08"]["aqi_days"] == 0
    assert row["months"]["2024-07"]["no2_days"] == 18  # each daily mean counted: SO2/NO2 annual targets too
    f = figures_for(store, "甲区", "pm25", "year", 2024, "none", date(2025, 1, 10))
    j = judge("pm25", "<=", Decimal(35), "year", 2024, f, date(2025, 1, 10))
    assert j.status == "insufficient_data" and j.completeness.valid == 200
    assert "2024-07: 18 < 27" in j.completeness.short and "2024-12: 0 < 27" in j.completeness.short
    # as of 15 July the year was still on course: July needs 27 − 16 = 11 of its first 15 days
    running = judge("pm25", "<=", Decimal(35), "year", 2024,
                    figures_for(store, "甲区", "pm25", "year", 2024, "none", date(2024, 7, 15)), date(2024, 7, 15))
    assert running.status == "on_track" and running.completeness.sufficient
    store.close()


@pytest.mark.parametrize("n,valid", [(19, False), (20, True)])
def test_a_daily_mean_needs_twenty_hours(tmp_path, n, valid):
    store = AirStore(tmp_path / "air")
    store.ingest(write_csv(tmp_path / "h.csv", hours("S1", datetime(2024, 5, 1), n, pm25=50, o3=60)),
                 check_registry=False)
    store.compute()
    day = store.query("SELECT pm25, n_pm25 FROM daily")[0]
    assert (day["pm25"] is not None, day["n_pm25"]) == (valid, n)
    store.close()


@pytest.mark.parametrize("present,windows", [(19, 14), (18, 13)])
def test_mda8_needs_fourteen_windows_of_six_hours(tmp_path, present, windows):
    """O3 at hours 0 … present−1: the window ending at hour k (hours k−7 … k) holds ≥ 6 values while
    k ≤ present + 1, so 19 hours give the windows ending 7 … 20 (14, MDA8 valid) and 18 give 13 — the
    13th window of the 18 has only 5 values (the 6-hour rule), the 14th of the 19 has 6."""
    store = AirStore(tmp_path / "air")
    store.ingest(write_csv(tmp_path / "h.csv", hours("S1", datetime(2024, 5, 1), present, o3=80)),
                 check_registry=False)
    store.compute()
    day = store.query("SELECT o3_8h_max, n_o3_windows FROM daily")[0]
    assert day["n_o3_windows"] == windows
    assert (day["o3_8h_max"] is not None) is (windows >= 14)
    store.close()


def test_a_years_figure_for_trajectories_carries_its_completeness(tmp_path):
    from ecoplan.analytics.figures import year_figure

    rows = []
    for d in range(366):
        day = datetime(2024, 1, 1) + timedelta(days=d)
        rows += list(hours("S1", day, 24 if d < 330 else 10, pm25=30 if d else 90, pm10=50, so2=5, no2=20,
                           co="0.5", o3=60))
    store = AirStore(tmp_path / "air")
    store.set_membership([("S1", "甲区", None, None)])
    store.ingest(write_csv(tmp_path / "h.csv", rows))
    store.compute()
    as_of = date(2025, 3, 1)
    f = figures_for(store, "甲区", "pm25", "year", 2024, "none", as_of)
    value, enough = year_figure("pm25", f, 2024, as_of)
    assert value == Decimal("30.2") and (enough.valid, enough.required) == (330, 324)  # (90 + 329 × 30) / 330
    # from 26 November no valid day: 324 days are there, November and December are short
    assert enough.short == ["2024-11: 25 < 27", "2024-12: 0 < 27"] and not enough.sufficient
    ratio, _ = year_figure("good_day_ratio", figures_for(store, "甲区", "good_day_ratio", "year", 2024, "none",
                                                         as_of), 2024, as_of)
    assert ratio == Decimal("99.7")  # 329 of 330 (the first day: PM2.5 90, IAQI 119)
    assert year_figure("pm25", None, 2024, as_of) == (None, None)
    store.close()


def test_an_annual_mean_target_of_so2_or_no2_is_judged_on_its_own_mean(tmp_path):
    """二氧化氮年均浓度 ≤ 29: the NO2 mean and its valid days, not PM2.5's."""
    rows = []
    for d in range(366):
        day = datetime(2024, 1, 1) + timedelta(days=d)
        rows += list(hours("S1", day, 24, pm25=30, pm10=50, so2=4, no2=31 if d < 100 else 28, co="0.5", o3=60))
    store = AirStore(tmp_path / "air")
    store.set_membership([("S1", "甲区", None, None)])
    store.ingest(write_csv(tmp_path / "h.csv", rows))
    store.compute()
    as_of = date(2025, 1, 10)
    no2 = judge("no2_annual", "<=", Decimal(29), "year", 2024,
                figures_for(store, "甲区", "no2_annual", "year", 2024, "none", as_of), as_of)
    so2 = judge("so2_annual", "<=", Decimal(4), "year", 2024,
                figures_for(store, "甲区", "so2_annual", "year", 2024, "none", as_of), as_of)
    assert (no2.status, no2.value, no2.n_valid) == ("met", Decimal("28.8"), 366)  # (100·31 + 266·28) / 366
    assert (so2.status, so2.value) == ("met", Decimal("4.0"))
    tight = judge("no2_annual", "<=", Decimal(28), "year", 2024,
                  figures_for(store, "甲区", "no2_annual", "year", 2024, "none", as_of), as_of)
    assert tight.status == "missed"
    store.close()


def test_days_after_the_last_data_that_have_passed_are_missing_not_to_come():
    """Second read of #9: data to 30 June, judged on 2 December — July to November are lost, so the
    year can no longer be valid (not "on track, 184 days to come")."""
    months = {f"2026-{m:02d}": 30 for m in range(1, 7)}
    f = Figures(pm25_mean=30.0, pm25_days=178, aqi_days=178, good_days=170, last_day=date(2026, 6, 30),
                pm25_months=months, aqi_months=months)
    j = judge("pm25", "<=", Decimal(33), "year", 2026, f, date(2026, 12, 2))
    assert j.status == "insufficient_data" and "2026-07: 0 < 27" in j.completeness.short
    assert judge("pm25", "<=", Decimal(33), "year", 2026, f, date(2026, 7, 1)).status == "on_track"


def test_good_day_ratio_year_on_year():
    """优良天数比例稳步提升 (Fengtai, binding): this year's ratio against last year's, higher is better."""
    full = {f"2024-{m:02d}": 28 for m in range(1, 13)}
    f = Figures(pm25_mean=30.0, pm25_days=336, aqi_days=336, good_days=300, last_day=date(2024, 12, 31),
                pm25_months=full, aqi_months=full, previous_good_days=290, previous_aqi_days=336)
    j = judge("good_day_ratio", "not_worse", None, "year", 2024, f, date(2025, 1, 10))
    assert (j.status, j.value, j.params["before"]) == ("met", Decimal("89.3"), Decimal("86.3"))
    f.previous_good_days = 310
    assert judge("good_day_ratio", "not_worse", None, "year", 2024, f, date(2025, 1, 10)).status == "missed"
