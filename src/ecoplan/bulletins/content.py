"""What a bulletin (通报) says: the figures read from the data, then the document made from them.

Two steps, kept apart so that an issued bulletin re-renders from what it was made of:

``read_figures(plan, template, period, as_of)`` reads the evaluation (the day's kept target
judgements, ``evaluation.cached``), the template's rankings (``rankings.engine.run_definition``)
and supervision (units that have not reported, overdue measures) into a **snapshot**: plain JSON,
numbers as text, stored on the bulletin.

``make_document(snapshot, narratives, …)`` turns a snapshot, the template's texts (``frame``) and
the coordinator's paragraphs into a ``reporting.bulletin.Document`` — in Chinese, the language the
bulletin is issued in, whatever the language of the page that asks.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ecoplan.evaluation import cached
from ecoplan.plans.labels import COMPARATORS
from ecoplan.plans.models import Plan
from ecoplan.reporting import periods
from ecoplan.reporting.bulletin import BarChart, Document, Section, Sheet, Table, Text
from ecoplan.supervision import month
from ecoplan.supervision.models import Report, ReportEntry
from ecoplan.vocabulary.states import AT_RISK, EDITABLE_REPORT, ENTRY_CODES, TARGET_STATES

from .models import Bulletin, BulletinTemplate
from .sections import BY_CODE, CODES, OPENING, ORDINALS, PLACEHOLDERS

LANGUAGE = "zh-hans"  # bulletins are issued in Chinese
SNAPSHOT_VERSION = 1
_TARGET_LABELS = {t.code: t.label for t in TARGET_STATES}


class PatternError(ValueError):
    """A title, number or text pattern names a placeholder that does not exist."""


def fill(pattern: str, values: dict[str, object]) -> str:
    """``pattern`` with its {placeholders} filled, ``{{``/``}}`` a brace.  Only a bare ``{name}`` of
    ``PLACEHOLDERS`` is a placeholder: str.format's attributes, indexes, conversions and format
    specs ({period.x}, {period[0]}, {period:>99999999}) would reach into objects or build a huge
    text, so a pattern is parsed here and filled without str.format."""
    known = "、".join("{" + p + "}" for p in PLACEHOLDERS)
    out = []
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:  # a lone brace
        raise PatternError(_("“%(pattern)s” is not a valid pattern: %(error)s") % {
            "pattern": pattern, "error": exc}) from None
    for literal, name, spec, conversion in parsed:
        out.append(literal)
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raw = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise PatternError(_("“{%(name)s}” is not a placeholder: use %(known)s") % {"name": raw, "known": known})
        out.append(str(values.get(name, "")))
    return "".join(out)


def frame(template: BulletinTemplate) -> dict:
    """The template's texts as they stand: kept in an issued bulletin's snapshot, so a later edit of
    the template does not change it."""
    return {"name": template.name, "district": template.district.name, "issuer": template.issuer,
            "title_pattern": template.title_pattern, "number_pattern": template.number_pattern,
            "abbreviation": template.abbreviation, "recipients": template.recipients, "span": template.span,
            "sections": [c for c in template.sections if c in CODES], "bottom_n": template.bottom_n,
            "opening": template.opening, "closing": template.closing, "signature": template.signature,
            "body_font": template.body_font, "title_font": template.title_font,
            "heading_font": template.heading_font}


def _text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value.normalize(), "f")


def _published(value: Decimal | None) -> str | None:
    """A judged or ranked value as published: its places kept (the judgement's PM2.5 27.0µg/m³,
    5.0 t/(km²·month) stay so; the evaluation rounds to the indicator's places by GB/T 8170)."""
    return None if value is None else format(value, "f")


def cut_date(period: periods.Period, as_of: date) -> date:
    """The day the figures are read to: the period's end, or today while it runs."""
    return min(period.end, as_of)


# -- reading the figures -----------------------------------------------------------------------
def read_figures(plan: Plan, template: BulletinTemplate, period: periods.Period,
                 as_of: date | None = None) -> dict:
    """Everything the bulletin shows, read now, as JSON-able data.  Every figure is read to the cut
    (``cut_date``), the one date the bulletin prints for its data (评价截至, the rankings' rule, the
    footer); ``as_of`` is the day it was read."""
    as_of = as_of or timezone.localdate()
    cut = cut_date(period, as_of)
    with translation.override(LANGUAGE):
        return {"version": SNAPSHOT_VERSION, "period": str(period), "as_of": as_of.isoformat(),
                "cut": cut.isoformat(), "read_at": timezone.now().isoformat(timespec="seconds"),
                "plan": {"pk": plan.pk, "title": plan.title},
                "sub_areas": list(template.district.children.order_by("name").values_list("name", flat=True)),
                "template": frame(template),
                "targets": _targets(plan, cut), "rankings": _rankings(template, period, cut),
                "late_units": _not_reported(plan, period), "entries": _entry_counts(plan, period),
                "overdue": _overdue(plan, cut)}


def _targets(plan: Plan, cut: date) -> list[dict]:
    rows = []
    for row in cached.judged(plan, cut).rows:
        t, j = row.target, row.judgement
        rows.append({"target": t.pk, "indicator": t.indicator, "area": row.area_name, "target_value": _target_text(t),
                     "value": _published(j.value), "unit": j.unit or t.unit, "status": row.status,
                     "reason": row.reason})
    return rows


def _target_text(t) -> str:
    """The target's level as the bulletin prints it: ≤35µg/m³; a target without a figure as printed."""
    said = COMPARATORS.get(t.comparator)
    if t.value is None or said is None:
        return t.value_text or t.raw
    figure = f"{_text(t.value)}{t.unit}"
    return f"{said}{figure}" if len(str(said)) == 1 else f"{said}（{figure}）"


def _rankings(template: BulletinTemplate, period: periods.Period, as_of: date) -> list[dict]:
    from ecoplan.rankings.engine import run_definition

    out = []
    for definition in template.rankings.filter(active=True).order_by("pk"):
        # the ranking's own span ending with the month the figures are read to: a quarter read in its
        # second month ranks that month, not the quarter's last one, which has not begun
        own = periods.parse(f"{as_of.year:04d}-{as_of.month:02d}", definition.span)
        # a ranking saved without its own N takes the template's, flagged by the ranking's own rule
        result = run_definition(definition, own, as_of=as_of, bottom_n=definition.bottom_n or template.bottom_n)
        metric, ranking = result.metric, result.ranking
        bottom_n = ranking.bottom_n
        out.append({
            "definition": definition.pk, "name": definition.name, "metric": metric.code,
            "metric_name": _(metric.label), "unit": metric.unit, "lower_is_better": ranking.lower_is_better,
            "places": ranking.places, "bottom_n": bottom_n, "period": str(own), "period_zh": own.zh,
            "rule": str(result.rule),
            "rows": [{"key": r.key, "name": r.name, "value": _published(r.value), "rank": r.rank,
                      "reason": r.reason, "previous_rank": r.previous_rank, "change": _published(r.change),
                      "improvement": _published(r.improvement),
                      "bottom": r.bottom}
                     for r in ranking.rows]})
    return out


def _not_reported(plan: Plan, period: periods.Period) -> list[dict]:
    """Units whose report of a month of the period is not submitted (draft or returned)."""
    reports = (Report.objects.filter(cycle__plan=plan, cycle__month__range=(period.start, period.end),
                                     status__in=sorted(EDITABLE_REPORT))
               .select_related("organisation", "cycle").order_by("cycle__month", "organisation__name"))
    return [{"unit": r.organisation.name, "month": f"{r.cycle.month:%Y-%m}", "due": r.cycle.due_date.isoformat(),
             "state": month.unit_state(r)} for r in reports]


def _entry_counts(plan: Plan, period: periods.Period) -> dict:
    """How many measure entries the units reported in the period, by entry state (submitted or
    accepted reports): the figures of the narrative section's default paragraph."""
    counts = (ReportEntry.objects.filter(report__cycle__plan=plan,
                                         report__cycle__month__range=(period.start, period.end),
                                         report__status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED])
              .values("status").annotate(n=Count("pk")))
    reports = Report.objects.filter(cycle__plan=plan, cycle__month__range=(period.start, period.end))
    return {"by_state": {c["status"]: c["n"] for c in counts}, "reports": reports.count()}


