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


class WaterSection(models.Model):
    """A surface-water assessment section (考核断面) or drinking-water source (饮用水水源地) whose
    samples are classed by GB 3838-2002.  Its target class and assessment level come from the
    national/municipal assessment list; the samples live in the water store, not here."""

    class Kind(models.TextChoices):
        RIVER = "river", _("river")
        LAKE = "lake", _("lake or reservoir")

    class Level(models.TextChoices):
        NATIONAL = "national", _("national assessment section")
        MUNICIPAL = "municipal", _("municipal assessment section")
        DISTRICT = "district", _("district assessment section")

    class Target(models.IntegerChoices):  # the order of ecoplan.standards.water.WaterClass
        I = 1, "Ⅰ"  # noqa: E741 — the class is called Ⅰ
        II = 2, "Ⅱ"
        III = 3, "Ⅲ"
        IV = 4, "Ⅳ"
        V = 5, "Ⅴ"

    code = models.CharField(_("code"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=120)
    water_body = models.CharField(_("water body"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.RIVER)
    level = models.CharField(_("assessment level"), max_length=10, choices=Level.choices, default=Level.MUNICIPAL)
    target_class = models.PositiveSmallIntegerField(_("target class"), choices=Target.choices, null=True, blank=True,
                                                    help_text=_("empty: not assessed against a target yet"))
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="water_sections",
                             verbose_name=_("area"))
    river_km = models.DecimalField(_("river length (km)"), max_digits=8, decimal_places=2, null=True, blank=True)
    drinking_source = models.BooleanField(_("drinking-water source"), default=False)
    synthetic = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        verbose_name = _("water section")
        verbose_name_plural = _("water sections")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class WaterIngestRun(models.Model):
    """One file of water samples ingested (all of it: a refused file leaves no run)."""

    batch = models.CharField(max_length=40)
    file = models.CharField(max_length=300)
    preset = models.CharField(max_length=20)
    rows = models.PositiveIntegerField()
    samples = models.PositiveIntegerField()
    sections = models.PositiveIntegerField()
    new_sections = models.PositiveIntegerField(default=0)
    first_sample = models.DateTimeField(null=True)
    last_sample = models.DateTimeField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    acting_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("water ingest run")
        verbose_name_plural = _("water ingest runs")
        ordering = ["-created_at"]
