"""``{% load air_labels %}``: the ingest's flag codes shown as words (see monitoring.labels)."""
from django import template

from .. import labels

register = template.Library()
register.filter("flag_issue", labels.flag_issue)
register.filter("flag_field", labels.flag_field)
