"""Plan registry pages.  Reading the registry is open (the plans are published documents);
importing and resolving review items are the coordinator's (the access policy in access.py)."""
from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecoplan.importers import organisations as lexicon_data
from ecoplan.importers.mapping import ColumnsUnmapped, Preview
from ecoplan.importers.model import PlanImportError
from ecoplan.spreadsheets import xlsx_response

from . import pending, queries
from .access import CHANGE, access, check, may
from .actions import (
    do_resolve_review_item,
    do_save_lexicon_entry,
    do_set_municipal_value,
    do_set_plan_year,
    import_document,
    preview_document,
)
from .export import plan_to_dict, plan_to_xlsx
from .forms import (
    LexiconEntryForm,
    MappingForm,
    MeasureFilterForm,
    MunicipalValueForm,
    PlanYearForm,
    ResolveForm,
    ReviewFilterForm,
    UploadForm,
)
from .models import REVIEW_KINDS, Assignment, ImportRun, LexiconEntry, Organisation, Plan, ReviewItem, Target
from .params import parse, parsed

# Long pages fold (issue #10): a plan with more measures than this shows its annexes closed, each
# with its counts; more targets than the second, its table of targets closed.  A
# filter opens the annexes; a link to #measure-<pk> opens its annex (static/ecoplan/navigation.js).
FOLD_MEASURES_ABOVE = 40
FOLD_TARGETS_ABOVE = 20
# rows per page of the long lists (a unit's measures, the review queue)
PAGE_SIZE = 25
ORG_MEASURE_ORDER = ("task__annex__plan_id", "task__annex__order", "task__order", "order", "pk")


