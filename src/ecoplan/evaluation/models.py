"""What the coordinator and the units put in for the targets no monitoring network measures:
reported values (报送数值), the coordinator's judgement of qualitative targets (定性评价), the
values the municipality sets for 达到市级要求 targets, and who reports a target when the plan's
assignments do not say it right."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.models import Area, Organisation, Target
from ecoplan.vocabulary import reported as terms
from ecoplan.vocabulary import states


class ReportedValue(models.Model):
    """One figure for one target, area and period, as a unit reports it (报送): the value, the
    document it comes from (统计公报, a municipal notice …) and the evidence, accepted or returned
    by the coordinator.  Only an accepted value is judged.

    Not a monthly report entry (supervision.ReportEntry: a measure's progress) and not a
    measurement (monitoring: a network's samples): a statistic somebody else computed and the
    unit answers for.  A value is never edited once submitted: a returned value is corrected by
    submitting it again, and the returned one stays in the history."""

    Status = models.TextChoices("ReportedStatus", [(t.code.upper(), (t.code, _(t.label)))
                                                   for t in states.VALUE_STATES])
    SourceKind = models.TextChoices("SourceKind", [(t.code.upper(), (t.code, _(t.label)))
                                                   for t in terms.SOURCE_KINDS])

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reported_values")
    # empty: the target's own scope (the district, or the area the target names)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("area"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    # the same period a year before, as the source prints it (for 同比 targets)
    previous_value = models.DecimalField(_("previous-period value"), max_digits=14, decimal_places=4,
                                         null=True, blank=True)
    source_kind = models.CharField(_("kind of source"), max_length=30, choices=SourceKind.choices)
    source = models.CharField(_("source"), max_length=300)  # 《2024年昌平区国民经济和社会发展统计公报》
    evidence_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_text = models.TextField(_("evidence note"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="reported/%Y/%m/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="reported_values", verbose_name=_("unit"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("reported by"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    review_comment = models.TextField(_("return comment"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["target", "status"])]
        constraints = [models.CheckConstraint(condition=models.Q(period_start__lte=models.F("period_end")),
                                              name="reported_value_period_order")]

    def __str__(self) -> str:
        return f"{self.target.indicator} {self.period_label}: {self.value}"

    @property
    def period_label(self) -> str:
        return terms.period_label(self.period_start, self.period_end)

    @property
    def pending(self) -> bool:
        """Submitted and not yet accepted or returned: the coordinator's to decide."""
        return self.status == self.Status.SUBMITTED


class QualitativeJudgement(models.Model):
    """The coordinator's judgement of a target no figure can settle (得到有效管控, 稳中向好 …):
    a status, the stated reason and the evidence it rests on.  The latest one is the target's
    status; earlier ones stay as its history."""

    Status = models.TextChoices("QualitativeStatus", [(t.code.upper(), (t.code, _(t.label)))
                                                      for t in states.QUALITATIVE_STATES])

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="qualitative_judgements")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("area"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    reason = models.TextField(_("reason"))
    evidence_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_text = models.TextField(_("evidence note"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="qualitative/%Y/%m/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    judged_on = models.DateField(_("judged on"))
    judged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("judged by"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("qualitative judgement")
        verbose_name_plural = _("qualitative judgements")
        ordering = ["-judged_on", "-id"]

    def __str__(self) -> str:
        return f"{self.target.indicator}: {self.status}"


class MunicipalRequirement(models.Model):
    """The value the municipality set for a 达到市级要求 target, with the document that set it.

    A row of its own, not a reported value: it sets the level a figure is judged against (the
    unit still reports the figure), it comes from the city, not from the unit, and the coordinator
    enters it.  Entering one also writes the value onto the target (plans.Target.value and
    value_source), so the export and every judge read one level; the rows keep the history."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="municipal_requirements")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    # empty: the catalogue's default (≥ for rates, ≤ where lower is better)
    comparator = models.CharField(_("comparator"), max_length=4, blank=True,
                                  choices=[(c, c) for c in terms.MUNICIPAL_COMPARATORS])
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    document = models.CharField(_("source document"), max_length=300)  # 京环发〔2024〕… / 市级下达的目标
    document_link = models.URLField(_("document link"), max_length=500, blank=True)
    document_file = models.FileField(_("document file"), upload_to="municipal/%Y/%m/", blank=True)
    document_name = models.CharField(max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("entered by"))
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("municipal requirement")
        verbose_name_plural = _("municipal requirements")
        ordering = ["-entered_at", "-id"]

    def __str__(self) -> str:
        return f"{self.target.indicator} {self.comparator} {self.value}"


class TargetResponsibility(models.Model):
    """The unit the coordinator says reports a target, where the plan's assignments say it wrong
    or not at all.  Without a row the unit is derived (evaluation.responsibility)."""

    target = models.OneToOneField(Target, on_delete=models.CASCADE, related_name="responsibility")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("unit"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("responsible unit of a target")
        verbose_name_plural = _("responsible units of targets")

    def __str__(self) -> str:
        return f"{self.target.indicator} → {self.organisation}"
