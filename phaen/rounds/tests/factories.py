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


def child_plan(org, by, amounts=(100000, 50000), statuses=(), fiscal_year=FY):
    """A plan of ``org`` with one project per amount (status by position, default planned)."""
    plan = plan_services.plan_create(
        organization=org, kind="action_plan", fiscal_year=fiscal_year, by=by
    )
    source = BudgetSource.objects.get(code="state_budget")
    category = ExpenseCategory.objects.get(code="C2.1")
    for n, amount in enumerate(amounts):
        project = plan_services.project_create(plan=plan, name=f"โครงการ {org.code} {n + 1}", by=by)
        if n < len(statuses):
            project.status = statuses[n]
            project.save()
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
