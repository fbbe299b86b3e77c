"""Budget vocabulary (reference data): expense categories, money sources, work plans.

Appropriations, ceilings and allocation rounds (issue "Annual plans") will live here too.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from phaen.core.models import AuditedModel
from phaen.core.models import localized as _localized
from phaen.organizations.access import ScopedQuerySet


class CategoryScope(models.TextChoices):
    CENTRAL = "central", _("Central government")
    LOCAL = "lao", _("Local administration")


class CategoryLevel(models.TextChoices):
    TYPE = "type", _("Expense type (งบรายจ่าย)")
    ITEM = "item", _("Expense item")


class ExpenseCategory(AuditedModel):
    """An expense type (งบบุคลากร, งบดำเนินงาน …) or one of its items, per scope."""

    scope = models.CharField(_("scope"), max_length=10, choices=CategoryScope.choices)
    level = models.CharField(_("level"), max_length=10, choices=CategoryLevel.choices)
    code = models.CharField(_("code"), max_length=20, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("expense type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    name_th = models.CharField(_("Thai name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    is_investment = models.BooleanField(
        _("investment spending"),
        default=False,
        help_text=_("Counts as investment (งบลงทุน) against disbursement targets."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("expense category")
        verbose_name_plural = _("expense categories")
        ordering = ["scope", "sort_order", "code"]

    def __str__(self) -> str:
        return _localized(self.name_th, self.name_en)


class BudgetSource(AuditedModel):
    """Where a project's money comes from (state budget, own revenue, accumulated funds,
    partners such as ศอ.บต. or อพท. …). Admins may add sources."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_th = models.CharField(_("Thai name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    source = models.CharField(_("source of this fact"), max_length=500, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("budget source")
        verbose_name_plural = _("budget sources")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return _localized(self.name_th, self.name_en)


class WorkPlan(AuditedModel):
    """A standard work plan (แผนงาน) of local administrations."""

    ordinal = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_th = models.CharField(_("Thai name"), max_length=255, unique=True)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["ordinal"]

    def __str__(self) -> str:
        return _localized(self.name_th, self.name_en)


# --- The year's appropriation ---------------------------------------------------------------
class AppropriationKind(models.TextChoices):
    BUDGET_ACT = "budget_act", _("Allocation under the Budget Act (พ.ร.บ.งบประมาณรายจ่าย)")
    ORDINANCE = "ordinance", _("Annual budget ordinance (ข้อบัญญัติ/เทศบัญญัติงบประมาณรายจ่าย)")
    ADDITIONAL = "additional", _("Additional budget (งบประมาณรายจ่ายเพิ่มเติม)")
    ACCUMULATED = "accumulated", _("Spending of accumulated funds (จ่ายขาดเงินสะสม)")
    PARENT = "parent", _("Allocation from the parent organisation")


class Appropriation(AuditedModel):
    """The money an organisation may spend in a fiscal year from one legal basis (its
    Budget Act allocation, its budget ordinance, an additional budget …). Its lines arrive
    in dated allocation rounds; a parent organisation can allocate lines to its units and
    child organisations, which see them as ceilings."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="appropriations",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    kind = models.CharField(_("kind"), max_length=20, choices=AppropriationKind.choices)
    title = models.CharField(_("title"), max_length=255)
    effective_on = models.DateField(_("takes effect on"), null=True, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=255,
        blank=True,
        help_text=_("e.g. ข้อบัญญัติงบประมาณรายจ่ายประจำปี พ.ศ. 2568"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("appropriation")
        verbose_name_plural = _("appropriations")
        ordering = ["organization", "-fiscal_year", "effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.fiscal_year})"


class AllocationRound(AuditedModel):
    """A dated round in which appropriation lines arrive (allocations often come late and in
    several rounds)."""

    appropriation = models.ForeignKey(
        Appropriation,
        verbose_name=_("appropriation"),
        on_delete=models.CASCADE,
        related_name="rounds",
    )
    number = models.PositiveSmallIntegerField(_("round"))
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")
        ordering = ["appropriation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["appropriation", "number"],
                name="unique_round_number",
                violation_error_message=_("This round exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.appropriation} #{self.number}"


class AppropriationLine(AuditedModel):
    """One line of an appropriation: work plan, task, expense category, item and amount.
    ``allocated_from`` points to the parent's line this one was allocated from."""

    appropriation = models.ForeignKey(
        Appropriation,
        verbose_name=_("appropriation"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    round = models.ForeignKey(
        AllocationRound,
        verbose_name=_("allocation round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lines",
    )
    code = models.CharField(_("budget code"), max_length=40, blank=True)
    work_plan = models.ForeignKey(
        WorkPlan,
        verbose_name=_("work plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    programme = models.CharField(_("programme / task (แผนงาน/งาน)"), max_length=255, blank=True)
    category = models.ForeignKey(
        ExpenseCategory,
        verbose_name=_("expense category"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    item = models.CharField(_("item"), max_length=500, blank=True)
    amount = models.DecimalField(_("amount (baht)"), max_digits=16, decimal_places=2)
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("allocated to unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    allocated_from = models.ForeignKey(
        "self",
        verbose_name=_("allocated from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("appropriation line")
        verbose_name_plural = _("appropriation lines")
        ordering = ["appropriation", "work_plan__ordinal", "category__sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="line_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item or self.category} {self.amount}"
