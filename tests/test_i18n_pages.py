"""The zh-hans UI shows words, not codes: the main pages rendered as each role, with a report
returned and accepted, reminders sent, targets of every period kind and a year of air data."""
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.test import Client

from ecoplan.monitoring import demo as air_demo
from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Area, Organisation, Target
from ecoplan.supervision import actions
from ecoplan.supervision.models import Role

from .conftest import DEMO
from .supervision.conftest import make_user

pytestmark = pytest.mark.django_db

# codes and English phrases once seen on zh-hans pages (issue #7, point 4); whole words of the text
RAW = ["improve", "not_worse", "municipal", "reduce_by", "qualitative", "year", "by 2025", "by 2026",
       "cumulative", "timely_reporting", "done_on_time", "targets_met", "Good-day ratio", "working-day",
       "report_returned", "report_due", "measure_due", "escalation", "in_progress", "not_started",
       "not_due", "blocked", "done", "tab_table", "table header", "notice text", "narrative", "preamble",
       "already imported", "nothing due", "re-weighted", "Version", "Submission", "annexes", "skipped",
       "met", "on track", "at risk", "missed", "the period", "mean to date", "good days", "heavy"]


class Visible(HTMLParser):
    """The text a reader sees: data outside <script>/<style>, and placeholders and titles."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")
        self.parts += [v for k, v in attrs if k in ("placeholder", "title") and v]

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = Visible()
    parser.feed(html)
    return "\n".join(parser.parts)


@pytest.fixture
def world(settings, tmp_path):
    settings.DATA_DIR = settings.MEDIA_ROOT = tmp_path
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    air_demo.load(tmp_path / "air", date(2026, 2, 28))
    # every period kind the importers write
    targets = list(plan.targets.order_by("order"))
    for target, period in zip(targets, ["by 2025", "cumulative 2021-2025", "Q1", "cumulative", "2016-2020"]):
        Target.objects.filter(pk=target.pk).update(period=period)
    market = Organisation.objects.get(name="区市场监管局")
    users = {"coordinator": make_user("coord", Role.COORDINATOR), "reporter": make_user("rep", Role.REPORTER, market),
             "auditor": make_user("aud", Role.AUDITOR), "leader": make_user("lead", Role.LEADER, person_name="王一")}
    cycle = actions.do_open_cycle(plan, date(2026, 5, 1))
    report = cycle.reports.get(organisation=market)
    actions.do_save_report(report, users["reporter"], report.version,
                           {e.measure_id: {"status": s, "narrative": "进展"} for e, s in
                            zip(report.entries.all(), ["in_progress", "not_started", "done", "blocked", "not_due"])})
    report.refresh_from_db()
    actions.do_submit_report(report, users["reporter"], report.version)
    actions.do_return_report(report, users["coordinator"], "请补充")
    actions.do_send_reminders(today=date(2026, 6, 30))
    return {"plan": plan, "cycle": cycle, "report": report, **users}


def pages(world):
    plan, report = world["plan"], world["report"]
    district = Area.objects.get(name="演示区", parent=None)
    reported = plan.targets.get(indicator_code="water_use_per_gdp").pk  # reported values (evaluation)
    public = ["/", f"/plans/{plan.pk}/", f"/plans/{plan.pk}/report/", "/review/", "/organisations/", "/air/",
              f"/air/areas/{district.pk}/?year=2026", "/air/stations/DEMO01/?year=2026",
              f"/evaluation/plans/{plan.pk}/?as_of=2026-02-28"]
    return {
        None: public,
        "coordinator": ["/supervision/", f"/supervision/plans/{plan.pk}/cycles/", f"/supervision/cycles/{world['cycle'].pk}/",
                        f"/supervision/reports/{report.pk}/", f"/supervision/plans/{plan.pk}/assessment/",
                        f"/supervision/plans/{plan.pk}/measures/overdue/", "/supervision/notifications/",
                        f"/supervision/plans/{plan.pk}/month/", f"/supervision/plans/{plan.pk}/month/targets/",
                        "/lexicon/", "/lexicon/add/", "/evaluation/reported/",
                        f"/evaluation/plans/{plan.pk}/reported/", f"/evaluation/targets/{reported}/"],
        "reporter": ["/supervision/", f"/supervision/reports/{report.pk}/", "/supervision/notifications/",
                     "/evaluation/reported/", f"/evaluation/targets/{reported}/"],
        "auditor": ["/supervision/", f"/supervision/plans/{plan.pk}/assessment/", f"/supervision/plans/{plan.pk}/month/"],
        "leader": ["/supervision/"],
    }


def test_main_pages_in_zh_hans_show_no_raw_codes_or_english(world):
    seen = []
    for role, urls in pages(world).items():
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        if role:
            client.force_login(world[role])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            text = visible(response.content.decode())
            seen += [f"{role or 'anonymous'} {url}: {word!r}" for word in RAW
                     if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
            seen += [f"{role or 'anonymous'} {url}: {code!r}" for code in re.findall(r"\b[a-z]+_[a-z_]+\b", text)]
    assert seen == []


def test_the_same_pages_in_english_keep_the_words(world):
    """The labels are translations, not hard-coded Chinese: English readers get English."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world["coordinator"])
    plan = world["plan"]
    detail = visible(client.get(f"/plans/{plan.pk}/").content.decode())
    assert "improve year on year" in detail and "by 2025" in detail
    assessment = visible(client.get(f"/supervision/plans/{plan.pk}/assessment/").content.decode())
    assert "reports on time" in assessment
