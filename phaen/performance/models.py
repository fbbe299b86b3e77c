"""Indicator results per reporting period, and performance agreements (คำรับรองการปฏิบัติ
ราชการ) with their self- and committee assessments. Rules in words: README.md."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phaen.core.frozen import FreezableModel
from phaen.core.models import AuditedModel
from phaen.organizations.access import ScopedFreezableQuerySet, ScopedQuerySet
from phaen.performance import choices as c


class IndicatorResult(AuditedModel):
    """The actual value of a strategic-plan indicator for one reporting period: a quarter,
    or the 12-month round (the year measured as a whole)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="indicator_results",
    )
    indicator = models.ForeignKey(
        "strategy.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    period = models.ForeignKey(
        "monitoring.ReportingPeriod",
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="indicator_results",
    )
    actual = models.DecimalField(_("actual value"), max_digits=18, decimal_places=4)
    evidence = models.FileField(
        _("evidence"), upload_to="performance/evidence/%Y/%m/", blank=True, max_length=255
    )
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")
        ordering = ["indicator", "period__kind", "period__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                name="unique_result_per_indicator_period",
                violation_error_message=_("This indicator already has a result for this period."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.period.code}: {self.actual}"


class Agreement(FreezableModel, AuditedModel):
    """A performance agreement of one fiscal year at organisation, unit, project or person
    level (a person's agreement is a cascade of indicators, not a staff appraisal).

    Frozen once signed; published agreements may still change their audience. A change to
    a signed agreement is a new version (a draft copy with ``previous`` set)."""

    FROZEN_STATE_FIELD = "state"
    FROZEN_STATES = frozenset({c.AgreementState.SIGNED, c.AgreementState.PUBLISHED})
    FROZEN_MUTABLE_FIELDS = frozenset({"state", "audience", "published_on", "updated_at"})

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=c.AgreementLevel.choices,
        default=c.AgreementLevel.ORGANIZATION,
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    project = models.ForeignKey(
        "plans.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cascaded from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cascades",
    )
    title = models.CharField(_("title"), max_length=500)
    giver_name = models.CharField(_("given by (name)"), max_length=255, blank=True)
    giver_position = models.CharField(_("given by (position)"), max_length=255, blank=True)
    receiver_name = models.CharField(_("received by (name)"), max_length=255, blank=True)
    receiver_position = models.CharField(_("received by (position)"), max_length=255, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=c.AgreementState.choices, default=c.AgreementState.DRAFT
    )
    audience = models.CharField(
        _("published to"), max_length=10, choices=c.Audience.choices, blank=True
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
    )

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("performance agreement")
        verbose_name_plural = _("performance agreements")
        ordering = ["organization", "-fiscal_year", "level", "title", "-version"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state == c.AgreementState.PUBLISHED and self.audience == c.Audience.PUBLIC

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        needed = {
            c.AgreementLevel.UNIT: "unit",
            c.AgreementLevel.PROJECT: "project",
            c.AgreementLevel.PERSON: "person",
        }.get(self.level)
        if needed and not getattr(self, f"{needed}_id"):
            errors[needed] = _("An agreement at this level names its %(field)s.") % {
                "field": self._meta.get_field(needed).verbose_name
            }
        org_id = self.organization_id
        if self.unit_id and org_id and self.unit.organization_id != org_id:
            errors["unit"] = _("The unit belongs to another organisation.")
        if self.project_id and org_id and self.project.plan.organization_id != org_id:
            errors["project"] = _("The project belongs to another organisation's plan.")
        if self.parent_id and self.parent.fiscal_year != self.fiscal_year:
            errors["parent"] = _("The agreement it cascades from is of another fiscal year.")
        if self.fiscal_year and not (2400 <= self.fiscal_year <= 2800):
            errors["fiscal_year"] = _("Years are Buddhist Era, e.g. 2570.")
        if errors:
            raise ValidationError(errors)


class AgreementIndicator(FreezableModel, AuditedModel):
    """An indicator chosen for an agreement (a strategic-plan indicator or free text) with
    its unit of measure, weight (%), target and the values reaching levels 1–5."""

    FROZEN_PARENT = "agreement"

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    indicator = models.ForeignKey(
        "strategy.Indicator",
        verbose_name=_("plan indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    name = models.TextField(_("indicator"))
    unit = models.CharField(_("unit of measure"), max_length=100, blank=True)
    weight = models.DecimalField(_("weight (%)"), max_digits=6, decimal_places=2)
    target = models.DecimalField(
        _("target"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    level_1 = models.DecimalField(
        _("level 1"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    level_2 = models.DecimalField(
        _("level 2"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    level_3 = models.DecimalField(
        _("level 3"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    level_4 = models.DecimalField(
        _("level 4"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    level_5 = models.DecimalField(
        _("level 5"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement indicator")
        verbose_name_plural = _("agreement indicators")
        ordering = ["agreement", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.name[:80]}".strip()

    @property
    def levels(self) -> dict[int, object]:
        return {n: getattr(self, f"level_{n}") for n in range(1, 6)}

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.weight is not None and not (0 < self.weight <= 100):
            errors["weight"] = _("A weight is a percentage above 0 and at most 100.")
        values = [v for v in self.levels.values() if v is not None]
        if len(values) >= 2 and not (
            values == sorted(values) or values == sorted(values, reverse=True)
        ):
            errors["level_5"] = _("The level values must rise or fall steadily from 1 to 5.")
        if len(values) != len(set(values)):
            errors["level_5"] = _("Two levels have the same value.")
        if self.agreement_id and self.indicator_id:
            plan = self.indicator.plan
            if plan.organization_id != self.agreement.organization_id:
                errors["indicator"] = _("The indicator is not in this organisation's plan.")
        if errors:
            raise ValidationError(errors)


class Assessment(AuditedModel):
    """The self-assessment or the committee's assessment of a signed agreement."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=c.AssessmentKind.choices)
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["agreement", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind"],
                name="unique_assessment_kind",
                violation_error_message=_("This agreement already has an assessment of this kind."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement} — {self.get_kind_display()}"


class AssessmentItem(AuditedModel):
    """The result of one agreement indicator in an assessment, with its score (1–5 scale,
    interpolated) and weighted score (score × weight / 100), both to four decimals."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="items"
    )
    agreement_indicator = models.ForeignKey(
        AgreementIndicator,
        verbose_name=_("agreement indicator"),
        on_delete=models.PROTECT,
        related_name="assessment_items",
    )
    result = models.DecimalField(_("result"), max_digits=18, decimal_places=4)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=4)
    weighted_score = models.DecimalField(_("weighted score"), max_digits=7, decimal_places=4)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessed indicator")
        verbose_name_plural = _("assessed indicators")
        ordering = ["assessment", "agreement_indicator__sort_order", "agreement_indicator__id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "agreement_indicator"],
                name="unique_assessment_item",
                violation_error_message=_("This indicator is already assessed."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement_indicator}: {self.score}"
