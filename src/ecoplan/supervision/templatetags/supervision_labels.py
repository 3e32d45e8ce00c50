"""``{% load supervision_labels %}``: supervision codes shown as words (see supervision.labels)."""
from django import template

from .. import labels

register = template.Library()
register.filter("component_label", labels.component_label)
register.filter("note_text", labels.note_text)
register.filter("due_rule_label", labels.due_rule_label)
register.filter("notification_kind_label", labels.notification_kind_label)


@register.filter
def notes_text(notes) -> list[str]:
    return [labels.note_text(n) for n in notes]
