from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "ecoplan.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        from ecoplan.plans.access import Kind, register

        from . import checks  # noqa: F401  (registers the rule-pack system check)
        from .models import MeasurementSite, Station, WaterSection

        register(Kind("station", lambda: Station.objects.all()),
                 Kind("water_section", lambda: WaterSection.objects.all()),
                 Kind("measurement_site", lambda: MeasurementSite.objects.all()))
