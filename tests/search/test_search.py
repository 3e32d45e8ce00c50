"""GET /search/?q=…: each kind found by a phrase of its text, short Chinese queries, phrases across
punctuation, access by role, FTS syntax as plain text, the index kept right on save, import, delete."""
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Measure, Organisation, ReviewItem, Task
from ecoplan.search.models import Entry
from ecoplan.search.query import MAX_QUERY, normalise, search
from ecoplan.supervision import actions

from ..conftest import DEMO
from .conftest import client_for


def kinds_found(user, phrase) -> set[str]:
    return set(search(user or AnonymousUser(), normalise(phrase)).values_list("kind", flat=True))


def write_report(world):
    """Unit A reports progress and is returned with a comment; a review item gets its resolution."""
    report = world["report_a"]
    entry = report.entries.first()
    actions.do_save_report(report, world["reporter_a"], report.version,
                           {entry.measure_id: {"status": "in_progress", "narrative": "已完成涂料抽检十二组，均合格"}})
    report.refresh_from_db()
    actions.do_submit_report(report, world["reporter_a"], report.version)
    actions.do_return_report(report, world["coordinator"], "请补充抽检报告编号")
    item = ReviewItem.objects.filter(plan=world["plan"]).first()
    plan_actions.do_resolve_review_item(item, world["coordinator"], ReviewItem.Status.RESOLVED, "已与市局核实里程碑安排")
    return report, item


@pytest.mark.parametrize("phrase, kind", [
    ("污染防治攻坚战", "plan"),
    ("促进油品储运环节减排", "task"),
    ("开展施工工地扬尘专项检查", "measure"),
    ("区市场监管局", "unit"),
    ("优良天数比率", "target"),
    ("without milestones", "review_item"),  # the importer's message (English) …
    ("", None),  # … and as the Chinese page shows it (filled in below)
    ("请补充抽检报告编号", "report"),
    ("涂料抽检十二组", "progress"),
    ("核实里程碑", "review_note"),
])
def test_each_kind_is_found_by_a_phrase_of_its_text(world, phrase, kind):
    write_report(world)
    if kind is None:  # the review message as the Chinese page shows it
        item = ReviewItem.objects.get(plan=world["plan"], kind="deadline_milestones")
        from django.utils import translation
        with translation.override("zh-hans"):
            phrase, kind = item.display_message[-8:], "review_item"
    assert kind in kinds_found(world["coordinator"], phrase)
    page = client_for(world["coordinator"]).get("/search/", {"q": phrase, "kind": kind})
    assert page.status_code == 200
    entry = page.context["results"][0]["entry"]
    assert entry.kind == kind and f'href="{escape(entry.url)}"' in page.content.decode()
    assert client_for(world["coordinator"]).get(entry.url.split("#")[0]).status_code == 200  # the link opens


def test_two_character_chinese_queries_use_like(world):
    assert {"measure", "task"} <= kinds_found(None, "扬尘")
    assert "measure" in kinds_found(None, "裸地")
    assert "measure" in kinds_found(None, "尘")
    page = client_for().get("/search/", {"q": "扬尘"})
    assert page.status_code == 200 and "<mark>扬尘</mark>" in page.content.decode()


def test_a_phrase_across_punctuation_and_widths(world):
    """Printed 改善成效，PM2.5 年均: typed with a half-width comma, in lower case, without the space."""
    for phrase in ("改善成效，PM2.5 年均", "改善成效,pm2.5年均", "（扣除沙尘影响）"):
        assert "measure" in kinds_found(None, phrase), phrase
    page = client_for().get("/search/", {"q": "改善成效,pm2.5年均", "kind": "measure"}).content.decode()
    marked = re.findall(r"<mark>(.*?)</mark>", page)
    assert marked and all(m.startswith("改善成效，PM2.5") and m.endswith("年均") for m in marked), marked


