"""Monitoring registry: stations, their effective-dated area membership, the exclusion register
(沙尘 days) and the record of each ingest.  The hourly data and computed figures live in the
air store (Parquet + DuckDB under ECOPLAN_DATA_DIR/air), not in these tables."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.models import Area


class Station(models.Model):
    """An air monitoring station (国控/市控/街乡镇站点)."""

    class Kind(models.TextChoices):
        EVALUATION = "evaluation", _("evaluation site")
        CONTROL = "control", _("control site (对照点, not in area means)")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.EVALUATION)
    synthetic = models.BooleanField(_("synthetic demo data"), default=False)
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("station")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class StationMembership(models.Model):
    """Station → area (street/town, district), effective-dated: a station may move or leave."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="memberships")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="station_memberships")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("station membership")
        verbose_name_plural = _("station membership")
        ordering = ["station", "area"]


class ExclusionDay(models.Model):
    """A day in the exclusion register (沙尘天气 …): its PM data leave the “excluding” figures."""

    class Kind(models.TextChoices):
        DUST = "dust", _("sand and dust (沙尘)")

    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.CASCADE,
                             help_text=_("empty: every area"))
    day = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DUST)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("excluded day")
        verbose_name_plural = _("excluded day")
        ordering = ["day"]
        unique_together = [("area", "day", "kind")]


class IngestRun(models.Model):
    batch = models.CharField(max_length=40)
    file = models.CharField(max_length=300)
    rows = models.PositiveIntegerField()
    hours = models.PositiveIntegerField()
    stations = models.PositiveIntegerField()
    first_hour = models.DateTimeField(null=True)
    last_hour = models.DateTimeField(null=True)
    flags = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    acting_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("ingest run")
        verbose_name_plural = _("ingest run")
        ordering = ["-created_at"]
