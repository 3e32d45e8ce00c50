"""Supervision: who acts for which unit, monthly reporting cycles, unit reports with their
entries, versions and evidence, notifications and the assessment scheme."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.models import Measure, Organisation, Plan, Profile, Role  # noqa: F401 (moved to plans)
from ecoplan.vocabulary import states


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
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycle")
        unique_together = [("plan", "month")]
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.plan} · {self.month:%Y-%m}"


class Report(models.Model):
    """One unit's monthly report: draft → submitted → accepted, or returned with a comment."""

    # report states: defined in ecoplan.vocabulary.states
    Status = models.TextChoices(
        "ReportStatus", [(t.code.upper(), (t.code, _(t.label))) for t in states.REPORT_STATES])

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # optimistic lock: every save increments it; a save based on an older version is refused
    version = models.PositiveIntegerField(default=1)
    # the last save, submission, return or acceptance: the coordinator's "last activity"
    touched_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, verbose_name=_("submitted by"),
                                     on_delete=models.SET_NULL, related_name="+")
    review_comment = models.TextField(_("return comment"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, verbose_name=_("reviewed by"),
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly report")
        unique_together = [("cycle", "organisation")]
        ordering = ["cycle", "organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.cycle}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED) and \
            self.cycle.status == ReportingCycle.Status.OPEN


# entry states: defined in ecoplan.vocabulary.states
EntryStatus = models.TextChoices("EntryStatus", [(t.code.upper(), (t.code, _(t.label))) for t in states.ENTRY_STATES])


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
    status = models.CharField(_("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.NOT_STARTED)
    narrative = models.TextField(_("progress"), blank=True)
    quantity_done = models.DecimalField(_("quantity done"), max_digits=12, decimal_places=2, null=True, blank=True)
    quantity_target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    quantity_unit = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("report entry")
        verbose_name_plural = _("report entry")
        unique_together = [("report", "measure")]
        ordering = ["report", "measure__task__annex__order", "measure__task__order", "measure__order"]

    def __str__(self) -> str:
        return f"{self.report} · {self.measure}"


class ReportVersion(models.Model):
    """The immutable record of each submission (the history shown to everyone who may see it)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    submitted_at = models.DateTimeField(auto_now_add=True)
    on_time = models.BooleanField()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submission")
        unique_together = [("report", "number")]
        ordering = ["report", "number"]


class ReportReview(models.Model):
    """The coordinator's decision on a submission: returned with a comment, or accepted.  Kept
    beside the versions so that the history shows every submission, return and acceptance."""

    # the report states a review leads to
    DECISIONS = (Report.Status.RETURNED, Report.Status.ACCEPTED)

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(max_length=10, choices=[(d.value, d.label) for d in DECISIONS])
    comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review of a report")
        verbose_name_plural = _("review of a report")
        ordering = ["report", "reviewed_at", "id"]


class Evidence(models.Model):
    entry = models.ForeignKey(ReportEntry, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence file")


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
        verbose_name = _("notification")
        verbose_name_plural = _("notification")
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

    class Meta:
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment scheme")

    def __str__(self) -> str:
        return self.name


class ApiToken(models.Model):
    """A bearer token for the REST API (units that submit from their own systems).  Only its
    SHA-256 is stored: the token itself is shown once, when it is created.

    A token works until it expires (ECOPLAN_API_TOKEN_DAYS), its owner revokes it, or the
    owner's password changes: it keeps the session hash of the password it was issued under,
    as Django's sessions do."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    password_stamp = models.CharField(max_length=128, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API token")
        ordering = ["-created_at"]

    @staticmethod
    def digest(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "") -> str:
        key = secrets.token_urlsafe(32)
        cls.objects.create(user=user, key_hash=cls.digest(key), name=name[:100],
                           expires_at=timezone.now() + timedelta(days=settings.ECOPLAN_API_TOKEN_DAYS),
                           password_stamp=user.get_session_auth_hash())
        return key

    @classmethod
    def authenticate(cls, key: str):
        """The user a presented token stands for, or None."""
        token = cls.objects.filter(key_hash=cls.digest(key)).select_related("user").first()
        return token.user if token is not None and token.is_valid() else None

    def is_valid(self) -> bool:
        return (self.revoked_at is None and timezone.now() < self.expires_at and self.user.is_active
                and constant_time_compare(self.password_stamp, self.user.get_session_auth_hash()))

    def state(self) -> str:
        """Why a token works or not, for its owner's list."""
        if self.revoked_at is not None:
            return _("revoked")
        if timezone.now() >= self.expires_at:
            return _("expired")
        if not constant_time_compare(self.password_stamp, self.user.get_session_auth_hash()):
            return _("ended by a password change")
        if not self.user.is_active:
            return _("account disabled")
        return _("active")