def _overdue(plan: Plan, cut: date) -> list[dict]:
    return [{"task": row.measure.task.title, "measure": row.measure.text, "deadline": row.measure.deadline_raw,
             "units": row.lead_units} for row in month.due_measures(plan, cut) if row.state == "overdue"]


# -- making the document ------------------------------------------------------------------------
def values_of(snapshot: dict) -> dict[str, object]:
    """What the patterns' placeholders stand for in this bulletin."""
    period = periods.parse(snapshot["period"])
    tpl = snapshot["template"]
    after = period.end + timedelta(days=1)
    return {"period": period.zh, "next_month": f"{after.year}年{after.month}月", "district": tpl["district"],
            "plan": snapshot["plan"]["title"],
            "year": period.year, "month": period.month, "abbr": tpl["abbreviation"], "seq": "",
            "issuer": tpl["issuer"]}


def _zh_date(day: date) -> str:
    """2026年10月31日: Django's zh-hans date format, as the documents are Chinese whatever the page's language."""
    with translation.override(LANGUAGE):
        return formats.date_format(day)


def _count(rows: list[dict], key: str, value: str) -> int:
    return sum(row[key] == value for row in rows)


def default_narratives(snapshot: dict) -> dict[str, str]:
    """The paragraph each section opens with, written from the figures: what the coordinator edits."""
    with translation.override(LANGUAGE):
        v = values_of(snapshot)
        cut = _zh_date(date.fromisoformat(snapshot["cut"]))
        tpl = snapshot["template"]
        out: dict[str, str] = {}
        out[OPENING] = fill(tpl["opening"], v) if tpl["opening"].strip() else _(
            "To see the tasks of “%(plan)s” carried out, the work of %(district)s in %(period)s is reported "
            "as follows:") % v
        targets = snapshot["targets"]
        out["targets"] = _(
            "As of %(cut)s, the plan's targets judged area by area number %(n)s: %(met)s met, %(on_track)s on "
            "track, %(at_risk)s at risk, %(missed)s missed, %(other)s without the data or judgement to decide.") % {
            "cut": cut, "n": len(targets), "met": _count(targets, "status", "met"),
            "on_track": _count(targets, "status", "on_track"), "at_risk": _count(targets, "status", "at_risk"),
            "missed": _count(targets, "status", "missed"),
            "other": sum(t["status"] not in ("met", "on_track", "at_risk", "missed") for t in targets)}
        parts = []
        for r in snapshot["rankings"]:
            ranked = [row for row in r["rows"] if row["rank"] is not None]
            if ranked:
                parts.append(_("in %(name)s %(first)s ranks first (%(fv)s) and %(last)s last (%(lv)s)") % {
                    "name": r["name"], "first": ranked[0]["name"], "fv": _value(ranked[0]["value"], r["unit"]),
                    "last": ranked[-1]["name"], "lv": _value(ranked[-1]["value"], r["unit"])})
        out["rankings"] = _("In %(period)s the %(n)s streets and towns of %(district)s are ranked on %(k)s "
                            "rankings") % {**v, "n": len(snapshot["sub_areas"]), "k": len(snapshot["rankings"])} + (
            "：" + "；".join(parts) + "。" if parts else "。")
        out["bottom"] = _("The streets and towns in the last %(n)s places of a ranking are listed below; they are "
                          "to find the causes and step up their work.") % {"n": tpl["bottom_n"]}
        units = sorted({row["unit"] for row in snapshot["late_units"]})
        out["reporting"] = (_("As of %(cut)s, %(n)s units have not submitted their report for %(period)s: %(units)s.")
                            % {**v, "cut": cut, "n": len(units), "units": "、".join(units)} if units else
                            _("Every unit submitted its report for %(period)s.") % v)
        overdue = snapshot["overdue"]
        out["overdue"] = (_("As of %(cut)s, %(n)s measures are past their deadline and not reported done, led by "
                            "%(units)s units.") % {"cut": cut, "n": len(overdue),
                                                   "units": len({u for row in overdue for u in row["units"]})}
                          if overdue else _("As of %(cut)s, no measure is past its deadline.") % {"cut": cut})
        states = snapshot["entries"]["by_state"]
        out["narrative"] = _("In %(period)s the units reported on %(n)s measures: %(done)s done, %(progress)s in "
                             "progress, %(blocked)s blocked, %(not_started)s not started.") % {
            **v, "n": sum(states.values()), **{code: states.get(code, 0) for code in ENTRY_CODES},
            "progress": states.get("in_progress", 0)}
    return out


