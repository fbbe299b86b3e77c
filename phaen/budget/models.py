"""Budget vocabulary (reference data): expense categories, money sources, work plans.

Appropriations, ceilings and allocation rounds (issue "Annual plans") will live here too.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from phaen.core.models import AuditedModel


def _localized(th: str, en: str) -> str:
    return en if (get_language() or "th").startswith("en") and en else th


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
