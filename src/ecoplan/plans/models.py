"""The plan registry: plans, annexes, key tasks, measures, targets, organisations, areas, and the
review queue of what the importer could not read with certainty."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoplan.importers.text import search_form
from ecoplan.vocabulary import deadlines, review, units


class Area(models.Model):
    """A district or one of its sub-areas (街道 / 镇 / 乡 / industrial park)."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        SUB_AREA = "sub_area", _("street / town")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("area")
        unique_together = [("name", "parent")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A unit that answers for measures (区生态环境局, 各街道办事处 …).

    Group placeholders (各街道办事处, …成员单位) are organisations of kind ``group``: they stand
    for several units and are kept as printed, never expanded by guess.
    """

    # kinds of unit: defined in ecoplan.vocabulary.units
    Kind = models.TextChoices("Kind", [(k.code.upper(), (k.code, _(k.label))) for k in units.KINDS])

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # A unit is a unit of one district: 区生态环境局 of Daxing is not 区生态环境局 of Fengtai.
    # Identity is (name, district), never the name alone; empty: a plan that names no district.
    district = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="organisations", verbose_name=_("district"))

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("unit")
        ordering = ["name", "district__name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "district"], name="organisation_name_district"),
            models.UniqueConstraint(fields=["name"], condition=models.Q(district__isnull=True),
                                    name="organisation_name_no_district"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.district}）" if self.district_id else self.name


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("unit alias")
        verbose_name_plural = _("unit alias")
        unique_together = [("organisation", "alias")]

    def __str__(self) -> str:
        return self.alias


class LexiconEntry(models.Model):
    """A unit of this installation's lexicon (单位名录): its canonical name, its kind and the other
    names plans print for it, kept by the coordinator.

    The importer reads these before the packaged lexicon (importers/data/organisations.toml): an
    entry with a packaged unit's name corrects that unit, an alias settles a name the packaged data
    leaves unknown or ambiguous.  Not an Organisation: those are the units of imported plans, one per
    district; an entry says how a printed name is read, for every plan imported from now on.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20,
                            choices=[(k.code, _(k.label)) for k in units.KINDS if k.code in units.LEXICON_CODES])
    aliases = models.JSONField(_("aliases"), default=list, blank=True)  # other printed names
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lexicon entry")
        verbose_name_plural = _("lexicon entries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What a user does in the programme; the access policy (plans/access.py) reads it, never
    ``is_staff``.  A superuser acts as coordinator."""

    COORDINATOR = "coordinator", _("coordinator (bureau)")
    REPORTER = "reporter", _("reporter (unit)")
    LEADER = "leader", _("leader")
    AUDITOR = "auditor", _("auditor")


class Profile(models.Model):
    """A user's unit and role.  A leader's ``person_name`` matches 牵头领导 in the plans.

    Kept beside Organisation (not in supervision) so that every app, plans included, can ask the
    one access policy about a user."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="members")
    role = models.CharField(max_length=12, choices=Role.choices)
    person_name = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profile")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation or '—'}"


class Plan(models.Model):
    """One plan document as issued (行动计划 / 工作计划 / 五年规划)."""

    class Kind(models.TextChoices):
        ACTION_PLAN = "action_plan", _("annual action plan")
        WORK_PLAN = "work_plan", _("work plan")
        FIVE_YEAR_PLAN = "five_year_plan", _("five-year plan")

    title = models.CharField(_("title"), max_length=300)
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True)
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)  # 文号
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    period_start = models.PositiveIntegerField(_("first year"), null=True, blank=True)
    period_end = models.PositiveIntegerField(_("last year"), null=True, blank=True)
    district = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="plans", verbose_name=_("district"))
    public = models.BooleanField(_("released to the public"), default=False)  # 此件公开发布
    source_name = models.CharField(_("source file"), max_length=300)
    source_sha256 = models.CharField(_("source SHA-256"), max_length=64, unique=True)
    source_shape = models.CharField(_("document shape"), max_length=30)
    supersedes = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="superseded_by", verbose_name=_("supersedes"))
    repeals = models.JSONField(_("repeals"), default=list, blank=True)  # 同时废止, as printed
    # the monthly report's due day as the notice sets it (每月第二个工作日前); empty: not printed
    report_due_rule = models.CharField(max_length=40, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plan")
        ordering = ["-period_start", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        if self.period_start and self.period_end and self.period_start != self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or "")


class Annex(models.Model):
    """附件 — a campaign annex (蓝天/碧水/净土…) or a chapter of a five-year plan."""

    class Theme(models.TextChoices):
        AIR = "air", _("air")
        WATER = "water", _("water")
        SOIL = "soil", _("soil")
        CLIMATE = "climate", _("climate")
        ECOLOGY = "ecology", _("ecology")
        OTHER = "other", _("other")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="annexes")
    number = models.CharField(_("number"), max_length=10)
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=10, choices=Theme.choices)
    order = models.PositiveIntegerField()
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("annex")
        verbose_name_plural = _("annex")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"附件{self.number} {self.title}"


