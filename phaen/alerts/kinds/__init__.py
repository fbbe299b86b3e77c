"""Warning kinds. Each provider takes the shared :class:`~phaen.alerts.selectors.Context`
and returns warnings, running a fixed number of queries for the whole plan.

``PROVIDERS`` read the organisation's plan in force and run when it has one;
``ORGANIZATION_PROVIDERS`` read only the organisation (``ctx.organization``) and run
whether or not it has a plan."""

from phaen.alerts.choices import WarningKind
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

# The round kind is shown, filtered, logged and labelled through ``WarningKind``
# (choices.py, with a migration of ReminderLog.kind's choices): it is registered once that
# enumeration has it, so the pages never meet a kind they do not know.
ORGANIZATION_PROVIDERS = [rounds.round_submission] if rounds.KIND in WarningKind.values else []
