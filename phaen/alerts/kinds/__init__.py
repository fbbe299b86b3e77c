"""Warning kinds. Each provider takes the shared :class:`~phaen.alerts.selectors.Context`
and returns warnings, running a fixed number of queries for the whole plan.

``PROVIDERS`` read the organisation's plan in force and run when it has one;
``ORGANIZATION_PROVIDERS`` read only the organisation (``ctx.organization``) and run
whether or not it has a plan."""

from phaen.alerts.kinds import indicators, money, posting, progress, rounds

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

# Providers of an organisation's own duties, computed even when it has no plan this year.
ORGANIZATION_PROVIDERS = [rounds.round_submission]
