"""The ranking pages: who sees them, the table (ranks, moves, flags, the unranked with their reason,
the period, the rule, sorting, the chart, the periods around, the workbook), the coordinator's
editing of the saved rankings, and the bounded number of queries."""
from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from ecoplan.plans.models import Area, Role
from ecoplan.rankings.models import RankingDefinition

from ..supervision.conftest import make_user

pytestmark = pytest.mark.django_db
OCT, SEP, OCT_BEFORE = date(2025, 10, 1), date(2025, 9, 1), date(2024, 10, 1)
FIELDS = {"name": "街道PM2.5月排名", "level": "sub_area", "metric": "pm25", "span": "month", "order": "value",
          "bottom_n": "2", "top_n": "1", "places": "", "rounding": "gb8170", "active": "on"}


def fill(fake, start, **values):
    for name, value in values.items():
        fake.values[(name, start)] = value


@pytest.fixture
def october(fake_sources):
    """October 2025 in 示范区: 东 and 西 tie at 35 after rounding, 北镇 has too few days, 中乡 no data."""
    fill(fake_sources, OCT, 东街道="35.4", 西街道="34.6", 南街道="40", 科技园区管委会="44",
         北镇="8 valid days of 31, fewer than 27 required")
    fill(fake_sources, SEP, 东街道="30", 西街道="41", 南街道="39", 北镇="33", 科技园区管委会="38")
    fill(fake_sources, OCT_BEFORE, 东街道="40", 西街道="35", 南街道="40", 科技园区管委会="40")
    return fake_sources


@pytest.fixture
def users(db):
    return {"coordinator": make_user("coord", Role.COORDINATOR), "reporter": make_user("rep", Role.REPORTER),
            "leader": make_user("lead", Role.LEADER, person_name="王一"), "auditor": make_user("aud", Role.AUDITOR),
            "nobody": User.objects.create_user("nobody", password="pw-123456")}


@pytest.fixture
def saved(district, users):
    return RankingDefinition.objects.create(name="街道PM2.5月排名", area=district, metric="pm25", bottom_n=2, top_n=1)


def as_(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["coordinator", "leader", "reporter", "auditor"])
def test_every_staff_role_reads_the_rankings(client, users, saved, october, role):
    client = as_(client, users[role])
    page = client.get("/rankings/").content.decode()
    assert "街道PM2.5月排名" in page and f"/rankings/{saved.pk}/?period=" in page
    assert ('id="new-definition"' in page) == (role == "coordinator")
    assert client.get(f"/rankings/{saved.pk}/", {"period": "2025-10"}).status_code == 200
    assert client.get("/rankings/run/", {"area": saved.area_id, "metric": "pm25", "period": "2025-10"}).status_code == 200


