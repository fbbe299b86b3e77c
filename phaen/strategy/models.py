"""Multi-year plans (strategic plans, multi-year action plans, local development plans),
their vision, missions, goals, strategic issues, indicators, strategies and projects,
SWOT and TOWS, and the national frameworks they align to (reference data).

Rules in words: phaen/strategy/README.md.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from phaen.core.frozen import FreezableModel
from phaen.core.models import AuditedModel
from phaen.core.models import localized as _localized
from phaen.organizations.access import ScopedFreezableQuerySet, ScopedQuerySet
from phaen.strategy import choices as c


class Framework(models.Model):
    """A framework agencies align to: the National Strategy, the master plans, NESDP 13
    milestones, the SDGs, government policy, a ministry's or province's strategies, the
    eMENSCR value-chain (XYZ) tags. Admins may add frameworks."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_th = models.CharField(_("Thai name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("national framework")
        verbose_name_plural = _("national frameworks")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return _localized(self.name_th, self.name_en)


class FrameworkItem(AuditedModel):
    """An item of a framework (a pillar, a master plan, a milestone, a goal), possibly
    nested (a master plan's sub-plan targets)."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=40)
    name_th = models.CharField(_("Thai name"), max_length=500)
    name_en = models.CharField(_("English name"), max_length=500, blank=True)
    name_th_alt = models.CharField(_("other Thai name"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")
        ordering = ["framework__sort_order", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="unique_framework_item_code",
                violation_error_message=_("This framework already has an item with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {_localized(self.name_th, self.name_en)}"


# --- Plans ---------------------------------------------------------------------------------
DEFAULT_LABELS = {
    c.PlanKind.STRATEGIC: ("ประเด็นยุทธศาสตร์", "เป้าประสงค์", "กลยุทธ์"),
    c.PlanKind.ACTION_MULTI_YEAR: ("ประเด็นยุทธศาสตร์", "เป้าประสงค์", "กลยุทธ์"),
    c.PlanKind.LOCAL_DEVELOPMENT: ("ยุทธศาสตร์", "เป้าประสงค์", "แนวทางการพัฒนา"),
}


class StrategicPlan(FreezableModel, AuditedModel):
    """A multi-year plan of one organisation for a period of Buddhist-Era fiscal years.

    Frozen once approved; changes make a new revision (a copy with ``previous`` set), and
    the approved one stays readable. A local development plan changes by editions instead.
    """

    FROZEN_STATE_FIELD = "status"
    FROZEN_STATES = frozenset({c.PlanStatus.APPROVED})

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="strategic_plans",
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=c.PlanKind.choices, default=c.PlanKind.STRATEGIC
    )
    title = models.CharField(_("title"), max_length=500)
    start_year = models.PositiveSmallIntegerField(_("first fiscal year (B.E.)"))
    end_year = models.PositiveSmallIntegerField(_("last fiscal year (B.E.)"))
    vision = models.TextField(_("vision"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=c.PlanStatus.choices, default=c.PlanStatus.DRAFT
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("revises"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    digits = models.CharField(
        _("digits in numbering"), max_length=10, choices=c.Digits.choices, default=c.Digits.ARABIC
    )
    label_issue = models.CharField(_("label for issues"), max_length=100, blank=True)
    label_goal = models.CharField(_("label for goals"), max_length=100, blank=True)
    label_strategy = models.CharField(_("label for strategies"), max_length=100, blank=True)
    weights_total_100 = models.BooleanField(
        _("indicator weights must add up to 100"),
        default=False,
        help_text=_(
            "Checked when the organisation requires the weights of each issue's "
            "indicators to total 100."
        ),
    )

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategic plan")
        verbose_name_plural = _("strategic plans")
        ordering = ["organization", "-start_year", "-revision"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="plan_end_not_before_start",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_year__gte=2400, end_year__lte=2800),
                name="plan_years_are_buddhist_era",
                violation_error_message=_("Years are Buddhist Era, e.g. 2566."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_year}–{self.end_year})"

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    def is_superseded(self) -> bool:
        """An approved plan is superseded once a later revision of it is approved."""
        return self.revisions.filter(status=c.PlanStatus.APPROVED).exists()

    def labels(self) -> tuple[str, str, str]:
        default = DEFAULT_LABELS.get(self.kind, DEFAULT_LABELS[c.PlanKind.STRATEGIC])
        return (
            self.label_issue or default[0],
            self.label_goal or default[1],
            self.label_strategy or default[2],
        )

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.start_year and self.end_year and self.end_year - self.start_year > 9:
            raise ValidationError({"end_year": _("A plan covers at most ten years.")})


class PlanPart(FreezableModel, AuditedModel):
    """Something inside a plan; frozen with it."""

    FROZEN_PARENT = "plan"

    plan = models.ForeignKey(StrategicPlan, verbose_name=_("plan"), on_delete=models.PROTECT)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        abstract = True


class Mission(PlanPart):
    """A mission (พันธกิจ) of the plan."""

    plan = models.ForeignKey(
        StrategicPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="missions"
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    text = models.TextField(_("mission"))

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        ordering = ["plan", "sort_order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Goal(PlanPart):
    """A strategic objective / goal (วัตถุประสงค์เชิงกลยุทธ์ / เป้าประสงค์) of the plan."""

    plan = models.ForeignKey(
        StrategicPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="goals"
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    text = models.TextField(_("goal"))

    class Meta:
        verbose_name = _("strategic objective")
        verbose_name_plural = _("strategic objectives")
        ordering = ["plan", "sort_order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Issue(PlanPart):
    """A strategic issue (ประเด็นยุทธศาสตร์; ยุทธศาสตร์ in a local plan)."""

    plan = models.ForeignKey(
        StrategicPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="issues"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.TextField(_("title"))
    objective = models.TextField(_("objective"), blank=True)
    serves = models.ForeignKey(
        "self",
        verbose_name=_("serves the parent organisation's issue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="served_by",
    )
    frameworks = models.ManyToManyField(
        FrameworkItem, verbose_name=_("alignment"), blank=True, related_name="issues"
    )

    class Meta:
        verbose_name = _("strategic issue")
        verbose_name_plural = _("strategic issues")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="unique_issue_number_per_plan",
                violation_error_message=_("This plan already has an issue with this number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:80]}"


class Strategy(FreezableModel, AuditedModel):
    """A strategy (กลยุทธ์ / แนวทางการพัฒนา) of a strategic issue."""

    FROZEN_PARENT = "issue"

    issue = models.ForeignKey(
        Issue,
        verbose_name=_("strategic issue"),
        on_delete=models.PROTECT,
        related_name="strategies",
    )
    number = models.CharField(_("number"), max_length=20)
    name = models.TextField(_("name"))
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    frameworks = models.ManyToManyField(
        FrameworkItem, verbose_name=_("alignment"), blank=True, related_name="strategies"
    )

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["issue", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.name[:80]}"


class Indicator(PlanPart):
    """An indicator (ตัวชี้วัด) of a plan, usually under an issue; may have sub-indicators.

    ``combination`` says how period values make the year's value; ``direction`` how an
    actual compares with the target (higher/lower is better, or within a band).
    """

    plan = models.ForeignKey(
        StrategicPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="indicators"
    )
    issue = models.ForeignKey(
        Issue,
        verbose_name=_("strategic issue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("strategic objective"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    number = models.CharField(_("number"), max_length=20)
    name = models.TextField(_("name"))
    unit = models.CharField(_("unit of measure"), max_length=100, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year (B.E.)"), null=True, blank=True
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=c.Direction.choices, default=c.Direction.HIGHER
    )
    band_low = models.DecimalField(
        _("band from"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    band_high = models.DecimalField(
        _("band to"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    weight = models.DecimalField(
        _("weight (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    formula = models.TextField(_("formula or method"), blank=True)
    data_source = models.TextField(_("data source"), blank=True)
    measured_by = models.CharField(_("measured by"), max_length=255, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=c.Frequency.choices, default=c.Frequency.YEARLY
    )
    combination = models.CharField(
        _("how periods combine"),
        max_length=20,
        choices=c.Combination.choices,
        default=c.Combination.NOT_CUMULATIVE,
    )
    frameworks = models.ManyToManyField(
        FrameworkItem, verbose_name=_("alignment"), blank=True, related_name="indicators"
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["plan", "issue__number", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.name[:80]}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.direction == c.Direction.BAND and (self.band_low is None or self.band_high is None):
            errors["band_low"] = _("A target band needs both ends.")
        if (
            self.band_low is not None
            and self.band_high is not None
            and self.band_low > self.band_high
        ):
            errors["band_high"] = _("The band's upper end is below its lower end.")
        if self.weight is not None and not (0 <= self.weight <= 100):
            errors["weight"] = _("A weight is a percentage between 0 and 100.")
        if errors:
            raise ValidationError(errors)


class IndicatorTarget(FreezableModel, AuditedModel):
    """The target of an indicator for a fiscal year, or for one quarter of it."""

    FROZEN_PARENT = "indicator"

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=4)

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        # The year's target (no quarter) first on every database (PostgreSQL sorts NULL last).
        ordering = ["indicator", "fiscal_year", models.F("quarter").asc(nulls_first=True)]
        constraints = [
            # Two partial constraints, since SQLite cannot treat NULL quarters as equal.
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"],
                condition=models.Q(quarter__isnull=True),
                name="unique_target_per_year",
                violation_error_message=_("This indicator already has a target for this year."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year", "quarter"],
                condition=models.Q(quarter__isnull=False),
                name="unique_target_per_quarter",
                violation_error_message=_("This indicator already has a target for this quarter."),
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True) | models.Q(quarter__gte=1, quarter__lte=4),
                name="target_quarter_1_to_4",
                violation_error_message=_("A quarter is 1, 2, 3 or 4."),
            ),
        ]

    def __str__(self) -> str:
        period = f"{self.fiscal_year}" + (f" Q{self.quarter}" if self.quarter else "")
        return f"{self.indicator.number} {period}: {self.value}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        plan = self.indicator.plan if self.indicator_id else None
        if plan and not (plan.start_year <= self.fiscal_year <= plan.end_year):
            raise ValidationError(
                {
                    "fiscal_year": _(
                        "The year %(year)s is outside the plan's period %(start)s–%(end)s."
                    )
                    % {"year": self.fiscal_year, "start": plan.start_year, "end": plan.end_year}
                }
            )


class IndicatorCriterion(FreezableModel, AuditedModel):
    """One of the five scoring levels (เกณฑ์การให้คะแนน 1–5) of an indicator."""

    FROZEN_PARENT = "indicator"

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="criteria"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    description = models.TextField(_("description"), blank=True)
    value = models.DecimalField(
        _("value reaching this level"), max_digits=18, decimal_places=4, null=True, blank=True
    )

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["indicator", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "level"],
                name="unique_criterion_level",
                violation_error_message=_("This level is already defined."),
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5),
                name="criterion_level_1_to_5",
                violation_error_message=_("Levels run from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} L{self.level}"


class PlanProject(PlanPart):
    """A project or programme of a multi-year plan, under a strategy or directly under its
    issue. In a local development plan it carries the ผ.02 columns and a budget per year.

    Frozen with its plan, except a project added by an edition, which follows that edition
    (editable while the edition is a draft). An edition removes a frozen project by setting
    ``removed_in`` (the only field that may change then).
    """

    FROZEN_PARENT = None
    FROZEN_MUTABLE_FIELDS = frozenset({"removed_in"})

    @classmethod
    def frozen_q(cls, prefix: str = "") -> models.Q:
        original = StrategicPlan.frozen_q(prefix=f"{prefix}plan__") & models.Q(
            **{f"{prefix}added_in__isnull": True}
        )
        return original | PlanEdition.frozen_q(prefix=f"{prefix}added_in__")

    def _frozen_by_parent(self) -> bool:
        if self.added_in_id:
            return self.added_in.is_frozen()
        return bool(self.plan_id and self.plan.is_frozen())

    plan = models.ForeignKey(
        StrategicPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="projects"
    )
    issue = models.ForeignKey(
        Issue, verbose_name=_("strategic issue"), on_delete=models.PROTECT, related_name="projects"
    )
    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    name = models.TextField(_("name"))
    is_flagship = models.BooleanField(_("flagship project"), default=False)
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=c.ProjectCategory.choices,
        default=c.ProjectCategory.OWN,
    )
    work_plan = models.ForeignKey(
        "budget.WorkPlan",
        verbose_name=_("work plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    objectives = models.TextField(_("objectives"), blank=True)
    outputs = models.TextField(_("targets (outputs)"), blank=True)
    kpi = models.TextField(_("indicator (KPI)"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    responsible_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_in = models.ForeignKey(
        "PlanEdition",
        verbose_name=_("added in edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="added",
    )
    removed_in = models.ForeignKey(
        "PlanEdition",
        verbose_name=_("removed in edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="removed",
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
    )
    reason = models.TextField(_("reason for the change"), blank=True)
    frameworks = models.ManyToManyField(
        FrameworkItem, verbose_name=_("alignment"), blank=True, related_name="plan_projects"
    )

    class Meta:
        verbose_name = _("plan project")
        verbose_name_plural = _("plan projects")
        ordering = ["plan", "issue__number", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name[:100]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.strategy_id and self.issue_id and self.strategy.issue_id != self.issue_id:
            raise ValidationError({"strategy": _("The strategy belongs to another issue.")})


class ProjectYearBudget(FreezableModel, AuditedModel):
    """The budget a local-development-plan project foresees for one year of the plan."""

    FROZEN_PARENT = "project"

    project = models.ForeignKey(
        PlanProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="year_budgets",
    )
    year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    amount = models.DecimalField(_("amount (baht)"), max_digits=16, decimal_places=2)

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("yearly budget")
        verbose_name_plural = _("yearly budgets")
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"],
                name="unique_budget_per_year",
                violation_error_message=_("This year already has a budget."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="budget_not_negative",
                violation_error_message=_("A budget cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}: {self.amount}"


# --- Editions of a local development plan --------------------------------------------------
class EditionRouteStep(models.Model):
    """A step that approves an edition of a given kind (reference data, editable)."""

    kind = models.CharField(_("edition kind"), max_length=20, choices=c.EditionKind.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=40)
    name_th = models.CharField(_("Thai name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("edition approval step")
        verbose_name_plural = _("edition approval steps")
        ordering = ["kind", "order"]
        constraints = [models.UniqueConstraint(fields=["kind", "order"], name="unique_route_order")]

    def __str__(self) -> str:
        return _localized(self.name_th, self.name_en)


class PlanEdition(FreezableModel, AuditedModel):
    """A numbered edition of a local development plan ("เพิ่มเติม ครั้งที่ 1/2567")."""

    FROZEN_STATE_FIELD = "status"
    FROZEN_STATES = frozenset({c.PlanStatus.APPROVED})

    plan = models.ForeignKey(
        StrategicPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="editions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=c.EditionKind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    year = models.PositiveSmallIntegerField(_("year (B.E.)"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=c.PlanStatus.choices, default=c.PlanStatus.DRAFT
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan edition")
        verbose_name_plural = _("plan editions")
        ordering = ["plan", "year", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "number", "year"],
                name="unique_edition_number",
                violation_error_message=_("This edition number is taken."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}/{self.year}"


class EditionApproval(AuditedModel):
    """A recorded step of an edition's approval route (date, decision, note)."""

    edition = models.ForeignKey(
        PlanEdition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="approvals"
    )
    step = models.ForeignKey(
        EditionRouteStep, verbose_name=_("step"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    decision = models.CharField(_("decision"), max_length=255)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition approval")
        verbose_name_plural = _("edition approvals")
        ordering = ["edition", "step__order"]

    def __str__(self) -> str:
        return f"{self.edition} — {self.step}"


# --- SWOT and TOWS -------------------------------------------------------------------------
class SwotItem(FreezableModel, AuditedModel):
    """A strength, weakness, opportunity or threat of the organisation or of its planning
    work; optionally tied to a plan (then frozen with it)."""

    FROZEN_PARENT = "plan"

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="swot_items",
    )
    plan = models.ForeignKey(
        StrategicPlan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="swot_items",
    )
    scope = models.CharField(
        _("about"), max_length=20, choices=c.SwotScope.choices, default=c.SwotScope.ORGANIZATION
    )
    quadrant = models.CharField(_("quadrant"), max_length=1, choices=c.Quadrant.choices)
    text = models.TextField(_("text"))
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["organization", "scope", "quadrant", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.quadrant}: {self.text[:80]}"


class TowsStrategy(FreezableModel, AuditedModel):
    """A TOWS pairing (SO, WO, ST, WT) turned into a strategy idea, optionally linked to a
    strategy of the plan."""

    FROZEN_PARENT = "plan"

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="tows_strategies",
    )
    plan = models.ForeignKey(
        StrategicPlan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tows_strategies",
    )
    scope = models.CharField(
        _("about"), max_length=20, choices=c.SwotScope.choices, default=c.SwotScope.ORGANIZATION
    )
    kind = models.CharField(_("kind"), max_length=2, choices=c.TowsKind.choices)
    text = models.TextField(_("strategy idea"))
    items = models.ManyToManyField(
        SwotItem, verbose_name=_("paired items"), related_name="tows_strategies"
    )
    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("linked strategy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tows",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("TOWS strategy")
        verbose_name_plural = _("TOWS strategies")
        ordering = ["organization", "kind", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:80]}"
