"""Posting of a local administration's monitoring report (app monitoring, ``posting``):
a six-month or annual round whose report is not posted by its deadline."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from phaen.alerts.choices import Severity, WarningKind
from phaen.alerts.kinds.schedule import short_date
from phaen.alerts.rules import rule_for


def _title(number: int, fiscal_year: int) -> str:

    if number == 6:
        return _("Six-month monitoring report, FY %(fy)s") % {"fy": fiscal_year}
    return _("Annual monitoring report, FY %(fy)s") % {"fy": fiscal_year}


def report_posting(ctx) -> list:
    """For a local administration, the rounds R6 and R12 of this fiscal year and of the
    last one (the annual round's December deadline falls in the next year) that exist —
    periods exist once the organisation follows up that year: a round presented but not
    posted is due on its posting deadline (15 days after presenting; the annual one by 31
    December); an annual round not even presented is due on 31 December. Coming up from
    ``before_days`` (reminder_rules.csv) before, overdue the day after. One query."""
    from phaen.alerts.selectors import Warning, url_or
    from phaen.monitoring.choices import PeriodKind
    from phaen.monitoring.models import ReportingPeriod
    from phaen.monitoring.posting import (
        DECEMBER_ROUND,
        POSTING_ROUNDS,
        december_deadline,
        posting_deadline,
    )

    if not ctx.organization.kind.is_local_administration:
        return []
    rounds = (
        ReportingPeriod.objects.filter(
            organization=ctx.organization,
            fiscal_year__in=(ctx.fiscal_year - 1, ctx.fiscal_year),
            kind=PeriodKind.ROUND,
            number__in=POSTING_ROUNDS,
        )
        .select_related("posting")
        .order_by("fiscal_year", "number")
    )
    lead = dt.timedelta(days=rule_for(WarningKind.REPORT_POSTING).before_days)
    url = url_or("monitoring:postings", fallback="")
    found = []
    for period in rounds:
        fiscal_year, number = period.fiscal_year, period.number
        posting = getattr(period, "posting", None)
        if posting is not None:
            if posting.posted_from is not None:
                continue
            due = posting_deadline(posting)
            message = _("Presented on %(presented)s; post it publicly by %(due)s.")
            values = {"presented": short_date(posting.reported_on), "due": short_date(due)}
        elif number == DECEMBER_ROUND:
            due = december_deadline(fiscal_year)
            message = _("Not presented yet; the annual report is posted by %(due)s.")
            values = {"due": short_date(due)}
        else:
            continue  # a six-month round has no deadline until it is presented
        if ctx.today < due - lead:
            continue
        overdue = ctx.today > due
        found.append(
            Warning(
                kind=WarningKind.REPORT_POSTING,
                severity=Severity.DANGER if overdue else Severity.INFO,
                subject=_title(number, fiscal_year),
                message=message % values,
                due_date=due,
                url=url,
                key=f"posting:{ctx.organization.pk}:{fiscal_year}-R{number}",
            )
        )
    return found
