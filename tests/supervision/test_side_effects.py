"""Side effects (e-mail) run after the commit: a rolled-back action sends nothing."""
from datetime import date

import pytest
from django.core import mail
from django.db import transaction

from ecoplan.supervision import actions
from ecoplan.supervision.models import Notification


class Boom(Exception):
    pass


def _submitted(world):
    report = world["report_a"]
    return actions.do_submit_report(report, world["reporter_a"], report.version)


def test_return_mails_the_unit_only_after_the_commit(world, django_capture_on_commit_callbacks):
    report = _submitted(world)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.do_return_report(report, world["coordinator"], "add the sampling figures")
        assert mail.outbox == []  # nothing sent inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["rep_a@example.org"]]


def test_a_rolled_back_return_sends_no_mail(world, django_capture_on_commit_callbacks):
    report = _submitted(world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Boom), transaction.atomic():
            actions.do_return_report(report, world["coordinator"], "add the sampling figures")
            raise Boom  # e.g. a later step of the same request fails
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.filter(kind="report_returned").exists()


def test_rolled_back_reminders_send_no_mail(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Boom), transaction.atomic():
            assert actions.do_send_reminders(date(2026, 6, 1))["report_due"] >= 2
            raise Boom
    assert callbacks == [] and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_send_reminders(date(2026, 6, 1))
    assert any("rep_a@example.org" in m.to for m in mail.outbox)
