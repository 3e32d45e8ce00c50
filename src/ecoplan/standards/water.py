"""Surface-water quality classes — GB 3838-2002 地表水环境质量标准, 表1, single-factor evaluation.

The table is data (``packs/gb3838-2002.toml``); each rule below is one small function citing the
clause it applies (standards.md §5):

* ``factor_class`` — one item's class: the best class whose limit the value meets, limits
  inclusive (≤; ≥ for DO), equal limits collapse (COD 12 is Ⅰ: Ⅰ and Ⅱ share 15); pH 6–9 meets
  every class, outside is 劣Ⅴ; TP takes the 湖、库 column for lakes and reservoirs.
* ``sample_class`` — a sample's (or a period mean's) class: the worst class of the evaluated items
  (环办〔2011〕22号: 21 basic items, not 水温, 总氮, 粪大肠菌群); 劣Ⅴ when any item fails Ⅴ.
* ``limiting_factors`` — the items at that worst class, with the exceedance multiple
  (C − S) / S over the class-Ⅲ limit (or over the target class's).
* ``meets_target`` — a class meets a target class when it is no worse (Ⅰ < Ⅱ < … < 劣Ⅴ).

Values are compared as exact decimals as published: "0.200" is 0.2 and meets the class-Ⅲ TP limit
of rivers (no float fuzz).  Floats are refused: pass ``Decimal`` or the printed text.
"""
from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import IntEnum
from functools import cache
from pathlib import Path

PACK = Path(__file__).parent / "packs" / "gb3838-2002.toml"


class WaterClass(IntEnum):
    """水质类别, ordered: Ⅰ < Ⅱ < Ⅲ < Ⅳ < Ⅴ < 劣Ⅴ (a higher number is worse water)."""

    I = 1  # noqa: E741 — the class is called Ⅰ
    II = 2
    III = 3
    IV = 4
    V = 5
    WORSE_V = 6  # 劣Ⅴ类

    @property
    def label(self) -> str:
        return LABELS[self]

    @classmethod
    def parse(cls, text: str | int | WaterClass) -> WaterClass:
        """Ⅲ, III, 3, Ⅲ类, 劣Ⅴ, 劣V, worse_v → the class; ValueError otherwise."""
        if isinstance(text, int):
            return cls(text)
        key = str(text).strip().removesuffix("类").upper().replace(" ", "")
        if key in _PARSE:
            return _PARSE[key]
        raise ValueError(f"“{text}” is not a water class (Ⅰ, Ⅱ, Ⅲ, Ⅳ, Ⅴ, 劣Ⅴ)")


LABELS = {WaterClass.I: "Ⅰ", WaterClass.II: "Ⅱ", WaterClass.III: "Ⅲ", WaterClass.IV: "Ⅳ",
          WaterClass.V: "Ⅴ", WaterClass.WORSE_V: "劣Ⅴ"}
_PARSE = {**{v.upper(): k for k, v in LABELS.items()},
          **{r: WaterClass(i) for i, r in enumerate(("I", "II", "III", "IV", "V"), 1)},
          **{str(i): WaterClass(i) for i in range(1, 7)},
          "劣V": WaterClass.WORSE_V, "WORSE_V": WaterClass.WORSE_V, "劣五": WaterClass.WORSE_V}
GOOD = WaterClass.III  # 优良水体: Ⅰ–Ⅲ类 (standards.md §5.3)
# descriptors of the classes (standards.md §5.3, VERIFIED-2)
DESCRIPTORS = {WaterClass.I: "优", WaterClass.II: "优", WaterClass.III: "良好", WaterClass.IV: "轻度污染",
               WaterClass.V: "中度污染", WaterClass.WORSE_V: "重度污染"}


@dataclass(frozen=True)
class Item:
    """One row of 表1."""

    code: str
    zh: str
    unit: str
    bound: str  # max (≤), min (≥, DO), range (pH), none (水温)
    limits: tuple[Decimal, ...]
    lake_limits: tuple[Decimal, ...] | None
    evaluated: bool  # enters the section class (环办〔2011〕22号)
    lake_only: bool  # 总氮: lakes and reservoirs, assessed separately
    clause: str

    def limits_for(self, lake: bool) -> tuple[Decimal, ...]:
        return self.lake_limits if lake and self.lake_limits else self.limits


@dataclass(frozen=True)
class Sampling:
    per_month: int
    clause: str


@dataclass(frozen=True)
class Standard:
    id: str
    items: dict[str, Item]
    sampling: Sampling

    @property
    def evaluated(self) -> tuple[str, ...]:
        return tuple(c for c, i in self.items.items() if i.evaluated)


class WaterPackError(ValueError):
    """The GB 3838 pack is malformed (a system check reports it)."""


@cache
def standard() -> Standard:
    """The pack, loaded and validated once."""
    data = tomllib.loads(PACK.read_text("utf-8"))
    items: dict[str, Item] = {}
    for row in data["item"]:
        try:
            limits = tuple(Decimal(v) for v in row["limits"])
            lake = tuple(Decimal(v) for v in row["lake_limits"]) if "lake_limits" in row else None
        except (InvalidOperation, TypeError) as exc:
            raise WaterPackError(f"{PACK.name}: item {row.get('code')}: limits must be decimal strings") from exc
        expected = {"max": 5, "min": 5, "range": 2, "none": 0}.get(row["bound"])
        if expected is None or len(limits) != expected or (lake is not None and len(lake) != 5):
            raise WaterPackError(f"{PACK.name}: item {row['code']}: bound {row['bound']!r} with {len(limits)} limits")
        ordered = list(limits) == sorted(limits, reverse=row["bound"] == "min")
        if not ordered or (lake is not None and list(lake) != sorted(lake)):
            raise WaterPackError(f"{PACK.name}: item {row['code']}: limits out of order")
        items[row["code"]] = Item(row["code"], row["zh"], row.get("unit", "mg/L"), row["bound"], limits, lake,
                                  row["evaluated"], row.get("lake_only", False), row["clause"])
    sampling = Sampling(int(data["sampling"]["per_month"]), data["sampling"]["clause"])
    return Standard(data["pack"]["id"], items, sampling)


