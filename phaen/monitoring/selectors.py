"""Reads of the monitoring app."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from phaen.core import thai
from phaen.monitoring.choices import PeriodKind
from phaen.monitoring.models import ReportingPeriod

_QUARTER = re.compile(r"^[Qq]([1-4])$")
_ROUND = re.compile(r"^[Rr](6|9|12)$")


def parse_period_code(code: str, fiscal_year: int) -> tuple[str, int]:
    """``(kind, number)`` of a period code within BE ``fiscal_year``: "Q1"…"Q4",
    "R6"/"R9"/"R12", or a Buddhist-Era month such as "2567-10" (which must fall inside
    the fiscal year). Raises ``ValueError`` with a message naming the code."""
    text = (code or "").strip()
    if m := _QUARTER.match(text):
        return PeriodKind.QUARTER, int(m.group(1))
    if m := _ROUND.match(text):
        return PeriodKind.ROUND, int(m.group(1))
    try:
        year, month = thai.parse_be_month(text)
    except (ValueError, TypeError):
        raise ValueError(
            _("“%(code)s” is not a period: use Q1–Q4 or a Buddhist-Era month such as 2567-10.")
            % {"code": code}
        ) from None
    if thai.fiscal_year(dt.date(year, month, 1)) != fiscal_year:
        raise ValueError(
            _("%(code)s is not in fiscal year %(fy)s.") % {"code": code, "fy": fiscal_year}
        )
    return PeriodKind.MONTH, thai.fiscal_month_index(month)


def period_by_code(*, organization, fiscal_year: int, code: str) -> ReportingPeriod:
    """The organisation's period for ``code`` (created with the year's periods if needed)."""
    from phaen.monitoring.services import periods_ensure

    kind, number = parse_period_code(code, fiscal_year)
    periods = periods_ensure(organization=organization, fiscal_year=fiscal_year)
    return next(p for p in periods if p.kind == kind and p.number == number)


def month_of(*, organization, day: dt.date) -> ReportingPeriod:
    """The monthly period containing ``day`` (periods created if needed)."""
    from phaen.monitoring.services import periods_ensure

    fy = thai.fiscal_year(day)
    periods = periods_ensure(organization=organization, fiscal_year=fy)
    return next(p for p in periods if p.kind == PeriodKind.MONTH and p.contains(day))


# --- Follow-up of projects (fixed number of queries whatever the number of projects) ------
STATUS_KEYS = ("not_started", "in_progress", "done", "postponed", "cancelled")


def plan_in_force(*, organization, fiscal_year: int):
    """The organisation's plan of the year that is in force: the latest approved or
    announced edition; when none is, the newest edition (one query)."""
    from phaen.plans.choices import PlanState
    from phaen.plans.models import AnnualPlan

    plans = list(
        AnnualPlan.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .select_related("organization")
        .order_by("-edition_number", "-id")
    )
    frozen = [p for p in plans if p.state in (PlanState.APPROVED, PlanState.ANNOUNCED)]
    if frozen:
        return frozen[0]
    return plans[0] if plans else None


def _reports_of(projects, until_period=None):
    """Reports of ``projects`` (by lineage) in their plans' organisation and fiscal year,
    oldest month first (one query)."""
    from phaen.monitoring.models import ProgressReport

    projects = list(projects)
    if not projects:
        return []
    keys = {(p.plan.organization_id, p.plan.fiscal_year) for p in projects}
    from django.db.models import Q

    scope = Q(pk__in=[])
    for org_id, fy in keys:
        scope |= Q(period__organization_id=org_id, period__fiscal_year=fy)
    qs = ProgressReport.objects.filter(scope, lineage__in={p.lineage for p in projects})
    if until_period is not None:
        qs = qs.filter(period__end__lte=until_period.end)
    return list(qs.select_related("period").order_by("period__start", "id"))


def latest_progress(projects, until_period=None) -> dict:
    """``{project lineage: ProgressReport}``: each project's latest report (submitted or
    not) up to ``until_period`` (a month, quarter or round: reports of months ending by its
    end). ``projects`` should come with ``select_related("plan")``. One query."""
    latest = {}
    for report in _reports_of(projects, until_period):
        latest[report.lineage] = report
    return latest


def projects_by_status(projects, period) -> dict[str, int]:
    """How many of ``projects`` are in each status by the end of ``period`` (from their
    latest report; a project with no report counts as not started). One query."""
    projects = list(projects)
    latest = latest_progress(projects, period)
    counts = dict.fromkeys(STATUS_KEYS, 0)
    for project in projects:
        report = latest.get(project.lineage)
        counts[report.status if report else "not_started"] += 1
    return counts


def output_achievement(projects, period) -> dict:
    """``{project id: [{"output", "target", "actual", "percent"}]}``: for each output target
    of each project, the value achieved in the latest report up to ``period`` (matched by
    the output row, or by its description across editions). Three queries."""
    from phaen.monitoring.models import OutputAchievement
    from phaen.plans.models import ProjectOutput

    projects = list(projects)
    latest = latest_progress(projects, period)
    achieved: dict[int, list] = {}
    for a in OutputAchievement.objects.filter(
        report__in=[r.pk for r in latest.values()]
    ).select_related("output"):
        achieved.setdefault(a.report_id, []).append(a)
    outputs: dict[int, list] = {}
    for output in ProjectOutput.objects.filter(project__in=projects).order_by(
        "project", "kind", "id"
    ):
        outputs.setdefault(output.project_id, []).append(output)
    result = {}
    for project in projects:
        report = latest.get(project.lineage)
        rows = []
        values = achieved.get(report.pk, []) if report else []
        for output in outputs.get(project.pk, []):
            match = next((a for a in values if a.output_id == output.pk), None) or next(
                (a for a in values if a.output.description == output.description), None
            )
            actual = match.actual if match else None
            percent = None
            if actual is not None and output.target:
                percent = round(actual * 100 / output.target, 2)
            rows.append(
                {"output": output, "target": output.target, "actual": actual, "percent": percent}
            )
        result[project.pk] = rows
    return result


def project_history(project) -> list[dict]:
    """Month by month for ``project``'s fiscal year: the month's period, the planned
    percent, the report (if any) and its percent. Two queries."""
    from phaen.monitoring.models import ProgressReport
    from phaen.monitoring.progress import planned_percent
    from phaen.monitoring.services import periods_ensure

    plan = project.plan
    periods = [
        p
        for p in periods_ensure(organization=plan.organization, fiscal_year=plan.fiscal_year)
        if p.kind == PeriodKind.MONTH
    ]
    reports = {
        r.period_id: r
        for r in ProgressReport.objects.filter(lineage=project.lineage, period__in=periods)
        .select_related("submitted_by", "acknowledged_by")
        .prefetch_related("evidence")
    }
    return [
        {
            "period": period,
            "planned": planned_percent(project, period.number),
            "report": reports.get(period.pk),
        }
        for period in periods
    ]


def carried_decisions(organization, fiscal_year: int):
    """Decisions of the previous year's coordination meetings flagged to carry into the
    plan of ``fiscal_year`` (for that plan's draft page). One query."""
    from phaen.monitoring.models import MeetingDecision

    return list(
        MeetingDecision.objects.filter(
            carry_forward=True,
            meeting__plan__organization=organization,
            meeting__plan__fiscal_year=fiscal_year - 1,
        )
        .select_related("meeting")
        .order_by("meeting__held_on", "id")
    )


def current_month_number(fiscal_year: int, today: dt.date | None = None) -> int:
    """The fiscal month of ``today`` in ``fiscal_year`` (1 before it starts, 12 after)."""
    today = today or timezone.localdate()
    first, last = thai.fiscal_year_range(fiscal_year)
    if today < first:
        return 1
    if today > last:
        return 12
    return thai.fiscal_month_index(today.month)
