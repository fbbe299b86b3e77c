"""Deadlines and posting windows of an annual plan (issue §8).

Rules are data (``DeadlineRule``, from ``data/deadline_rules.csv``) per plan kind and
regulation version. A rule with an ``event`` is a clock: the event's date (an appropriation
of the year taking effect, or a date entered by hand as a ``PlanEvent``) plus
``days_to_prepare``, or the end of month ``by_month_end`` of the fiscal year, gives the date
by which the plan — or, for an additional budget, accumulated funds or a notified project,
its next edition — must be made (approved). A rule without an event is a posting window: the
plan is posted within ``post_within_days`` of its announcement and stays posted at least
``min_posting_days`` (``posted_until − posted_from``).

Agencies' action plans have no rule recorded: none was found in the sources, and the
deadline a ministry sets each year is organisation practice.

Four queries whatever the plan (rules, appropriations, hand-entered events, the editions).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from phaen.core.thai import fiscal_year_range
from phaen.plans import choices as c
from phaen.plans.models import AnnualPlan, DeadlineEvent, DeadlineRule, PlanEvent

# Appropriation kinds whose taking effect starts a clock.
APPROPRIATION_EVENTS = {
    "ordinance": DeadlineEvent.BUDGET_EFFECTIVE,
    "budget_act": DeadlineEvent.BUDGET_EFFECTIVE,
    "additional": DeadlineEvent.ADDITIONAL_BUDGET,
    "accumulated": DeadlineEvent.ACCUMULATED_FUNDS,
}
# Events met by the original plan; the others are met by a later edition (an addition).
ORIGINAL_EVENTS = {DeadlineEvent.BUDGET_EFFECTIVE, DeadlineEvent.FISCAL_YEAR_START}

MET, LATE, OPEN, OVERDUE = "met", "late", "open", "overdue"


@dataclass
class Event:
    kind: str
    date: dt.date
    label: str  # what happened: the appropriation's title or the note entered

    @property
    def kind_label(self) -> str:
        return DeadlineEvent(self.kind).label


@dataclass
class Deadline:
    rule: DeadlineRule
    event: Event
    due: dt.date
    done_on: dt.date | None
    done_by: AnnualPlan | None
    status: str

    @property
    def ok(self) -> bool | None:
        return {MET: True, LATE: False, OVERDUE: False}.get(self.status)


@dataclass
class PostingCheck:
    rule: DeadlineRule
    post_by: dt.date | None  # announced_on + post_within_days
    posted_in_time: bool | None  # None: not announced or not posted yet
    days_posted: int | None  # posted_until − posted_from
    long_enough: bool | None  # None: still posted (no end date)

    @property
    def ok(self) -> bool | None:
        if self.posted_in_time is False or self.long_enough is False:
            return False
        if self.posted_in_time and self.long_enough:
            return True
        return None


@dataclass
class DeadlineReport:
    has_rules: bool
    events: list[Event] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    postings: list[PostingCheck] = field(default_factory=list)


def month_end(fiscal_year: int, month: int) -> dt.date:
    """The last day of calendar ``month`` inside BE ``fiscal_year`` (October–December fall
    in the year before the one the fiscal year is named after)."""
    start, _end = fiscal_year_range(fiscal_year)
    year = start.year if month >= 10 else start.year + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def plan_events(plan: AnnualPlan) -> list[Event]:
    """The events of the plan's organisation and year, oldest first: the start of the
    fiscal year, appropriations taking effect, and dates entered by hand."""
    from phaen.budget.models import Appropriation

    events = [Event(DeadlineEvent.FISCAL_YEAR_START, fiscal_year_range(plan.fiscal_year)[0], "")]
    appropriations = Appropriation.objects.filter(
        organization_id=plan.organization_id,
        fiscal_year=plan.fiscal_year,
        kind__in=list(APPROPRIATION_EVENTS),
        effective_on__isnull=False,
    )
    events += [Event(APPROPRIATION_EVENTS[a.kind], a.effective_on, a.title) for a in appropriations]
    entered = PlanEvent.objects.filter(
        organization_id=plan.organization_id, fiscal_year=plan.fiscal_year
    )
    events += [Event(e.event, e.date, e.note) for e in entered]
    return sorted(events, key=lambda e: (e.date, e.kind))


def _made_on(plan: AnnualPlan) -> dt.date | None:
    return plan.approved_on or plan.announced_on


def _completion(event: Event, editions: list[AnnualPlan]) -> AnnualPlan | None:
    """The edition that answers ``event``: the original plan for the year's budget, else
    the first later edition made on or after the event."""
    if event.kind in ORIGINAL_EVENTS:
        made = [p for p in editions if p.edition_kind == c.EditionKind.ORIGINAL and _made_on(p)]
    else:
        made = [
            p
            for p in editions
            if p.edition_kind != c.EditionKind.ORIGINAL
            and _made_on(p)
            and _made_on(p) >= event.date
        ]
    return min(made, key=_made_on, default=None)


def _due(rule: DeadlineRule, event: Event, fiscal_year: int) -> dt.date | None:
    if rule.days_to_prepare is not None:
        return event.date + dt.timedelta(days=rule.days_to_prepare)
    if rule.by_month_end is not None:
        return month_end(fiscal_year, rule.by_month_end)
    return None


def _status(due: dt.date, done_on: dt.date | None, today: dt.date) -> str:
    if done_on is not None:
        return MET if done_on <= due else LATE
    return OPEN if today <= due else OVERDUE


def posting_check(plan: AnnualPlan, rule: DeadlineRule) -> PostingCheck:
    announced, start, end = plan.announced_on, plan.posted_from, plan.posted_until
    post_by = (
        announced + dt.timedelta(days=rule.post_within_days)
        if announced and rule.post_within_days is not None
        else None
    )
    in_time = None
    if announced and start:
        in_time = announced <= start and (post_by is None or start <= post_by)
    days = (end - start).days if start and end else None
    long_enough = None
    if days is not None and rule.min_posting_days is not None:
        long_enough = days >= rule.min_posting_days
    return PostingCheck(rule, post_by, in_time, days, long_enough)


def plan_deadlines(plan: AnnualPlan, today: dt.date | None = None) -> DeadlineReport:
    """Every applicable rule's due date for ``plan`` with whether it was met, and its
    posting windows checked (see the module docstring)."""
    today = today or timezone.localdate()
    rules = list(DeadlineRule.objects.filter(plan_kind=plan.kind))
    report = DeadlineReport(has_rules=bool(rules))
    if not rules:
        return report
    report.events = plan_events(plan)
    editions = list(
        AnnualPlan.objects.filter(
            organization_id=plan.organization_id, kind=plan.kind, fiscal_year=plan.fiscal_year
        )
    )
    for rule in rules:
        if rule.is_posting:
            report.postings.append(posting_check(plan, rule))
            continue
        for event in report.events:
            if event.kind != rule.event:
                continue
            due = _due(rule, event, plan.fiscal_year)
            if due is None:
                continue
            done_by = _completion(event, editions)
            done_on = _made_on(done_by) if done_by else None
            report.deadlines.append(
                Deadline(rule, event, due, done_on, done_by, _status(due, done_on, today))
            )
    report.deadlines.sort(key=lambda d: (not d.rule.in_force, d.due))
    return report
