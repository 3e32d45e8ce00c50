"""The ranking pages (排名): the saved rankings and an ad-hoc one, the ranking table (sortable, with
its chart, the periods before and after and its workbook), the coordinator's editing of the saved
rankings, and the fragments the air area pages, a plan's targets, the leader's overview and the
coordinator's month load with htmx (those apps sit below or beside this one and never import it).

Access: the policy's "ranking" kind — staff read every ranking, the coordinator keeps the saved ones."""
from __future__ import annotations

from datetime import date, timedelta
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecoplan.plans.access import CHANGE, access, check, may
from ecoplan.plans.models import Area
from ecoplan.plans.params import parse, parsed
from ecoplan.reporting.periods import Period, PeriodError, latest_complete
from ecoplan.spreadsheets import append_row, xlsx_response

from . import actions, table
from .access import access_metric, rankable, review_states
from .engine import AreaRanking, RankingError, rank_areas, run_definition
from .flags import run_saved
from .forms import DefinitionForm, FragmentForm, PeriodForm, RunForm
from .models import RankingDefinition, metric_choices

AREA_METRIC = "pm25"  # the ranking an air area page shows: PM2.5, the one every plan targets


def refused(view):
    """View decorator: a ranking that cannot be made as asked (a period not started, a level without
    its area, a period no date holds …) answers 400 with the engine's reason, like a bad parameter."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (RankingError, PeriodError) as exc:
            said = exc.translated(_) if isinstance(exc, PeriodError) else str(exc)
            return render(request, "plans/bad_request.html", {"errors": [("", said)], "names": []}, status=400)

    return wrapped


def _definitions():
    return RankingDefinition.objects.select_related("area")


@login_required
@parsed
def index(request):
    """The saved rankings with their latest complete period, and the form of an ad-hoc one."""
    check(request.user, "ranking")
    today = timezone.localdate()
    labels = dict(metric_choices())
    allowed = {m.code for m in rankable(request.user)}
    saved = [(d, latest_complete(d.span, today), labels.get(d.metric, d.metric)) for d in _definitions()
             if d.metric in allowed]
    return render(request, "rankings/index.html", {
        "saved": saved, "form": RunForm(user=request.user, initial={"span": "month", "area": Area.objects.filter(
            kind=Area.Kind.DISTRICT).order_by("pk").values_list("pk", flat=True).first()}),
        "can_change": may(request.user, "ranking", CHANGE)})


@login_required
@parsed
@refused
def definition(request, pk: int):
    """A saved ranking for ``?period=`` (its latest complete period without one)."""
    found = access(request.user, "ranking", pk, queryset=_definitions())
    metric = access_metric(request.user, found.metric)
    query = parse(PeriodForm, request.GET, span=found.span)
    result = run_definition(found, query["period"], review_states=review_states(request.user, metric))
    base = reverse("rankings:definition", args=[found.pk])
    return _table(request, result, found.name, found.order, query, base, {}, definition=found)


@login_required
@parsed
@refused
def run(request):
    """An ad-hoc ranking: /rankings/run/?area=&metric=&period=&span=&level=&order=&bottom_n=&top_n=."""
    check(request.user, "ranking")
    query = parse(RunForm, request.GET, user=request.user)
    metric = access_metric(request.user, query["metric"])  # the form offers no other: 404 all the same
    result = rank_areas(query["area"], query["metric"], query["period"], level=query["level"],
                        bottom_n=query["bottom_n"], top_n=query["top_n"], rounding=query["rounding"],
                        order=query["order"], exclude_dust=query["exclude_dust"],
                        review_states=review_states(request.user, metric))
    kept = {k: v for k, v in request.GET.items() if k in RunForm.base_fields and k not in ("period", "format")}
    title = _("%(metric)s of %(area)s") % {"metric": _(result.metric.label),
                                          "area": query["area"].name if query["area"] else _("all districts")}
    return _table(request, result, title, query["order"], query, reverse("rankings:run"), kept)


def _table(request, result: AreaRanking, title: str, order: str, query: dict, base: str, kept: dict,
           definition: RankingDefinition | None = None):
    period = result.period
    if query["format"] == "xlsx":
        return _export(result, title)
    today = timezone.localdate()
    before, after = period.previous(), period.next()

    def link(p: Period | None, **extra) -> str:
        return f"{base}?{urlencode({**kept, 'period': str(p), **extra})}" if p is not None else ""

    return render(request, "rankings/ranking.html", {
        "title": title, "result": result, "rows": table.rows(result), "chart": table.chart(result, order),
        "order": order, "definition": definition, "period": period,
        "previous_url": link(before), "next_url": link(after) if after and after.end < today else "",
        "xlsx_url": link(period, format="xlsx"),
        "can_change": definition is not None and may(request.user, "ranking", CHANGE)})


def _export(result: AreaRanking, title: str):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = result.period.zh
    read_to = result.window.end if result.window else result.as_of  # the last day read, as the rule says
    append_row(sheet, [title, result.period.zh, _("as of") + f" {read_to:%Y-%m-%d}"])
    append_row(sheet, [str(result.rule)])
    append_row(sheet, table.headers())
    for row in table.sheet_rows(result):
        append_row(sheet, row)
    return xlsx_response(book, f"ranking-{result.metric.code}-{result.period}.xlsx")


# --- the coordinator keeps the saved rankings -------------------------------------------------------

@login_required
@parsed
def definition_new(request):
    check(request.user, "ranking", CHANGE)
    return _edit(request, None)


@login_required
@parsed
def definition_edit(request, pk: int):
    return _edit(request, access(request.user, "ranking", pk, CHANGE, queryset=_definitions()))


def _edit(request, found: RankingDefinition | None):
    form = DefinitionForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.do_save_definition(request.user, found,
                                               **{f: form.cleaned_data[f] for f in actions.FIELDS})
        except actions.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Ranking “%(name)s” saved.") % {"name": saved.name})
            return redirect("rankings:definition", saved.pk)
    return render(request, "rankings/edit.html", {"form": form, "definition": found},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def definition_delete(request, pk: int):
    found = access(request.user, "ranking", pk, CHANGE, queryset=_definitions())
    actions.do_delete_definition(request.user, found)
    messages.success(request, _("Ranking “%(name)s” deleted.") % {"name": found.name})
    return redirect("rankings:index")


# --- fragments where people look (htmx; without htmx, a page) -----------------------------------------

def _fragment(request, partial: str, context: dict):
    context["partial"] = partial
    template = partial if request.headers.get("HX-Request") else "rankings/fragment.html"
    return render(request, template, context)


def _area_ranking(parent: Area, period: Period) -> tuple[AreaRanking, RankingDefinition | None]:
    """The district's PM2.5 ranking: its saved one when the bureau keeps one, else by the metric's rule."""
    saved = _definitions().filter(area=parent, metric=AREA_METRIC, span="month", active=True).first()
    return (run_definition(saved, period), saved) if saved else (rank_areas(parent, AREA_METRIC, period), None)


@parsed
@refused
def area_fragment(request, pk: int):
    """On an air area page: a district's sub-areas ranked on PM2.5 for ``?period=`` (the latest month
    of data), or a sub-area's own place in its district's ranking."""
    check(request.user, "ranking")
    area = access(request.user, "area", pk, queryset=Area.objects.select_related("parent"))
    query = parse(PeriodForm, request.GET, span="month")
    parent = area if area.parent_id is None else area.parent
    result, saved = _area_ranking(parent, query["period"])
    rows = table.rows(result)
    own = None if area.parent_id is None else next((r for r in rows if r.key == str(area.pk)), None)
    return _fragment(request, "rankings/_area.html", {
        "area": area, "result": result, "rows": rows, "own": own, "definition": saved,
        "full_url": _full_url(saved, parent, query["period"])})


def _full_url(saved: RankingDefinition | None, parent: Area | None, period: Period) -> str:
    if saved is not None:
        return f"{reverse('rankings:definition', args=[saved.pk])}?period={period}"
    query = {"metric": AREA_METRIC, "period": str(period), "span": period.span}
    if parent is not None:
        query["area"] = str(parent.pk)
    return f"{reverse('rankings:run')}?{urlencode(query)}"


def _as_of(query: dict) -> date:
    """The day the fragment ranks by: the page's ``as_of`` (its latest complete periods), else today."""
    return (query["as_of"] + timedelta(days=1)) if query.get("as_of") else timezone.localdate()


