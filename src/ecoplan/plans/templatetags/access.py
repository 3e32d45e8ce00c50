"""``{% load access %}{% if user|may:"registry" %}``: templates ask the one access policy."""
from django import template

from ecoplan.plans import access as policy

register = template.Library()


@register.filter
def may(user, kind_action: str) -> bool:
    """``user|may:"report"`` (view) or ``user|may:"report:change"``."""
    kind, _, action = kind_action.partition(":")
    return policy.may(user, kind, action or policy.VIEW)