def test_the_public_gets_no_ranking(client, users, saved):
    for url in ("/rankings/", f"/rankings/{saved.pk}/", "/rankings/run/?metric=pm25", "/rankings/new/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    for url in (f"/rankings/areas/{saved.area_id}/?period=2025-10", "/rankings/flags/"):
        assert client.get(url).status_code == 404, url  # the fragments: nothing to see
    client.force_login(users["nobody"])  # an account without a role is the public too
    for url in ("/rankings/", f"/rankings/{saved.pk}/", "/rankings/run/?metric=pm25", "/rankings/flags/"):
        assert client.get(url).status_code == 404, url


def row_of(table: str, name: str) -> str:
    return table.split(f'data-key="{Area.objects.get(name=name).pk}"')[1].split("</tr>")[0]


def test_the_ranking_table(client, users, saved, october):
    page = as_(client, users["leader"]).get(f"/rankings/{saved.pk}/", {"period": "2025-10"}).content.decode()
    assert "2025年10月" in page and "GB/T 8170" in page and "2025-10" not in page.split("<h1>")[1].split("</p>")[0]
    table = page.split('id="ranking-table"')[1].split("</table>")[0]
    order = ["东街道", "西街道", "南街道", "科技园区管委会", "中乡", "北镇"]  # unranked: by name
    assert [table.index(n) for n in order] == sorted(table.index(n) for n in order)  # best first, then the unranked
    east, west = row_of(table, "东街道"), row_of(table, "西街道")
    assert 'data-value="1">1</td>' in east and 'data-value="1">1</td>' in west  # 35.4 and 34.6 → 35: a tie
    assert '<span class="muted">=</span>' in east and '<span class="worse">+5</span>' in east  # 1st in September too
    assert "↑4" in west and "class=\"better\"" in west  # 5th → 1st
    assert 'class="flag top"' in east and 'class="flag bottom"' not in east
    park = row_of(table, "科技园区管委会")
    assert 'class="flag bottom"' in park and "↓1" in park  # 3rd → 4th, in the bottom 2
    assert 'class="flag bottom"' in row_of(table, "南街道")
    north = row_of(table, "北镇")
    assert 'data-value="">—</td>' in north and "8 valid days of 31, fewer than 27 required" in north
    assert f'href="/air/areas/{Area.objects.get(name="东街道").pk}/"' in east  # its air area page
    assert "µg/m³" in page  # the unit in the value's heading
    assert 'src="/static/ecoplan/ranking.js"' in page and 'data-sort="num"' in page  # sortable
    assert 'id="ranking-chart"' in page and "echarts-5.6.0.min.js" in page
    assert "period=2025-09" in page and "period=2025-11" in page  # the periods before and after
    assert "<script>" not in page  # no inline script: the CSP allows none


def test_an_ad_hoc_ranking_and_its_bad_parameters(client, users, district, october):
    client = as_(client, users["reporter"])
    page = client.get("/rankings/run/", {"area": district.pk, "metric": "pm25", "period": "2025-10", "level": "street",
                                         "bottom_n": 1}).content.decode()
    assert "东街道" in page and "北镇" not in page  # streets only
    assert page.count('class="flag bottom"') == 1 + 1  # 南街道, and the list above the table
    assert client.get("/rankings/run/", {"metric": "pm25", "period": "2025-13"}).status_code == 400
    bad = client.get("/rankings/run/", {"area": district.pk, "metric": "nope", "period": "2025-10"})
    assert bad.status_code == 400 and "nope" in bad.content.decode()
    # the engine's own refusal (a period not yet started) is a 400 with its reason, not a 500
    assert client.get("/rankings/run/", {"area": district.pk, "metric": "pm25", "period": "2099-01"}).status_code == 400
    by_rate = client.get("/rankings/run/", {"area": district.pk, "metric": "pm25", "period": "2025-10",
                                            "order": "improvement"}).content.decode()
    assert "12.5%" in by_rate  # 东街道: 40 → 35
    client.get("/rankings/run/", {"area": district.pk, "metric": "pm25", "period": "2025-10", "exclude_dust": "on"})
    assert october.calls[-1][2].exclude_dust  # 扣沙: the source is asked without the dust days


def test_the_workbook_opens_with_chinese_headings(client, users, saved, october):
    response = as_(client, users["auditor"]).get(f"/rankings/{saved.pk}/", {"period": "2025-10", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "2025年10月" and "GB/T 8170" in rows[1][0]
    assert rows[0][2].endswith("2025-10-31")  # the last day read, as the rule says
    assert rows[2][:3] == ("名次", "街道乡镇", "数值")
    body = {r[1]: r for r in rows[3:]}
    assert body["东街道"][0] == 1 and body["南街道"][0] == 3 and body["北镇"][0] is None
    assert body["北镇"][-1] == "8 valid days of 31, fewer than 27 required"


def test_only_the_coordinator_edits_the_saved_rankings(client, users, district, saved):
    reporter = as_(client, users["reporter"])
    assert reporter.get("/rankings/new/").status_code == 403
    assert reporter.post("/rankings/new/", {**FIELDS, "name": "x", "area": district.pk}).status_code == 403
    assert reporter.post(f"/rankings/{saved.pk}/edit/", {**FIELDS, "area": district.pk, "bottom_n": "9"}).status_code == 403
    assert reporter.post(f"/rankings/{saved.pk}/delete/").status_code == 403
    saved.refresh_from_db()
    assert RankingDefinition.objects.count() == 1 and saved.bottom_n == 2  # nothing changed

    coordinator = as_(client, users["coordinator"])
    response = coordinator.post("/rankings/new/", {**FIELDS, "name": "镇街综合指数", "metric": "composite_index",
                                                   "area": district.pk})
    made = RankingDefinition.objects.get(name="镇街综合指数")
    assert response.status_code == 302 and response["Location"] == f"/rankings/{made.pk}/"
    assert made.created_by == users["coordinator"] and made.bottom_n == 2
    response = coordinator.post(f"/rankings/{saved.pk}/edit/", {**FIELDS, "area": district.pk, "bottom_n": "3"})
    saved.refresh_from_db()
    assert response.status_code == 302 and saved.bottom_n == 3
    bad = coordinator.post(f"/rankings/{saved.pk}/edit/", {**FIELDS, "area": district.pk, "bottom_n": "-1"})
    assert bad.status_code == 400 and 'class="warn"' in bad.content.decode()
    assert coordinator.post(f"/rankings/{made.pk}/delete/").status_code == 302
    assert not RankingDefinition.objects.filter(pk=made.pk).exists()


def test_queries_do_not_grow_with_the_sub_areas(client, users, district, saved, october,
                                                django_assert_max_num_queries):
    client = as_(client, users["coordinator"])
    url = f"/rankings/{saved.pk}/?period=2025-10"
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    for i in range(40):
        Area.objects.create(name=f"新{i}街道", kind=Area.Kind.SUB_AREA, parent=district)
        october.values[(f"新{i}街道", OCT)] = str(30 + i % 7)
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert "新39街道" in page
    with django_assert_max_num_queries(12):
        assert client.get("/rankings/").status_code == 200


def test_a_reporter_ranks_no_supervision_figures(client, users, district, october):
    """The supervision figures are the assessment, closed to reporters: no such metric to choose,
    no ad-hoc or saved ranking of them, nothing flagged from them."""
    hidden = RankingDefinition.objects.create(name="按时报送排名", area=district, metric="on_time_ratio", bottom_n=1)
    fill(october, OCT, 东街道="90", 西街道="80")
    reporter = as_(client, users["reporter"])
    index = reporter.get("/rankings/").content.decode()
    assert 'value="on_time_ratio"' not in index and 'value="overdue_measures"' not in index and "按时报送排名" not in index
    assert 'value="pm25"' in index and 'value="green_cover"' in index  # published and own-unit figures
    for metric in ("on_time_ratio", "overdue_measures"):
        response = reporter.get("/rankings/run/", {"area": district.pk, "metric": metric, "period": "2025-10"})
        assert response.status_code in (400, 404) and "东街道" not in response.content.decode()
    assert reporter.get(f"/rankings/{hidden.pk}/", {"period": "2025-10"}).status_code == 404
    assert "按时报送排名" not in reporter.get("/rankings/flags/").content.decode()
    leader = as_(client, users["leader"])
    assert leader.get(f"/rankings/{hidden.pk}/", {"period": "2025-10"}).status_code == 200
    assert "按时报送排名" in leader.get("/rankings/flags/").content.decode()


@pytest.mark.parametrize("url", [
    "/rankings/run/?metric=pm25&period=0001-01",
    "/rankings/run/?metric=pm25&period=0001&span=year",
    "/rankings/run/?metric=pm25&period=0001-Q1&span=quarter",
    "/rankings/run/?metric=pm25&period=0001-01..01&span=ytd",
    "/rankings/run/?metric=pm25&period=9999-12",
    "SAVED?period=0001-01",
    "/rankings/flags/?as_of=9999-12-31",
    "/rankings/flags/?as_of=0001-01-01",
])
def test_the_edge_periods_are_no_server_error(client, users, saved, october, url):
    """Year 1 has no period before and no year before; a day after 9999-12-30 or before February of
    year 1 is no host page's day: a clear answer, never a 500."""
    client = as_(client, users["coordinator"])
    url = url.replace("SAVED", f"/rankings/{saved.pk}/").replace("run/?", f"run/?area={saved.area_id}&")
    response = client.get(url)
    assert response.status_code in (200, 400), response.status_code
    if "0001" in url and "as_of" not in url:  # 0001-01 has begun: ranked, with no comparison
        assert response.status_code == 200


def test_period_errors_are_in_chinese_on_chinese_pages(client, users, saved, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    client = as_(client, users["coordinator"])
    response = client.get("/rankings/run/", {"area": saved.area_id, "metric": "pm25", "period": "2026-13"},
                          HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = response.content.decode()
    assert response.status_code == 400 and "月份13不在1至12之间" in page and "is not 1–12" not in page
    page = client.get(f"/rankings/{saved.pk}/", {"period": "2026-Q3x"}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "不是期间" in page and "write 2026-10" not in page


def test_the_ad_hoc_form_shows_the_table_unless_excel_is_asked(client, settings):
    """The form's format choice starts empty: pressing 排名 shows the table, Excel is a choice."""
    from ecoplan.rankings.forms import RunForm

    field = RunForm().fields["format"]
    assert field.choices[0][0] == "" and "xlsx" in dict(field.choices)
