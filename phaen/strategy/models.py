"""National frameworks that plans align to (reference data).

The strategic plan, its issues, indicators and strategies (issue "Strategic plan") will
live here too and link to :class:`FrameworkItem` rows.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from phaen.core.models import AuditedModel


def _localized(th: str, en: str) -> str:
    return en if (get_language() or "th").startswith("en") and en else th


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
        "self", verbose_name=_("broader item"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
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
                fields=["framework", "code"], name="unique_framework_item_code",
                violation_error_message=_("This framework already has an item with this code."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {_localized(self.name_th, self.name_en)}"
