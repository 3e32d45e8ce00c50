import json

import pytest
from django.contrib.auth.models import User

from ecoplan.plans import actions
from ecoplan.plans.models import Organisation, Profile, ReviewItem, Role

from ..conftest import DEMO

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return actions.import_document(DEMO.read_bytes(), DEMO.name)[1]


def test_plan_list_and_page(client, plan):
    assert plan.title in client.get("/").content.decode()
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "推进低（无）VOCs 含量产品源头替代" in page and "区市场监管局" in page


def test_filters_by_unit_theme_and_month(client, plan):
    unit = Organisation.objects.get(name="区市场监管局")
    page = client.get(f"/plans/{plan.pk}/", {"unit": unit.pk}).content.decode()
    assert "全年抽检不少于 12 组" in page and "汛前开展雨水管涵" not in page
    page = client.get(f"/plans/{plan.pk}/", {"theme": "water"}).content.decode()
    assert "汛前开展雨水管涵" in page and "全年抽检不少于 12 组" not in page
    partial = client.get(f"/plans/{plan.pk}/", {"month": "2026-05"}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "<html" not in body and "汛前开展雨水管涵" in body and "抽检不少于 12 组" not in body


def test_organisation_page(client, plan):
    unit = Organisation.objects.get(name="区水务局")
    page = client.get(f"/organisations/{unit.pk}/").content.decode()
    assert "完成雨污合流管网改造" in page  # leads
    assert "地表水考核断面水质全部达标" in page  # co-leads


def coordinator(client):
    """A coordinator by role (is_staff decides nothing), signed in."""
    user = User.objects.create_user("coord", password="pw-123456")
    Profile.objects.create(user=user, role=Role.COORDINATOR)
    client.login(username="coord", password="pw-123456")
    return user


def test_review_queue_resolution_needs_a_coordinator(client, plan):
    item = plan.review_items.first()
    page = client.get("/review/").content.decode()
    assert item.display_message in page and item.display_message != item.message  # shown in Chinese
    response = client.post(f"/review/{item.pk}/resolve/", {"status": "resolved", "resolution": "ok"})
    assert response.status_code == 302 and "/accounts/login" in response["Location"]
    item.refresh_from_db()
    assert item.status == "open"
    User.objects.create_user("staff", password="pw-123456", is_staff=True)  # staff, but no role
    client.login(username="staff", password="pw-123456")
    response = client.post(f"/review/{item.pk}/resolve/", {"status": "resolved", "resolution": "ok"})
    assert response.status_code == 403
    coordinator(client)
    client.post(f"/review/{item.pk}/resolve/", {"status": "resolved", "resolution": "单位已核实"})
    item.refresh_from_db()
    assert (item.status, item.resolution, item.resolved_by.username) == ("resolved", "单位已核实", "coord")
    assert ReviewItem.objects.filter(status="open").count() == plan.review_items.count() - 1


def test_upload_reports_bad_file_and_imports_good_one(client):
    coordinator(client)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = client.post("/import/", {"document": SimpleUploadedFile("empty.txt", b" ")})
    assert "empty.txt: the file is empty" in bad.content.decode()
    good = client.post("/import/", {"document": SimpleUploadedFile(DEMO.name, DEMO.read_bytes())})
    assert good.status_code == 302
    again = client.post("/import/", {"document": SimpleUploadedFile(DEMO.name, DEMO.read_bytes())})
    assert "SHA-256 相同" in again.content.decode()  # the duplicate-import error, in the user's language


def test_upload_is_bounded_by_the_importer_limits(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ecoplan.importers import limits
    from ecoplan.plans.models import Plan

    from ..fuzz.corpus import xfd_xlsx

    assert settings.ECOPLAN_MAX_UPLOAD_BYTES == limits.MAX_FILE_BYTES
    coordinator(client)
    settings.ECOPLAN_MAX_UPLOAD_BYTES = 1000
    big = client.post("/import/", {"document": SimpleUploadedFile("big.txt", b"x" * 1001)})
    assert "big.txt" in big.content.decode() and "errorlist" in big.content.decode()
    settings.ECOPLAN_MAX_UPLOAD_BYTES = limits.MAX_FILE_BYTES
    far = client.post("/import/", {"document": SimpleUploadedFile("far.xlsx", xfd_xlsx())})
    assert "far.xlsx: sheet “Sheet” has more than 50,000 rows" in far.content.decode()
    assert not Plan.objects.exists()


def test_exports_and_report(client, plan):
    assert client.get(f"/plans/{plan.pk}.json").json()["plan"]["doc_number"] == "演政办发〔2026〕1号"
    assert client.get(f"/plans/{plan.pk}.xlsx").content[:2] == b"PK"
    page = client.get(f"/plans/{plan.pk}/report/").content.decode()
    assert "表头" in page and "table header" not in page  # the importer's reasons, translated


def test_coordinator_enters_a_municipal_value(client, plan):
    target = plan.targets.get(comparator="municipal")
    page = client.get("/review/", {"kind": "target_municipal"})
    assert target.indicator in page.content.decode()
    coordinator(client)
    assert "市级要求数值" in client.get("/review/").content.decode()
    client.post(f"/targets/{target.pk}/municipal-value/", {"value": "12.5", "source": "京环发〔2026〕3号"})
    target.refresh_from_db()
    assert str(target.value) == "12.5000" and target.value_source == "京环发〔2026〕3号"
    assert not target.review_items.filter(status="open").exists()


def test_chinese_first_english_second(client, plan):
    zh = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "任务与措施" in zh and "Tasks and measures" not in zh  # no Accept-Language: zh-hans
    en = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Tasks and measures" in en and "任务与措施" not in en
    assert "推进低（无）VOCs 含量产品源头替代" in en  # the plan's own words stay as printed


# -- safe by default --------------------------------------------------------------------------

@pytest.fixture
def coordinator_client(client):
    coordinator(client)
    return client


@pytest.mark.parametrize("next_url", ["https://evil.example/phish", "//evil.example/x", "http://evil.example",
                                      "/\\evil.example", "javascript:alert(1)"])
def test_redirects_after_a_resolution_stay_on_the_site(coordinator_client, plan, next_url):
    item = plan.review_items.filter(kind="target_municipal").first() or plan.review_items.first()
    done = coordinator_client.post(f"/review/{item.pk}/resolve/",
                            {"status": "resolved", "resolution": "ok", "next": next_url})
    assert done.status_code == 302 and done["Location"] == "/review/"
    target = plan.targets.get(comparator="municipal")
    done = coordinator_client.post(f"/targets/{target.pk}/municipal-value/",
                            {"value": "1", "source": "x", "next": next_url})
    assert done.status_code == 302 and done["Location"] == "/review/"


def test_redirects_go_back_to_a_page_of_the_site(coordinator_client, plan):
    item = plan.review_items.first()
    done = coordinator_client.post(f"/review/{item.pk}/resolve/",
                            {"status": "resolved", "resolution": "ok", "next": "/review/?status=open&page=2"})
    assert done["Location"] == "/review/?status=open&page=2"


def test_resolutions_and_staff_names_are_not_public(client, plan):
    item = plan.review_items.first()
    coordinator = User.objects.create_user("coord-liu", password="pw-123456")
    Profile.objects.create(user=coordinator, role=Role.COORDINATOR)
    actions.do_resolve_review_item(item, coordinator, "resolved", "内部意见：与单位电话核实")
    public = client.get("/review/", {"status": "resolved"}).content.decode()
    assert item.display_message in public  # the item itself (the published plan) stays public
    assert "内部意见" not in public and "coord-liu" not in public
    assert "内部意见" not in client.get(f"/plans/{plan.pk}.json").content.decode()
    client.login(username="coord-liu", password="pw-123456")
    inside = client.get("/review/", {"status": "resolved"}).content.decode()
    assert "内部意见" in inside and "coord-liu" in inside
    assert "内部意见" in client.get(f"/plans/{plan.pk}.json").content.decode()
    User.objects.create_user("no-role", password="pw-123456")  # signed in, no role: public
    client.login(username="no-role", password="pw-123456")
    assert "内部意见" not in client.get("/review/", {"status": "resolved"}).content.decode()


def test_plan_xlsx_writes_formula_like_text_as_text(client, plan):
    import io

    from openpyxl import load_workbook

    measure = plan.annexes.first().tasks.first().measures.first()
    measure.text = '=HYPERLINK("http://evil.example","点击")'
    measure.save(update_fields=["text"])
    book = load_workbook(io.BytesIO(client.get(f"/plans/{plan.pk}.xlsx").content))
    cells = [c for row in book["工作措施"].iter_rows() for c in row if c.value == measure.text]
    assert cells and all(c.data_type == "s" for c in cells)


PRINTED = "\n".join([
    "附件1：某区2024年大气污染防治重点任务",
    "序号\t重点任务\t工作措施\t完成时限\t牵头单位",
    "1\t颗粒物治理\t加强 PM _{2.5} 与 NOX 协同控制，消除劣V类水体。\t年底前\t区生态环境局",
    "2\t扬尘治理\t开展施工工地扬尘检查。\t年底前\t区住房城乡建设委",
])


def test_measure_text_kept_as_printed_and_found_by_its_matching_form(client):
    """Issue #8 point 4: the text as printed is stored; search compares the matching form."""
    plan = actions.import_document(PRINTED.encode("utf-8"), "printed.txt")[1]
    measure = plan.annexes.get().tasks.get(number="1").measures.get()
    assert measure.text == "加强 PM _{2.5} 与 NOX 协同控制，消除劣V类水体。"
    for query, found in (("PM2.5", True), ("pm 2.5", True), ("NOx", True), ("劣Ⅴ类", True), ("扬尘", False)):
        page = client.get(f"/plans/{plan.pk}/", {"text": query}).content.decode()
        assert ("PM _{2.5}" in page) is found, query
    page = client.get(f"/plans/{plan.pk}/", {"text": "扬尘"}).content.decode()
    assert "开展施工工地扬尘检查" in page
    exported = json.loads(client.get(f"/plans/{plan.pk}.json").content)
    first = exported["annexes"][0]["tasks"][0]["measures"][0]
    assert (first["text"], first["search_text"]) == (measure.text, "加强pm2.5与nox协同控制,消除劣ⅴ类水体。")
