"""Follow-up of annual plans. Reporting periods come first: everything reported later
(progress, indicator results, rounds) belongs to one of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phaen.core import thai
from phaen.core.models import AuditedModel
from phaen.monitoring import choices as c
from phaen.organizations.access import ScopedQuerySet


class ReportingPeriod(AuditedModel):
    """A month, a quarter or a cumulative 6/9/12-month round of an organisation's fiscal
    year. ``number`` is the fiscal month (1 = October … 12 = September), the quarter
    (1–4) or the round's length in months (6, 9, 12). A locked period accepts no more
    reports; locking is recorded."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="reporting_periods",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    kind = models.CharField(_("kind"), max_length=10, choices=c.PeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    due_date = models.DateField(_("reports due"))
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("locked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["organization", "fiscal_year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year", "kind", "number"],
                name="reporting_period_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="reporting_period_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def code(self) -> str:
        """ "2567-10" for a month (Buddhist-Era year and month), "Q1" for a quarter,
        "R6" / "R9" / "R12" for a round — what ``--period`` accepts."""
        if self.kind == c.PeriodKind.MONTH:
            return f"{thai.be_year(self.start.year)}-{self.start.month:02d}"
        if self.kind == c.PeriodKind.QUARTER:
            return f"Q{self.number}"
        return f"R{self.number}"

    @property
    def label(self) -> str:
        from django.utils.translation import get_language

        lang = "en" if (get_language() or "th").startswith("en") else "th"
        fy = thai.format_fiscal_year(self.fiscal_year, lang=lang)
        if self.kind == c.PeriodKind.MONTH:
            return f"{thai.month_name(self.start.month, lang=lang)} {thai.be_year(self.start.year)}"
        if self.kind == c.PeriodKind.QUARTER:
            return _("Quarter %(n)s, %(fy)s") % {"n": self.number, "fy": fy}
        return _("%(n)s-month round, %(fy)s") % {"n": self.number, "fy": fy}

    def contains(self, day) -> bool:
        return self.start <= day <= self.end
