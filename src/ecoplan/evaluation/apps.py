from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "ecoplan.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from ecoplan.plans.access import register

        from .access import KINDS

        register(*KINDS)
