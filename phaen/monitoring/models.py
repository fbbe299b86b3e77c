"""Follow-up of annual plans. Reporting periods come first: everything reported later
(progress, indicator results, rounds) belongs to one of them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from phaen.core import thai
from phaen.core.frozen import FreezableModel
from phaen.core.models import AuditedModel
from phaen.monitoring import choices as c
from phaen.organizations.access import ScopedFreezableQuerySet, ScopedQuerySet


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
    lock_note = models.TextField(
        _("why it was locked with reports still unacknowledged"), blank=True
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


def _user_fk(label: str):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


# --- Project check before it starts -------------------------------------------------------
class ProjectCheck(AuditedModel):
    """The plan officer's check that a project fits the plan's themes (a yes/no checklist
    with comments), then the approver's decision: approve it to start or send it back."""

    project = models.OneToOneField(
        "plans.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="start_check",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=c.CheckState.choices, default=c.CheckState.DRAFT
    )
    officer_comment = models.TextField(_("officer's comment"), blank=True)
    checked_by = _user_fk(_("checked by"))
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    decision_comment = models.TextField(_("approver's comment"), blank=True)
    decided_by = _user_fk(_("decided by"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("project check")
        verbose_name_plural = _("project checks")

    def __str__(self) -> str:
        return str(self.project)


class CheckItem(AuditedModel):
    """One yes/no question of a project check."""

    check_record = models.ForeignKey(
        ProjectCheck, verbose_name=_("check"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    question = models.CharField(_("question"), max_length=500)
    answer = models.BooleanField(_("answer"), null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("check item")
        verbose_name_plural = _("check items")
        ordering = ["check_record", "order", "id"]

    def __str__(self) -> str:
        return self.question


# --- Monthly progress ---------------------------------------------------------------------
class ProgressReport(AuditedModel):
    """A project's progress in one monthly period. ``lineage`` is the project's lineage, so
    one project reports once per month whatever edition of the plan is in force."""

    project = models.ForeignKey(
        "plans.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    lineage = models.UUIDField(_("lineage"), editable=False, db_index=True)
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("month"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=c.ProgressStatus.choices,
        default=c.ProgressStatus.NOT_STARTED,
    )
    percent = models.PositiveSmallIntegerField(
        _("percent complete"), default=0, validators=[MaxValueValidator(100)]
    )
    narrative = models.TextField(_("narrative"), blank=True)
    problems = models.TextField(_("problems and obstacles"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=c.ReportState.choices, default=c.ReportState.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = _user_fk(_("submitted by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = _user_fk(_("acknowledged by"))
    return_comment = models.TextField(_("why it was returned"), blank=True)
    meeting_approved_on = models.DateField(
        _("result summary approved in a staff meeting on"), null=True, blank=True
    )
    meeting_note = models.CharField(_("meeting note"), max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["period__start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lineage", "period"],
                name="progress_report_once_a_month",
                violation_error_message=_("This project already has a report for this month."),
            ),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100),
                name="progress_percent_0_100",
                violation_error_message=_("Percent complete runs from 0 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.period}"

    def save(self, *args, **kwargs):
        if self.project_id and not self.lineage:
            self.lineage = self.project.lineage
        super().save(*args, **kwargs)


class ActivityProgress(AuditedModel):
    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    activity = models.ForeignKey(
        "plans.Activity", verbose_name=_("activity"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=c.ActivityStatus.choices,
        default=c.ActivityStatus.NOT_STARTED,
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity progress")
        verbose_name_plural = _("activity progress")
        ordering = ["report", "activity_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "activity"], name="activity_progress_once")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.status}"


class OutputAchievement(AuditedModel):
    """What a project achieved so far against one of its output targets (cumulative)."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="achievements",
    )
    output = models.ForeignKey(
        "plans.ProjectOutput",
        verbose_name=_("expected result"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    actual = models.DecimalField(_("achieved so far"), max_digits=16, decimal_places=2)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("output achievement")
        verbose_name_plural = _("output achievements")
        ordering = ["report", "output_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "output"], name="output_achievement_once")
        ]

    def __str__(self) -> str:
        return f"{self.output_id}: {self.actual}"


class RiskOccurrence(AuditedModel):
    """One of the project's risks (of this project row or, across editions, of the same
    lineage) reported as having occurred in the report's month, with a note."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="risks_triggered",
    )
    risk = models.ForeignKey(
        "plans.Risk", verbose_name=_("risk"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("what happened"), max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk triggered")
        verbose_name_plural = _("risks triggered")
        ordering = ["report", "risk_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "risk"], name="risk_occurrence_once")
        ]

    def __str__(self) -> str:
        return f"{self.risk_id}: {self.note}"


def evidence_path(instance, filename: str) -> str:
    return f"monitoring/evidence/{instance.report_id}/{filename}"


class Evidence(AuditedModel):
    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=c.EvidenceKind.choices)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return self.caption or self.file.name


class ReportSnapshot(FreezableModel, AuditedModel):
    """What an acknowledged report showed, figures included, as JSON. Immutable: once
    written it can neither change nor be deleted."""

    FROZEN_STATE_FIELD = "sealed"
    FROZEN_STATES = frozenset({True})

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        on_delete=models.PROTECT,
        related_name="snapshots",
    )
    sealed = models.BooleanField(_("sealed"), default=True, editable=False)
    data = models.JSONField(_("what the report showed"))
    taken_by = _user_fk(_("acknowledged by"))

    objects = ScopedFreezableQuerySet.as_manager()

    class Meta:
        verbose_name = _("report snapshot")
        verbose_name_plural = _("report snapshots")
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} @ {self.created_at}"


# --- Problems and improvement -------------------------------------------------------------
class Problem(AuditedModel):
    """A problem found in follow-up, the measure decided, who owns it and its status."""

    plan = models.ForeignKey(
        "plans.AnnualPlan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="problems",
    )
    project = models.ForeignKey(
        "plans.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    category = models.CharField(_("category"), max_length=20, choices=c.ProblemCategory.choices)
    description = models.TextField(_("description"))
    found_on = models.DateField(_("found on"))
    measure = models.TextField(_("measure decided"), blank=True)
    owner_position = models.ForeignKey(
        "organizations.Position",
        verbose_name=_("owner (position)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("owner (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=c.ProblemStatus.choices, default=c.ProblemStatus.OPEN
    )
    published = models.BooleanField(_("published to staff"), default=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["plan", "-found_on", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class CoordinationMeeting(AuditedModel):
    """A plan-coordination meeting and its decisions."""

    plan = models.ForeignKey(
        "plans.AnnualPlan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="coordination_meetings",
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    attendees = models.TextField(_("attendees"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("coordination meeting")
        verbose_name_plural = _("coordination meetings")
        ordering = ["plan", "-held_on", "id"]

    def __str__(self) -> str:
        return self.title


class MeetingDecision(AuditedModel):
    meeting = models.ForeignKey(
        CoordinationMeeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    text = models.TextField(_("decision"))
    carry_forward = models.BooleanField(_("carry into next year's plan"), default=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting decision")
        verbose_name_plural = _("meeting decisions")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.text[:80]


# --- Posting of a local administration's monitoring report --------------------------------
class ReportPosting(AuditedModel):
    """The public posting of a local administration's six-month (R6) or annual (R12)
    monitoring report: when it was presented (to the council and the development
    committee), and from when until when it was posted. Tracked like an announcement;
    ``monitoring.posting.posting_findings`` checks the windows (README)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="report_postings",
    )
    plan = models.ForeignKey(
        "plans.AnnualPlan",
        verbose_name=_("plan"),
        on_delete=models.PROTECT,
        related_name="report_postings",
    )
    period = models.OneToOneField(
        ReportingPeriod,
        verbose_name=_("round"),
        on_delete=models.PROTECT,
        related_name="posting",
    )
    reported_on = models.DateField(_("presented on"))
    posted_from = models.DateField(_("posted from"), null=True, blank=True)
    posted_until = models.DateField(_("posted until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = _user_fk(_("recorded by"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("monitoring report posting")
        verbose_name_plural = _("monitoring report postings")
        ordering = ["organization", "period__fiscal_year", "period__number"]

    def __str__(self) -> str:
        return f"{self.organization} · {self.period}"
