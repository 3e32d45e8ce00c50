"""Changes to bulletins — one ``do_*`` per user-visible change, each all-or-nothing and audited
(django-auditlog writes the entry in the same transaction; ``Bulletin.get_additional_data`` names
the event).

draft → (refresh, edit)* → issued → superseded by a correction (a new draft version that says
what changed, issued in its turn).  Issued content is never changed: every action refuses it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoplan.plans.access import CHANGE, may
from ecoplan.plans.models import Plan
from ecoplan.reporting import periods
from ecoplan.supervision.actions import Conflict, Refused

from . import content
from .models import Bulletin, BulletinFile, BulletinTemplate
from .sections import OPENING

__all__ = ["Conflict", "Refused", "do_correct", "do_create_draft", "do_edit_draft", "do_issue", "do_refresh_draft",
           "check_template", "read_figures"]

MAX_PARAGRAPH = 5000


def _allowed(acting_user) -> None:
    """``None`` is the system (the CLI, the demo); a person needs the right to change bulletins."""
    if acting_user is not None and not may(acting_user, "bulletin", CHANGE):
        raise Refused(_("your role may not draft or issue bulletins"))


def _period(template: BulletinTemplate, text: str) -> periods.Period:
    try:
        return periods.parse(str(text), template.span)
    except periods.PeriodError as exc:
        raise Refused(_("period: %(error)s") % {"error": exc}) from None


def _draft(bulletin: Bulletin) -> Bulletin:
    """The bulletin locked for the change, refused unless it is a draft."""
    bulletin = Bulletin.objects.select_for_update().select_related("template__district", "plan").get(pk=bulletin.pk)
    if not bulletin.is_draft:
        raise Refused(_("bulletin %(number)s is %(status)s: its content cannot change (correct it instead)") % {
            "number": bulletin.number or bulletin.pk, "status": bulletin.get_status_display()})
    return bulletin


def _save(bulletin: Bulletin, event: str, **kwargs) -> None:
    bulletin._audit_event = event  # type: ignore[attr-defined]
    bulletin.save(**kwargs)


def read_figures(plan: Plan, template: BulletinTemplate, found: periods.Period,
                 as_of: dt.date | None = None) -> dict:
    """``content.read_figures``, refused with a clear message for a period that has not started (no
    figure to read) or a ranking of the template that cannot be made."""
    from ecoplan.rankings.engine import RankingError  # rankings sit below bulletins: read when used

    day = as_of or timezone.localdate()
    if found.start > day:
        raise Refused(_("%(period)s has not started on %(day)s: there are no figures to report yet") % {
            "period": found.zh, "day": day.isoformat()})
    try:
        return content.read_figures(plan, template, found, as_of)
    except RankingError as exc:
        raise Refused(_("template “%(template)s”, rankings: %(error)s") % {
            "template": template.name, "error": exc}) from None


def check_template(plan: Plan, template: BulletinTemplate) -> None:
    """Refused unless ``template`` is of the plan's district and its title pattern fills."""
    if not plan.district_id:  # a bulletin reports a district's streets and towns: which, the plan must say
        raise Refused(_("plan “%(plan)s” names no district, so no template can be checked against it: set the "
                        "plan's district (in the admin, or import the plan again with it) and draft again") % {
            "plan": plan.title})
    if plan.district_id != template.district_id:
        raise Refused(_("template “%(template)s” is for %(district)s, not for the plan's district") % {
            "template": template.name, "district": template.district.name})
    try:
        content.fill(template.title_pattern, {k: "" for k in content.PLACEHOLDERS})
    except content.PatternError as exc:
        raise Refused(_("template “%(template)s”, title: %(error)s") % {"template": template.name, "error": exc}) from None


@transaction.atomic
def do_create_draft(acting_user, plan: Plan, template: BulletinTemplate, period: str,
                    as_of: dt.date | None = None) -> Bulletin:
    """A new draft of ``plan``'s bulletin for ``period``, its figures read now."""
    _allowed(acting_user)
    found = _period(template, period)
    check_template(plan, template)
    if Bulletin.objects.filter(plan=plan, template=template, period=str(found), status=Bulletin.Status.DRAFT).exists():
        raise Refused(_("a draft of %(period)s from “%(template)s” exists already: open it") % {
            "period": found.zh, "template": template.name})
    if Bulletin.objects.filter(plan=plan, template=template, period=str(found), status=Bulletin.Status.ISSUED).exists():
        raise Refused(_("the bulletin of %(period)s from “%(template)s” is issued: correct it instead") % {
            "period": found.zh, "template": template.name})
    bulletin = Bulletin(plan=plan, template=template, period=str(found), created_by=acting_user,
                        snapshot=read_figures(plan, template, found, as_of), refreshed_at=timezone.now())
    _save(bulletin, "bulletin_drafted")
    return bulletin