def _value(value: str | None, unit: str) -> str:
    return "—" if value is None else f"{value}{unit}"


def _signed(value: str | None) -> str:
    if value is None:
        return "—"
    return value if value.startswith("-") or Decimal(value) == 0 else f"+{value}"


@dataclass
class Part:
    """A section as the page previews it: its code (the key of its editable paragraph), heading,
    the paragraph's text, and the tables, charts and lists under it."""

    code: str
    heading: str
    text: str
    blocks: list


def parts(snapshot: dict, narratives: dict | None = None) -> list[Part]:
    """The opening and the template's sections, in order, each with its paragraph (as edited, else
    the generated one) and its blocks."""
    with translation.override(LANGUAGE):
        texts = {**default_narratives(snapshot), **{k: v for k, v in (narratives or {}).items() if v.strip()}}
        period = periods.parse(snapshot["period"])
        counter = [0]

        def table_no() -> int:
            counter[0] += 1
            return counter[0]

        builders = {"targets": _targets_blocks, "rankings": _ranking_blocks, "bottom": _bottom_blocks,
                    "reporting": _reporting_blocks, "overdue": _overdue_blocks}
        # the opening paragraph stands before the first heading: a section without one
        out = [Part(OPENING, "", texts.get(OPENING, ""), [])]
        for i, code in enumerate(snapshot["template"]["sections"]):
            heading = f"{ORDINALS[i] if i < len(ORDINALS) else i + 1}、{_(BY_CODE[code].label)}"
            build = builders.get(code)
            out.append(Part(code, heading, texts.get(code, ""), build(snapshot, period, table_no) if build else []))
        return out


