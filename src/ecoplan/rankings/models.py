"""A ranking the bureau saves (排名设置) so the same ranking comes out every month."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.models import Area
from ecoplan.reporting.periods import SPANS
from ecoplan.vocabulary.areas import LEVELS
from ecoplan.vocabulary.rank_metrics import BY_CODE, METRICS, ORDERS, ROUNDING_RULES


def metric_choices() -> list[tuple[str, str]]:
    return [(m.code, f"{_(m.label)} ({m.unit})" if m.unit else str(_(m.label))) for m in METRICS]


def known_metric(code: str) -> None:
    if code not in BY_CODE:
        raise ValidationError(_("“%(metric)s” is not a ranking metric"), params={"metric": code}, code="metric")


class RankingDefinition(models.Model):
    """Which sub-areas of which area are ranked, on which metric, over which span, with its bottom
    and top N and its rounding — the settings of a ranking, not its result: the result is computed
    for the period asked (``engine.run_definition``) and never stored here."""

    # levels, spans, metrics, orders and roundings: defined in ecoplan.vocabulary and reporting.periods
    Level = models.TextChoices("Level", [(t.code.upper(), (t.code, _(t.label))) for t in LEVELS])
    Span = models.TextChoices("Span", [(t.code.upper(), (t.code, _(t.label))) for t in SPANS])
    Order = models.TextChoices("Order", [(code.upper(), (code, _(label))) for code, label in ORDERS])
    Rounding = models.TextChoices("Rounding", [(t.code.upper(), (t.code, _(t.label))) for t in ROUNDING_RULES])

    name = models.CharField(_("name"), max_length=200)
    # the parent whose sub-areas are ranked; empty for a ranking of the districts themselves
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="ranking_definitions",
                             verbose_name=_("area"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.SUB_AREA)
    # a code of vocabulary.rank_metrics; not a DB choice list, which would need a migration for every
    # indicator the catalogue gains (forms offer ``metric_choices()``)
    metric = models.CharField(_("metric"), max_length=40, validators=[known_metric])
    span = models.CharField(_("period"), max_length=10, choices=Span.choices, default=Span.MONTH)
    order = models.CharField(_("ranked on"), max_length=12, choices=Order.choices, default=Order.VALUE)
    bottom_n = models.PositiveSmallIntegerField(_("bottom N"), default=0)
    top_n = models.PositiveSmallIntegerField(_("top N"), default=0)
    # decimals as published; empty: the metric's own (vocabulary.rank_metrics)
    places = models.PositiveSmallIntegerField(_("decimal places"), null=True, blank=True)
    rounding = models.CharField(_("rounding"), max_length=10, choices=Rounding.choices, default=Rounding.GB8170)
    exclude_dust = models.BooleanField(_("sand and dust days excluded"), default=False)  # 扣除沙尘
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ranking definition")
        verbose_name_plural = _("ranking definitions")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="ranking_name_unique_per_area")]

    def __str__(self) -> str:
        return self.name
