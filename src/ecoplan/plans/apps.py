from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "ecoplan.plans"
    label = "plans"
    verbose_name = _("Plan registry")

    def ready(self):
        from django.contrib import admin

        from . import access, checks  # noqa: F401  (checks: registers the access-rule check)

        access.register(*access.PLAN_KINDS)
        # the admin opens by role (coordinator, auditor), not by is_staff
        admin.site.has_permission = access.admin_site_permission
        admin.site.login_form = access.AdminLoginForm
