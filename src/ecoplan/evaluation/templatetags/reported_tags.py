from django import template
from django.utils.translation import gettext

from ecoplan.vocabulary.states import TARGET_STATES

register = template.Library()
LABELS = {t.code: t.label for t in TARGET_STATES}


@register.filter
def target_state_label(code: str) -> str:
    """A target state (met, awaiting_value …) in the user's language."""
    return gettext(LABELS[code]) if code in LABELS else code
