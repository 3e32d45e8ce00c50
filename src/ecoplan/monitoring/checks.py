"""System checks: a broken rule pack fails `ecoplan check` (and every command) with a stable id."""
from django.core import checks


@checks.register()
def check_rule_packs(app_configs, **kwargs):
    from ecoplan.standards import packs

    try:
        packs.rule_sets.cache_clear()
        packs.assessment.cache_clear()
        packs.assessment()  # loads every pack and checks they agree on what the engine shares
    except (packs.PackError, KeyError, ValueError) as exc:
        return [checks.Error(f"rule pack does not load: {exc}", id="standards.E001")]
    return []
