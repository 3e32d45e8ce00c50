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


@checks.register()
def check_measurement_rules(app_configs, **kwargs):
    """ECOPLAN_ABOUT_TOLERANCE, ECOPLAN_DUST_MONTH_DAYS and ECOPLAN_MEASUREMENT_MIN_SHARE must be usable."""
    from decimal import Decimal, InvalidOperation

    from .measurements import rules

    try:
        configured = rules()
        band = configured.tolerance(Decimal(5))
    except (InvalidOperation, ValueError, TypeError) as exc:
        return [checks.Error(f"ECOPLAN_ABOUT_TOLERANCE is not a share (5%) or a band (0.3): {exc}",
                             id="monitoring.E002")]
    if band < 0 or configured.dust_days < 1 or not 0 < configured.min_share <= 1:
        return [checks.Error("ECOPLAN_ABOUT_TOLERANCE must not be negative, ECOPLAN_DUST_MONTH_DAYS must be ≥ 1 "
                             "and ECOPLAN_MEASUREMENT_MIN_SHARE in (0, 1]", id="monitoring.E003")]
    return []
