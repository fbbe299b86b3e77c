"""Writes and workflows of reports: asking for a background run and carrying it out."""

from __future__ import annotations

import logging
import traceback

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from phaen.organizations import access
from phaen.reports.choices import RunStatus
from phaen.reports.models import ReportRun
from phaen.reports.registry import ReportError, get_report
from phaen.reports.renderers import render

logger = logging.getLogger(__name__)


@transaction.atomic
def report_run_create(
    *,
    user,
    report_name: str,
    organization,
    fmt: str,
    thai_digits: bool = False,
    language: str = "th",
    fiscal_year: int | None = None,
    chosen: dict[str, str] | None = None,
) -> ReportRun:
    """Record a run of ``report_name`` for ``organization`` and queue it for the worker.

    The job is enqueued when the transaction commits, so the worker never looks for a
    run that is not saved yet.
    """
    try:
        report = get_report(report_name)
    except KeyError as exc:
        raise ValidationError({"report": str(exc)}) from None
    if fmt not in report.formats:
        raise ValidationError({"format": _("This report cannot be made in that format.")})
    if not access.can_in_org(user, "view", organization):
        raise PermissionDenied(_("You may not see this organisation."))
    try:
        options = report.options_for_organization(organization, fiscal_year)
    except ReportError as exc:  # e.g. the organisation has no plan this report prints
        raise ValidationError({"report": str(exc)}) from None
    offered = report.web_choices(organization, fiscal_year)
    for name, value in (chosen or {}).items():
        if name not in offered:
            raise ValidationError({name: _("This report has no such choice.")})
        if value not in {code for code, _label in offered[name].choices}:
            raise ValidationError(
                {name: _("“%(value)s” is not one of the choices.") % {"value": value}}
            )
        options[name] = value
    run = ReportRun(
        user=user,
        organization=organization,
        report=report.name,
        options=options,
        format=fmt,
        thai_digits=thai_digits,
        language=language[:2],
        message=_("Waiting for a worker"),
    )
    run.full_clean()
    run.save()
    transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from phaen.reports.tasks import render_report_run

    try:
        result = render_report_run.enqueue(run_id)
    except Exception:  # the queue itself is broken: say so on the run's page
        logger.exception("Could not enqueue report run %s", run_id)
        _fail(run_id, _("The job could not be queued."), traceback.format_exc())
        return
    ReportRun.objects.filter(pk=run_id).update(task_id=str(result.id)[:64])


def _progress(run_id: int, percent: int, message: str) -> None:
    # A plain UPDATE, committed at once, so the polling page sees it while the job runs.
    ReportRun.objects.filter(pk=run_id).update(progress=percent, message=message)


def _fail(run_id: int, message: str, details: str) -> None:
    ReportRun.objects.filter(pk=run_id).update(
        status=RunStatus.FAILED,
        message=message[:255],
        error=details,
        finished_at=timezone.now(),
    )


def report_run_execute(*, run_id: int) -> ReportRun | None:
    """Build and render the run ``run_id``, storing the file; the job worker calls this.

    Idempotent: a run that is not queued any more (already done, failed or taken by
    another worker) is left alone and ``None`` is returned. Access is checked again by the
    builder, as the user who asked for it, with their rights of now.
    """
    claimed = ReportRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), progress=5
    )
    if not claimed:
        return None
    run = ReportRun.objects.select_related("user", "organization").get(pk=run_id)
    with translation.override(run.language):
        _progress(run_id, 5, _("Collecting the data"))
        try:
            _produce(run)
        except ReportError as exc:
            _fail(run_id, str(exc), "")
        except Exception:
            logger.exception("Report run %s failed", run_id)
            _fail(
                run_id,
                _("The report could not be produced; the error has been recorded."),
                traceback.format_exc(),
            )
            raise
    run.refresh_from_db()
    return run


def _produce(run: ReportRun) -> None:
    report = get_report(run.report)
    data = report.build(user=run.user, **run.options)
    _progress(run.pk, 10, _("Laying out the document"))
    rendered = render(report, data, run.format, thai_digits=run.thai_digits)
    _progress(run.pk, 90, _("Saving the file"))
    filename = report.filename(data, rendered.extension)
    run.result.save(get_valid_filename(filename), ContentFile(rendered.content), save=False)
    run.filename = filename
    run.content_type = rendered.content_type
    run.status = RunStatus.DONE
    run.progress = 100
    run.message = _("Ready to download")
    run.finished_at = timezone.now()
    run.save(
        update_fields=[
            "result",
            "filename",
            "content_type",
            "status",
            "progress",
            "message",
            "finished_at",
        ]
    )
