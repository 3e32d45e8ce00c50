"""Water registry, ingest (all or nothing, unknown sections refused or registered on request), the
sections page and `ecoplan water …`."""
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ecoplan.analytics.water import WaterIngestError
from ecoplan.monitoring import demo
from ecoplan.monitoring.models import WaterIngestRun, WaterSection
from ecoplan.monitoring.water import guess_kind
from ecoplan.monitoring.water_actions import do_ingest_water, do_register_water_sections

pytestmark = pytest.mark.django_db
CNEMC = (Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real"
         / "cnemc_surface_water_realtime_2026-02-04" / "surface_water_realtime_all_sections.csv")
REGISTRY = "code,name,district,area,water_body,kind,level,target_class,river_km,drinking_source\n"


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(("row", "message"), [
    ("W1,甲河,,,,,,Ⅲ,,\n", r"r.csv:2: code and district are required"),
    ("W1,甲河,丰台区,,,pond,,Ⅲ,,\n", r"r.csv:2 \[kind\]: “pond” is not one of river, lake"),
    ("W1,甲河,丰台区,,,,,Ⅵ,,\n", r"r.csv:2 \[target_class\]: “Ⅵ” is not a water class"),
    ("W1,甲河,丰台区,,,,,劣Ⅴ,,\n", r"r.csv:2 \[target_class\]: 劣Ⅴ is not a target"),
    ("W1,甲河,丰台区,,,,,Ⅲ,long,\n", r"r.csv:2 \[river_km\]: “long” is not a number"),
])
def test_registry_errors_name_row_and_field(data_dir, row, message):
    path = write(data_dir, "r.csv", REGISTRY + "W0,乙河,丰台区,,,,,Ⅱ,,\n" + row)
    with pytest.raises(WaterIngestError, match=message.replace("r.csv:2", "r.csv:3")):
        do_register_water_sections(path)
    assert not WaterSection.objects.exists()  # all rows or none


def test_register_ingest_and_status(data_dir, capsys):
    call_command("water", "sections", str(write(data_dir, "r.csv", REGISTRY +
                 "W1,甲河上游,丰台区,卢沟桥街道,甲河,river,municipal,Ⅲ,5.5,\n"
                 "W2,乙湖,丰台区,,乙湖,lake,national,II,,yes\n")))
    w1 = WaterSection.objects.get(code="W1")
    assert (w1.area.name, w1.area.parent.name, w1.target_class, str(w1.river_km)) == ("卢沟桥街道", "丰台区", 3, "5.50")
    assert WaterSection.objects.get(code="W2").drinking_source
    samples = write(data_dir, "s.csv", "section,time,ph,do,codmn,nh3n,tp\n"
                    "W1,2025-01-10,7.5,8,3,0.4,0.25\nW2,2025-01-10,7.5,8,1.5,0.1,0.02\n")
    call_command("water", "ingest", str(samples))
    assert "s.csv: 2 rows → 2 samples, 2 sections" in capsys.readouterr().out
    assert WaterIngestRun.objects.get().samples == 2
    call_command("water", "status", "丰台区", "2025", "--json")
    status = json.loads(capsys.readouterr().out)
    assert status["section_compliance"] == "50.0" and status["good_water_ratio"] == "50.0"
    assert status["worse_v_river_length"] == "0.0" and status["drinking_source_compliance"] == "100.0"
    assert [(s["code"], s["class"], s["meets_target"]) for s in status["sections"]] == [("W1", "Ⅳ", False), ("W2", "Ⅱ", True)]
    assert status["sections"][0]["limiting"][0]["exceedance"] == "0.25"
    call_command("water", "sections")
    assert "W1\t甲河上游\t" in capsys.readouterr().out


def test_unknown_sections_are_refused_with_their_row(data_dir, capsys):
    do_register_water_sections(write(data_dir, "r.csv", REGISTRY + "W1,甲河,丰台区,,,,,Ⅲ,,\n"))
    bad = write(data_dir, "s.csv", "section,time,ph,do\nW1,2025-01-10,7.5,8\nW9,2025-01-10,7.5,8\n")
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("water", "ingest", str(bad))
    assert "s.csv:3 [section]: section “W9” is not in the registry" in capsys.readouterr().err
    assert not WaterIngestRun.objects.exists() and not list((data_dir / "water" / "samples").glob("*"))