def paragraphs(text: str) -> list[Text]:
    return [Text(p.strip()) for p in text.split("\n") if p.strip()]


def make_document(snapshot: dict, narratives: dict | None = None, *, number: str = "", issued: date | None = None,
                  draft: bool = True, version: int = 1, correction: str = "") -> Document:
    """The bulletin as plain data, from a snapshot (``read_figures``) and the edited paragraphs."""
    with translation.override(LANGUAGE):
        tpl = snapshot["template"]
        v = values_of(snapshot)
        sections = [Section(p.heading, paragraphs(p.text) + p.blocks) for p in parts(snapshot, narratives)
                    if p.heading or p.text.strip()]
        closing = [Text(fill(line, v)) for line in tpl["closing"].splitlines() if line.strip()]
        if closing:  # numbered on from the sections: 七、下一步工作要求
            n = len(tpl["sections"])
            closing.insert(0, Text(f"{ORDINALS[n] if n < len(ORDINALS) else n + 1}、{_('Next steps')}", emphasis=True))
        day = issued or date.fromisoformat(snapshot["as_of"])
        return Document(
            issuer=tpl["issuer"], title=fill(tpl["title_pattern"], v), number=number, date=_zh_date(day),
            recipients=tpl["recipients"], sections=sections, closing=closing,
            signature=tpl["signature"] or tpl["issuer"], draft=draft, draft_mark=_("Draft") if draft else "",
            version=version, correction=correction,
            footer=_("Generated by ecoplan from the data as of %(date)s") % {
                "date": _zh_date(date.fromisoformat(snapshot["cut"]))},
            annex=annex(snapshot), body_font=tpl["body_font"], title_font=tpl["title_font"],
            heading_font=tpl["heading_font"])


def _status(code: str) -> str:
    return _(_TARGET_LABELS.get(code, code))


def _targets_blocks(snapshot: dict, period: periods.Period, table_no) -> list:
    rows = snapshot["targets"]
    return [Table(
        _("Table %(n)s Progress against the targets, %(period)s") % {"n": table_no(), "period": period.zh},
        [_("No."), _("Indicator"), _("Area"), _("Target"), _("Value to date"), _("Status")],
        [[str(i), r["indicator"], r["area"], r["target_value"], _value(r["value"], r["unit"]), _status(r["status"])]
         for i, r in enumerate(rows, 1)],
        widths=[0.8, 3.0, 1.2, 2.2, 1.4, 1.2],
        marked=tuple(i for i, r in enumerate(rows) if r["status"] in AT_RISK),
        note=_("Judged as of %(date)s.") % {"date": _zh_date(date.fromisoformat(snapshot["cut"]))})]


