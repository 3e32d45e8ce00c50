"""Bulletin pages: the list of a plan's bulletins, a draft's preview with its editable paragraphs,
issuing and correcting, the downloads, the template form.  Every view asks the access policy
(ecoplan.plans.access) and calls one action."""
from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecoplan.plans.access import CHANGE, VIEW, access, check, may, visible
from ecoplan.reporting.bulletin import BarChart, Table, Text

from . import actions, content
from .access import access_bulletin, access_template, visible_bulletins
from .forms import CorrectForm, IssueForm, NewDraftForm, TemplateForm
from .models import Bulletin, BulletinFile, BulletinTemplate
from .sections import OPENING


def _templates(user):
    return visible(user, "bulletin_template", VIEW, BulletinTemplate.objects.select_related("district"))


@login_required
def index(request):
    """Every plan with its bulletins (issued; drafts too for the coordinator)."""
    check(request.user, "bulletin")
    plans = list(visible(request.user, "plan").order_by("title"))
    bulletins = visible_bulletins(request.user, Bulletin.objects.filter(plan__in=plans))
    counts: dict = {}
    for plan_id in bulletins.values_list("plan_id", flat=True):
        counts[plan_id] = counts.get(plan_id, 0) + 1
    return render(request, "bulletins/index.html", {
        "plans": [(p, counts.get(p.pk, 0)) for p in plans],
        "templates": _templates(request.user) if may(request.user, "bulletin_template") else [],
        "may_template": may(request.user, "bulletin_template", CHANGE)})


@login_required
def plan_bulletins(request, pk):
    check(request.user, "bulletin")
    plan = access(request.user, "plan", pk)
    bulletins = list(visible_bulletins(request.user, Bulletin.objects.filter(plan=plan))
                     .select_related("template", "issued_by", "created_by", "supersedes", "superseded_by")
                     .order_by("-period", "template__name", "-version"))
    may_change = may(request.user, "bulletin", CHANGE)
    form = None
    if may_change:
        templates = _templates(request.user)
        # the district's only template is the one to draft from: chosen already
        own = list(templates.filter(district_id=plan.district_id)[:2]) if plan.district_id else []
        form = NewDraftForm(templates=templates, initial={"template": own[0].pk} if len(own) == 1 else {})
    return render(request, "bulletins/plan.html", {
        "plan": plan, "issued": [b for b in bulletins if not b.is_draft],
        "drafts": [b for b in bulletins if b.is_draft], "may_change": may_change, "form": form})


@login_required
@require_POST
def create(request, pk):
    check(request.user, "bulletin", CHANGE)
    plan = access(request.user, "plan", pk)
    form = NewDraftForm(request.POST, templates=_templates(request.user))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("bulletins:plan", plan.pk)
    try:
        bulletin = actions.do_create_draft(request.user, plan, form.cleaned_data["template"],
                                           form.cleaned_data["period"])
    except actions.Refused as exc:
        messages.error(request, str(exc))
        return redirect("bulletins:plan", plan.pk)
    messages.success(request, _("Draft made from the current figures."))
    return redirect("bulletins:detail", bulletin.pk)


def _shown(block) -> tuple[str, object]:
    """(kind, what the template shows): a chart as bars of <meter> (no inline style under the CSP)."""
    if isinstance(block, BarChart):
        top = max((v for v in block.values if v is not None), default=0) or 1
        return "chart", {"title": block.title, "unit": block.unit, "bars": [
            (name, value, top, i in block.marked) for i, (name, value) in enumerate(zip(block.categories,
                                                                                      block.values, strict=True))]}
    return ("table" if isinstance(block, Table) else "text" if isinstance(block, Text) else "other"), block


