"""System checks: a broken rule pack or air setting fails `ecoplan check` (and every command) with a
stable id."""
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
def check_annual_rule(app_configs, **kwargs):
    from django.conf import settings

    from ecoplan.analytics.validity import ANNUAL_RULES

    if settings.ECOPLAN_AIR_ANNUAL_RULE not in ANNUAL_RULES:
        return [checks.Error(f"ECOPLAN_AIR_ANNUAL_RULE = {settings.ECOPLAN_AIR_ANNUAL_RULE!r}: one of "
                             f"{', '.join(ANNUAL_RULES)}", id="monitoring.E001")]
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
