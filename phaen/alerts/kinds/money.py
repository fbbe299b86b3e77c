"""Kinds read from finance: spending behind the project's own plan, the organisation behind
the government's disbursement target, cash advances to clear and carry-over money to spend."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from phaen.alerts.choices import Severity, WarningKind
from phaen.alerts.kinds.schedule import baht, month_bounds, short_date
from phaen.finance import choices as fc
from phaen.finance import selectors as finance
from phaen.finance.models import CarryOver, Transaction
from phaen.plans.models import Project

HUNDRED = Decimal(100)
ZERO = Decimal(0)


def _projects_qs(ctx):
    return Project.objects.filter(pk__in=[p.pk for p in ctx.projects])


def disbursement_plan(ctx) -> list:
    """Per project, at the end of the last month that has ended: cumulative spending short
    of the cumulative plan (budget lines' monthly plans; finance spreads a line without one
    over the planned months) by more than ``AlertSettings.disbursement_gap_pct`` percent of
    the planned amount."""
    from phaen.alerts.selectors import Warning, project_url

    ended = sum(1 for _first, last in month_bounds(ctx.fiscal_year) if last < ctx.today)
    if not ended or not ctx.projects:
        return []
    curves = finance.s_curves(_projects_qs(ctx), ctx.fiscal_year, group="project")
    gap = Decimal(ctx.settings.disbursement_gap_pct)
    month_end = month_bounds(ctx.fiscal_year)[ended - 1][1]
    found = []
    for project in ctx.projects:
        points = curves.get(project.pk)
        if not points:
            continue
        point = points[ended - 1]
        planned, actual = point.cumulative_planned, point.cumulative_actual
        if planned <= 0:
            continue
        short = (planned - actual) * HUNDRED / planned
        if short <= gap:
            continue
        found.append(
            Warning(
                kind=WarningKind.DISBURSEMENT_PLAN,
                severity=Severity.WARNING,
                message=_(
                    "By %(date)s the plan foresaw %(planned)s baht spent; %(actual)s baht "
                    "was (%(short)s%% short)."
                )
                % {
                    "date": short_date(month_end),
                    "planned": baht(planned),
                    "actual": baht(actual),
                    "short": round(short, 1),
                },
                due_date=month_end,
                url=project_url(project),
                key=f"disbursement:{project.lineage}:{ctx.fiscal_year}-{ended}",
                **ctx.for_project(project),
            )
        )
    return found


def disbursement_target(ctx) -> list:
    """The plan's cumulative spending (% of its budget; overall, current, investment)
    against the government's cumulative target: a quarter that has ended below its target
    is overdue; the current quarter still below its target within ``near_days`` of its end
    is a warning."""
    from phaen.alerts.selectors import Warning, url_or

    if not ctx.projects:
        return []
    rows = finance.disbursement_vs_target(_projects_qs(ctx), ctx.fiscal_year)
    found = []
    near = dt.timedelta(days=ctx.settings.near_days)
    ended = [r for r in rows if r.until < ctx.today]
    current = next((r for r in rows if r.until >= ctx.today), None)
    candidates = []
    if ended:
        candidates.append((ended[-1], Severity.DANGER))
    if current is not None and current.until - near <= ctx.today:
        candidates.append((current, Severity.WARNING))
    names = {"overall": _("overall"), "current": _("current"), "investment": _("investment")}
    for row, severity in candidates:
        behind = [scope for scope in ("overall", "current", "investment") if row.behind(scope)]
        if not behind:
            continue
        parts = [
            _("%(scope)s %(actual)s%% (target %(target)s%%)")
            % {
                "scope": names[scope],
                "actual": getattr(row, scope),
                "target": getattr(row.target, scope),
            }
            for scope in behind
        ]
        found.append(
            Warning(
                kind=WarningKind.DISBURSEMENT_TARGET,
                severity=severity,
                subject=_("Disbursement of %(plan)s, quarter %(q)s")
                % {"plan": ctx.plan.title, "q": row.quarter},
                message=_("Cumulative disbursement by %(date)s: %(parts)s.")
                % {"date": short_date(row.until), "parts": "; ".join(parts)},
                due_date=row.until,
                url=url_or("finance:s_curve", ctx.plan.pk, fallback=""),
                key=f"target:{ctx.organization.pk}:{ctx.fiscal_year}-Q{row.quarter}",
            )
        )
    return found


def _project_part(project) -> dict:
    if project is None:
        return {}
    return {
        "unit_id": project.responsible_unit_id,
        "unit_name": str(project.responsible_unit) if project.responsible_unit_id else "",
        "project_id": project.pk,
        "owner_person_id": project.owner_id,
        "position_ids": (project.lead_position_id,) if project.lead_position_id else (),
        "supervisor_position_id": project.supervisor_id,
    }


def advance_due(ctx) -> list:
    """Cash advances (เงินยืม) of the organisation, of this fiscal year or earlier, not fully
    cleared: from ``near_days`` before their clear-by date (coming up), overdue the day
    after it. An advance is cleared by its clearings (and settling disbursements)."""
    from phaen.alerts.selectors import Warning, url_or

    horizon = ctx.today + dt.timedelta(days=ctx.settings.near_days)
    advances = (
        Transaction.objects.filter(
            organization=ctx.organization,
            kind=fc.TransactionKind.ADVANCE,
            fiscal_year__lte=ctx.fiscal_year,
            clear_by__lte=horizon,
        )
        .annotate(cleared=Coalesce(Sum("settlements__amount"), ZERO))
        .filter(cleared__lt=F("amount"))
        .select_related("project__responsible_unit")
        .order_by("clear_by", "id")
    )
    found = []
    for advance in advances:
        overdue = advance.clear_by < ctx.today
        left = advance.amount - advance.cleared
        found.append(
            Warning(
                kind=WarningKind.ADVANCE_DUE,
                severity=Severity.DANGER if overdue else Severity.INFO,
                subject=_("Advance %(number)s: %(project)s")
                % {"number": advance.number, "project": advance.project.name},
                message=(
                    _("%(left)s baht of %(amount)s baht was to be cleared by %(date)s.")
                    if overdue
                    else _("%(left)s baht of %(amount)s baht must be cleared by %(date)s.")
                )
                % {
                    "left": baht(left),
                    "amount": baht(advance.amount),
                    "date": short_date(advance.clear_by),
                },
                due_date=advance.clear_by,
                url=url_or("finance:transaction_edit", advance.pk, fallback=""),
                key=f"advance:{advance.pk}:{advance.clear_by.isoformat()}",
                **_project_part(advance.project),
            )
        )
    return found


def carry_over_due(ctx) -> list:
    """Carry-over money (เงินกันเหลื่อมปี) not fully spent whose deadline (the extension, else
    the spend-by date) is within ``near_days`` (coming up) or has passed (overdue)."""
    from phaen.alerts.selectors import Warning, url_or

    horizon = ctx.today + dt.timedelta(days=ctx.settings.near_days)
    rows = (
        CarryOver.objects.filter(organization=ctx.organization, spent__lt=F("amount"))
        .annotate(until=Coalesce("extended_to", "spend_by"))
        .filter(until__lte=horizon)
        .select_related("budget_line__project__responsible_unit")
        .order_by("until", "id")
    )
    found = []
    for row in rows:
        overdue = row.until < ctx.today
        project = row.budget_line.project
        found.append(
            Warning(
                kind=WarningKind.CARRY_OVER_DUE,
                severity=Severity.DANGER if overdue else Severity.INFO,
                subject=_("Carry-over %(ref)s: %(project)s")
                % {"ref": row.reference or row.pk, "project": project.name},
                message=(
                    _("%(left)s baht of %(amount)s baht was to be spent by %(date)s.")
                    if overdue
                    else _(
                        "%(left)s baht of %(amount)s baht must be spent or extended by %(date)s."
                    )
                )
                % {
                    "left": baht(row.amount - row.spent),
                    "amount": baht(row.amount),
                    "date": short_date(row.until),
                },
                due_date=row.until,
                url=url_or("finance:carry_overs", fallback=""),
                key=f"carry-over:{row.pk}:{row.until.isoformat()}",
                **_project_part(project),
            )
        )
    return found
