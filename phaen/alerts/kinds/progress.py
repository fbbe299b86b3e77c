"""Kinds read from monthly progress (app monitoring): planned months passed without
progress, monthly reports due or overdue, risks reported as occurred, and items not
updated for too long."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from phaen.alerts.choices import Severity, WarningKind
from phaen.alerts.kinds.schedule import month_bounds, planned_months, short_date
from phaen.alerts.rules import rule_for
from phaen.core.thai import format_thai_date
from phaen.monitoring import choices as mc
from phaen.monitoring.models import ProgressReport, ReportingPeriod

SUBMITTED = (mc.ReportState.SUBMITTED, mc.ReportState.ACKNOWLEDGED)
FINISHED = (mc.ProgressStatus.DONE, mc.ProgressStatus.CANCELLED)
MOVING = (mc.ProgressStatus.IN_PROGRESS, mc.ProgressStatus.DONE)


_date = short_date


def _reports(ctx) -> dict:
    """{lineage: [report values, oldest month first]} for the plan's projects (one query)."""
    rows = (
        ProgressReport.objects.filter(
            lineage__in=ctx.lineages,
            period__organization=ctx.organization,
            period__fiscal_year=ctx.fiscal_year,
        )
        .values("id", "lineage", "period__number", "state", "status", "percent", "updated_at")
        .order_by("period__number", "id")
    )
    by_lineage: dict = {}
    for row in rows:
        by_lineage.setdefault(row["lineage"], []).append(row)
    return by_lineage


def _months(ctx) -> list[dict]:
    """The year's months with their due date and lock (stored periods win; one query)."""
    from phaen.monitoring.services import DUE_DAYS

    stored = {
        p.number: p
        for p in ReportingPeriod.objects.filter(
            organization=ctx.organization, fiscal_year=ctx.fiscal_year, kind=mc.PeriodKind.MONTH
        )
    }
    months = []
    for number, (first, last) in enumerate(month_bounds(ctx.fiscal_year), start=1):
        period = stored.get(number)
        months.append(
            {
                "number": number,
                "first": first,
                "last": last,
                "due": period.due_date
                if period
                else last + dt.timedelta(days=DUE_DAYS[mc.PeriodKind.MONTH]),
                "locked": bool(period and period.locked_at),
                "period": period,
            }
        )
    return months


def _shared(ctx) -> tuple[list[dict], dict]:
    cache = ctx.__dict__.setdefault("_progress_cache", {})
    if not cache:
        cache["months"] = _months(ctx)
        cache["reports"] = _reports(ctx)
    return cache["months"], cache["reports"]


def report_overdue(ctx) -> list:
    """A project reports every month from its first planned month (every month when it has
    no schedule) until a submitted report says it is done or cancelled. A month whose report
    is not submitted (draft or returned count as missing) is *due* from ``before_days``
    before its due date and *overdue* the day after it. Locked months are skipped."""
    from phaen.alerts.selectors import Warning, project_url

    months, reports = _shared(ctx)
    lead = dt.timedelta(days=rule_for(WarningKind.REPORT_OVERDUE).before_days)
    found = []
    for project in ctx.projects:
        planned = planned_months(project, ctx.fiscal_year)
        first = planned[0] if planned else 1
        rows = reports.get(project.lineage, [])
        submitted = {r["period__number"] for r in rows if r["state"] in SUBMITTED}
        finished = [
            r["period__number"] for r in rows if r["state"] in SUBMITTED and r["status"] in FINISHED
        ]
        until = min(finished) if finished else 12
        for month in months[first - 1 : until]:
            if month["locked"] or month["number"] in submitted or ctx.today < month["due"] - lead:
                continue
            overdue = ctx.today > month["due"]
            label = format_thai_date(month["first"], style="month", lang=get_language() or "th")
            found.append(
                Warning(
                    kind=WarningKind.REPORT_OVERDUE,
                    severity=Severity.DANGER if overdue else Severity.INFO,
                    message=(
                        _("The report for %(month)s was due on %(due)s and has not been submitted.")
                        if overdue
                        else _("The report for %(month)s is due on %(due)s.")
                    )
                    % {"month": label, "due": _date(month["due"])},
                    due_date=month["due"],
                    url=project_url(project),
                    key=f"report:{project.lineage}:{ctx.fiscal_year}-{month['number']}",
                    **ctx.for_project(project),
                )
            )
    return found


def no_progress(ctx) -> list:
    """Planned months that have ended (last day before today) while no submitted report
    shows progress (percent above 0, or in progress / done). All planned months ended is
    overdue; some is a warning. A project reported as postponed or cancelled is skipped."""
    from phaen.alerts.selectors import Warning, project_url

    months, reports = _shared(ctx)
    found = []
    for project in ctx.projects:
        planned = planned_months(project, ctx.fiscal_year)
        passed = [m for m in planned if months[m - 1]["last"] < ctx.today]
        if not passed:
            continue
        rows = [r for r in reports.get(project.lineage, []) if r["state"] in SUBMITTED]
        if rows and rows[-1]["status"] in (
            mc.ProgressStatus.POSTPONED,
            mc.ProgressStatus.CANCELLED,
        ):
            continue
        if any(r["percent"] > 0 or r["status"] in MOVING for r in rows):
            continue
        due = months[planned[0] - 1]["last"]
        found.append(
            Warning(
                kind=WarningKind.NO_PROGRESS,
                severity=Severity.DANGER if len(passed) == len(planned) else Severity.WARNING,
                message=_(
                    "%(passed)s of %(planned)s planned months have passed (the first ended on "
                    "%(due)s) and no submitted report shows progress."
                )
                % {"passed": len(passed), "planned": len(planned), "due": _date(due)},
                due_date=due,
                url=project_url(project),
                key=f"no_progress:{project.lineage}:{ctx.fiscal_year}",
                **ctx.for_project(project),
            )
        )
    return found


