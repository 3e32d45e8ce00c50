from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")


@register.filter
def count_unit(unit):
    """days / samples / months: what a figure's completeness counts, in the user's language."""
    from ecoplan.evaluation.messages import count_unit as words

    return words(unit)
