"""Monitoring registry: stations, their effective-dated area membership, the exclusion register
(沙尘 days) and the record of each ingest.  The hourly data and computed figures live in the
air store (Parquet + DuckDB under ECOPLAN_DATA_DIR/air), not in these tables."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.models import Area
from ecoplan.vocabulary import measurements


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


# --- monthly measurements that are not hourly (dust fall, TSP, road dust, noise) -------------
# A few hundred sites × twelve months a year: ordinary tables, in the same transaction as the
# registry they point to, not the air store's Parquet (which is for millions of station-hours).

SITE_KINDS = [(t.code, _(t.label)) for t in measurements.SITE_KINDS]
FLAG_CHOICES = [(t.code, _(t.label)) for t in measurements.FLAGS]
RANKED_CHOICES = [(t.code, _(t.label)) for t in measurements.RANKED]


class MeasurementSite(models.Model):
    """A measuring site of a monthly network (降尘缸, TSP 点位, a surveyed road set, a noise point),
    in a street/town or directly in a district.  Not an hourly air station (``Station``)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=SITE_KINDS)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="measurement_sites")
    synthetic = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        verbose_name = _("measuring site")
        verbose_name_plural = _("measuring sites")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def sub_area(self) -> Area | None:
        return self.area if self.area.parent_id else None

    @property
    def district(self) -> Area:
        return self.area.parent if self.area.parent_id else self.area


class MeasurementBatch(models.Model):
    """One ingested file of monthly values: what it held, who ingested it."""

    file = models.CharField(max_length=300)
    indicator = models.CharField(max_length=40)
    rows = models.PositiveIntegerField()
    sites = models.PositiveIntegerField()
    replaced = models.PositiveIntegerField(default=0)  # values of earlier files this one corrected
    first_month = models.DateField(null=True)
    last_month = models.DateField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    acting_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("measurement file")
        verbose_name_plural = _("measurement files")
        ordering = ["-created_at"]


class Measurement(models.Model):
    """A site's value of one indicator for a period (a calendar month as a rule: start = the 1st,
    end = the last day), in the catalogue's unit.  ``flags``: ``sand_dust`` (the laboratory marked
    the month as affected by sand and dust), ``estimated``."""

    site = models.ForeignKey(MeasurementSite, on_delete=models.CASCADE, related_name="measurements")
    indicator = models.CharField(_("indicator"), max_length=40)
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=30)
    flags = models.JSONField(default=list, blank=True)
    batch = models.ForeignKey(MeasurementBatch, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="measurements")
    source_row = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["site", "indicator", "start"]
        constraints = [models.UniqueConstraint(fields=["site", "indicator", "start", "end"],
                                               name="measurement_once_per_period")]


class RankingEntry(models.Model):
    """A street/town's place in the municipality's published monthly ranking (全市街道乡镇排名):
    ``position`` as published (1 = best, ties share a position), of ``total`` ranked."""

    pollutant = models.CharField(_("ranked on"), max_length=20, choices=RANKED_CHOICES)
    month = models.DateField(_("month"))  # the 1st of the month
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="ranking_entries")
    position = models.PositiveIntegerField(_("position"))
    total = models.PositiveIntegerField(_("ranked"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=4, null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    source_row = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("ranking entry")
        verbose_name_plural = _("ranking entries")
        ordering = ["pollutant", "month", "position"]
        constraints = [models.UniqueConstraint(fields=["pollutant", "month", "area"], name="ranked_once_a_month")]
