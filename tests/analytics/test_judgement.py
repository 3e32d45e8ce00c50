from datetime import date
from decimal import Decimal

from ecoplan.analytics.judgement import Figures, judge

AS_OF = date(2024, 11, 30)


def f(**kw):
    base = dict(pm25_mean=30.0, pm25_days=330, good_days=250, aqi_days=330, heavy_days=2,
                last_day=date(2024, 11, 30), rule_sets="HJ 633-2012 · GB 3095-2012 · HJ 663-2013")
    base.update(kw)
    return Figures(**base)


def test_pm25_on_track_with_the_bound_for_the_rest_of_the_year():
    j = judge("pm25", "<=", Decimal(35), "year", 2024, f(), AS_OF)
    assert j.status == "on_track" and j.remaining_days == 31
    # (35.5 × 361 − 30 × 330) / 31 = 94.03…
    assert j.bound == Decimal("94.0") and "below 94.0" in j.bound_text


def test_pm25_at_risk_and_missed():
    assert judge("pm25", "<=", Decimal(35), "year", 2024, f(pm25_mean=36.2), AS_OF).status == "at_risk"
    j = judge("pm25", "<=", Decimal(30), "year", 2024, f(pm25_mean=40.0, last_day=date(2024, 12, 25), pm25_days=355), date(2024, 12, 25))
    assert j.status == "missed" and "no longer" in j.reason


def test_pm25_complete_year_uses_the_reported_integer():
    done = f(pm25_mean=35.4, last_day=date(2024, 12, 31), pm25_days=360)
    assert judge("pm25", "<=", Decimal(35), "year", 2024, done, date(2025, 1, 5)).status == "met"
    done.pm25_mean = 35.5  # half-even → 36
    assert judge("pm25", "<=", Decimal(35), "year", 2024, done, date(2025, 1, 5)).status == "missed"


def test_good_day_ratio_needs_good_days():
    j = judge("good_day_ratio", ">=", Decimal(76), "year", 2024, f(good_days=245), AS_OF)
    # 245/330 = 74.2 %; 76 % of 361 days → 274.4 → 275 good days: 30 of the remaining 31
    assert (j.status, j.bound) == ("at_risk", Decimal(30))
    assert judge("good_day_ratio", ">=", Decimal(76), "year", 2024, f(good_days=200), AS_OF).status == "missed"


def test_heavy_days_count_and_q1():
    assert judge("heavy_days", "<=", Decimal(4), "year", 2024, f(heavy_days=5), AS_OF).status == "missed"
    assert judge("heavy_days", "<=", Decimal(4), "year", 2024, f(heavy_days=4), AS_OF).status == "at_risk"
    q1 = judge("heavy_days_q1", "<=", Decimal(3), "Q1", 2024, f(heavy_days=1, last_day=date(2024, 3, 31)), AS_OF)
    assert q1.status == "met"


def test_not_evaluable_reasons():
    assert judge("dustfall", "≈", Decimal(5), "year", 2024, f(), AS_OF).status == "not_evaluable"
    assert "municipal" in judge("pm25", "municipal", None, "year", 2024, f(), AS_OF).reason
    assert "no valid" in judge("pm25", "<=", Decimal(35), "year", 2024, None, AS_OF).reason
    assert "starts" in judge("pm25", "<=", Decimal(35), "year", 2025, f(), AS_OF).reason


def test_year_on_year():
    j = judge("pm25", "improve", None, "year", 2024, f(previous_pm25_mean=32.0), AS_OF)
    assert j.status == "on_track" and j.year_on_year == Decimal("-6.2")  # −6.25, half-even
    assert judge("pm25", "improve", None, "year", 2024, f(), AS_OF).status == "not_evaluable"


def test_every_message_key_has_a_chinese_sentence():
    from django.utils import translation

    from ecoplan.evaluation.messages import TEMPLATES, reason

    cases = [judge("pm25", "<=", Decimal(35), "year", 2024, f(), AS_OF),
             judge("pm25", "<=", Decimal(35), "year", 2024, f(pm25_mean=36.2), AS_OF),
             judge("good_day_ratio", ">=", Decimal(76), "year", 2024, f(good_days=245), AS_OF),
             judge("good_day_ratio", ">=", Decimal(50), "year", 2024, f(), AS_OF),
             judge("heavy_days", "<=", Decimal(4), "year", 2024, f(heavy_days=5), AS_OF),
             judge("heavy_ratio", "<=", Decimal(4), "year", 2024, f(), AS_OF),
             judge("pm25", "improve", None, "year", 2024, f(previous_pm25_mean=32.0), AS_OF),
             judge("dustfall", "≈", Decimal(5), "year", 2024, f(), AS_OF)]
    for j in cases:
        assert j.code in TEMPLATES
        assert TEMPLATES[j.code].format(**j.params)  # every placeholder has its parameter
        with translation.override("zh-hans"):
            assert translation.gettext(TEMPLATES[j.code]) != TEMPLATES[j.code], j.code
            assert reason(j) != j.reason


def test_target_values_print_without_an_exponent():
    """Regression: Decimal("30.0000").normalize() is 3E+1 — the reasons printed ≤ 3E+1."""
    from django.utils import translation

    from ecoplan.evaluation.messages import reason

    for code, comparator, value, figures in [("pm25", "<=", Decimal("30.0000"), f()),
                                             ("good_day_ratio", ">=", Decimal("70.0000"), f()),
                                             ("heavy_ratio", "<=", Decimal("10.0000"), f(last_day=date(2024, 12, 31)))]:
        j = judge(code, comparator, value, "year", 2024, figures, date(2025, 1, 5))
        with translation.override("zh-hans"):
            text = j.reason + reason(j)
        assert "E+" not in text, text
        assert str(int(value)) in text
    j = judge("pm25", "<=", Decimal("32.5000"), "year", 2024, f(), AS_OF)
    assert "32.5" in j.reason and "32.5000" not in j.reason


def test_pm25_days_without_a_mean_are_no_data():
    j = judge("pm25", "<=", Decimal(35), "year", 2024, f(pm25_mean=None), AS_OF)
    assert (j.status, j.code) == ("not_evaluable", "no_data")
