"""Loading the rule packs and composing the rule set in force on a date.

A rule set joins one AQI pack (HJ 633), one limits pack (GB 3095) and one assessment pack
(HJ 663).  Its id names all three, e.g. ``HJ 633-2012 · GB 3095-2012 · HJ 663-2013``.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from ecoplan.vocabulary import pollutants
from ecoplan.vocabulary.pollutants import breakpoint_tables

PACK_DIR = Path(__file__).parent / "packs"


class PackError(ValueError):
    """A rule pack that does not hold together (checked at load and by `ecoplan check`)."""


@dataclass(frozen=True)
class Breakpoints:
    series: str
    iaqi: tuple[int, ...]
    conc: tuple[Decimal, ...]
    above_top: str
    clause: str
    status: str


@dataclass(frozen=True)
class Level:
    max_aqi: int
    level: str
    category: str
    colour: str


@dataclass(frozen=True)
class AqiPack:
    id: str
    effective_from: date
    effective_to: date | None
    pre_round: str
    aqi_min: int
    exceeding_defined: bool
    daily_series: tuple[str, ...]
    hourly_series: tuple[str, ...]
    breakpoints: dict[str, Breakpoints] = field(hash=False)
    levels: tuple[Level, ...] = ()

    def table_for(self, series: str) -> Breakpoints:
        """The breakpoints ``series`` is read on (ecoplan.vocabulary.pollutants); KeyError if none."""
        own, daily = breakpoint_tables(series)
        found: Breakpoints = self.breakpoints.get(own) or self.breakpoints[daily]
        return found


@dataclass(frozen=True)
class LimitsPack:
    id: str
    effective_from: date
    effective_to: date | None
    validity: dict[str, int] = field(hash=False)  # 表4 counts: daily_min_hours, annual_min_days …
    limits: dict[tuple[str, str, int], Decimal] = field(hash=False)  # (pollutant, averaging, grade)

    def limit(self, pollutant: str, averaging: str, grade: int = 2) -> Decimal | None:
        return self.limits.get((pollutant, averaging, grade))


@dataclass(frozen=True)
class AssessmentPack:
    id: str
    effective_from: date
    effective_to: date | None
    mda8: dict[str, int] = field(hash=False)  # first_window_end, last_window_end, min_valid_windows
    percentiles: dict[str, int] = field(hash=False)  # pollutant → p
    means: frozenset[str] = frozenset()
    good_max_aqi: int = 100
    heavy_min_aqi: int = 201


@dataclass(frozen=True)
class RuleSet:
    name: str  # 2012 / 2026 / 2031
    aqi: AqiPack
    limits: LimitsPack
    assessment: AssessmentPack

    @property
    def id(self) -> str:
        return f"{self.aqi.id} · {self.limits.id} · {self.assessment.id}"


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _effective_from(name: str, head: dict[str, Any]) -> date:
    day = _date(head.get("effective_from", ""))
    if day is None:
        raise PackError(f"{name}: [pack] has no effective_from date")
    return day


# Each table of a pack carries its source (clause, status) beside the figures the engine reads.
_PROVENANCE = frozenset({"clause", "status"})


def _counts(name: str, table: str, data: dict[str, Any]) -> dict[str, int]:
    """The whole-number rules of ``[table]`` (validity counts, MDA8 windows), checked at load."""
    counts = {}
    for key, value in data[table].items():
        if key in _PROVENANCE:
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            raise PackError(f"{name}: [{table}] {key} = {value!r} is not a whole number")
        counts[key] = value
    return counts


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads((PACK_DIR / name).read_text("utf-8"))


def _aqi_pack(name: str) -> AqiPack:
    data = _load(name)
    head = data["pack"]
    points: dict[str, Breakpoints] = {}
    for row in data["iaqi"]:
        if len(row["iaqi"]) != len(row["conc"]) or list(row["conc"]) != sorted(row["conc"]):
            raise PackError(f"{name}: breakpoints of {row['series']} are not a rising table")
        points[row["series"]] = Breakpoints(
            row["series"], tuple(row["iaqi"]), tuple(Decimal(str(c)) for c in row["conc"]),
            row.get("above_top", "undefined"), row["clause"], row["status"])
    levels = tuple(Level(lv["max_aqi"], lv["level"], lv["category"], lv["colour"]) for lv in data["level"])
    for series in head["daily_series"] + head["hourly_series"]:
        if series not in pollutants.BY_CODE:
            raise PackError(f"{name}: series {series} is not in the vocabulary (ecoplan.vocabulary.pollutants)")
        if not set(breakpoint_tables(series)) & set(points):
            raise PackError(f"{name}: series {series} has no breakpoints")
    return AqiPack(head["id"], _effective_from(name, head), _date(head["effective_to"]),
                   head["pre_round"], head["aqi_min"], head["exceeding_defined"],
                   tuple(head["daily_series"]), tuple(head["hourly_series"]), points, levels)


def _limits_pack(name: str) -> LimitsPack:
    data = _load(name)
    head = data["pack"]
    limits: dict[tuple[str, str, int], Decimal] = {}
    for row in data["limit"]:
        for index, averaging in enumerate(row["averaging"]):
            limits[(row["pollutant"], averaging, 1)] = Decimal(str(row["grade_1"][index]))
            limits[(row["pollutant"], averaging, 2)] = Decimal(str(row["grade_2"][index]))
    return LimitsPack(head["id"], _effective_from(name, head), _date(head["effective_to"]),
                      _counts(name, "validity", data), limits)


def _assessment_pack(name: str) -> AssessmentPack:
    data = _load(name)
    head = data["pack"]
    return AssessmentPack(
        head["id"], _effective_from(name, head), _date(head["effective_to"]), _counts(name, "mda8", data),
        {s["pollutant"]: s["percentile"] for s in data["statistic"]},
        frozenset(s["pollutant"] for s in data["statistic"] if s["mean"]),
        data["days"]["good_max_aqi"], data["days"]["heavy_min_aqi"])


@lru_cache(maxsize=1)
def rule_sets() -> dict[str, RuleSet]:
    """Every rule set, by short name: 2012, 2026 (transition limits), 2031 (final limits)."""
    aqi_2012, aqi_2026 = _aqi_pack("hj633-2012.toml"), _aqi_pack("hj633-2026.toml")
    a_2013, a_2026 = _assessment_pack("hj663-2013.toml"), _assessment_pack("hj663-2026.toml")
    return {
        "2012": RuleSet("2012", aqi_2012, _limits_pack("gb3095-2012.toml"), a_2013),
        "2026": RuleSet("2026", aqi_2026, _limits_pack("gb3095-2026.toml"), a_2026),
        "2031": RuleSet("2031", aqi_2026, _limits_pack("gb3095-2026-final.toml"), a_2026),
    }


# GB 3095-2012 and HJ 633-2012 were issued on 2012-02-29 and applied in stages before the nationwide
# date their packs carry (2016-01-01): the key regions 京津冀、长三角、珠三角, the municipalities and
# provincial capitals from 2012 (Beijing published AQI from 2013-01-01), 113 key cities from 2013, every
# prefecture-level city from 2015 (实施 schedule of GB 3095-2012, 环发〔2012〕11号).  The released packs
# keep the nationwide date; when following the date the engine computes those earlier days under the
# first rule set — hours measured then were measured for it — and says so.  Before the issue date there
# is no AQI (the API era): those days are skipped and counted.
FIRST_ISSUED = date(2012, 2, 29)


def applied_from(rules: RuleSet) -> date:
    """The first day computed under ``rules`` when each day follows the rules in force: the
    effective date, or FIRST_ISSUED for the first rule set (its staged early application)."""
    first = min(rule_sets().values(), key=lambda r: r.limits.effective_from)
    return FIRST_ISSUED if rules.name == first.name else rules.limits.effective_from


def rules_for(day: date) -> RuleSet:
    """The rule set in force on ``day`` (2012 rules to 2026-02-28, then 2026, final from 2031)."""
    for name in ("2031", "2026", "2012"):
        rules = rule_sets()[name]
        if day >= rules.limits.effective_from:
            return rules
    return rule_sets()["2012"]


@dataclass(frozen=True)
class Assessment:
    """The validity and statistics rules the bulk engine applies to every day it computes."""

    daily_min_hours: int  # GB 3095 表4: a 24-h mean needs ≥ 20 hourly values
    o3_8h_min_hours: int  # GB 3095 表4: an 8-h window needs ≥ 6
    mda8_last_hours: tuple[int, ...]  # the windows of MDA8, by their last hour (0-based)
    mda8_min_windows: int
    percentiles: tuple[tuple[str, int], ...]  # pollutant, p
    good_max_aqi: int
    heavy_min_aqi: int


@lru_cache(maxsize=1)
def assessment() -> Assessment:
    """The rules every rule set shares.  Daily values are computed once for all rule sets, so a
    future edition that changed them must fail loudly here rather than be silently ignored."""
    seen = set()
    for rules in rule_sets().values():
        a = rules.assessment
        m = a.mda8
        seen.add(Assessment(
            rules.limits.validity["daily_min_hours"], rules.limits.validity["o3_8h_min_hours"],
            tuple(range(m["first_window_end"] - 1, m["last_window_end"])), m["min_valid_windows"],
            tuple(sorted(a.percentiles.items())), a.good_max_aqi, a.heavy_min_aqi))
    if len(seen) != 1:
        raise PackError("the rule sets disagree on daily validity or assessment statistics: "
                        "the engine computes daily values once for all of them")
    return seen.pop()


def get(name: str) -> RuleSet:
    try:
        return rule_sets()[name]
    except KeyError:
        raise PackError(f"unknown rule set {name!r} (known: {', '.join(rule_sets())})") from None