class Task(models.Model):
    """重点任务 — a key task with all its measures (not a table row: one task, many rows)."""

    annex = models.ForeignKey(Annex, on_delete=models.CASCADE, related_name="tasks")
    number = models.CharField(_("number"), max_length=10, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    section = models.CharField(_("section"), max_length=300, blank=True)
    order = models.PositiveIntegerField()
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("key task")
        verbose_name_plural = _("key task")
        ordering = ["annex", "order"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Measure(models.Model):
    """工作措施 — one measure with its 完成时限 (deadline) and responsible units."""

    # 完成时限 kinds: defined in ecoplan.vocabulary.deadlines
    DeadlineKind = models.TextChoices(
        "DeadlineKind", [(k.code.upper(), (k.code, _(k.label))) for k in deadlines.KINDS])

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="measures")
    text = models.TextField(_("measure"))  # as printed: PM _{2.5}, 劣V, NOX kept
    # the text in matching form (importers.text.search_form): what the plan page's search compares
    search_text = models.TextField(_("text for search"), blank=True, default="")
    order = models.PositiveIntegerField()
    deadline_raw = models.CharField(_("deadline as printed"), max_length=100, blank=True)
    deadline_kind = models.CharField(_("deadline kind"), max_length=20, choices=DeadlineKind.choices)
    deadline_start = models.DateField(null=True, blank=True)
    deadline_end = models.DateField(_("due"), null=True, blank=True)
    milestones = models.JSONField(default=list, blank=True)  # ISO dates stated in the text
    lead_label = models.CharField(max_length=20, blank=True)  # 主责单位 / 牵头单位 / 牵头部门
    co_label = models.CharField(max_length=20, blank=True)  # 协办单位 / 责任单位
    source_line = models.PositiveIntegerField(null=True, blank=True)
    source_end_line = models.PositiveIntegerField(null=True, blank=True)
    # the table's columns of no role (备注, 资金来源 …): printed header → cell, as printed
    attributes = models.JSONField(_("other columns"), default=dict, blank=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measure")
        ordering = ["task", "order"]
        indexes = [models.Index(fields=["deadline_end"])]

    def __str__(self) -> str:
        return self.text[:60]

    def save(self, *args, **kwargs):
        # the matching form follows the text (an edit in the admin); bulk writes set it themselves
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "text" in update_fields:
            self.search_text = search_form(self.text)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def units(self, role: str) -> list[Assignment]:
        return [a for a in self.assignments.all() if a.role == role]


class Assignment(models.Model):
    """Who answers for a measure: a lead unit (主责/牵头单位), a co-unit (协办单位) or a lead
    official (牵头领导, a person's name: never derived from units)."""

    class Role(models.TextChoices):
        LEAD_UNIT = "lead_unit", _("lead unit")
        CO_UNIT = "co_unit", _("co-unit")
        LEAD_OFFICIAL = "lead_official", _("lead official")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="assignments")
    person_name = models.CharField(max_length=50, blank=True)
    printed = models.CharField(_("as printed"), max_length=200)
    order = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignment")
        ordering = ["measure", "role", "order"]

    def __str__(self) -> str:
        return self.printed


class Target(models.Model):
    """A target the plan sets: PM2.5 ≤ 35 µg/m³, good-day ratio ≥ 76 %, 无劣Ⅴ类水体 …

    ``area`` empty = the whole district; ``area_printed`` keeps group scopes such as
    各镇、街道、产业园区管委会.  ``comparator`` is one of COMPARATORS."""

    COMPARATORS = ["<=", ">=", "<", ">", "=", "≈", "improve", "reduce_by", "not_worse",
                   "municipal", "qualitative"]

    class Binding(models.TextChoices):
        BINDING = "binding", _("binding (约束性)")
        EXPECTED = "expected", _("expected (预期性)")
        NONE = "", _("not stated")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    annex = models.ForeignKey(Annex, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="targets")
    indicator = models.CharField(_("indicator"), max_length=200)
    indicator_code = models.CharField(max_length=50, blank=True, db_index=True)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT)
    area_printed = models.CharField(max_length=100, blank=True)
    comparator = models.CharField(_("comparator"), max_length=20)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    value_text = models.CharField(max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    period = models.CharField(_("period"), max_length=30)
    binding = models.CharField(max_length=10, choices=Binding.choices, blank=True)
    baseline_year = models.PositiveIntegerField(null=True, blank=True)
    baseline_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    baseline_text = models.CharField(max_length=100, blank=True)
    conditions = models.JSONField(default=list, blank=True)  # ["excluding_dust"] — 扣除沙尘影响
    soft = models.BooleanField(default=False)  # 力争
    raw = models.TextField(_("as printed"))
    source_line = models.PositiveIntegerField(null=True, blank=True)
    # "Meet the municipal requirement": the value arrives later, with its source.
    value_source = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("target")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.comparator} {self.value if self.value is not None else ''}"


