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


@checks.register()
def check_water_pack(app_configs, **kwargs):
    """The GB 3838-2002 pack (standards/packs/gb3838-2002.toml) loads and is ordered."""
    from ecoplan.standards import water

    try:
        water.standard.cache_clear()
        water.standard()
    except (water.WaterPackError, KeyError, ValueError, TypeError) as exc:
        return [checks.Error(f"water pack does not load: {exc}", id="standards.E002")]
    return []
