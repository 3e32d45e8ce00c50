"""The water store: ingest all or nothing with clear messages, exact period means and classes,
area ratios, and the CNEMC file through its preset."""
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ecoplan.analytics.water import SectionInfo, WaterIngestError, WaterStore, area_figures, month_range
from ecoplan.standards.water import WaterClass as C

CNEMC = (Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real"
         / "cnemc_surface_water_realtime_2026-02-04" / "surface_water_realtime_all_sections.csv")
HEADER = "section,time,ph,do,codmn,nh3n,tp\n"


@pytest.fixture
def store(tmp_path):
    with WaterStore(tmp_path / "water") as s:
        yield s


def write(tmp_path, text, name="s.csv"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def files(store):
    return sorted(p.name for p in (store.folder / "samples").iterdir())


@pytest.mark.parametrize(("body", "message"), [
    ("A,2025-01-05,7.2,6.5,abc,0.4,0.08\n", r"s.csv:2 \[codmn\]: “abc” not a number"),
    ("A,2025-01-05,7.2,6.5,3,-0.4,0.08\n", r"s.csv:2 \[nh3n\]: “-0.4” negative"),
    ("A,2025-01-05,15.2,6.5,3,0.4,0.08\n", r"s.csv:2 \[ph\]: “15.2” impossible"),
    ("A,2025-01-05,7.2,6.5,3,0.4,0.080000001\n", r"s.csv:2 \[tp\]: .* more than 8 decimal places"),
    ("A,05/01/2025,7.2,6.5,3,0.4,0.08\n", r"s.csv:2 \[time\]: “05/01/2025” unreadable time"),
    ("A,2999-01-05,7.2,6.5,3,0.4,0.08\n", r"s.csv:2 \[time\]: .* out of range"),
    (",2025-01-05,7.2,6.5,3,0.4,0.08\n", r"s.csv:2 \[section\] no section"),
    ("A,2025-01-05,7.2,6.5,3,0.4,0.08\nA,2025-01-05,7.3,6.5,3,0.4,0.08\n",
     r"s.csv:3 \[section\]: a second sample of “A” at 2025-01-05 00:00:00 \(also on row 2"),
    ("A,2025-01-05,7.2,6.5,x,y,0.08\nA,2025-01-06,7.2,6.5,z,0.4,0.08\n", r"s.csv:2 \[codmn\]: “x” not a number \(1 more"),
    ("", r"s.csv: no data rows"),
    ("A,2025-01-05,,,,,\n", r"no row has a value of an evaluated item"),
])
def test_bad_input_is_refused_naming_row_and_field(store, tmp_path, body, message):
    with pytest.raises(WaterIngestError, match=message):
        store.ingest(write(tmp_path, HEADER + body), known={"A"})
    assert files(store) == []  # nothing written


def test_missing_columns_unknown_sections_and_presets(store, tmp_path):
    with pytest.raises(WaterIngestError, match=r"column\(s\) time not found"):
        store.ingest(write(tmp_path, "section,date,ph\nA,2025-01-01,7\n"))
    with pytest.raises(WaterIngestError, match="no water-quality column"):
        store.ingest(write(tmp_path, "section,time,colour\nA,2025-01-01,blue\n"))
    path = write(tmp_path, HEADER + "A,2025-01-05,7.2,6.5,3,0.4,0.08\nB,2025-01-05,7.2,6.5,3,0.4,0.08\n")
    with pytest.raises(WaterIngestError, match=r"s.csv:3 \[section\]: section “B” is not in the registry \(1 unknown"):
        store.ingest(path, known={"A"})
    with pytest.raises(WaterIngestError, match="unknown mapping preset"):
        store.ingest(path, "nope")
    with pytest.raises(WaterIngestError, match="print no year"):
        store.ingest(path, "cnemc")
    with pytest.raises(WaterIngestError, match=r"column\(s\) 省份, 断面名称, 监测时间"):
        store.ingest(path, "cnemc", year=2026)
    assert files(store) == []


def test_a_failure_before_commit_leaves_nothing(store, tmp_path):
    path = write(tmp_path, HEADER + "A,2025-01-05,7.2,6.5,3,0.4,0.08\n")

    def fail(report):
        raise RuntimeError("the database refused")

    with pytest.raises(RuntimeError):
        store.ingest(path, before_commit=fail)
    assert files(store) == [] and store.count() == 0


def test_period_means_are_exact_and_classed(store, tmp_path):
    # TP 0.1, 0.2, 0.3 average exactly 0.2: class Ⅲ of rivers (a float mean is 0.20000000000000004)
    store.ingest(write(tmp_path, HEADER + "A,2025-01-05,7.2,8,1,0.1,0.1\nA,2025-02-05,7.2,8,1,0.1,0.2\n"
                       "A,2025-03-05 10:00,7.2,8,1,0.1,0.3\nB,2025-01-05,7,1.5,1,0.1,0.01\n"
                       "L,2025-01-05,7,8,1,0.1,0.06\nA,2024-12-31 23:59,7,8,1,0.1,0.9\n"))
    registry = [SectionInfo("A", "A河", target=C.III, areas=("1", "2"), river_km=Decimal("4")),
                SectionInfo("B", "B河", target=C.IV, areas=("1",), river_km=Decimal("6")),
                SectionInfo("L", "L湖", lake=True, target=C.III, areas=("1",), drinking=True)]
    periods = store.section_periods(date(2025, 1, 1), date(2025, 12, 31), registry)
    a = periods["A"]
    assert a.n_samples == 3 and a.months == ("2025-01", "2025-02", "2025-03")
    assert a.means["tp"] == Decimal("0.2") and a.water_class == C.III and a.meets_target
    assert periods["B"].water_class == C.WORSE_V and periods["B"].limiting[0].code == "do"
    assert periods["L"].water_class == C.IV and not periods["L"].meets_target  # lake TP 0.06
    district = area_figures(periods, registry, "1")
    assert (district.classed, district.with_target, district.meeting, district.good, district.worse_v) == (3, 3, 1, 1, 1)
    assert district.compliance == Decimal(100) / 3 and district.good_ratio == Decimal(100) / 3
    assert district.worse_v_length_ratio == Decimal(60)  # 6 of 10 km
    assert district.drinking_compliance == 0 and district.drinking_failing == ["L湖"]
    assert district.failing == ["B河", "L湖"] and district.n_samples == 5
    assert area_figures(periods, registry, "2").compliance == 100
    assert area_figures(periods, registry, "9").classed == 0 and area_figures(periods, registry, "9").compliance is None
    # a later file replaces the sample of the same section and time
    store.ingest(write(tmp_path, HEADER + "A,2025-03-05 10:00,7.2,8,1,0.1,0.6\n", "fix.csv"))
    again = store.section_periods(date(2025, 1, 1), date(2025, 12, 31), registry)
    assert again["A"].means["tp"] == Decimal("0.3") and again["A"].water_class == C.IV
    assert store.latest_samples(["A"])["A"]["tp"] == Decimal("0.6")


def test_month_range():
    assert month_range(date(2025, 11, 3), date(2026, 2, 1)) == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_cnemc_preset_reads_the_real_file(store):
    if not CNEMC.exists():
        pytest.skip(f"{CNEMC.name} not found: ../shared/data/real is not beside the clone")
    new = []
    report = store.ingest(CNEMC, "cnemc", year=2026, known=set(), on_new_sections=new.extend)
    assert report.samples == report.sections == 1156 and len(new) == 1156
    assert new[0].code == "上海市/富锦路桥" and new[0].water_body == "长江流域" and new[0].row == 2
    registry = [SectionInfo(s.code) for s in new]
    periods = store.section_periods(date(2026, 2, 4), date(2026, 2, 4), registry)
    latest = store.latest_samples([s.code for s in new])
    published = {c: C.parse(r["published_class"]) for c, r in latest.items() if r["published_class"] is not None}
    same = sum(periods[c].water_class == cls for c, cls in published.items())
    assert len(published) == 1145 and same == 1105  # river limits alone, as tests/standards/test_water.py
    assert latest["云南省/永昌桥"]["tp"] == Decimal("0.2") and periods["云南省/永昌桥"].water_class == C.III