# kinds of review item: defined in ecoplan.vocabulary.review
REVIEW_KINDS = {k.code: _(k.label) for k in review.REVIEW_KINDS}


class ReviewItem(models.Model):
    """Something the importer could not decide with certainty, for a coordinator to resolve."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        RESOLVED = "resolved", _("resolved")
        DISMISSED = "dismissed", _("dismissed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="review_items")
    kind = models.CharField(_("kind"), max_length=40, choices=list(REVIEW_KINDS.items()))
    message = models.TextField(_("message"))
    source_line = models.PositiveIntegerField(null=True, blank=True)
    source_text = models.TextField(blank=True)
    template = models.TextField(blank=True)  # the message with {placeholders}: a msgid
    params = models.JSONField(default=dict, blank=True)
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="review_items")
    target = models.ForeignKey(Target, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="review_items")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review item")
        ordering = ["plan", "source_line", "id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.message[:60]}"

    @property
    def kind_label(self) -> str:
        return str(REVIEW_KINDS.get(self.kind, self.kind))

    @property
    def display_message(self) -> str:
        """The message in the user's language (the importer writes it in English)."""
        if not self.template:
            return self.message
        try:
            return gettext(self.template).format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.message


class ImportRun(models.Model):
    """One import of one file: what was read, skipped and flagged (the import report)."""

    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="import_runs")
    source_name = models.CharField(max_length=300)
    source_sha256 = models.CharField(max_length=64)
    shape = models.CharField(max_length=30)
    counts = models.JSONField(default=dict)
    skipped = models.JSONField(default=list)  # [{"line", "reason", "text"}]
    created_at = models.DateTimeField(auto_now_add=True)
    acting_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import run")
        ordering = ["-created_at"]
