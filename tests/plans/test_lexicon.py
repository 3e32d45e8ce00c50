"""The installation's lexicon of unit names: kept by the coordinator on its page, read by the next
import before the packaged lexicon (issue #8, point 3)."""
import pytest
from django.contrib.auth.models import User

from ecoplan.plans import actions
from ecoplan.plans.models import Assignment, LexiconEntry, Profile, ReviewItem, Role

pytestmark = pytest.mark.django_db

PLAN = "\n".join([
    "附件1：某县2024年蓝天保卫战重点任务分工",
    "序号\t重点任务\t工作措施\t完成时限\t牵头单位\t配合单位",
    "1\t扬尘治理\t落实建设工地扬尘在线监测。\t2024年12月底前\t环保局\t县住建局、各乡镇（街道）",
])


def _user(client, name: str, role: str) -> User:
    user = User.objects.create_user(name, password="pw-123456")
    Profile.objects.create(user=user, role=role)
    client.login(username=name, password="pw-123456")
    return user


def test_an_alias_added_on_the_page_resolves_on_the_next_import(client):
    first = actions.import_document(PLAN.encode("utf-8"), "county.txt")[1]
    [item] = ReviewItem.objects.filter(plan=first, kind="unit_unknown")
    assert item.source_text == "环保局" and "without its place" in item.message
    _user(client, "coord", Role.COORDINATOR)
    done = client.post("/lexicon/add/", {"name": "县生态环境局", "kind": "department", "aliases": "环保局\n县环保局"})
    assert done.status_code == 302 and done["Location"] == "/lexicon/"
    entry = LexiconEntry.objects.get(name="县生态环境局")
    assert entry.aliases == ["环保局", "县环保局"] and entry.updated_by.username == "coord"

    second = actions.import_document((PLAN + "\n").encode("utf-8"), "county-revised.txt", supersede=True)[1]
    assert not ReviewItem.objects.filter(plan=second, kind__startswith="unit").exists()
    lead = Assignment.objects.get(measure__task__annex__plan=second, role=Assignment.Role.LEAD_UNIT)
    assert (lead.organisation.name, lead.organisation.kind, lead.printed) == ("县生态环境局", "department", "环保局")


def test_the_coordinator_lists_adds_and_edits(client):
    _user(client, "coord", Role.COORDINATOR)
    page = client.get("/lexicon/").content.decode()
    assert "生态环境部" in page and "省生态环境厅" in page and "/lexicon/add/" in page  # the packaged entries
    prefilled = client.get("/lexicon/add/", {"name": "国家发展改革委"}).content.decode()
    assert "国家发改委" in prefilled  # correcting a packaged entry starts from its data
    client.post("/lexicon/add/", {"name": "区环保分队", "kind": "city_branch", "aliases": ""})
    entry = LexiconEntry.objects.get(name="区环保分队")
    done = client.post(f"/lexicon/{entry.pk}/", {"name": "区环保分队", "kind": "department", "aliases": "环保分队"})
    assert done.status_code == 302
    entry.refresh_from_db()
    assert (entry.kind, entry.aliases) == ("department", ["环保分队"])
    assert "环保分队" in client.get("/lexicon/").content.decode()


@pytest.mark.parametrize("data,error", [
    ({"name": "区 环保局", "kind": "department", "aliases": ""}, "cannot hold spaces"),
    ({"name": "区环保局", "kind": "department", "aliases": "环保局、环境局"}, "cannot hold spaces"),
    ({"name": "区环保局", "kind": "unknown", "aliases": ""}, "Select a valid choice"),
    ({"name": "区环境局", "kind": "department", "aliases": "环保局"}, "is already a name of “县生态环境局”"),
])
def test_bad_entries_are_refused_with_the_reason(client, data, error):
    LexiconEntry.objects.create(name="县生态环境局", kind="department", aliases=["环保局"])
    _user(client, "coord", Role.COORDINATOR)
    response = client.post("/lexicon/add/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and error in response.content.decode()
    assert LexiconEntry.objects.count() == 1


def test_a_reporter_reads_the_lexicon_but_may_not_change_it(client):
    entry = LexiconEntry.objects.create(name="县生态环境局", kind="department", aliases=["环保局"])
    _user(client, "rep", Role.REPORTER)
    page = client.get("/lexicon/").content.decode()
    assert "县生态环境局" in page and "/lexicon/add/" not in page
    assert client.post("/lexicon/add/", {"name": "区环保局", "kind": "department"}).status_code == 403
    assert client.post(f"/lexicon/{entry.pk}/", {"name": "改", "kind": "department"}).status_code == 403
    assert LexiconEntry.objects.count() == 1 and LexiconEntry.objects.get().name == "县生态环境局"


def test_a_lexicon_change_is_in_the_audit_trail(client):
    from auditlog.models import LogEntry

    user = _user(client, "coord", Role.COORDINATOR)
    client.post("/lexicon/add/", {"name": "区环保分队", "kind": "city_branch", "aliases": "环保队"})
    entry = LexiconEntry.objects.get()
    log = LogEntry.objects.get_for_object(entry).get()
    assert log.actor == user
    assert (log.changes_dict["name"][1], log.changes_dict["kind"][1]) == ("区环保分队", "city_branch")


def test_units_imported_before_take_the_kind_the_lexicon_gives_them(client):
    from ecoplan.plans.models import Organisation

    actions.import_document(PLAN.replace("县住建局", "县月球办公室").encode("utf-8"), "county.txt")
    assert Organisation.objects.get(name="环保局").kind == "unknown"
    assert Organisation.objects.get(name="县月球办公室").kind == "department"
    _user(client, "coord", Role.COORDINATOR)
    client.post("/lexicon/add/", {"name": "环保局", "kind": "department", "aliases": ""})
    client.post("/lexicon/add/", {"name": "县月球办公室", "kind": "committee", "aliases": ""})
    assert Organisation.objects.get(name="环保局").kind == "department"
    assert Organisation.objects.get(name="县月球办公室").kind == "committee"


def test_a_broken_packaged_lexicon_fails_the_system_check(tmp_path, monkeypatch):
    from ecoplan.importers import organisations
    from ecoplan.plans.checks import check_lexicon

    assert check_lexicon(None) == []
    broken = tmp_path / "organisations.toml"
    broken.write_text('[[unit]]\nname = "区甲局"\nkind = "bureau"\n', "utf-8")
    monkeypatch.setattr(organisations, "PACKAGED", broken)
    [error] = check_lexicon(None)
    assert error.id == "lexicon.E001" and "区甲局" in error.msg
