"""Regressions met walking the report as each role: an evidence upload lost what was typed; a
"report returned" notice outlived the acceptance; the history said "版本 7" and listed only the
submissions."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ecoplan.supervision import actions
from ecoplan.supervision.models import Notification

from .test_reporting import form, login

pytestmark = pytest.mark.django_db


def test_uploading_evidence_keeps_the_narrative_and_progress_typed(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = world["report_a"]
    entry = a.entries.first()
    login(client, world["reporter_a"])
    data = form(a, status="in_progress", narrative="已抽检 7 组，报告见附件")
    data[f"m{entry.measure_id}-evidence"] = SimpleUploadedFile("抽检报告.pdf", b"%PDF-1.4 ...")
    client.post(f"/supervision/reports/{a.pk}/", {**data, "action": "save"})
    entry.refresh_from_db()
    assert (entry.status, entry.narrative) == ("in_progress", "已抽检 7 组，报告见附件")
    assert [e.name for e in entry.evidence.all()] == ["抽检报告.pdf"]
    # a refused file is reported and still loses nothing typed
    a.refresh_from_db()
    data = form(a, status="done", narrative="全部完成")
    data[f"m{entry.measure_id}-evidence"] = SimpleUploadedFile("run.exe", b"MZ...")
    page = client.post(f"/supervision/reports/{a.pk}/", {**data, "action": "save"}, follow=True,
                       HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    entry.refresh_from_db()
    assert (entry.status, entry.narrative) == ("done", "全部完成") and entry.evidence.count() == 1
    assert "run.exe" in page and "全部完成" in page


def test_the_file_input_accepts_only_evidence_types(world, client):
    login(client, world["reporter_a"])
    page = client.get(f"/supervision/reports/{world['report_a'].pk}/").content.decode()
    accepts = set(re.findall(r'<input type="file"[^>]*accept="([^"]+)"', page))
    assert accepts == {",".join(sorted(actions.EVIDENCE_TYPES))}
    assert 'id="report-form" enctype="multipart/form-data"' in page  # the files go with the typed text


def test_a_returned_notice_is_resolved_when_the_report_is_resubmitted_and_accepted(world, client):
    a, reporter = world["report_a"], world["reporter_a"]
    actions.do_save_report(a, reporter, a.version, {})
    a.refresh_from_db()
    actions.do_submit_report(a, reporter, a.version)
    actions.do_return_report(a, world["coordinator"], "请补充抽检数量")
    notice = Notification.objects.get(user=reporter, kind="report_returned")
    assert notice.read_at is None
    login(client, reporter)
    assert "请补充抽检数量" in client.get("/supervision/").content.decode()
    a.refresh_from_db()
    actions.do_submit_report(a, reporter, a.version)
    notice.refresh_from_db()
    assert notice.read_at is not None  # resubmitted: the notice is done
    assert "请补充抽检数量" not in client.get("/supervision/").content.decode()
    actions.do_accept_report(a, world["coordinator"])
    assert not Notification.objects.filter(user=reporter, kind="report_returned", read_at__isnull=True).exists()


def test_history_lists_submissions_returns_and_acceptance_with_who_and_when(world, client):
    a, reporter, coordinator = world["report_a"], world["reporter_a"], world["coordinator"]
    for _ in range(3):  # drafts bump the lock counter: it must not read as a version
        a.refresh_from_db()
        actions.do_save_report(a, reporter, a.version, {})
    a.refresh_from_db()
    actions.do_submit_report(a, reporter, a.version)
    actions.do_return_report(a, coordinator, "请补充抽检数量")
    a.refresh_from_db()
    actions.do_submit_report(a, reporter, a.version)
    actions.do_accept_report(a, coordinator)
    a.refresh_from_db()
    assert a.version > 2
    login(client, reporter)
    page = client.get(f"/supervision/reports/{a.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    history = page[page.index('id="history"'):]
    rows = re.findall(r'<tr class="history-(\w+)"><td>([^<]*)</td><td>([^<]*)</td>', history)
    assert [(kind, label, by) for kind, label, by in rows] == [
        ("submitted", "第 1 次提交", "rep_a"), ("returned", "已退回", "coord"),
        ("submitted", "第 2 次提交", "rep_a"), ("accepted", "已通过", "coord")]
    assert "请补充抽检数量" in history
    assert "版本" not in page and f"Version {a.version}" not in page
    assert "in_progress" not in history and "not_started" not in history  # statuses as words
