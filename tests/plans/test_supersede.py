"""Regression: re-importing a revised copy of a plan silently created a second, identical plan.
The same 文号 (or title) in the same district is now refused, naming the plan, unless the new
copy supersedes it (CLI --supersede, the upload page's check box)."""
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from ecoplan.plans import actions
from ecoplan.plans.models import Plan, Profile, Role

from ..conftest import DEMO

pytestmark = pytest.mark.django_db

REVISED = DEMO.read_text("utf-8").replace("全年抽检不少于 12 组", "全年抽检不少于 15 组").encode()


def test_a_revised_copy_is_refused_naming_the_plan_then_supersedes_it():
    first = actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    with pytest.raises(actions.SamePlan) as refused:
        actions.import_document(REVISED, "revised.txt")
    assert refused.value.plan == first
    assert f"plan #{first.pk}" in str(refused.value) and "演政办发〔2026〕1号" in str(refused.value)
    assert Plan.objects.count() == 1
    second = actions.import_document(REVISED, "revised.txt", supersede=True)[1]
    assert second.supersedes == first and list(first.superseded_by.all()) == [second]
    # a third copy is matched against the plan in force, not the superseded one
    third = DEMO.read_text("utf-8").replace("全年抽检不少于 12 组", "全年抽检不少于 18 组").encode()
    with pytest.raises(actions.SamePlan) as again:
        actions.import_document(third, "third.txt")
    assert again.value.plan == second
    with pytest.raises(actions.DuplicatePlan):  # the very same file stays a plain duplicate
        actions.import_document(REVISED, "revised-again.txt", supersede=True)


def test_other_districts_and_other_documents_are_not_the_same_plan():
    actions.import_document(DEMO.read_bytes(), DEMO.name)
    other = DEMO.read_text("utf-8").replace("演示区", "样例区").replace("演政办发", "样政办发").encode()
    plan = actions.import_document(other, "other.txt")[1]
    assert plan.supersedes is None and Plan.objects.count() == 2


def test_cli_refuses_then_supersedes(tmp_path, capsys):
    call_command("import_plan", str(DEMO))
    revised = tmp_path / "revised.txt"
    revised.write_bytes(REVISED)
    with pytest.raises(CommandError):
        call_command("import_plan", str(revised))
    assert "is the same document" in capsys.readouterr().err
    call_command("import_plan", str(revised), "--supersede")
    assert "supersedes plan #" in capsys.readouterr().out
    assert Plan.objects.count() == 2


def test_upload_page_offers_to_supersede(client):
    user = User.objects.create_user("coord", password="pw-123456")
    Profile.objects.create(user=user, role=Role.COORDINATOR)  # roles decide, not is_staff
    client.login(username="coord", password="pw-123456")
    first = actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    page = client.post("/import/", {"document": SimpleUploadedFile("revised.txt", REVISED)},
                       HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert f"第 {first.pk} 号计划" in page and "修订稿" in page and Plan.objects.count() == 1
    duplicate = client.post("/import/", {"document": SimpleUploadedFile(DEMO.name, DEMO.read_bytes())},
                            HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "SHA-256 相同" in duplicate and "already imported" not in duplicate
    done = client.post("/import/", {"document": SimpleUploadedFile("revised.txt", REVISED), "supersede": "on"})
    assert done.status_code == 302
    new = Plan.objects.exclude(pk=first.pk).get()
    assert new.supersedes == first
    assert "已被取代" in client.get(f"/plans/{first.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
