"""Warning kinds. Each provider takes the shared :class:`~phaen.alerts.selectors.Context`
and returns warnings, running a fixed number of queries for the whole plan."""

from phaen.alerts.kinds import progress

PROVIDERS = [
    progress.report_overdue,
    progress.no_progress,
    progress.stale,
]