def _rows(text: str) -> int:
    """A textarea's height that shows the paragraph whole (up to 12 lines): ~40 Chinese characters a line."""
    return min(12, sum(len(line) // 40 + 1 for line in text.split("\n")) + 1)


@login_required
def detail(request, pk):
    """The bulletin as it will print: the preview of its document; a draft's paragraphs editable."""
    bulletin = access_bulletin(request.user, pk)
    editable = bulletin.is_draft and may(request.user, "bulletin", CHANGE)
    snapshot = content.snapshot_of(bulletin)
    doc = content.make_document(snapshot, bulletin.narratives, number=bulletin.number, issued=bulletin.issue_date,
                                draft=bulletin.is_draft, version=bulletin.version,
                                correction=content.correction_of(bulletin))
    parts = [{"code": p.code, "heading": p.heading, "text": p.text, "paragraphs": content.paragraphs(p.text),
              "blocks": [_shown(b) for b in p.blocks], "edited": p.code in bulletin.narratives,
              "rows": _rows(p.text)}
             for p in content.parts(snapshot, bulletin.narratives)]
    files = list(bulletin.files.only("format", "sha256", "size")) if not bulletin.is_draft else []
    correction = visible_bulletins(request.user, Bulletin.objects.filter(supersedes=bulletin)).first()
    return render(request, "bulletins/detail.html", {
        "bulletin": bulletin, "doc": doc, "parts": parts, "editable": editable, "files": files,
        "opening": OPENING, "formats": content.FORMATS, "correction": correction, "correct_form": CorrectForm(),
        "may_correct": bulletin.status == Bulletin.Status.ISSUED and correction is None
        and may(request.user, "bulletin", CHANGE)})


def _refused(request, bulletin, exc) -> HttpResponse:
    messages.error(request, str(exc))
    return redirect("bulletins:detail", bulletin.pk)


@login_required
@require_POST
def edit(request, pk):
    bulletin = access_bulletin(request.user, pk, CHANGE)
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        raise Http404("no revision") from None
    narratives = {key[len("text-"):]: value for key, value in request.POST.items() if key.startswith("text-")}
    try:
        actions.do_edit_draft(request.user, bulletin, revision, narratives)
    except actions.Refused as exc:
        return _refused(request, bulletin, exc)
    messages.success(request, _("Paragraphs saved."))
    return redirect("bulletins:detail", bulletin.pk)


@login_required
@require_POST
def refresh(request, pk):
    bulletin = access_bulletin(request.user, pk, CHANGE)
    try:
        actions.do_refresh_draft(request.user, bulletin)
    except actions.Refused as exc:
        return _refused(request, bulletin, exc)
    messages.success(request, _("Figures read again from the current data."))
    return redirect("bulletins:detail", bulletin.pk)


@login_required
def issue(request, pk):
    """GET: the confirmation (number, date); POST: issue."""
    bulletin = access_bulletin(request.user, pk, CHANGE)
    if not bulletin.is_draft:
        return redirect("bulletins:detail", bulletin.pk)
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bulletin = actions.do_issue(request.user, bulletin, form.cleaned_data["number"] or None,
                                        date=form.cleaned_data["issue_date"])
        except actions.Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Bulletin %(number)s issued.") % {"number": bulletin.number})
            return redirect("bulletins:detail", bulletin.pk)
    return render(request, "bulletins/issue.html", {
        "bulletin": bulletin, "form": form, "next_number": actions.next_number(bulletin, timezone.localdate())})


@login_required
@require_POST
def correct(request, pk):
    bulletin = access_bulletin(request.user, pk, CHANGE)
    form = CorrectForm(request.POST)
    if not form.is_valid():
        return _refused(request, bulletin, _("say what the correction changes (change note)"))
    try:
        draft = actions.do_correct(request.user, bulletin, form.cleaned_data["change_note"])
    except actions.Refused as exc:
        return _refused(request, bulletin, exc)
    messages.success(request, _("Correction drafted: edit it and issue it."))
    return redirect("bulletins:detail", draft.pk)


@login_required
def download(request, pk, fmt):
    """An issued bulletin: the exact bytes kept when it was issued; a draft: made now, marked 草稿."""
    if fmt not in content.FORMATS:
        raise Http404("no such format")
    bulletin = access_bulletin(request.user, pk)
    if bulletin.is_draft:
        data = content.render(content.document(bulletin), fmt)
    else:
        data = bytes(get_object_or_404(BulletinFile, bulletin=bulletin, format=fmt).content)
    response = HttpResponse(data, content_type=content.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (f'attachment; filename="{content.ascii_filename(bulletin, fmt)}"; '
                                       f"filename*=UTF-8''{quote(content.filename(bulletin, fmt))}")
    return response


@login_required
def template_edit(request, pk=None):
    """The bureau's template: create (no pk) or change."""
    if pk is None:
        check(request.user, "bulletin_template", CHANGE)
        template = None
    else:
        template = access_template(request.user, pk, CHANGE)
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            template = actions.do_save_template(request.user, form)
        except actions.Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Template saved."))
            return redirect("bulletins:template", template.pk)
    return render(request, "bulletins/template_form.html", {"form": form, "template": template})
