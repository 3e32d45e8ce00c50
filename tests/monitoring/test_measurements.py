"""Measuring sites, monthly values and the municipal ranking: ingest through a declared mapping,
all or nothing, bad input named by file, row and field; the measurement page."""
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from ecoplan.analytics.ingest import IngestError
from ecoplan.monitoring.measurements import do_import_ranking, do_ingest_measurements, do_register_sites
from ecoplan.monitoring.models import Measurement, MeasurementBatch, MeasurementSite, RankingEntry
from ecoplan.plans.models import Area

pytestmark = pytest.mark.django_db
SITES = "code,name,kind,area,district,synthetic\nJ1,一号缸,dustfall_jar,永顺镇,通州区,true\n" \
        "J2,二号缸,dustfall_jar,梨园镇,通州区,true\nT1,TSP点,tsp_site,永顺镇,通州区,true\n"
MAPPING = {"site": "点位", "month": "月份", "value": "降尘量", "flags": "备注"}


@pytest.fixture
def sites(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text(SITES, encoding="utf-8")
    assert do_register_sites(path) == 3
    return path


def write(tmp_path, text, name="dust.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sites_create_their_areas(sites):
    j1 = MeasurementSite.objects.get(code="J1")
    assert (j1.area.name, j1.area.parent.name, j1.synthetic) == ("永顺镇", "通州区", True)
    assert Area.objects.get(name="通州区").kind == Area.Kind.DISTRICT


def test_a_file_with_a_declared_mapping(sites, tmp_path):
    path = write(tmp_path, "点位,月份,降尘量,备注\nJ1,2024年1月,4.8,\nJ1,2024-02,5.1,沙尘\nJ2,202401,6.0,\n")
    batch = do_ingest_measurements(path, "dustfall", MAPPING)
    assert (batch.rows, batch.sites, batch.first_month, batch.last_month) == (3, 2, date(2024, 1, 1), date(2024, 2, 1))
    feb = Measurement.objects.get(site__code="J1", start=date(2024, 2, 1))
    assert (feb.end, feb.value, feb.unit, feb.flags) == (date(2024, 2, 29), Decimal("5.1"), "吨/平方公里·月", ["sand_dust"])
    again = do_ingest_measurements(path, "dustfall", MAPPING)  # a corrected file replaces, never doubles
    assert again.replaced == 3 and Measurement.objects.count() == 3


def test_an_xlsx_file(sites, tmp_path):
    book = Workbook()
    book.active.append(["site", "month", "value", "unit"])
    book.active.append(["J1", date(2024, 3, 1), 4.25, "t/km2·month"])
    book.save(tmp_path / "dust.xlsx")
    do_ingest_measurements(tmp_path / "dust.xlsx", "dustfall")
    assert Measurement.objects.get().value == Decimal("4.25")


@pytest.mark.parametrize("body, message", [
    ("J1,2024-01,4.8,\nJ9,2024-02,5.0,\n", r"dust.csv:3 \[site\]: “J9” is not a registered measuring site"),
    ("J1,2024-13,4.8,\n", r"dust.csv:2 \[month\]: “2024-13” is not a month"),
    ("J1,2024-01,abc,\n", r"dust.csv:2 \[value\]: “abc” is not a number"),
    ("J1,2024-01,,\n", r"dust.csv:2 \[value\]: empty"),
    ("J1,2024-01,-1,\n", r"dust.csv:2 \[value\]: -1 is outside 0"),
    ("J1,2024-01,4.8,\nJ1,2024年1月,4.9,\n", r"dust.csv:3 \[site\]: J1 2024-01 is also on row 2"),
    ("T1,2024-01,80,\n", r"dust.csv:2 \[site\]: T1 is a tsp_site, which does not measure dustfall"),
    ("J1,2024-01,4.8,大风\n", r"dust.csv:2 \[flags\]: “大风” is no known flag"),
])
def test_bad_input_names_file_row_and_field_and_keeps_nothing(sites, tmp_path, body, message):
    path = write(tmp_path, "点位,月份,降尘量,备注\n" + body)
    with pytest.raises(IngestError, match=message):
        do_ingest_measurements(path, "dustfall", MAPPING)
    assert Measurement.objects.count() == 0 and MeasurementBatch.objects.count() == 0


def test_a_missing_column_says_which_and_how_to_map_it(sites, tmp_path):
    path = write(tmp_path, "点位,月份,数值\nJ1,2024-01,4\n")
    with pytest.raises(IngestError, match=r"dust.csv:1: missing column\(s\) value \(column “降尘量”\).*--mapping"):
        do_ingest_measurements(path, "dustfall", MAPPING)


def test_a_wrong_unit_and_an_unknown_mapping_field(sites, tmp_path):
    path = write(tmp_path, "site,month,value,unit\nJ1,2024-01,4,kg/m2\n")
    with pytest.raises(IngestError, match=r"dust.csv:2 \[unit\]: “kg/m2” is not a unit of dustfall"):
        do_ingest_measurements(path, "dustfall")
    with pytest.raises(IngestError, match=r"mapping: unknown field\(s\) station"):
        do_ingest_measurements(path, "dustfall", {"station": "site"})


def test_a_file_too_large_is_refused_before_it_is_read(sites, tmp_path, monkeypatch):
    from ecoplan.importers import limits

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10)
    path = write(tmp_path, "site,month,value\nJ1,2024-01,4\n")
    with pytest.raises(IngestError, match="dust.csv: the file is .* larger than the limit"):
        do_ingest_measurements(path, "dustfall")


def test_the_command(sites, tmp_path, capsys):
    path = write(tmp_path, "点位,月份,降尘量\nJ1,2024-01,4.8\nJ2,2024-01,5.2\n")
    call_command("measure", "ingest", str(path), "--indicator", "dustfall", "--mapping", "site=点位,month=月份,value=降尘量")
    assert "2 value(s) of dustfall, 2 site(s), 2024-01 … 2024-01" in capsys.readouterr().out
    call_command("measure", "sites")
    assert "J1\tdustfall_jar\t一号缸\t通州区 永顺镇\tsynthetic" in capsys.readouterr().out
    call_command("measure", "stats", "通州区", "--indicator", "dustfall", "--year", "2024")
    assert "通州区\t5.00\t1/12 month(s)\t2 site(s)" in capsys.readouterr().out  # a past year asks for 12
    write(tmp_path, "点位,月份,降尘量\nJX,2024-01,4.8\n")
    with pytest.raises(CommandError, match=r"dust.csv:2 \[site\]"):
        call_command("measure", "ingest", str(path), "--indicator", "dustfall", "--mapping", "site=点位,month=月份,value=降尘量")


RANKING = "month,district,sub_area,position,total,value\n2024-01,通州区,永顺镇,320,330,45\n" \
          "2024-01,朝阳区,三里屯街道,1,330,20\n2024-01,通州区,梨园镇,12,330,30\n"


def test_a_ranking_keeps_our_sub_areas_and_counts_the_rest(sites, tmp_path):
    counts = do_import_ranking(write(tmp_path, RANKING, "rank.csv"), "pm25")
    assert counts == {"entries": 2, "replaced": 0, "other_districts": 1, "months": 1}
    assert RankingEntry.objects.get(area__name="永顺镇").position == 320


def test_a_worst_first_ranking_is_stored_best_first(sites, tmp_path):
    path = write(tmp_path, "month,sub_area,position,total\n2024-01,永顺镇,3,330\n", "rank.csv")
    do_import_ranking(path, "tsp", worst_first=True)
    assert RankingEntry.objects.get().position == 328


@pytest.mark.parametrize("body, message", [
    ("2024-01,通州区,宋庄镇,5,330,1\n", r"rank.csv:3 \[sub_area\]: “宋庄镇” is not a registered street/town of 通州区"),
    ("2024-01,通州区,永顺镇,331,330,1\n", r"rank.csv:3 \[position\]: 331 is beyond the 330 ranked"),
    ("2024-01,通州区,永顺镇,0,330,1\n", r"rank.csv:3 \[position\]: “0” is not a whole number"),
    ("2024-01,通州区,永顺镇,5,330,1\n2024-01,通州区,永顺镇,6,330,1\n", r"rank.csv:4 \[sub_area\]: 永顺镇 2024-01 is also on row 3"),
])
def test_a_bad_ranking_names_the_row_and_keeps_nothing(sites, tmp_path, body, message):
    path = write(tmp_path, "month,district,sub_area,position,total,value\n2024-02,通州区,梨园镇,1,330,1\n" + body,
                 "rank.csv")
    with pytest.raises(IngestError, match=message):
        do_import_ranking(path, "pm25")
    assert RankingEntry.objects.count() == 0


def test_an_unknown_name_without_a_district_column(sites, tmp_path):
    path = write(tmp_path, "month,sub_area,position,total\n2024-01,不存在镇,5,330\n", "rank.csv")
    with pytest.raises(IngestError, match=r"rank.csv:2 \[sub_area\]: “不存在镇” is not a registered street/town"):
        do_import_ranking(path, "pm25")


def test_the_page_lists_sites_and_monthly_values(sites, tmp_path, client):
    do_ingest_measurements(write(tmp_path, "点位,月份,降尘量,备注\nJ1,2024-01,4.8,\nJ2,2024-01,6.2,沙尘\n"),
                           "dustfall", MAPPING)
    district = Area.objects.get(name="通州区")
    page = client.get(f"/air/measurements/{district.pk}/?year=2024", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert page.status_code == 200
    assert "一号缸" in text and "4.8" in text and "降尘量" in text and "5.5" in text
    index = client.get("/air/measurements/")
    assert index.status_code == 200 and f"/air/measurements/{district.pk}/" in index.content.decode()
    assert "/air/measurements/" in client.get("/air/").content.decode()
    assert client.get("/air/measurements/999999/").status_code == 404


@pytest.mark.parametrize("about, days, share, error", [("5%", 1, 1, None), ("0.3", 2, 0.9, None),
                                                       ("five", 1, 1, "monitoring.E002"),
                                                       ("5%", 0, 1, "monitoring.E003"),
                                                       ("-1", 1, 1, "monitoring.E003")])
def test_the_rules_are_checked(settings, about, days, share, error):
    from ecoplan.monitoring.checks import check_measurement_rules

    settings.ECOPLAN_ABOUT_TOLERANCE, settings.ECOPLAN_DUST_MONTH_DAYS = about, days
    settings.ECOPLAN_MEASUREMENT_MIN_SHARE = share
    assert [e.id for e in check_measurement_rules(None)] == ([error] if error else [])
