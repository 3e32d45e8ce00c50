"""Bulletins (通报): the bureau's template, the bulletins made from it, the files issued.

A ``BulletinTemplate`` is what the bureau owns and edits (issuer, title and number patterns,
recipients, sections, rankings, texts, fonts).  A ``Bulletin`` is one period's bulletin of a plan:
a draft the coordinator edits, then issued (its figures, number, date and files fixed), perhaps
later superseded by a correction (更正) — a new version that says what changed.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.models import Area, Plan
from ecoplan.reporting.periods import SPANS

from .sections import CODES


def default_sections() -> list[str]:
    return list(CODES)


class BulletinTemplate(models.Model):
    """A bureau's bulletin template (通报模板): how its monthly, quarterly or yearly bulletin looks.
    Not a bulletin: the figures come from the data when a bulletin is made from it."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    district = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="bulletin_templates",
                                 verbose_name=_("district"))
    issuer = models.CharField(_("issuer"), max_length=100)  # 北京市演示区生态环境局
    title_pattern = models.CharField(_("title"), max_length=200,
                                     default="关于{period}{district}生态环境保护工作情况的通报")
    number_pattern = models.CharField(_("number pattern"), max_length=100, default="{abbr}〔{year}〕{seq}号")
    abbreviation = models.CharField(_("abbreviation"), max_length=20)  # 演环通
    recipients = models.TextField(_("recipients"), blank=True)  # 主送
    span = models.CharField(_("span"), max_length=10, default="month",
                            choices=[(t.code, _(t.label)) for t in SPANS])
    sections = models.JSONField(_("sections"), default=default_sections)  # section codes, in order
    rankings = models.ManyToManyField("rankings.RankingDefinition", blank=True, related_name="bulletin_templates",
                                      verbose_name=_("rankings"))
    bottom_n = models.PositiveSmallIntegerField(_("bottom N"), default=3)
    opening = models.TextField(_("opening paragraph"), blank=True)
    closing = models.TextField(_("closing requirements"), blank=True)  # 下一步工作要求, one paragraph a line
    signature = models.CharField(_("signature"), max_length=100, blank=True)
    body_font = models.CharField(_("body font"), max_length=50, default="仿宋_GB2312")
    title_font = models.CharField(_("title font"), max_length=50, default="方正小标宋简体")
    heading_font = models.CharField(_("heading font"), max_length=50, default="黑体")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bulletin template")
        verbose_name_plural = _("bulletin templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Bulletin(models.Model):
    """One bulletin of a plan for one period (2026-10), made from a template.  Issued, it never
    changes: its figures are the ``snapshot`` it was made from and its files are kept byte for
    byte; a correction is a new version that supersedes it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ISSUED = "issued", _("issued")
        SUPERSEDED = "superseded", _("superseded by a correction")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="bulletins")
    template = models.ForeignKey(BulletinTemplate, on_delete=models.PROTECT, related_name="bulletins")
    period = models.CharField(_("period"), max_length=20)  # as periods.parse reads it: 2026-10
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="superseded_by")
    change_note = models.TextField(_("change note"), blank=True)  # 更正说明, required from version 2
    narratives = models.JSONField(default=dict, blank=True)  # section code → the paragraph as edited
    snapshot = models.JSONField(default=dict, blank=True)  # the figures read (content.read_figures)
    revision = models.PositiveIntegerField(default=1)  # optimistic lock of the draft's edits
    number = models.CharField(_("number"), max_length=100, blank=True)  # 文号
    number_year = models.PositiveSmallIntegerField(null=True, blank=True)
    number_seq = models.PositiveIntegerField(null=True, blank=True)  # the template's sequence in the year
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    issued_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)  # when the figures were read

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-period", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["template", "period"], condition=Q(status="issued"),
                                    name="bulletin_one_issued_per_period"),
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="bulletin_number_unique"),
            models.UniqueConstraint(fields=["template", "number_year", "number_seq"],
                                    condition=Q(number_seq__isnull=False), name="bulletin_sequence_unique"),
            models.CheckConstraint(condition=Q(version=1) | ~Q(change_note=""), name="bulletin_correction_says_why"),
        ]

    def __str__(self) -> str:
        return f"{self.template} {self.period} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def get_additional_data(self) -> dict | None:
        """The audit entry's domain verb (django-auditlog asks): set by the action that saves."""
        event = getattr(self, "_audit_event", None)
        return {"event": event} if event else None


class BulletinFile(models.Model):
    """The exact bytes of an issued bulletin in one format.  Kept in the database (a BinaryField),
    not under MEDIA: written in the same transaction as the issue (a refused or failed issue leaves
    no orphan file, a backup of the database has them), and a few hundred kilobytes each."""

    class Format(models.TextChoices):
        DOCX = "docx", "DOCX"
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"

    bulletin = models.ForeignKey(Bulletin, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(max_length=4, choices=Format.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bulletin", "format"], name="bulletin_file_one_per_format")]

    def __str__(self) -> str:
        return f"{self.bulletin} .{self.format}"
