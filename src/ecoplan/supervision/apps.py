from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "ecoplan.supervision"
    label = "supervision"
    verbose_name = _("Supervision")

    def ready(self):
        from ecoplan.plans.access import register

        from .access import KINDS

        register(*KINDS)
        from . import rankings  # noqa: F401 (registers the supervision ranking source)
