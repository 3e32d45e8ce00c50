"""Rankings of streets, towns and districts (排名) on any figure ecoplan has."""
import importlib
import importlib.util

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

BUILTIN_SOURCES = "ecoplan.rankings.builtin"  # air, measurement, water, reported (supervision's: its app)


class RankingsConfig(AppConfig):
    name = "ecoplan.rankings"
    label = "rankings"
    verbose_name = _("Rankings")

    def ready(self):
        from ecoplan.plans.access import Kind, register

        from .models import RankingDefinition

        register(Kind("ranking", lambda: RankingDefinition.objects.select_related("area")))
        # the built-in sources register themselves on import; a branch without them ranks nothing
        # (sources.figures says so per area) — but an error inside the module is not hidden
        if importlib.util.find_spec(BUILTIN_SOURCES) is not None:
            importlib.import_module(BUILTIN_SOURCES)