@transaction.atomic
def do_refresh_draft(acting_user, bulletin: Bulletin, as_of: dt.date | None = None) -> Bulletin:
    """Read the figures again (new data arrived); the edited paragraphs stay."""
    _allowed(acting_user)
    bulletin = _draft(bulletin)
    found = periods.parse(bulletin.period)
    bulletin.snapshot = read_figures(bulletin.plan, bulletin.template, found, as_of)
    bulletin.refreshed_at = timezone.now()
    bulletin.revision = F("revision") + 1
    _save(bulletin, "bulletin_refreshed")
    bulletin.refresh_from_db()
    return bulletin


@transaction.atomic
def do_edit_draft(acting_user, bulletin: Bulletin, expected_revision: int, narratives: dict[str, str]) -> Bulletin:
    """The coordinator's paragraphs (section code → text; empty: back to the generated one).  Only a
    text that differs from the paragraph generated from the figures is kept: the page posts every
    paragraph, and one kept unchanged would no longer follow the figures when they are read again."""
    _allowed(acting_user)
    bulletin = _draft(bulletin)
    if bulletin.revision != expected_revision:
        raise Conflict(_("this draft was changed by someone else meanwhile: reload it and apply your changes again"))
    allowed = {OPENING, *content.CODES}
    generated = content.default_narratives(content.snapshot_of(bulletin)) if bulletin.snapshot else {}
    edited = dict(bulletin.narratives)
    for code, text in narratives.items():
        if code not in allowed:
            raise Refused(_("“%(code)s” is not a section of a bulletin") % {"code": code})
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_PARAGRAPH:
            raise Refused(_("%(section)s: the text is longer than 5,000 characters") % {"section": code})
        if text and text != (generated.get(code) or "").replace("\r\n", "\n").strip():
            edited[code] = text
        else:
            edited.pop(code, None)
    bulletin.narratives = edited
    bulletin.revision = expected_revision + 1
    _save(bulletin, "bulletin_edited")
    return bulletin


def _taken(number: str) -> bool:
    return Bulletin.objects.filter(number=number).exists()


def _next_number(template: BulletinTemplate, values: dict, year: int) -> tuple[str, int]:
    """The next number (文号) of the template's sequence in ``year`` and its seq: after the highest
    seq given, passing over a number already taken (typed by hand on another bulletin)."""
    last = Bulletin.objects.filter(template=template, number_year=year).aggregate(n=Max("number_seq"))["n"]
    seq = (last or 0) + 1
    while True:
        number = content.fill(template.number_pattern, {**values, "year": year, "seq": seq})
        # a pattern without {seq} gives one number: issuing it again is refused as taken
        if not _taken(number) or number == content.fill(template.number_pattern,
                                                         {**values, "year": year, "seq": seq + 1}):
            return number, seq
        seq += 1


def _seq_of(template: BulletinTemplate, values: dict, year: int, number: str) -> int | None:
    """The seq for which the template's pattern gives ``number`` in ``year`` (a number typed by
    hand that is one of the sequence's), else None."""
    marker = "\x00"
    try:
        parts = content.fill(template.number_pattern, {**values, "year": year, "seq": marker}).split(marker)
    except content.PatternError:
        return None
    if len(parts) < 2:
        return None  # no {seq} in the pattern
    # every {seq} stands for the same number: the first is a group, the others refer back to it
    pattern = re.escape(parts[0]) + "([1-9][0-9]{0,8})" + "\\1".join(re.escape(p) for p in parts[1:])
    found = re.fullmatch(pattern, number)
    return int(found.group(1)) if found else None


def next_number(bulletin: Bulletin, day: dt.date) -> str:
    """The number (文号) issuing on ``day`` would give, for the confirmation page ("" if the pattern is broken)."""
    values = content.values_of({**bulletin.snapshot, "template": content.frame(bulletin.template)})
    try:
        return _next_number(bulletin.template, values, day.year)[0]
    except content.PatternError:
        return ""