def test_each_role_finds_what_the_access_policy_lets_it_see(world):
    write_report(world)
    other = world["report_b"]
    entry = other.entries.first()
    actions.do_save_report(other, world["reporter_b"], other.version,
                           {entry.measure_id: {"status": "in_progress", "narrative": "管网改造已完成三公里"}})
    plan_content = {"plan", "task", "measure", "unit", "target", "review_item"}
    everything = plan_content | {"report", "progress", "review_note"}
    for role in ("coordinator", "leader", "auditor"):
        assert kinds_found(world[role], "抽检") | kinds_found(world[role], "核实里程碑") >= {"progress", "report", "review_note"}
        assert "progress" in kinds_found(world[role], "管网改造已完成")
    # a reporter: its own unit's reports, not another unit's
    assert {"progress", "report"} <= kinds_found(world["reporter_a"], "抽检")
    assert "progress" not in kinds_found(world["reporter_a"], "管网改造已完成")
    assert "progress" in kinds_found(world["reporter_b"], "管网改造已完成")
    assert "progress" not in kinds_found(world["reporter_b"], "涂料抽检")
    # the public: published plan content, no reports, no review notes
    public = kinds_found(None, "抽检") | kinds_found(None, "核实里程碑") | kinds_found(None, "区市场监管局")
    assert public <= plan_content and "measure" in public
    assert kinds_found(world["coordinator"], "区市场监管局") >= {"unit", "report"}
    assert everything >= kinds_found(world["coordinator"], "区")
    page = client_for().get("/search/", {"q": "涂料抽检十二组", "kind": "progress"})
    assert page.status_code == 200 and page.context["page"].paginator.count == 0


@pytest.mark.parametrize("query", ['"', '""', "*", "扬尘*", "NEAR(", "NEAR(扬尘 检查)", "-", "扬尘 -检查", "OR",
                                   "扬尘 OR 秸秆", "a:b", "^扬尘", "'; DROP TABLE search_entry; --", "%", "_", "\\",
                                   "{body}: 扬尘", "()", "AND", "NOT 扬尘"])
def test_fts_syntax_is_plain_text(world, query):
    page = client_for().get("/search/", {"q": query})
    assert page.status_code == 200, query
    assert Entry.objects.count() > 0  # nothing dropped


def test_percent_and_underscore_are_literal(world):
    everything = Entry.objects.count()
    assert search(AnonymousUser(), "%").count() < everything
    assert search(AnonymousUser(), "_").count() == 0
    assert "target" in kinds_found(None, "78%")


def test_bad_queries_answer_clearly(world):
    empty = client_for().get("/search/", {"q": "   "})
    assert empty.status_code == 200 and "results" not in empty.context
    long = client_for().get("/search/", {"q": "扬" * 500})
    assert long.status_code == 400
    assert str(MAX_QUERY) in long.content.decode() and 'id="search-errors"' in long.content.decode()
    assert client_for().get("/search/", {"q": "扬尘", "kind": "nonsense"}).status_code == 400
    for page in ("abc", "0", "-1", "99999999999999999999"):
        assert client_for().get("/search/", {"q": "扬尘", "kind": "measure", "page": page}).status_code == 200
    nul = client_for().get("/search/", {"q": "扬尘\x00检查"})  # Django's forms refuse NUL characters
    assert nul.status_code == 400 and 'id="search-errors"' in nul.content.decode()
    nothing = client_for().get("/search/", {"q": "不存在的词语组合"})
    assert nothing.status_code == 200 and 'id="no-results"' in nothing.content.decode()


def test_user_text_is_escaped(world):
    measure = Measure.objects.get(text__contains="建立裸地台账")
    measure.text = "<script>alert(1)</script>建立裸地台账"
    measure.save()
    page = client_for().get("/search/", {"q": "<script>alert"}).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert" in page


def test_the_index_follows_a_save(world):
    measure = Measure.objects.get(text__contains="建立裸地台账")
    measure.text = "建立裸露土地动态台账，按月更新"
    measure.save()
    assert "measure" in kinds_found(None, "裸露土地动态台账")
    assert "measure" not in kinds_found(None, "建立裸地台账")
    unit = Organisation.objects.get(name="区市场监管局")
    unit.aliases.create(alias="演示区市场监督管理局")
    assert "unit" in kinds_found(None, "市场监督管理局")