def _ranking_blocks(snapshot: dict, period: periods.Period, table_no) -> list:
    blocks: list = []
    for r in snapshot["rankings"]:
        unit = f"（{r['unit']}）" if r["unit"] else ""
        rows = r["rows"]
        marked = tuple(i for i, row in enumerate(rows) if row["bottom"])
        blocks.append(Table(
            _("Table %(n)s %(name)s, %(period)s") % {"n": table_no(), "name": r["name"], "period": r["period_zh"]},
            [_("Street or town"), r["metric_name"] + unit, _("Rank"), _("Previous rank"), _("Change"),
             _("Improvement rate (%)")],
            [[row["name"], row["value"] if row["value"] is not None else (row["reason"] or "—"),
              str(row["rank"]) if row["rank"] is not None else _("unranked"),
              str(row["previous_rank"]) if row["previous_rank"] is not None else "—", _signed(row["change"]),
              _signed(row["improvement"])] for row in rows],
            widths=[2.0, 1.6, 0.8, 1.0, 1.0, 1.2], marked=marked, note=r["rule"]))
        ranked = [row for row in rows if row["rank"] is not None]
        if not ranked:
            continue  # nothing to draw: the table says why each area is unranked
        blocks.append(BarChart(
            f"{r['name']}（{r['period_zh']}）", [row["name"] for row in ranked],
            [float(row["value"]) if row["value"] is not None else None for row in ranked], unit=r["unit"],
            marked=tuple(i for i, row in enumerate(ranked) if row["bottom"]), places=r["places"]))
    return blocks


def _bottom_blocks(snapshot: dict, period: periods.Period, table_no) -> list:
    out = []
    for r in snapshot["rankings"]:
        names = [f"{row['name']}（{_value(row['value'], r['unit'])}，{_('rank %(n)s') % {'n': row['rank']}}）"
                 for row in r["rows"] if row["bottom"]]
        out.append(Text(f"{r['name']}：" + ("、".join(names) if names else _("none")) + "。"))
    return out


def _reporting_blocks(snapshot: dict, period: periods.Period, table_no) -> list:
    rows = snapshot["late_units"]
    if not rows:
        return []
    return [Table(_("Table %(n)s Units that have not reported, %(period)s") % {"n": table_no(), "period": period.zh},
                  [_("No."), _("Unit"), _("Month"), _("Due"), _("Status")],
                  [[str(i), r["unit"], r["month"], r["due"], _(_unit_label(r["state"]))]
                   for i, r in enumerate(rows, 1)], widths=[0.8, 3.0, 1.2, 1.4, 1.6])]


def _unit_label(state: str) -> str:
    return month.UNIT_LABELS.get(state, state)


def _overdue_blocks(snapshot: dict, period: periods.Period, table_no) -> list:
    rows = snapshot["overdue"]
    if not rows:
        return []
    return [Table(_("Table %(n)s Overdue measures") % {"n": table_no()},
                  [_("No."), _("Task"), _("Measure"), _("Deadline"), _("Lead units")],
                  [[str(i), r["task"], r["measure"], r["deadline"], "、".join(r["units"])]
                   for i, r in enumerate(rows, 1)], widths=[0.8, 1.8, 3.8, 1.2, 1.8])]


def _number(value: str | None) -> Decimal | None:
    """A number of the annex: a Decimal, so that the sheet shows it with its places (71.0, not 71)."""
    return None if value is None else Decimal(value)


def _sheet_name(name: str, taken: set[str]) -> str:
    clean = "".join(c for c in name if c not in "[]:*?/\\")[:28] or "Sheet"
    out, n = clean, 2
    while out in taken:
        out, n = f"{clean[:26]}{n}", n + 1
    taken.add(out)
    return out