def value_of(text: str | int | Decimal) -> Decimal:
    """A published value as an exact decimal; floats are refused (0.1 + 0.2 is not 0.3)."""
    if isinstance(text, float):
        raise TypeError("water values are exact decimals: pass the printed text or a Decimal, not a float")
    try:
        value = Decimal(str(text).strip()) if not isinstance(text, Decimal) else text
    except InvalidOperation:
        raise ValueError(f"“{text}” is not a number") from None
    if not value.is_finite():
        raise ValueError(f"“{text}” is not a number")
    return value


def factor_class(code: str, value: str | Decimal, *, lake: bool = False) -> WaterClass:
    """GB 3838-2002 表1 (and §5.1 单因子评价): the best class whose limit ``value`` meets, limits
    inclusive; DO (≥) reversed; pH 6–9 meets every class, outside is 劣Ⅴ; TP of 湖、库 with
    ``lake``.  Above the class-Ⅴ limit (below it for DO) is 劣Ⅴ."""
    item = standard().items[code]
    v = value_of(value)
    if item.bound == "none":
        raise ValueError(f"{item.zh} has no class limits (表1 第1项 limits the change, not the value)")
    if item.bound == "range":
        low, high = item.limits
        return WaterClass.I if low <= v <= high else WaterClass.WORSE_V
    for number, limit in enumerate(item.limits_for(lake), 1):
        if (v >= limit) if item.bound == "min" else (v <= limit):
            return WaterClass(number)
    return WaterClass.WORSE_V


def evaluated_items(*, lake: bool = False) -> tuple[str, ...]:
    """环办〔2011〕22号: the 21 basic items but 水温, 总氮 (lakes: assessed on its own) and 粪大肠菌群."""
    return standard().evaluated


def factor_classes(values: Mapping[str, str | Decimal | None], *, lake: bool = False) -> dict[str, WaterClass]:
    """The class of each evaluated item present in ``values`` (missing and None are skipped)."""
    classes = {}
    for code in evaluated_items(lake=lake):
        value = values.get(code)
        if value is not None:
            classes[code] = factor_class(code, value, lake=lake)
    return classes


def sample_class(values: Mapping[str, str | Decimal | None], *, lake: bool = False) -> WaterClass | None:
    """断面水质类别: the worst class of the evaluated items (参评指标中类别最高的一项); 劣Ⅴ when any
    fails Ⅴ.  None when no evaluated item has a value."""
    classes = factor_classes(values, lake=lake)
    return max(classes.values()) if classes else None


def lake_tn_class(value: str | Decimal) -> WaterClass:
    """总氮 of a lake or reservoir, assessed on its own (单独评价), outside the section class."""
    return factor_class("tn", value, lake=True)


@dataclass(frozen=True)
class Limiting:
    """An item at the sample's worst class: its class, value, the reference limit and the
    exceedance multiple over it (None when within it, and for pH and DO)."""

    code: str
    zh: str
    water_class: WaterClass
    value: Decimal
    reference: WaterClass
    limit: Decimal | None
    multiple: Decimal | None


def exceedance(code: str, value: str | Decimal, reference: WaterClass = WaterClass.III, *,
               lake: bool = False) -> Decimal | None:
    """超标倍数 (C − S) / S over the ``reference`` class's limit, to two decimals; None within the
    limit, and for pH and DO, which have no multiple (standards.md §5.3)."""
    item = standard().items[code]
    if item.bound != "max" or reference == WaterClass.WORSE_V:
        return None
    limit = item.limits_for(lake)[reference - 1]
    v = value_of(value)
    if v <= limit:
        return None
    return ((v - limit) / limit).quantize(Decimal("0.01"))


def limiting_factors(values: Mapping[str, str | Decimal | None], *, lake: bool = False,
                     target: WaterClass | None = None) -> list[Limiting]:
    """The items that set the class (those at the worst class; none for a class-Ⅰ sample), each
    with its exceedance multiple over the class-Ⅲ limit, or over ``target``'s when given
    (GB 3838 §5.1: 超标项目和超标倍数)."""
    classes = factor_classes(values, lake=lake)
    if not classes:
        return []
    worst = max(classes.values())
    if worst == WaterClass.I:
        return []
    reference = target or WaterClass.III
    rows = []
    for code, cls in classes.items():
        if cls != worst:
            continue
        item = standard().items[code]
        v = value_of(values[code])  # type: ignore[arg-type]  # present: it has a class
        limit = item.limits_for(lake)[reference - 1] if item.bound in ("max", "min") and reference <= 5 else None
        rows.append(Limiting(code, item.zh, cls, v, reference, limit, exceedance(code, v, reference, lake=lake)))
    return sorted(rows, key=lambda r: (-(r.multiple or Decimal(0)), r.code))


def meets_target(water_class: WaterClass, target: WaterClass) -> bool:
    """达标: the class is no worse than the target class (standards.md §5.2, target check)."""
    return water_class <= target


def is_good(water_class: WaterClass) -> bool:
    """优良: Ⅰ–Ⅲ类 (standards.md §5.3)."""
    return water_class <= GOOD


def period_mean(total: Decimal, count: int) -> Decimal:
    """A period's value of an item: the arithmetic mean of its samples (standards.md §5.2 Periods),
    exact (28 significant digits), never rounded before classing."""
    return total / Decimal(count)
