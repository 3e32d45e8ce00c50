"""Display labels for supervision codes: assessment components and their notes, due rules,
notification kinds — in the user's language, through the zh-hans catalogue."""
from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoplan.reporting import scoring

from .actions.cycles import DUE_RULE

NOTIFICATION_KINDS = {
    "report_due": _("report due"),
    "report_returned": _("report returned"),
    "measure_due": _("measure due"),
    "escalation": _("late reports"),
}


def component_label(code: str) -> str:
    """An assessment component (reporting.scoring.LABELS holds the English msgids)."""
    return gettext(scoring.LABELS[code]) if code in scoring.LABELS else code


def note_text(note) -> str:
    """A score's note (reporting.scoring.Note) in the user's language."""
    if not isinstance(note, scoring.Note):
        return str(note)
    params = dict(note.params)
    if "components" in params:
        params["components"] = gettext(", ").join(component_label(c) for c in params["components"])
    return gettext(note.template).format(**params)


def due_rule_label(rule: str) -> str:
    """``2nd-working-day`` → the Nth working day of the following month."""
    m = DUE_RULE.match(rule or "")
    if not m:
        return rule
    return gettext("working day %(n)s of the following month") % {"n": m.group(1)}


def due_rule_choices(up_to: int = 10) -> list[tuple[str, str]]:
    suffix = {1: "st", 2: "nd", 3: "rd"}
    codes = [f"{n}{suffix.get(n, 'th')}-working-day" for n in range(1, up_to + 1)]
    return [(code, due_rule_label(code)) for code in codes]


def notification_kind_label(kind: str) -> str:
    return str(NOTIFICATION_KINDS.get(kind, kind))
