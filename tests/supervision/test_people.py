"""People in the product: the coordinator invites, changes, deactivates, reactivates accounts and
issues password links; each refusal changes nothing; the auditor reads; other roles get a 404;
every change is in the audit trail."""
import re

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from ecoplan.plans.models import Assignment
from ecoplan.supervision import actions
from ecoplan.supervision.actions import Refused
from ecoplan.supervision.models import ApiToken, Profile, Role

from .conftest import make_user

PEOPLE = "/supervision/people/"


def signed_in(username):
    client = Client()
    client.login(username=username, password="pw-123456")
    return client


def events(user):
    return [e.additional_data.get("event") for e in LogEntry.objects.filter(
        content_type__model="user", object_id=user.pk).order_by("pk")]


def set_password_through(link_path, password="Lüfthansa-Blau-42"):
    """What the invited person does with the link: open it, set a password (Django's view)."""
    client = Client()
    page = client.get(link_path, follow=True)
    assert page.status_code == 200 and 'id="set-password"' in page.content.decode()
    done = client.post(page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password},
                       follow=True)
    assert 'id="password-set"' in done.content.decode()
    return password


# -- the actions -----------------------------------------------------------------------------
def test_invite_a_reporter_creates_an_account_without_password_and_a_one_time_link(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        link = actions.do_invite_user(world["coordinator"], username="zhang.san", full_name="张三", role=Role.REPORTER,
                                      organisation=world["water"], email="zhang@example.org",
                                      request_host="http://ecoplan.local")
    user = User.objects.get(username="zhang.san")
    assert not user.has_usable_password() and not user.is_staff and user.first_name == "张三"
    assert (user.profile.role, user.profile.organisation) == (Role.REPORTER, world["water"])
    assert link.path.startswith("/accounts/reset/") and link.emailed
    assert len(mail.outbox) == 1 and "http://ecoplan.local" + link.path in mail.outbox[0].body
    password = set_password_through(link.path)
    assert signed_in_with(user.username, password)
    # once used, the link no longer works
    assert 'id="invalid-link"' in Client().get(link.path, follow=True).content.decode()
    assert {"user_created", "role_set", "password_link_issued"} <= set(events(user)) | {
        e.additional_data.get("event") for e in LogEntry.objects.filter(content_type__model="profile")}
    created = LogEntry.objects.get(content_type__model="user", object_id=user.pk, additional_data__event="user_created")
    assert created.actor is None or created.actor == world["coordinator"]  # outside a request: no request actor
    issued = LogEntry.objects.get(object_id=user.pk, additional_data__event="password_link_issued")
    assert issued.actor == world["coordinator"]


def signed_in_with(username, password):
    return Client().login(username=username, password=password)


def test_without_e_mail_nothing_is_sent(world):
    link = actions.do_invite_user(world["coordinator"], username="li", full_name="李四", role=Role.AUDITOR)
    assert not link.emailed and mail.outbox == []


@pytest.mark.parametrize("fields, message", [
    ({"username": "rep_a"}, "已被占用"),
    ({"username": "REP_A"}, "已被占用"),
    ({"username": "has space"}, "用户名"),
    ({"username": ""}, "用户名"),
    ({"organisation": None}, "单位"),
    ({"role": Role.LEADER, "organisation": None}, "牵头领导"),
    ({"role": "boss"}, "角色"),
    ({"email": "not-an-address"}, "电子邮箱"),
])
def test_a_bad_invite_is_refused_and_creates_nothing(world, fields, message):
    before = (User.objects.count(), Profile.objects.count(), LogEntry.objects.count())
    data = {"username": "new", "full_name": "新人", "role": Role.REPORTER, "organisation": world["market"], **fields}
    with pytest.raises(Refused, match=message), translation.override("zh-hans"):
        actions.do_invite_user(world["coordinator"], **data)
    assert (User.objects.count(), Profile.objects.count(), LogEntry.objects.count()) == before


def test_change_role_unit_and_person_name(world):
    user = world["reporter_a"]
    actions.do_change_user(world["coordinator"], user, role=Role.REPORTER, organisation=world["water"],
                           person_name="ignored for reporters", full_name="甲")
    user.refresh_from_db()
    assert (user.profile.organisation, user.profile.person_name, user.first_name) == (world["water"], "", "甲")
    actions.do_change_user(world["coordinator"], user, role=Role.LEADER, organisation=None, person_name="李明")
    assert Profile.objects.get(user=user).role == Role.LEADER
    profile_entries = LogEntry.objects.filter(content_type__model="profile", object_id=user.profile.pk,
                                              action=LogEntry.Action.UPDATE, additional_data__event="role_set")
    assert profile_entries.count() == 2
    assert "organisation" in profile_entries.order_by("pk").first().changes_dict
    assert "first_name" in LogEntry.objects.filter(content_type__model="user", object_id=user.pk).last().changes_dict


def test_a_refused_change_changes_nothing(world):
    user = world["reporter_a"]
    with pytest.raises(Refused):
        actions.do_change_user(world["coordinator"], user, role=Role.REPORTER, organisation=None, full_name="x")
    with pytest.raises(Refused):
        actions.do_change_user(world["coordinator"], user, role=Role.LEADER, organisation=None, person_name=" ")
    user.refresh_from_db()
    assert (user.profile.role, user.profile.organisation, user.first_name) == (Role.REPORTER, world["market"], "")


def test_the_last_active_coordinator_is_neither_demoted_nor_deactivated(world):
    coordinator = world["coordinator"]
    with pytest.raises(Refused, match="最后一名在用的协调员"):
        actions.do_change_user(coordinator, coordinator, role=Role.AUDITOR, organisation=None)
    second = make_user("coord2", Role.COORDINATOR)
    with pytest.raises(Refused, match="不能停用自己的账号"):
        actions.do_deactivate_user(coordinator, coordinator)
    actions.do_deactivate_user(coordinator, second)
    with pytest.raises(Refused, match="最后一名在用的协调员"):  # the other one is deactivated
        actions.do_change_user(coordinator, coordinator, role=Role.AUDITOR, organisation=None)
    actions.do_reactivate_user(coordinator, second)
    actions.do_change_user(coordinator, coordinator, role=Role.AUDITOR, organisation=None)  # now allowed
    assert Profile.objects.get(user=coordinator).role == Role.AUDITOR
    with pytest.raises(Refused, match="最后一名在用的协调员"):
        actions.do_deactivate_user(coordinator, second)


def test_superusers_are_left_to_the_admin(world):
    root = User.objects.create_superuser("root", password="pw-123456")
    for do in (actions.do_deactivate_user, actions.do_reset_password):
        with pytest.raises(Refused, match="超级用户"):
            do(world["coordinator"], root)
    with pytest.raises(Refused, match="超级用户"):
        actions.do_change_user(world["coordinator"], root, role=Role.REPORTER, organisation=world["market"])


def test_a_deactivated_user_loses_session_token_and_links_for_good(world):
    user = world["reporter_a"]
    session = signed_in("rep_a")
    key = ApiToken.issue(user)

    api = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert session.get("/supervision/").status_code == 200
    assert Client().get("/api/v1/reports", **api).status_code == 200
    actions.do_deactivate_user(world["coordinator"], user)
    assert session.get("/supervision/").status_code == 302  # signed out: to the sign-in page
    assert Client().get("/api/v1/reports", **api).status_code == 401
    assert not ApiToken.objects.get(user=user).is_valid()
    assert not Client().login(username="rep_a", password="pw-123456")
    assert "user_deactivated" in events(user)
    with pytest.raises(Refused):
        actions.do_deactivate_user(world["coordinator"], user)
    with pytest.raises(Refused, match="重新启用"):
        actions.do_reset_password(world["coordinator"], user)
    actions.do_reactivate_user(world["coordinator"], user)
    assert "user_reactivated" in events(user)
    # reactivated, nothing of before comes back: not the session, the token, the password or a link
    assert session.get("/supervision/").status_code == 302
    assert Client().get("/api/v1/reports", **api).status_code == 401
    assert not Client().login(username="rep_a", password="pw-123456")
    user.refresh_from_db()  # the link is made from the account as stored (its last sign-in among it)
    assert signed_in_with("rep_a", set_password_through(actions.do_reset_password(world["coordinator"], user).path))


def test_a_password_link_not_used_before_the_deactivation_is_dead(world):
    user = world["reporter_a"]
    pending = actions.do_reset_password(world["coordinator"], user)
    actions.do_deactivate_user(world["coordinator"], user)
    page = Client().get(pending.path, follow=True).content.decode()
    assert 'id="set-password"' not in page and 'name="new_password1"' not in page


def test_reset_password_ends_the_old_password_and_lifts_a_lockout(world):
    user = world["reporter_a"]
    key = ApiToken.issue(user)
    AccessAttempt.objects.create(username="rep_a", ip_address="10.0.0.9", user_agent="x", http_accept="*/*",
                                 path_info="/accounts/login/", get_data="", post_data="", failures_since_start=5)
    from ecoplan.supervision.views_people import locked_out
    assert locked_out(["rep_a", "rep_b"]) == {"rep_a"}
    link = actions.do_reset_password(world["coordinator"], user)
    assert locked_out(["rep_a"]) == set() and not AccessAttempt.objects.filter(username="rep_a").exists()
    assert not Client().login(username="rep_a", password="pw-123456")
    assert Client().get("/api/v1/reports", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    password = set_password_through(link.path)
    assert signed_in_with("rep_a", password)
    assert events(user).count("password_link_issued") == 1


def test_an_older_link_stops_working_when_a_newer_password_is_set(world):
    first = actions.do_reset_password(world["coordinator"], world["reporter_a"])
    second = actions.do_reset_password(world["coordinator"], world["reporter_a"])
    set_password_through(second.path)
    assert 'id="invalid-link"' in Client().get(first.path, follow=True).content.decode()


# -- the pages -------------------------------------------------------------------------------
@pytest.mark.parametrize("username, status", [
    ("coord", 200), ("auditor", 200), ("rep_a", 404), ("leader", 404)])
def test_the_people_page_by_role(world, username, status):
    page = signed_in(username).get(PEOPLE)
    assert page.status_code == status
    if status == 200:
        assert "rep_a" in page.content.decode()
        assert ('id="invite-link"' in page.content.decode()) == (username == "coord")


def test_anonymous_visitors_are_sent_to_sign_in(world):
    assert Client().get(PEOPLE).status_code == 302


@pytest.mark.parametrize("username, status", [("auditor", 403), ("rep_a", 404), ("leader", 404)])
def test_only_the_coordinator_changes_accounts(world, username, status):
    client = signed_in(username)
    target = world["reporter_b"]
    assert client.post(f"{PEOPLE}invite/", {"username": "x", "role": "auditor"}).status_code == status
    assert client.post(f"{PEOPLE}{target.pk}/deactivate/").status_code == status
    assert client.post(f"{PEOPLE}{target.pk}/password-link/").status_code == status
    assert client.post(f"{PEOPLE}{target.pk}/", {"role": "coordinator"}).status_code == status
    target.refresh_from_db()
    assert target.is_active and target.profile.role == Role.REPORTER and not User.objects.filter(username="x").exists()


def test_the_list_filters_searches_and_pages(world):
    client = signed_in("coord")
    for i in range(55):
        make_user(f"bulk{i:02}", Role.REPORTER, world["water"])
    page = client.get(PEOPLE, {"role": "reporter", "unit": world["water"].pk}).content.decode()
    assert "bulk00" in page and "rep_a" not in page and "page 1 of 2" not in page  # zh-hans page
    assert "第 1 页，共 2 页" in page or "1 / 2" in page or "共 2 页" in page
    second = client.get(PEOPLE, {"role": "reporter", "unit": world["water"].pk, "page": 2}).content.decode()
    assert "bulk54" in second and "bulk00" not in second
    found = client.get(PEOPLE, {"q": "leader"}).content.decode()
    assert "leader" in found and "rep_a" not in found
    world["leader"].first_name = "王一"
    world["leader"].save()
    assert "leader" in client.get(PEOPLE, {"q": "王一"}).content.decode()
    assert client.get(PEOPLE, {"unit": "abc"}).status_code == 400


def test_the_list_query_count_does_not_grow_with_accounts(world, django_assert_max_num_queries):
    client = signed_in("coord")
    with CaptureQueriesContext(connection) as few:
        client.get(PEOPLE)
    for i in range(40):
        make_user(f"many{i:02}", Role.REPORTER, world["market"] if i % 2 else world["water"])
    AccessAttempt.objects.create(username="many01", ip_address="10.0.0.9", user_agent="x", http_accept="*/*",
                                 path_info="/accounts/login/", get_data="", post_data="", failures_since_start=5)
    with django_assert_max_num_queries(len(few)) as many:
        page = client.get(PEOPLE)
    assert page.status_code == 200 and page.content.decode().count('class="person"') == 45
    assert page.content.decode().count('<span class="warn">已锁定</span>') == 1
    print(f"people list: {len(many)} queries for 45 accounts, {len(few)} for 5")


def test_invite_through_the_page_shows_the_link(world):
    client = signed_in("coord")
    page = client.post(f"{PEOPLE}invite/", {"username": "wang", "full_name": "王五", "role": "reporter",
                                            "unit": world["market"].pk})
    text = page.content.decode()
    assert page.status_code == 200
    link = re.search(r'id="password-link">http://testserver(/accounts/reset/[^<]+)<', text).group(1)
    assert "72 小时" in text
    user = User.objects.get(username="wang")
    assert user.profile.organisation == world["market"]
    created = LogEntry.objects.get(content_type__model="user", object_id=user.pk, additional_data__event="user_created")
    assert created.actor == world["coordinator"]  # the request's user, recorded by the audit middleware
    set_password_through(link)


def test_a_refused_invite_through_the_page_names_the_reason(world):
    client = signed_in("coord")
    page = client.post(f"{PEOPLE}invite/", {"username": "wang", "role": "reporter"})
    assert page.status_code == 400 and 'id="refused"' in page.content.decode()
    assert "单位" in page.content.decode() and not User.objects.filter(username="wang").exists()
    page = client.post(f"{PEOPLE}invite/", {"username": "rep_a", "role": "auditor"})
    assert page.status_code == 400 and not User.objects.filter(username="rep_a", profile__role="auditor").exists()


def test_the_leader_names_offered_are_those_of_the_plans(world):
    Assignment.objects.filter(role=Assignment.Role.LEAD_OFFICIAL).delete()
    measure = world["plan"].annexes.first().tasks.first().measures.first()
    Assignment.objects.create(measure=measure, role=Assignment.Role.LEAD_OFFICIAL, person_name="周六", printed="周六",
                              order=9)
    page = signed_in("coord").get(f"{PEOPLE}invite/").content.decode()
    assert '<option value="周六">' in page and 'list="lead-officials"' in page


def test_the_account_page_changes_and_deactivates(world):
    client = signed_in("coord")
    target = world["reporter_b"]
    response = client.post(f"{PEOPLE}{target.pk}/", {"role": "reporter", "unit": world["market"].pk, "full_name": "乙"})
    assert response.status_code == 302
    assert Profile.objects.get(user=target).organisation == world["market"]
    client.post(f"{PEOPLE}{target.pk}/deactivate/")
    target.refresh_from_db()
    assert not target.is_active
    assert 'id="reactivate"' in client.get(f"{PEOPLE}{target.pk}/").content.decode()
    refused = client.post(f"{PEOPLE}{world['coordinator'].pk}/deactivate/", follow=True)
    assert "不能停用" in refused.content.decode() or "your own account" in refused.content.decode()
    assert User.objects.get(pk=world["coordinator"].pk).is_active


def test_the_auditor_reads_an_account_without_a_form(world):
    page = signed_in("auditor").get(f"{PEOPLE}{world['reporter_a'].pk}/").content.decode()
    assert 'id="change-account"' not in page and "区市场监管局" in page


def test_the_people_page_is_linked_from_the_coordinators_desk(world):
    assert f'href="{PEOPLE}"' in signed_in("coord").get("/supervision/").content.decode()
    assert f'href="{PEOPLE}"' not in signed_in("rep_a").get("/supervision/").content.decode()


def test_the_password_pages_are_in_chinese(world):
    link = actions.do_reset_password(world["coordinator"], world["reporter_a"])
    client = Client()
    page = client.get(link.path, follow=True)
    assert "设置密码" in page.content.decode() and "Django" not in page.content.decode()
    short = client.post(page.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"})
    assert "密码太短，至少需要 10 个字符" in short.content.decode()
    stale = Client().get("/accounts/reset/MQ/bad-token/").content.decode()
    assert "已失效" in stale or "不再有效" in stale


def test_last_login_is_listed(world):
    User.objects.filter(pk=world["reporter_a"].pk).update(last_login=timezone.now())
    assert timezone.localtime(timezone.now()).strftime("%Y-%m-%d") in signed_in("coord").get(PEOPLE).content.decode()
