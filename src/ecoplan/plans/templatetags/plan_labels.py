"""``{% load plan_labels %}``: codes of the plan registry shown as words (see plans.labels)."""
from django import template

from .. import labels

register = template.Library()
register.filter("comparator_label", labels.comparator_label)
register.filter("period_label", labels.period_label)
register.filter("shape_label", labels.shape_label)
register.filter("count_label", labels.count_label)
register.filter("skip_reason", labels.skip_reason)
register.filter("reason_text", labels.reason_text)