def stale(ctx) -> list:
    """Projects with follow-up that is not finished, whose last report (any state) was
    changed more than the organisation's staleness limit ago, and open problems not
    updated for as long."""
    from phaen.alerts.selectors import Warning, project_url

    _months_unused, reports = _shared(ctx)
    limit = ctx.settings.stale_days
    found = []
    for project in ctx.projects:
        rows = reports.get(project.lineage, [])
        if not rows:
            continue
        if any(r["state"] in SUBMITTED and r["status"] in FINISHED for r in rows):
            continue
        last = timezone.localtime(max(r["updated_at"] for r in rows)).date()
        due = last + dt.timedelta(days=limit)
        if ctx.today <= due:
            continue
        found.append(
            Warning(
                kind=WarningKind.STALE,
                severity=Severity.WARNING,
                message=_("Last updated on %(last)s, more than %(days)s days ago.")
                % {"last": _date(last), "days": limit},
                due_date=due,
                url=project_url(project),
                key=f"stale:{project.lineage}:{ctx.fiscal_year}:{last.isoformat()}",
                **ctx.for_project(project),
            )
        )
    found.extend(_stale_problems(ctx, limit))
    return found


def _stale_problems(ctx, limit: int) -> list:
    from phaen.alerts.selectors import Warning, url_or
    from phaen.monitoring.models import Problem

    problems = (
        Problem.objects.filter(
            plan__organization=ctx.organization, plan__fiscal_year=ctx.fiscal_year
        )
        .exclude(status=mc.ProblemStatus.DONE)
        .select_related("project__responsible_unit")
    )
    found = []
    for problem in problems:
        last = timezone.localtime(problem.updated_at).date()
        due = last + dt.timedelta(days=limit)
        if ctx.today <= due:
            continue
        project = problem.project
        found.append(
            Warning(
                kind=WarningKind.STALE,
                severity=Severity.WARNING,
                subject=_("Problem: %(text)s") % {"text": problem.description[:80]},
                message=_("Last updated on %(last)s, more than %(days)s days ago.")
                % {"last": _date(last), "days": limit},
                due_date=due,
                url=url_or("monitoring:problem_edit", problem.pk, fallback=""),
                key=f"stale-problem:{problem.pk}:{last.isoformat()}",
                unit_id=project.responsible_unit_id if project else None,
                unit_name=str(project.responsible_unit)
                if project and project.responsible_unit_id
                else "",
                project_id=problem.project_id,
                owner_person_id=problem.owner_person_id,
                position_ids=(problem.owner_position_id,) if problem.owner_position_id else (),
                supervisor_position_id=project.supervisor_id if project else None,
            )
        )
    return found


def risk_triggered(ctx) -> list:
    """Risks reported as occurred in a project's latest submitted (or acknowledged) report:
    one warning per risk, naming its fallback plan (แผนสำรอง) and linking to the report. An
    earlier month's occurrence no longer warns once a later report is submitted."""
    from phaen.alerts.selectors import Warning, url_or
    from phaen.monitoring.models import RiskOccurrence

    months, reports = _shared(ctx)
    latest = {}
    for project in ctx.projects:
        rows = [r for r in reports.get(project.lineage, []) if r["state"] in SUBMITTED]
        if rows:
            latest[rows[-1]["id"]] = (project, rows[-1]["period__number"])
    if not latest:
        return []
    occurrences = (
        RiskOccurrence.objects.filter(report_id__in=latest)
        .select_related("risk")
        .order_by("report_id", "risk_id")
    )
    found = []
    for occurrence in occurrences:
        project, number = latest[occurrence.report_id]
        month = months[number - 1]
        risk = occurrence.risk
        label = format_thai_date(month["first"], style="month", lang=get_language() or "th")
        message = _("Reported as occurred in %(month)s: %(risk)s.") % {
            "month": label,
            "risk": risk.description,
        }
        if occurrence.note:
            message += " " + occurrence.note
        if risk.fallback_plan:
            message += " " + _("Fallback plan: %(plan)s") % {"plan": risk.fallback_plan}
        else:
            message += " " + _("The risk has no fallback plan.")
        found.append(
            Warning(
                kind=WarningKind.RISK_TRIGGERED,
                severity=Severity.WARNING,
                message=message,
                due_date=month["last"],
                url=url_or("monitoring:report_detail", occurrence.report_id, fallback=""),
                key=f"risk:{project.lineage}:{ctx.fiscal_year}-{number}:{risk.description[:60]}",
                **ctx.for_project(project),
            )
        )
    return found
