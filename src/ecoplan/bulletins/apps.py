from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "ecoplan.bulletins"
    label = "bulletins"
    verbose_name = _("Bulletins")

    def ready(self):
        from auditlog.registry import auditlog

        from ecoplan.plans.access import register

        from .access import KINDS
        from .models import Bulletin, BulletinTemplate

        register(*KINDS)
        # audited like the models of core.audit.TRACKED (the file contents are not: only their sha256)
        for model, options in ((BulletinTemplate, {"m2m_fields": {"rankings"}}),
                               (Bulletin, {"exclude_fields": ["revision", "snapshot"]})):
            if not auditlog.contains(model):
                auditlog.register(model, **options)