def annex(snapshot: dict) -> list[Sheet]:
    """The XLSX annex: the same data, typed (numbers stay numbers)."""
    taken: set[str] = set()
    sheets = [Sheet(_sheet_name(_("Targets"), taken),
                    [_("Indicator"), _("Area"), _("Target"), _("Value to date"), _("Unit"), _("Status"), _("Reason")],
                    [[r["indicator"], r["area"], r["target_value"], _number(r["value"]), r["unit"], _status(r["status"]),
                      r["reason"]] for r in snapshot["targets"]])]
    for r in snapshot["rankings"]:
        sheets.append(Sheet(_sheet_name(r["name"], taken),
                            [_("Street or town"), f"{r['metric_name']}（{r['unit']}）" if r["unit"] else r["metric_name"],
                             _("Rank"), _("Previous rank"), _("Change"), _("Improvement rate (%)"), _("Bottom"),
                             _("Reason")],
                            [[row["name"], _number(row["value"]), row["rank"], row["previous_rank"],
                              _number(row["change"]), _number(row["improvement"]),
                              _("yes") if row["bottom"] else _("no"), row["reason"]] for row in r["rows"]]))
    sheets.append(Sheet(_sheet_name(_("Not reported"), taken), [_("Unit"), _("Month"), _("Due"), _("Status")],
                        [[r["unit"], r["month"], r["due"], _(_unit_label(r["state"]))]
                         for r in snapshot["late_units"]]))
    sheets.append(Sheet(_sheet_name(_("Overdue measures"), taken),
                        [_("Task"), _("Measure"), _("Deadline"), _("Lead units")],
                        [[r["task"], r["measure"], r["deadline"], "、".join(r["units"])] for r in snapshot["overdue"]]))
    return sheets


# -- a bulletin's document and files ---------------------------------------------------------------
def snapshot_of(bulletin: Bulletin) -> dict:
    """An issued bulletin's snapshot as it was; a draft's with the template's texts as they stand
    now (the figures as last read)."""
    if bulletin.is_draft:
        return {**bulletin.snapshot, "template": frame(bulletin.template)}
    return bulletin.snapshot


def title_of(bulletin: Bulletin) -> str:
    """The bulletin's title as printed (an issued one's as issued)."""
    snapshot = snapshot_of(bulletin)
    return fill(snapshot["template"]["title_pattern"], values_of(snapshot))


def correction_of(bulletin: Bulletin) -> str:
    """A correction's note (更正说明) as printed: which bulletin it corrects — the superseded version's
    title and number — and what changed."""
    note = (bulletin.change_note or "").strip()
    old = bulletin.supersedes
    if not note or old is None:
        return note
    with translation.override(LANGUAGE):
        return _("Correction: this bulletin corrects “%(title)s” (%(number)s). %(note)s") % {
            "title": title_of(old), "number": old.number or _("unnumbered"), "note": note}


def document(bulletin: Bulletin) -> Document:
    """The document of a bulletin (see ``snapshot_of``)."""
    return make_document(snapshot_of(bulletin), bulletin.narratives, number=bulletin.number, issued=bulletin.issue_date,
                         draft=bulletin.is_draft, version=bulletin.version, correction=correction_of(bulletin))


FORMATS = ("docx", "pdf", "xlsx")
CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def render(doc: Document, fmt: str) -> bytes:
    """The document written in ``fmt`` by the pure renderers of ``ecoplan.reporting``."""
    from ecoplan.reporting import bulletin_docx, bulletin_pdf, bulletin_xlsx

    renderers = {"docx": bulletin_docx.render, "pdf": bulletin_pdf.render, "xlsx": bulletin_xlsx.render}
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    return renderers[fmt](doc)


# characters a file name may not hold on Windows or anywhere
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def filename(bulletin: Bulletin, fmt: str) -> str:
    """The download's name as the bureau files it: an issued bulletin's 文号 and title
    (演环通〔2026〕1号-关于….docx), a draft's 通报草稿-2026-10 (of a correction: -v2)."""
    if bulletin.is_draft or not bulletin.number:
        stem = f"通报草稿-{bulletin.period}" + (f"-v{bulletin.version}" if bulletin.version > 1 else "")
    else:
        stem = f"{bulletin.number}-{title_of(bulletin)}"
    return _UNSAFE_IN_NAMES.sub("_", stem)[:150] + f".{fmt}"


def ascii_filename(bulletin: Bulletin, fmt: str) -> str:
    """The plain-ASCII name for clients that do not read RFC 5987's ``filename*``."""
    status = "" if not bulletin.is_draft else "-draft"
    return f"bulletin-{bulletin.plan_id}-{bulletin.period}-v{bulletin.version}{status}.{fmt}"