def test_cnemc_file_registers_its_sections_on_request(data_dir, capsys):
    if not CNEMC.exists():
        pytest.skip(f"{CNEMC.name} not found: ../shared/data/real is not beside the clone")
    with pytest.raises(WaterIngestError, match="not in the registry"):
        do_ingest_water(CNEMC, "cnemc", year=2026)
    assert not WaterSection.objects.exists()
    run = do_ingest_water(CNEMC, "cnemc", year=2026, register_sections=True)
    assert run.new_sections == run.sections == 1156
    miyun = WaterSection.objects.get(code="北京市/密云水库")
    assert (miyun.kind, miyun.level, miyun.target_class, miyun.water_body) == ("lake", "national", None, "海河流域")
    assert WaterSection.objects.get(code="云南省/大观河入湖口").kind == "river"


def test_guess_kind():
    assert [guess_kind(n) for n in ("密云水库", "胥湖心", "大观河入湖口", "草海中心", "南太子河入库口")] == [
        "lake", "lake", "river", "river", "river"]


def test_class_command_needs_no_database(capsys):
    call_command("water", "class", "--ph", "7.2", "--do", "6.5", "--codmn", "3", "--nh3n", "0.4", "--tp", "0.08",
                 "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["class"] == "Ⅱ" and {r["item"] for r in out["limiting"]} == {"do", "codmn", "nh3n", "tp"}
    call_command("water", "class", "--ph", "7.2", "--tp", "0.08", "--lake", "--target", "Ⅲ")
    text = capsys.readouterr().out
    assert text.startswith("Ⅳ类") and "target Ⅲ: not met" in text and "0.60 times over the class-Ⅲ limit 0.05" in text
    with pytest.raises(CommandError, match="not a number"):
        call_command("water", "class", "--tp", "0.o8")
    with pytest.raises(CommandError, match="at least one evaluated item"):
        call_command("water", "class", "--tn", "3")


def test_demo_water_and_page(data_dir, client):
    counts = demo.demo_water(data_dir / "demo", date(2026, 6, 30))
    assert counts["sections"] == 5 and counts["samples"] == 5 * 78  # Mondays 2025-01-06 … 2026-06-29
    assert demo.demo_water(data_dir / "demo", date(2026, 6, 30)) == {"sections": 0, "samples": 0}
    assert WaterSection.objects.filter(synthetic=True).count() == 5
    page = client.get("/water/", {"year": 2025}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "南苑排干渠（合成）" in page and "劣Ⅴ" in page and "<h1>地表水" in page and "年度类别" in page
    assert client.get("/water/", {"year": "x"}).status_code == 400


def test_a_declared_mapping(data_dir, capsys):
    do_register_water_sections(write(data_dir, "r.csv", REGISTRY + "W1,甲河,丰台区,,,,,Ⅲ,,\n"))
    mapping = write(data_dir, "m.toml", '[mapping]\nsection = "断面编码"\ntime = "采样日期"\npublished_class = "类别"\n'
                    '[mapping.columns]\nnh3n = "氨氮"\ntp = "总磷"\n')
    samples = write(data_dir, "s.csv", "断面编码,采样日期,氨氮,总磷,类别\nW1,2025-03-02,0.6,0.1,Ⅲ\n")
    call_command("water", "ingest", str(samples), "--preset", str(mapping))
    assert "1 samples, 1 sections" in capsys.readouterr().out
    assert WaterIngestRun.objects.get().preset == "mapping"
    bad = write(data_dir, "bad.toml", '[mapping]\n[mapping.columns]\nammonia = "氨氮"\n')
    with pytest.raises(CommandError, match=r"bad.toml: \[mapping.columns\] ammonia are not GB 3838 items"):
        call_command("water", "ingest", str(samples), "--preset", str(bad))
    with pytest.raises(CommandError, match="unknown preset"):
        call_command("water", "ingest", str(samples), "--preset", "cnemx")
