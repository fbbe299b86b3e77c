import datetime as dt
from decimal import Decimal

import pytest

from phaen.budget.models import BudgetSource, ExpenseCategory
from phaen.finance import services
from phaen.plans import services as plan_services
from phaen.plans.models import BudgetLine, ProjectOutput

FY = 2570
D = Decimal


def monthly(total, months):
    """Twelve amounts spreading ``total`` evenly over the fiscal months given."""
    total = D(total)
    share = (total / len(months)).quantize(D("0.01"))
    plan = [D(0)] * 12
    for m in months:
        plan[m - 1] = share
    plan[months[-1] - 1] += total - share * len(months)
    return [str(v) for v in plan]


def add_project(plan, name, lines, by=None, **fields):
    """A project with budget lines given as (amount, months or None, category code)."""
    project = plan_services.project_create(plan=plan, name=name, by=by, **fields)
    for amount, months, category in lines:
        BudgetLine.objects.create(
            project=project,
            source=BudgetSource.objects.get(code="state_budget"),
            category=ExpenseCategory.objects.get(code=category),
            amount=D(amount),
            description=f"{name} {category}",
            monthly_plan=monthly(amount, months) if months else [],
        )
    return project


@pytest.fixture
def plan(world):
    return plan_services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=FY, by=world.planner
    )


@pytest.fixture
def project(plan, world):
    p = add_project(
        plan,
        "โครงการเยี่ยมบ้าน",
        [(100000, [1, 2, 3], "C2.1"), (50000, [4, 5], "C3.1")],
        code="P-001",
        owner=world.role_users["project_owner"].person,
    )
    ProjectOutput.objects.create(project=p, description="ครัวเรือน", unit="ครัวเรือน", target=50)
    return p


def record(project, kind, number, amount, day=dt.date(2026, 11, 5), line=None, by=None, **extra):
    if kind == "commitment":
        extra.setdefault("procurement_method", "specific")
    if kind == "advance":
        extra.setdefault("clear_by", day + dt.timedelta(days=30))
    return services.transaction_save(
        project=project,
        budget_line=line or project.budget_lines.order_by("id").first(),
        kind=kind,
        number=number,
        date=day,
        amount=D(str(amount)),
        by=by,
        **extra,
    )