def test_the_index_follows_an_import_and_a_delete(world):
    """The importer writes in bulk; the import re-indexes its plan in its own transaction, and
    deleting the plan deletes its rows (and their trigram entries)."""
    plan = world["plan"]
    measures = Measure.objects.filter(task__annex__plan=plan).count()
    assert Entry.objects.filter(kind="measure", plan=plan).count() == measures
    assert Entry.objects.filter(kind="task", plan=plan).count() == Task.objects.filter(annex__plan=plan).count()
    write_report(world)
    # a plan with reports is deleted with its cycles (the reports PROTECT nothing of the plan)
    from ecoplan.supervision.models import ReportEntry, ReportingCycle
    ReportEntry.objects.filter(report__cycle__plan=plan).delete()
    ReportingCycle.objects.filter(plan=plan).delete()
    plan_id = plan.pk
    plan.delete()
    assert not Entry.objects.filter(plan_id=plan_id).exists()
    assert Entry.objects.filter(kind="unit").exists()  # units outlive a plan
    assert kinds_found(world["coordinator"], "开展施工工地扬尘专项检查") == set()
    assert kinds_found(world["coordinator"], "涂料抽检十二组") == set()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"开展施工\"'")
            assert cursor.fetchone()[0] == 0


def test_reindex_command_rebuilds_the_same_index(world, capsys):
    write_report(world)
    before = sorted(Entry.objects.values_list("kind", "object_id", "body", "url"))
    Entry.objects.all().delete()
    call_command("search", "--reindex")
    assert "indexed" in capsys.readouterr().out
    assert sorted(Entry.objects.values_list("kind", "object_id", "body", "url")) == before
    call_command("search", "--reindex", "--plan", str(world["plan"].pk))
    assert sorted(Entry.objects.values_list("kind", "object_id", "body", "url")) == before
    call_command("search", "扬尘")
    assert "/plans/" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("search", "--reindex", "--plan", "999999")
    with pytest.raises(CommandError):
        call_command("search")


def test_results_are_grouped_with_counts_and_paged(world):
    page = client_for(world["coordinator"]).get("/search/", {"q": "区"})
    groups = {code: n for code, _, n in page.context["groups"]}
    assert groups["unit"] == Entry.objects.filter(kind="unit", body__contains="区").count()
    assert page.context["total"] == sum(groups.values())
    assert all(len(results) <= 5 for *_, results in page.context["overview"])
    many = client_for(world["coordinator"]).get("/search/", {"q": "区", "kind": "unit"})
    assert len(many.context["results"]) == min(20, groups["unit"])


def test_query_count_is_bounded(world, django_assert_max_num_queries):
    write_report(world)
    for user in (None, world["reporter_a"], world["coordinator"]):
        client = client_for(user)
        for params in ({"q": "区"}, {"q": "扬尘管控"}, {"q": "区", "kind": "measure", "page": "2"}):
            with django_assert_max_num_queries(8):
                assert client.get("/search/", params).status_code == 200


def test_a_second_import_is_indexed_too(world):
    """Reindexing one plan leaves the other plans' rows alone."""
    before = Entry.objects.filter(plan=world["plan"]).count()
    data = DEMO.read_bytes().replace("演示区".encode(), "样例区".encode())
    other = plan_actions.import_document(data, "other.txt")[1]
    assert Entry.objects.filter(plan=world["plan"]).count() == before
    assert Entry.objects.filter(plan=other, kind="measure").count() == Measure.objects.filter(task__annex__plan=other).count()


def test_reported_progress_shows_its_measure(world):
    report = world["report_a"]
    entry = report.entries.select_related("measure").first()
    with CaptureQueriesContext(connection) as queries:
        actions.do_save_report(report, world["reporter_a"], report.version,
                               {entry.measure_id: {"status": "in_progress", "narrative": "抽检工作按月推进"}})
    # the saved entry costs the index one upsert, and nothing else (no lookups per entry)
    assert len([q for q in queries.captured_queries if "search_entry" in q["sql"]]) == 1
    assert len(queries.captured_queries) <= 14
    page = client_for(world["coordinator"]).get("/search/", {"q": "抽检工作按月推进"}).content.decode()
    assert escape(entry.measure.text[:20]) in page
