"""The upload page asks instead of refusing: a table of unknown columns is shown with each
column's guessed role; nothing is written until the coordinator confirms the mapping."""
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from ecoplan.plans.models import Measure, Plan, Profile, Role

from ..importers.test_mapping import LEDGER
from .test_views import coordinator

pytestmark = pytest.mark.django_db

GUESSED = {"col0": "number", "col1": "attribute", "col2": "measure", "col3": "deadline", "col4": "lead_unit",
           "col5": "co_unit", "col6": "attribute"}


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def _upload(client, content=LEDGER, name="ledger.txt"):
    return client.post("/import/", {"document": SimpleUploadedFile(name, content)})


def _hidden(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))


def test_unmapped_table_shows_a_preview_and_writes_nothing(client, data_dir):
    coordinator(client)
    response = _upload(client)
    page = response.content.decode()
    assert response.status_code == 200 and "各列分别是什么？" in page
    for header in ("序", "整治事项", "做法", "办结日期", "责任科室", "配合科室", "资金"):
        assert f"<th>{header}</th>" in page
    # each column's select holds its guess; the reason is shown in Chinese
    assert re.search(r'name="col2"[^>]*>.*?<option value="measure" selected>', page, re.S)
    assert re.search(r'name="col4"[^>]*>.*?<option value="lead_unit" selected>', page, re.S)
    assert "表格中最长的文字" in page and "单元格为完成时限" in page
    assert "完成农村户厕改造200户" in page  # the first rows
    assert "某县2025年农村人居环境整治工作台账" in page  # the plan it will create
    assert not Plan.objects.exists()
    hidden = _hidden(page)
    assert hidden["name"] == "ledger.txt" and (data_dir / "pending-imports" / hidden["token"]).exists()


def test_confirmed_mapping_imports_the_plan(client, data_dir):
    coordinator(client)
    hidden = _hidden(_upload(client).content.decode())
    # check the corrected mapping first: the page says what it creates, still nothing written
    checked = client.post("/import/mapping/", {**hidden, **GUESSED, "col1": "task", "action": "check"})
    assert checked.status_code == 200 and "由您指定" in checked.content.decode()  # the column you corrected
    assert re.search(r'name="col1"[^>]*>.*?<option value="task" selected>', checked.content.decode(), re.S)
    assert not Plan.objects.exists()
    response = client.post("/import/mapping/", {**hidden, **GUESSED, "col1": "task", "action": "import"})
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/plans/{plan.pk}/"
    assert [t.title for t in plan.annexes.get().tasks.order_by("pk")] == ["厕所改造", "垃圾治理", "污水治理"]
    assert Measure.objects.filter(task__annex__plan=plan).count() == 3
    assert not (data_dir / "pending-imports" / hidden["token"]).exists()  # the kept copy is gone
    page = client.get(response["Location"]).content.decode()
    assert "完成农村户厕改造200户" in page and "资金：县财政" in page


def test_a_bad_mapping_is_refused_and_nothing_written(client):
    coordinator(client)
    hidden = _hidden(_upload(client).content.decode())
    two = client.post("/import/mapping/", {**hidden, **GUESSED, "col1": "measure", "action": "import"})
    assert "都对应了 measure" in two.content.decode()
    none = client.post("/import/mapping/", {**hidden, **GUESSED, "col2": "attribute", "action": "import"})
    assert "没有列对应工作措施" in none.content.decode()
    assert not Plan.objects.exists()


def test_a_document_with_no_plan_fails_with_what_was_found(client):
    coordinator(client)
    people = _upload(client, "人员名单\n姓名\t年龄\t住址\n张三\t30\t北京\n".encode(), "people.txt").content.decode()
    assert "people.txt:2 [header]: 表格的列为 姓名, 年龄, 住址，其中没有可对应工作措施的列" in people
    assert "各列分别是什么" not in people
    notice = _upload(client, "会议通知\n\n请各单位于周五下午参加会议。\n".encode(), "notice.txt").content.decode()
    assert "notice.txt: 在 2 行文字中未识别出规划" in notice
    assert not Plan.objects.exists()


def test_confirming_is_for_coordinators_only(client):
    coordinator(client)
    hidden = _hidden(_upload(client).content.decode())
    client.logout()
    anonymous = client.post("/import/mapping/", {**hidden, **GUESSED, "action": "import"})
    assert anonymous.status_code == 302 and "/accounts/login" in anonymous["Location"]
    reporter = User.objects.create_user("rep", password="pw-123456")
    Profile.objects.create(user=reporter, role=Role.REPORTER)
    client.login(username="rep", password="pw-123456")
    assert client.post("/import/mapping/", {**hidden, **GUESSED, "action": "import"}).status_code == 403
    assert not Plan.objects.exists()


def test_an_unknown_token_asks_for_the_file_again(client):
    coordinator(client)
    response = client.post("/import/mapping/", {"token": "0" * 64, "name": "ledger.txt", **GUESSED,
                                                "action": "import"}, follow=True)
    assert "服务器上已不再保存所上传的文件" in response.content.decode()
    bad = client.post("/import/mapping/", {"token": "../../etc/passwd", "name": "x.txt", "action": "import"})
    assert bad.status_code == 302 and not Plan.objects.exists()
