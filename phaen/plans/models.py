"""Annual plans (action plan, annual government action plan, operational plan), their
projects with outputs, activities, risks and budget lines, and editions.

Rules in words: phaen/plans/README.md.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phaen.core.frozen import FreezableModel, FrozenRecordError
from phaen.core.models import AuditedModel
from phaen.organizations.access import ScopedFreezableQuerySet
from phaen.plans import choices as c

FROZEN_STATES = frozenset({c.PlanState.APPROVED, c.PlanState.ANNOUNCED})


def validate_months(value) -> None:
    """Planned months: fiscal month numbers 1 (October) … 12 (September)."""
    if not isinstance(value, list) or any(
        not isinstance(m, int) or isinstance(m, bool) or not 1 <= m <= 12 for m in value
    ):
        raise ValidationError(_("Months are fiscal month numbers from 1 (October) to 12."))


class AnnualPlan(FreezableModel, AuditedModel):
    """The plan of one organisation for one fiscal year, in one edition.

    An approved or announced edition is frozen; a change to it is a new edition (a copy with
    ``previous`` set and its own number, reason, route and announcement). Projects keep their
    ``lineage`` across editions, which is how editions are compared.
    """

    FROZEN_STATE_FIELD = "state"
    FROZEN_STATES = FROZEN_STATES
    # An approved edition may still be announced and its posting recorded.
    FROZEN_MUTABLE_FIELDS = frozenset(
        {"state", "current_step", "announced_on", "posted_from", "posted_until"}
    )

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="annual_plans",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=c.AnnualPlanKind.choices)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    title = models.CharField(_("title"), max_length=500)
    multi_year_plan = models.ForeignKey(
        "strategy.StrategicPlan",
        verbose_name=_("multi-year plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_plans",
    )
    action_plan = models.ForeignKey(
        "self",
        verbose_name=_("action plan it carries out"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="operational_plans",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=c.PlanState.choices, default=c.PlanState.DRAFT
    )
    current_step = models.PositiveSmallIntegerField(_("current review step"), default=0)
    edition_kind = models.CharField(
        _("edition"), max_length=20, choices=c.EditionKind.choices, default=c.EditionKind.ORIGINAL
    )
    edition_number = models.PositiveSmallIntegerField(_("edition number"), default=0)
    edition_year = models.PositiveSmallIntegerField(_("edition year (B.E.)"), null=True, blank=True)
    edition_reason = models.TextField(_("reason for the edition"), blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_editions",
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    posted_from = models.DateField(_("posted from"), null=True, blank=True)
    posted_until = models.DateField(_("posted until"), null=True, blank=True)
    budget_threshold = models.DecimalField(
        _("budget above which a risk and a fallback plan are required"),
        max_digits=16,
        decimal_places=2,
        default=100000,
    )

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        ordering = ["organization", "-fiscal_year", "kind", "-edition_number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2400, fiscal_year__lte=2800),
                name="annual_plan_year_is_buddhist_era",
                violation_error_message=_("Years are Buddhist Era, e.g. 2568."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if self.pk and update_fields and "state" in update_fields:
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("state", flat=True)
            old = stored.first()
            # A frozen edition only moves forward: approved → announced.
            if (
                old in FROZEN_STATES
                and self.state != old
                and not (old == c.PlanState.APPROVED and self.state == c.PlanState.ANNOUNCED)
            ):
                raise FrozenRecordError()
        super().save(*args, **kwargs)

    @property
    def edition_label(self) -> str:
        if self.edition_kind == c.EditionKind.ORIGINAL:
            return str(_("original plan"))
        return f"{self.get_edition_kind_display()} {self.edition_number}/{self.edition_year}"


class Project(FreezableModel, AuditedModel):
    """A project of an annual plan. ``version`` protects against lost updates: a save made
    from an older version is refused (see services.project_update)."""

    FROZEN_PARENT = "plan"

    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="projects"
    )
    lineage = models.UUIDField(_("lineage"), default=uuid.uuid4, editable=False, db_index=True)
    code = models.CharField(_("code"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=500)
    rationale = models.TextField(_("rationale"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    target_group = models.CharField(_("target group"), max_length=500, blank=True)
    target_count = models.PositiveIntegerField(
        _("number in the target group"), null=True, blank=True
    )
    place = models.CharField(_("place(s)"), max_length=500, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    months = models.JSONField(
        _("planned months"), default=list, blank=True, validators=[validate_months]
    )
    issue = models.ForeignKey(
        "strategy.Issue",
        verbose_name=_("strategic issue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_projects",
    )
    strategy = models.ForeignKey(
        "strategy.Strategy",
        verbose_name=_("strategy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_projects",
    )
    work_plan = models.ForeignKey(
        "budget.WorkPlan",
        verbose_name=_("work plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    indicators = models.ManyToManyField(
        "strategy.Indicator",
        verbose_name=_("indicators served"),
        blank=True,
        related_name="annual_projects",
    )
    frameworks = models.ManyToManyField(
        "strategy.FrameworkItem",
        verbose_name=_("alignment"),
        blank=True,
        related_name="annual_projects",
    )
    ldp_project = models.ForeignKey(
        "strategy.PlanProject",
        verbose_name=_("development-plan project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_projects",
    )
    action_plan_project = models.ForeignKey(
        "self",
        verbose_name=_("action-plan project it carries out"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="operational_projects",
    )
    other_agency = models.CharField(_("run by another agency"), max_length=255, blank=True)
    importance = models.PositiveSmallIntegerField(_("importance (1–5)"), default=3)
    urgency = models.PositiveSmallIntegerField(_("urgency (1–5)"), default=3)
    responsible_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_position = models.ForeignKey(
        "organizations.Position",
        verbose_name=_("lead host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_projects",
    )
    co_host_units = models.ManyToManyField(
        "organizations.Unit",
        verbose_name=_("co-hosts"),
        blank=True,
        related_name="co_hosted_projects",
    )
    supporter_units = models.ManyToManyField(
        "organizations.Unit",
        verbose_name=_("supporters"),
        blank=True,
        related_name="supported_projects",
    )
    supervisor = models.ForeignKey(
        "organizations.Position",
        verbose_name=_("supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_projects",
    )
    owner = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("project owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=c.ProjectStatus.choices, default=c.ProjectStatus.PLANNED
    )
    out_of_plan = models.BooleanField(_("added outside the plan (นอกแผน)"), default=False)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["plan", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(importance__gte=1, importance__lte=5, urgency__gte=1, urgency__lte=5),
                name="project_priority_1_to_5",
                violation_error_message=_("Importance and urgency run from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def priority(self) -> int:
        return self.importance * self.urgency


class ProjectPart(FreezableModel, AuditedModel):
    FROZEN_PARENT = "project"

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        abstract = True


class ProjectOutput(ProjectPart):
    """An expected output or outcome, measurable, with its target."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="outputs"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=c.OutputKind.choices, default=c.OutputKind.OUTPUT
    )
    description = models.CharField(_("description"), max_length=500)
    unit = models.CharField(_("unit of measure"), max_length=100, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")
        ordering = ["project", "kind", "id"]

    def __str__(self) -> str:
        return self.description


class Activity(ProjectPart):
    """A step or activity of a project, with its months, place, responsible position and
    budget."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="activities"
    )
    name = models.CharField(_("name"), max_length=500)
    method = models.TextField(_("method"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    months = models.JSONField(
        _("planned months"), default=list, blank=True, validators=[validate_months]
    )
    time_place = models.CharField(_("time and place"), max_length=500, blank=True)
    responsible_position = models.ForeignKey(
        "organizations.Position",
        verbose_name=_("responsible position"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["project", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="activity_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Risk(ProjectPart):
    """A risk of a step or activity (or of the whole project), with likelihood and impact
    1–5, its mitigation and the fallback plan (แผนสำรอง)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="risks"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="risks",
    )
    description = models.TextField(_("risk"))
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"), default=3)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), default=3)
    mitigation = models.TextField(_("mitigation"), blank=True)
    fallback_plan = models.TextField(_("fallback plan"), blank=True)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["project", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_scores_1_to_5",
                violation_error_message=_("Likelihood and impact run from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def level(self) -> int:
        return self.likelihood * self.impact


class BudgetLine(ProjectPart):
    """Money of a project (or one of its activities) from one source and expense category,
    drawing on an appropriation line, with a planned spending profile by fiscal month."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
    )
    source = models.ForeignKey(
        "budget.BudgetSource", verbose_name=_("source"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.ForeignKey(
        "budget.ExpenseCategory",
        verbose_name=_("expense category"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    appropriation_line = models.ForeignKey(
        "budget.AppropriationLine",
        verbose_name=_("appropriation line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    description = models.CharField(_("item"), max_length=500, blank=True)
    amount = models.DecimalField(_("amount (baht)"), max_digits=16, decimal_places=2)
    monthly_plan = models.JSONField(_("planned spending by month"), default=list, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["project", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budget_line_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.category} {self.amount}"

    def clean(self) -> None:
        from decimal import Decimal, InvalidOperation

        plan = self.monthly_plan or []
        if not plan:
            return
        if not isinstance(plan, list) or len(plan) != 12:
            raise ValidationError(
                {"monthly_plan": _("Give twelve monthly amounts, October first.")}
            )
        try:
            total = sum(Decimal(str(v or 0)) for v in plan)
        except (InvalidOperation, TypeError):
            raise ValidationError({"monthly_plan": _("Monthly amounts must be numbers.")}) from None
        if self.amount is not None and total != self.amount:
            raise ValidationError(
                {
                    "monthly_plan": _("The months add up to %(total)s, not the line's %(amount)s.")
                    % {"total": total, "amount": self.amount}
                }
            )


class EquipmentItem(FreezableModel, AuditedModel):
    """A capital item (ครุภัณฑ์) of an operational plan not tied to a project (form ผด.02/1)."""

    FROZEN_PARENT = "plan"

    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="equipment"
    )
    work_plan = models.ForeignKey(
        "budget.WorkPlan",
        verbose_name=_("work plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        "budget.ExpenseCategory",
        verbose_name=_("kind of equipment"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("equipment"), max_length=500)
    details = models.TextField(_("details of what is bought"), blank=True)
    amount = models.DecimalField(_("amount (baht)"), max_digits=16, decimal_places=2)
    place = models.CharField(_("place"), max_length=500, blank=True)
    responsible_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    months = models.JSONField(
        _("planned months"), default=list, blank=True, validators=[validate_months]
    )
    appropriation_line = models.ForeignKey(
        "budget.AppropriationLine",
        verbose_name=_("appropriation line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="equipment_items",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("equipment item")
        verbose_name_plural = _("equipment items")
        ordering = ["plan", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="equipment_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


# --- Review and approval -------------------------------------------------------------------
class ReviewStep(models.Model):
    """A step of the review route of a plan kind (data, editable by admins). ``roles`` are
    the roles allowed to complete the step (comma separated)."""

    plan_kind = models.CharField(_("plan kind"), max_length=20, choices=c.AnnualPlanKind.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=40)
    name_th = models.CharField(_("Thai name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    roles = models.CharField(_("roles allowed"), max_length=200)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["plan_kind", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan_kind", "order"], name="unique_review_step_order")
        ]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        english = (get_language() or "th").startswith("en")
        return self.name_en if english and self.name_en else self.name_th

    @property
    def role_list(self) -> list[str]:
        return [r.strip() for r in self.roles.split(",") if r.strip()]


class PlanTransition(models.Model):
    """One move of a plan through its route (who, when, from, to, comment). Append-only."""

    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="transitions"
    )
    step = models.ForeignKey(
        ReviewStep,
        verbose_name=_("step"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_state = models.CharField(_("from"), max_length=20, choices=c.PlanState.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=c.PlanState.choices)
    by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("plan transition")
        verbose_name_plural = _("plan transitions")
        ordering = ["plan", "at", "id"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.from_state} → {self.to_state}"


class Override(models.Model):
    """A planner's reasoned decision to submit despite a non-blocking finding."""

    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="overrides"
    )
    finding = models.CharField(_("finding"), max_length=200)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("override of a finding")
        verbose_name_plural = _("overrides of findings")
        ordering = ["plan", "at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "finding"], name="unique_override_per_finding")
        ]

    def __str__(self) -> str:
        return self.finding


# --- Committee meetings, deadline rules and events (review pages) -------------------------
class MeetingDecision(models.TextChoices):
    ENDORSED = "endorsed", _("Endorsed")
    ENDORSED_WITH_CHANGES = "endorsed_with_changes", _("Endorsed with changes")
    SENT_BACK = "sent_back", _("Sent back for revision")
    NOTED = "noted", _("Noted, no decision")


class CommitteeMeeting(models.Model):
    """A meeting of a committee on a plan (issue §7): when, who was present, what was
    decided, and comments per project (``MeetingComment``). A record of what happened, so
    it may be added while the plan is in review or after it."""

    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="meetings"
    )
    step = models.ForeignKey(
        ReviewStep,
        verbose_name=_("review step"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField(_("date of the meeting"))
    members_present = models.TextField(_("members present"), help_text=_("One name per line."))
    decision = models.CharField(_("decision"), max_length=30, choices=MeetingDecision.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["plan", "date", "id"]

    def __str__(self) -> str:
        return f"{self.plan} {self.date}"

    @property
    def members(self) -> list[str]:
        return [line.strip() for line in self.members_present.splitlines() if line.strip()]


class MeetingComment(models.Model):
    """The committee's comment on one project of the plan, made at a meeting."""

    meeting = models.ForeignKey(
        CommitteeMeeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="meeting_comments",
    )
    comment = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("comment on a project")
        verbose_name_plural = _("comments on projects")
        ordering = ["meeting", "project__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "project"], name="unique_meeting_comment_per_project"
            )
        ]

    def __str__(self) -> str:
        return self.comment[:80]


class DeadlineEvent(models.TextChoices):
    BUDGET_EFFECTIVE = "budget_effective", _("The annual budget takes effect")
    ADDITIONAL_BUDGET = "additional_budget", _("An additional budget takes effect")
    ACCUMULATED_FUNDS = "accumulated_funds", _("A decision to spend accumulated funds")
    PROJECT_NOTIFIED = "project_notified", _("A project notified by another agency")
    FISCAL_YEAR_START = "fiscal_year_start", _("The fiscal year starts")


class DeadlineRule(models.Model):
    """A rule of a regulation version for a plan kind (data, loaded from
    ``plans/data/deadline_rules.csv``): either a clock started by an ``event`` giving the
    date by which the plan (or its addition) must be made, or — with no event — the posting
    window counted from the announcement. ``uncertain`` marks rules whose source could not be
    confirmed; pages say so next to the rule."""

    plan_kind = models.CharField(_("plan kind"), max_length=20, choices=c.AnnualPlanKind.choices)
    version = models.SlugField(_("regulation version"), max_length=40)
    regulation = models.CharField(_("regulation"), max_length=300)
    in_force = models.BooleanField(_("in force"), default=True)
    event = models.CharField(
        _("event that starts the clock"),
        max_length=30,
        choices=DeadlineEvent.choices,
        blank=True,
        help_text=_("Empty for a posting rule, which counts from the announcement."),
    )
    days_to_prepare = models.PositiveSmallIntegerField(
        _("days to make the plan"), null=True, blank=True
    )
    by_month_end = models.PositiveSmallIntegerField(
        _("made by the end of month (1–12)"), null=True, blank=True
    )
    post_within_days = models.PositiveSmallIntegerField(
        _("days within which to post"), null=True, blank=True
    )
    min_posting_days = models.PositiveSmallIntegerField(
        _("minimum days posted"), null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=500)
    uncertain = models.BooleanField(_("source uncertain"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["plan_kind", "-in_force", "version", "event", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(by_month_end__isnull=True)
                | Q(by_month_end__gte=1, by_month_end__lte=12),
                name="deadline_rule_month_1_to_12",
                violation_error_message=_("A month runs from 1 to 12."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_plan_kind_display()} {self.version} {self.event or 'posting'}"

    @property
    def is_posting(self) -> bool:
        return not self.event


class PlanEvent(models.Model):
    """A dated event of an organisation's fiscal year entered by hand (e.g. a project
    notified by another agency), which starts a deadline clock like an appropriation's
    taking effect."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="plan_events",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    event = models.CharField(_("event"), max_length=30, choices=DeadlineEvent.choices)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("deadline event")
        verbose_name_plural = _("deadline events")
        ordering = ["organization", "fiscal_year", "date", "id"]

    def __str__(self) -> str:
        return f"{self.get_event_display()} {self.date}"