@parsed
@refused
def plan_fragment(request, pk: int):
    """On a plan's targets page: the saved rankings of the plan's district for their latest complete
    period (the PM2.5 ranking of its sub-areas when none is saved)."""
    check(request.user, "ranking")
    plan = access(request.user, "plan", pk)
    query = parse(FragmentForm, request.GET)
    day = _as_of(query)
    saved = run_saved(request.user, list(_definitions().filter(active=True, area_id=plan.district_id)), day)
    results: list[tuple[RankingDefinition | None, AreaRanking, list[table.Row], str]] = [
        (d, r, table.rows(r), f"{reverse('rankings:definition', args=[d.pk])}?period={r.period}") for d, r in saved]
    if not results and plan.district_id is not None:
        period = latest_complete("month", day)
        district = Area.objects.get(pk=plan.district_id)
        result = rank_areas(district, AREA_METRIC, period)
        results = [(None, result, table.rows(result), _full_url(None, district, period))]
    return _fragment(request, "rankings/_plan.html", {"plan": plan, "results": results})


@parsed
@refused
def flags(request):
    """排名靠后: the bottom-N sub-areas of each active saved ranking (of ``?area=`` districts, or all),
    for its latest complete period — the flags the leader's overview and the coordinator's month show,
    and inspection targets (对空气质量排名靠后的街道加大督查检查力度)."""
    check(request.user, "ranking")
    query = parse(FragmentForm, request.GET)
    definitions = _definitions().filter(active=True, bottom_n__gt=0)
    if query["area"]:
        definitions = definitions.filter(area_id__in=query["area"])
    flagged = []
    for d, result in run_saved(request.user, list(definitions), _as_of(query)):
        bottom = [row for row in table.rows(result) if row.bottom]
        flagged.append((d, result, bottom, f"{reverse('rankings:definition', args=[d.pk])}?period={result.period}"))
    return _fragment(request, "rankings/_flags.html", {"flagged": flagged})
