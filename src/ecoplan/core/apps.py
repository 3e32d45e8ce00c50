from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site itself, above every domain app: the demo, the production server, and what spans
    the apps (error pages, backup and restore, the audit trail)."""

    name = "ecoplan.core"
    verbose_name = _("site")

    def ready(self) -> None:
        from auditlog.models import LogEntry

        from ecoplan.plans.access import Kind, register

        from . import audit

        audit.register()
        register(Kind("audit", lambda: LogEntry.objects.all()))
