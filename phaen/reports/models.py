"""Background report runs: one row per report a user asked for in the pages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phaen.organizations.access import ScopedQuerySet
from phaen.reports.choices import ReportFormat, RunStatus


class ReportRun(models.Model):
    """A report being (or having been) built and rendered by the job worker.

    The page polls ``status``/``progress`` and offers ``result`` for download when done.
    Users see only their own runs (superusers all; see ``apps.py``). Not historised: a run
    is a by-product that changes only by the worker and says itself who asked and when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="report_runs",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="report_runs",
    )
    report = models.CharField(_("report"), max_length=80)
    options = models.JSONField(_("options"), default=dict, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=ReportFormat.choices)
    thai_digits = models.BooleanField(_("Thai digits"), default=False)
    language = models.CharField(_("language"), max_length=10, default="th")
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=255, blank=True)
    error = models.TextField(_("error details"), blank=True)
    result = models.FileField(_("result"), upload_to="reports/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    task_id = models.CharField(_("job id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="reportrun_user_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="reportrun_progress_at_most_100",
                violation_error_message=_("Progress cannot exceed 100%."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.get_format_display()}) #{self.pk}"

    @property
    def title(self) -> str:
        """The report's translated title (its name if the report no longer exists)."""
        from phaen.reports.registry import get_report

        try:
            return str(get_report(self.report).title)
        except KeyError:
            return self.report

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def is_downloadable(self) -> bool:
        return self.status == RunStatus.DONE and bool(self.result)