def redirect_next(request, default: str):
    """Back to the page the form came from (`next`), if it is on this site; else to `default`.
    An unchecked `next` would make us an open redirect for phishing links."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


def plan_list(request):
    return render(request, "plans/plan_list.html", {"plans": queries.plans_with_counts()})


@parsed
def plan_detail(request, pk: int):
    plan = access(request.user, "plan", pk, queryset=Plan.objects.select_related("district", "supersedes"))
    form = MeasureFilterForm(request.GET or None)
    units = queries.plan_units(plan)
    form.fields["unit"].widget.choices = [("", _("All units"))] + [(u.pk, u.name) for u in units]
    filters = parse(MeasureFilterForm, request.GET) if request.GET else {}
    organisation = units.filter(pk=filters.get("unit")).first() if filters.get("unit") else None
    rows = queries.measures(plan, organisation=organisation, theme=filters.get("theme") or "",
                            month=filters.get("month") or "", text=filters.get("text") or "")
    targets = list(plan.targets.select_related("area", "annex"))
    context = {"plan": plan, "form": form, "measures": rows, "filtered": bool(filters and any(filters.values())),
               "short": len(rows) <= FOLD_MEASURES_ABOVE,  # (len: the one query the template then reuses)
               "targets": targets, "fold_targets": len(targets) > FOLD_TARGETS_ABOVE,
               "open_review": plan.review_items.filter(status="open").count(),
               "annexes": plan.annexes.all()}
    template = "plans/_measures.html" if request.headers.get("HX-Request") else "plans/plan_detail.html"
    return render(request, template, context)


def organisation_detail(request, pk: int):
    organisation = access(request.user, "organisation", pk, queryset=Organisation.objects.select_related("district"))
    # untyped Django (no django-stubs): mypy reads a TextChoices member as its (value, label) tuple
    lead = queries.measures(organisation=organisation, role=Assignment.Role.LEAD_UNIT)  # type: ignore[arg-type]
    co = queries.measures(organisation=organisation, role=Assignment.Role.CO_UNIT)  # type: ignore[arg-type]
    # two lists, each paged on its own (?lead=2&co=3): a district's environment bureau leads 150+
    return render(request, "plans/organisation_detail.html",
                  {"organisation": organisation,
                   "lead": Paginator(lead.order_by(*ORG_MEASURE_ORDER), PAGE_SIZE).get_page(request.GET.get("lead")),
                   "co": Paginator(co.order_by(*ORG_MEASURE_ORDER), PAGE_SIZE).get_page(request.GET.get("co"))})


def organisation_list(request):
    from django.db.models import Count

    orgs = (Organisation.objects.select_related("district").annotate(n=Count("assignments"))
            .order_by("-n", "name"))
    return render(request, "plans/organisation_list.html",
                  {"organisations": Paginator(orgs, PAGE_SIZE).get_page(request.GET.get("page"))})


@login_required
def lexicon(request):
    """The lexicon of unit names: this installation's entries, then the packaged ones it has not
    corrected.  The coordinator adds and edits; every role reads."""
    check(request.user, "lexicon")
    installed = list(LexiconEntry.objects.all())
    names = {e.name for e in installed}
    packaged = [e for e in lexicon_data.packaged_entries() if e.name not in names]
    return render(request, "plans/lexicon.html", {
        "installed": installed, "packaged": packaged, "kinds": dict(Organisation.Kind.choices),
        "can_change": may(request.user, "lexicon", CHANGE)})


@login_required
def lexicon_edit(request, pk: int | None = None):
    """Add a unit to the lexicon (a packaged one's name in ``?name=`` starts from its data) or edit one."""
    if pk is None:
        check(request.user, "lexicon", CHANGE)
        entry = None
        packaged = next((e for e in lexicon_data.packaged_entries() if e.name == request.GET.get("name")), None)
        initial = {"name": packaged.name, "kind": packaged.kind, "aliases": "\n".join(packaged.aliases)} \
            if packaged else {}
    else:
        entry = access(request.user, "lexicon", pk, CHANGE)
        initial = {"name": entry.name, "kind": entry.kind, "aliases": "\n".join(entry.aliases)}
    form = LexiconEntryForm(request.POST or None, entry=entry, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = do_save_lexicon_entry(entry, form.cleaned_data["name"], form.cleaned_data["kind"],
                                      form.cleaned_data["aliases"], request.user)
        messages.success(request, _("Lexicon: %(name)s saved; plans imported from now on read it") % {
            "name": saved.name})
        return redirect("plans:lexicon")
    return render(request, "plans/lexicon_form.html", {"form": form, "entry": entry})


@parsed
def review_queue(request):
    query = parse(ReviewFilterForm, request.GET)
    items = ReviewItem.objects.select_related("plan", "measure__task", "target")
    status = query["status"] or ReviewItem.Status.OPEN
    items = items.filter(status=status)
    if query["plan"]:
        items = items.filter(plan_id=query["plan"])
    if query["kind"]:
        items = items.filter(kind=query["kind"])
    page = Paginator(items, PAGE_SIZE).get_page(query["page"])
    return render(request, "plans/review_queue.html",
                  {"page": page, "status": status, "plans": Plan.objects.all(), "kinds": REVIEW_KINDS,
                   "form": ResolveForm(), "can_resolve": may(request.user, "review_item", CHANGE)})


@login_required
@require_POST
def review_resolve(request, pk: int):
    item = access(request.user, "review_item", pk, CHANGE)
    form = ResolveForm(request.POST)
    if form.is_valid():
        do_resolve_review_item(item, request.user, form.cleaned_data["status"],
                               form.cleaned_data["resolution"])
        if request.headers.get("HX-Request"):
            return render(request, "plans/_review_item.html", {"item": item, "can_resolve": True})
        messages.success(request, _("Resolved"))
    else:
        messages.error(request, _("Write the resolution"))
    return redirect_next(request, "plans:review")


@login_required
@require_POST
def set_municipal_value(request, pk: int):
    """达到市级要求: the coordinator enters the value the city set, and where it came from."""
    target = access(request.user, "target", pk, CHANGE, queryset=Target.objects.filter(comparator="municipal"))
    form = MunicipalValueForm(request.POST)
    if form.is_valid():
        do_set_municipal_value(target, form.cleaned_data["value"], form.cleaned_data["source"],
                               request.user)
        messages.success(request, _("%(indicator)s: municipal value %(value)s entered") % {
            "indicator": target.indicator, "value": form.cleaned_data["value"]})
    else:
        messages.error(request, _("Enter the value and its source"))
    return redirect_next(request, "plans:review")


@login_required
@require_POST
def set_plan_year(request, pk: int):
    """计划年度: the year the document did not print; its undated deadlines get their dates."""
    plan = access(request.user, "plan", pk, CHANGE)
    form = PlanYearForm(request.POST)
    if form.is_valid():
        dated = do_set_plan_year(plan, form.cleaned_data["year"], request.user)
        messages.success(request, _("Plan year %(year)s entered: %(count)s deadlines dated") % {
            "year": form.cleaned_data["year"], "count": dated})
    else:
        messages.error(request, _("Enter the plan year (2000–2100)"))
    return redirect_next(request, "plans:review")


@login_required
def upload(request):
    check(request.user, "plan", CHANGE)
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        data = document.read()
        try:
            result, plan = import_document(data, document.name, request.user,
                                           dry_run=form.cleaned_data["dry_run"],
                                           supersede=form.cleaned_data["supersede"])
        except ColumnsUnmapped as exc:
            # ask instead of refusing: the table, each column's guessed role, what it would create
            mapping_form = MappingForm(exc.preview.columns, initial={
                "token": pending.keep(data), "name": document.name, "supersede": form.cleaned_data["supersede"]})
            return _mapping_page(request, exc.preview, mapping_form)
        except PlanImportError as exc:
            form.add_error("document", exc.translated(_))
        else:
            if plan is not None:
                messages.success(request, _("Imported: %(title)s") % {"title": plan.title})
                return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/upload.html", {"form": form, "result": result})


def _mapping_page(request, preview: Preview, form: MappingForm):
    error = preview.error.translated(_) if preview.error else ""
    # the first rows, their cells under the columns the form names
    rows = [(line, [cells[c.index] if c.index < len(cells) else "" for c in form.columns])
            for line, cells in preview.rows]
    columns = [(column, select, [r[i] for _line, r in rows if r[i].strip()][:3])
               for i, (column, select) in enumerate(form.bound_columns())]
    return render(request, "plans/upload_mapping.html",
                  {"preview": preview, "mapping_form": form, "columns": columns, "rows": rows, "error": error})


@login_required
@require_POST
def upload_mapping(request):
    """The coordinator confirms (or corrects) the columns' roles: ``check`` shows what the mapping
    creates, ``import`` imports the kept document under it — all of it or nothing."""
    check(request.user, "plan", CHANGE)
    token, name = request.POST.get("token", ""), request.POST.get("name", "")
    data = pending.load(token)
    if data is None:
        messages.error(request, _("The uploaded document is no longer kept on the server: upload it again."))
        return redirect("plans:upload")
    try:
        preview = preview_document(data, name, {})
    except PlanImportError as exc:
        messages.error(request, exc.translated(_))
        return redirect("plans:upload")
    if preview is None:  # (a name whose suffix reads the kept bytes otherwise)
        messages.error(request, _("%(name)s: no table found") % {"name": name})
        return redirect("plans:upload")
    form = MappingForm(preview.columns, request.POST)
    if not form.is_valid():
        return _mapping_page(request, preview, form)
    columns = form.cleaned_data["columns"]
    if request.POST.get("action") != "import":
        checked = preview_document(data, name, columns)  # each column's role and why: chosen or guessed
        return _mapping_page(request, checked, MappingForm(checked.columns, request.POST))
    try:
        _result, plan = import_document(data, name, request.user, supersede=form.cleaned_data["supersede"],
                                        columns=columns)
    except PlanImportError as exc:
        form.add_error(None, exc.translated(_))
        return _mapping_page(request, preview_document(data, name, columns), form)
    pending.discard(token)
    messages.success(request, _("Imported: %(title)s") % {"title": plan.title})
    return redirect("plans:detail", pk=plan.pk)


def import_report(request, pk: int):
    plan = access(request.user, "plan", pk)
    run = ImportRun.objects.filter(plan=plan).first()
    return render(request, "plans/import_report.html", {"plan": plan, "run": run})


def export_json(request, pk: int):
    plan = access(request.user, "plan", pk)
    body = json.dumps(plan_to_dict(plan, internal=may(request.user, "review_note")), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def export_xlsx(request, pk: int):
    plan = access(request.user, "plan", pk)
    return xlsx_response(plan_to_xlsx(plan), f"plan-{plan.pk}.xlsx")
