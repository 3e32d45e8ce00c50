"""``{% load air_labels %}``: flag codes, AQI categories and target statuses shown as words (see
monitoring.labels)."""
from django import template

from .. import labels

register = template.Library()
register.filter("flag_issue", labels.flag_issue)
register.filter("flag_field", labels.flag_field)
register.filter("aqi_category", labels.aqi_category)
register.filter("target_status", labels.target_status)
