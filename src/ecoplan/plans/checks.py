"""System checks of the access policy: a rule for a kind no app registered, or an own-unit rule
on a kind that does not say where its unit is, fails `ecoplan check` with a stable id."""
from django.core import checks


@checks.register()
def check_access_rules(app_configs, **kwargs):
    from .access import KINDS, OWN, RULES

    errors = []
    for (kind, action), rules in RULES.items():
        if kind not in KINDS:
            errors.append(checks.Error(f"access rule ({kind}, {action}) names a kind no app registered",
                                       hint="register(Kind(...)) in the owning app's ready()",
                                       id="access.E001"))
        elif OWN in rules.values() and not KINDS[kind].unit:
            errors.append(checks.Error(f"access rule ({kind}, {action}) is own-unit but the kind has no "
                                       "path to its unit", id="access.E002"))
    return errors


@checks.register()
def check_lexicon(app_configs, **kwargs):
    """The packaged lexicon of unit names loads: a broken row fails `ecoplan check`, not an import."""
    import tomllib

    from ecoplan.importers import organisations

    try:
        organisations.read_entries(organisations.PACKAGED.read_text("utf-8"), organisations.PACKAGED.name)
    except (OSError, ValueError, tomllib.TOMLDecodeError) as exc:
        return [checks.Error(f"the packaged lexicon does not load: {exc}", id="lexicon.E001",
                             hint="fix importers/data/organisations.toml")]
    return []
