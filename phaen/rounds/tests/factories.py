"""Helpers of the rounds tests: children under the world's OWN organisation with their
planners and a plan each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from phaen.budget.models import BudgetSource, ExpenseCategory
from phaen.core import testing
from phaen.organizations.choices import Role
from phaen.plans import services as plan_services
from phaen.plans.models import BudgetLine
from phaen.rounds import services

FY = 2570


def add_child(world, code: str, parent=None):
    org = testing.make_org(code, parent=parent or world.own, kind="school_or_agency")
    planner = testing.make_user(org, Role.PLANNER, username=f"{code.lower()}-planner")
    return org, planner


def progress(project, status: str, day=dt.date(2026, 11, 15), percent: int = 50):
    """A monthly progress report of ``project`` (monitoring app) in the month of ``day``."""
    from phaen.monitoring.models import ProgressReport
    from phaen.monitoring.selectors import month_of

    period = month_of(organization=project.plan.organization, day=day)
    return ProgressReport.objects.create(
        project=project, period=period, status=status, percent=percent, state="submitted"
    )


def child_plan(org, by, amounts=(100000, 50000), statuses=(), fiscal_year=FY):
    """A plan of ``org`` with one project per amount. ``statuses`` by position: "cancelled
    in plan" cancels the project in the plan; another status is the project's November
    progress report; none: no report (not started)."""
    plan = plan_services.plan_create(
        organization=org, kind="action_plan", fiscal_year=fiscal_year, by=by
    )
    source = BudgetSource.objects.get(code="state_budget")
    category = ExpenseCategory.objects.get(code="C2.1")
    for n, amount in enumerate(amounts):
        project = plan_services.project_create(plan=plan, name=f"โครงการ {org.code} {n + 1}", by=by)
        if n < len(statuses) and statuses[n] == "cancelled in plan":
            project.status = "cancelled"
            project.save()
        elif n < len(statuses) and statuses[n]:
            progress(project, statuses[n])
        BudgetLine.objects.create(
            project=project, source=source, category=category, amount=Decimal(amount)
        )
    return plan


def open_round(world, children=None, deadline=dt.date(2027, 1, 15), by=None, code="Q1"):
    return services.round_open(
        organization=world.own,
        fiscal_year=FY,
        period_code=code,
        title="รายงานผลไตรมาส 1",
        deadline=deadline,
        by=by or world.planner,
        instructions="ส่งภายในกำหนด",
        children=children,
    )
