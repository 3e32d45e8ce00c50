from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "ecoplan.bulletins"
    label = "bulletins"
    verbose_name = _("Bulletins")

    def ready(self):
        from ecoplan.plans.access import register

        from . import checks  # noqa: F401 — registers the system checks
        from .access import KINDS

        register(*KINDS)  # audited through core.audit.TRACKED
