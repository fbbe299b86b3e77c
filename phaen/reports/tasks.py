"""Background jobs of the reports app (django_tasks; ``phaen db_worker`` runs them)."""

from __future__ import annotations

from django_tasks import task

from phaen.reports.services import report_run_execute


@task()
def render_report_run(run_id: int) -> None:
    """Build, render and store the report run ``run_id``, reporting progress on the run."""
    report_run_execute(run_id=run_id)
