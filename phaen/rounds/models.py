"""Reporting rounds: a parent organisation asks its child organisations for their figures
of one period of a fiscal year; each child submits a frozen snapshot, the parent accepts
it or sends it back with comments, and accepted snapshots consolidate."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phaen.core.models import AuditedModel
from phaen.organizations.access import ScopedQuerySet
from phaen.rounds import choices as c


class ReportingRound(AuditedModel):
    """A round opened by ``organization`` (the parent) for one period of a fiscal year.
    ``period_code`` is a period code of the monitoring app ("Q1", "R6", "2570-01")."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="reporting_rounds",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    period_code = models.CharField(_("period"), max_length=10)
    title = models.CharField(_("title"), max_length=300)
    instructions = models.TextField(_("instructions"), blank=True)
    deadline = models.DateField(_("deadline"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-fiscal_year", "-deadline", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fiscal_year__gte=2400, fiscal_year__lte=2800),
                name="reporting_round_year_is_buddhist_era",
                violation_error_message=_("Years are Buddhist Era, e.g. 2568."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        """ "Quarter 1", "6-month round", "January 2570" (in the active language)."""
        from phaen.rounds.forms import period_choices

        return str(dict(period_choices(self.fiscal_year)).get(self.period_code, self.period_code))

    @property
    def is_past_deadline(self) -> bool:
        """The deadline (a day in Asia/Bangkok) has passed."""
        return timezone.localdate() > self.deadline


class RoundSubmission(AuditedModel):
    """What one child organisation sends for a round: its state, the summary it wrote and
    the snapshot of its figures computed when it submitted (kept as they were)."""

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="round_submissions",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=c.SubmissionState.choices,
        default=c.SubmissionState.NOT_SUBMITTED,
    )
    summary = models.TextField(_("summary"), blank=True)
    snapshot = models.JSONField(_("figures as submitted"), default=dict, blank=True)
    plan = models.ForeignKey(
        "plans.AnnualPlan",
        verbose_name=_("plan in force"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("parent's comment"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("round submission")
        verbose_name_plural = _("round submissions")
        ordering = ["round", "organization__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organization"], name="round_submission_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.organization}"

    @property
    def is_late(self) -> bool:
        """Deadline passed (Asia/Bangkok) and nothing submitted yet."""
        return self.state == c.SubmissionState.NOT_SUBMITTED and self.round.is_past_deadline

    @property
    def may_submit(self) -> bool:
        return self.state in (c.SubmissionState.NOT_SUBMITTED, c.SubmissionState.RETURNED)

    @property
    def may_decide(self) -> bool:
        return self.state == c.SubmissionState.SUBMITTED


class RoundMove(models.Model):
    """One move of a submission (submitted, sent back, accepted): who, when, the comment,
    and for a submission the snapshot it carried. Never changed."""

    submission = models.ForeignKey(
        RoundSubmission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="moves",
    )
    kind = models.CharField(_("move"), max_length=20, choices=c.MoveKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    snapshot = models.JSONField(_("figures"), default=dict, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("round move")
        verbose_name_plural = _("round moves")
        ordering = ["submission", "at", "id"]

    def __str__(self) -> str:
        return f"{self.submission}: {self.get_kind_display()}"


class RoundChange(models.Model):
    """One change made to a round after it opened (title, instructions, deadline, an
    organisation asked or withdrawn): who, when, the value before and after. Never changed;
    the round's and submissions' own history is in simple-history as well."""

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    field = models.CharField(_("what"), max_length=20, choices=c.ChangeField.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organisation asked or withdrawn."),
    )
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("round change")
        verbose_name_plural = _("round changes")
        ordering = ["round", "-at", "-id"]

    def __str__(self) -> str:
        return f"{self.round}: {self.get_field_display()}"

    def _as_date(self, text: str):
        if self.field != c.ChangeField.DEADLINE or not text:
            return None
        return dt.date.fromisoformat(text)

    @property
    def before_date(self):
        """The deadline before the change (deadline changes only)."""
        return self._as_date(self.before)

    @property
    def after_date(self):
        return self._as_date(self.after)
