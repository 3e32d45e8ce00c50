"""Supervision: who acts for which unit, monthly reporting cycles, unit reports with their
entries, versions and evidence, notifications and the assessment scheme."""
from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.models import Measure, Organisation, Plan, Profile, Role  # noqa: F401 (moved to plans)


class ReportingCycle(models.Model):
    """One month of reporting for one plan (e.g. 2024-09, due on the 2nd working day after)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="cycles")
    month = models.DateField(help_text=_("first day of the reported month"))
    due_rule = models.CharField(max_length=40, default="2nd-working-day")
    due_date = models.DateField()
    due_date_official = models.BooleanField(default=True)  # False: weekday fallback, calendar unknown
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("plan", "month")]
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.plan} · {self.month:%Y-%m}"


class Report(models.Model):
    """One unit's monthly report: draft → submitted → accepted, or returned with a comment."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        ACCEPTED = "accepted", _("accepted")

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # optimistic lock: every save increments it; a save based on an older version is refused
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    review_comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = [("cycle", "organisation")]
        ordering = ["cycle", "organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.cycle}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED) and \
            self.cycle.status == ReportingCycle.Status.OPEN


class EntryStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    BLOCKED = "blocked", _("blocked")
    NOT_DUE = "not_due", _("not due")


class ReportEntry(models.Model):
    """One measure in one unit's report.  A co-unit's entry is its contribution to the lead
    unit's entry of the same measure and cycle."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead unit")
        CO = "co", _("co-unit")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="entries")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="report_entries")
    role = models.CharField(max_length=4, choices=Role.choices)
    via_group = models.CharField(max_length=200, blank=True,
                                 help_text=_("the group placeholder (各街道办事处 …) this entry came from"))
    status = models.CharField(max_length=12, choices=EntryStatus.choices, default=EntryStatus.NOT_STARTED)
    narrative = models.TextField(blank=True)
    quantity_done = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    quantity_target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    quantity_unit = models.CharField(max_length=20, blank=True)

    class Meta:
        unique_together = [("report", "measure")]
        ordering = ["report", "measure__task__annex__order", "measure__task__order", "measure__order"]


class ReportVersion(models.Model):
    """The immutable record of each submission (the history shown to everyone who may see it)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    submitted_at = models.DateTimeField(auto_now_add=True)
    on_time = models.BooleanField()

    class Meta:
        unique_together = [("report", "number")]
        ordering = ["report", "number"]


class Evidence(models.Model):
    entry = models.ForeignKey(ReportEntry, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)


class Notification(models.Model):
    """In-app reminder or escalation (also sent by e-mail when the user has an address)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30)
    message = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=120, help_text=_("one notification per key"))
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = [("user", "key")]
        ordering = ["-created_at"]


class AssessmentScheme(models.Model):
    """Weights of the year-end assessment (考核); the breakdown explains every point."""

    name = models.CharField(max_length=100, unique=True)
    weight_timely_reporting = models.DecimalField(max_digits=5, decimal_places=2, default=40)
    weight_done_on_time = models.DecimalField(max_digits=5, decimal_places=2, default=40)
    weight_targets_met = models.DecimalField(max_digits=5, decimal_places=2, default=20)

    def weights(self) -> dict:
        return {"timely_reporting": self.weight_timely_reporting,
                "done_on_time": self.weight_done_on_time, "targets_met": self.weight_targets_met}

    def __str__(self) -> str:
        return self.name


class ApiToken(models.Model):
    """A bearer token for the REST API (units that submit from their own systems).  Only its
    SHA-256 is stored: the token itself is shown once, when it is created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    @staticmethod
    def digest(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "") -> str:
        key = secrets.token_urlsafe(32)
        cls.objects.create(user=user, key_hash=cls.digest(key), name=name)
        return key