@transaction.atomic
def do_issue(acting_user, bulletin: Bulletin, number: str | None = None, date: dt.date | None = None) -> Bulletin:
    """Issue a draft: its figures and texts fixed, its number (文号: the next of the template's
    sequence of the year unless given) and date set, the three files rendered and kept byte for byte.
    A correction's issue supersedes the version it corrects."""
    _allowed(acting_user)
    bulletin = _draft(bulletin)
    template = bulletin.template
    day = date or timezone.localdate()
    if not bulletin.snapshot:
        raise Refused(_("the draft has no figures yet: refresh it first"))
    previous = bulletin.supersedes
    if previous is not None:
        previous = Bulletin.objects.select_for_update().get(pk=previous.pk)
        if previous.status != Bulletin.Status.ISSUED:
            raise Refused(_("the version this corrects is no longer the issued one"))
    elif Bulletin.objects.filter(template=template, period=bulletin.period, status=Bulletin.Status.ISSUED).exists():
        raise Refused(_("the bulletin of this period is issued already: correct it instead"))
    snapshot = {**bulletin.snapshot, "template": content.frame(template)}  # the texts as issued
    values = content.values_of(snapshot)
    number = (number or "").strip()
    if number:
        seq = _seq_of(template, values, day.year, number)
    else:
        try:
            number, seq = _next_number(template, values, day.year)
        except content.PatternError as exc:
            raise Refused(_("number pattern: %(error)s") % {"error": exc}) from None
    if Bulletin.objects.filter(number=number).exclude(pk=bulletin.pk).exists():
        raise Refused(_("number %(number)s is taken by another bulletin") % {"number": number})
    if previous is not None:
        previous.status = Bulletin.Status.SUPERSEDED
        _save(previous, "bulletin_superseded", update_fields=["status"])
    bulletin.snapshot = snapshot
    bulletin.number, bulletin.number_year, bulletin.number_seq = number, day.year if seq else None, seq
    bulletin.issue_date, bulletin.issued_by, bulletin.issued_at = day, acting_user, timezone.now()
    bulletin.status = Bulletin.Status.ISSUED
    try:
        with transaction.atomic():
            _save(bulletin, "bulletin_issued")
    except IntegrityError:
        raise Refused(_("another bulletin of this period or with this number was issued meanwhile")) from None
    doc = content.document(bulletin)
    for fmt in content.FORMATS:
        data = content.render(doc, fmt)
        BulletinFile.objects.create(bulletin=bulletin, format=fmt, content=data,
                                    sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    return bulletin


@transaction.atomic
def do_correct(acting_user, issued: Bulletin, change_note: str) -> Bulletin:
    """A correction (更正) of an issued bulletin: a new draft version saying what changed, with the
    issued one's paragraphs and the figures read again; issuing it supersedes the issued one."""
    _allowed(acting_user)
    issued = Bulletin.objects.select_for_update().select_related("template", "plan").get(pk=issued.pk)
    if issued.status != Bulletin.Status.ISSUED:
        raise Refused(_("only the issued version of a bulletin can be corrected"))
    change_note = (change_note or "").strip()
    if not change_note:
        raise Refused(_("say what the correction changes (change note)"))
    if len(change_note) > MAX_PARAGRAPH:
        raise Refused(_("the change note is longer than 5,000 characters"))
    if Bulletin.objects.filter(supersedes=issued).exists():
        raise Refused(_("a correction of this bulletin is drafted already: open it"))
    found = periods.parse(issued.period)
    draft = Bulletin(plan=issued.plan, template=issued.template, period=issued.period, version=issued.version + 1,
                     supersedes=issued, change_note=change_note, narratives=dict(issued.narratives),
                     snapshot=read_figures(issued.plan, issued.template, found), refreshed_at=timezone.now(),
                     created_by=acting_user)
    _save(draft, "bulletin_correction_drafted")
    return draft


@transaction.atomic
def do_save_template(acting_user, form) -> BulletinTemplate:
    """A template created or changed from its validated form (TemplateForm); drafts show the new
    texts at once, issued bulletins keep theirs."""
    if acting_user is not None and not may(acting_user, "bulletin_template", CHANGE):
        raise Refused(_("your role may not change bulletin templates"))
    return form.save()
