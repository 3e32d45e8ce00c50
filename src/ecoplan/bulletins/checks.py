"""System checks: a bulletin PDF that would not carry its Chinese glyphs is a warning with a stable id."""
from django.core import checks


@checks.register()
def check_cjk_font(app_configs, **kwargs):
    from ecoplan.reporting import fonts

    found = fonts.find()
    if found.embedded:
        return []
    tried = "; ".join(found.problems) or "none of the known files is installed"
    return [checks.Warning(
        f"no TrueType Chinese font to embed in PDFs ({tried}): bulletins fall back to {fonts.CID_FALLBACK}, "
        "which a reader without Chinese fonts shows as blanks, and chart pictures lose their labels",
        hint=f"run `make fonts` (fonts-arphic-uming, fonts-wqy-zenhei) or set {fonts.ENV} to a .ttf/.ttc file",
        id="bulletins.W001")]
