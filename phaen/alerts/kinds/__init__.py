"""Warning kinds. Each provider takes the shared :class:`~phaen.alerts.selectors.Context`
and returns warnings, running a fixed number of queries for the whole plan."""

from phaen.alerts.kinds import indicators, money, posting, progress

PROVIDERS = [
    progress.report_overdue,
    progress.no_progress,
    progress.stale,
    progress.risk_triggered,
    money.disbursement_plan,
    money.disbursement_target,
    money.advance_due,
    money.carry_over_due,
    indicators.indicator_off_track,
    posting.report_posting,
]
