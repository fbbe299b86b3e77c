import datetime as dt
from decimal import Decimal

import pytest

from phaen.budget.models import BudgetSource, ExpenseCategory
from phaen.plans import services
from phaen.plans.models import Activity, BudgetLine, Risk
from phaen.strategy.services import plan_from_tree
from phaen.strategy.tests.samples import sample_tree


@pytest.fixture
def strategic(world):
    return plan_from_tree(organization=world.own, tree=sample_tree())


def add_project(plan, name, amount=0, by=None, **fields):
    project = services.project_create(plan=plan, name=name, by=by, **fields)
    if amount:
        BudgetLine.objects.create(
            project=project,
            source=BudgetSource.objects.get(code="state_budget"),
            category=ExpenseCategory.objects.get(code="C2.1"),
            amount=Decimal(amount),
        )
    return project


@pytest.fixture
def annual(world, strategic):
    """An action plan for FY 2568 with three projects, one fully documented."""
    plan = services.plan_create(
        organization=world.own,
        kind="action_plan",
        fiscal_year=2568,
        multi_year_plan=strategic,
        by=world.planner,
    )
    issue = strategic.issues.get(number=1)
    indicator = issue.indicators.get(number="1")
    good = add_project(
        plan,
        "โครงการเยี่ยมบ้านผู้สูงอายุ",
        150000,
        issue=issue,
        strategy=issue.strategies.first(),
        indicators=[indicator],
        owner=world.role_users["project_owner"].person,
        importance=5,
        urgency=4,
        start_date=dt.date(2024, 11, 1),
        end_date=dt.date(2025, 6, 30),
    )
    activity = Activity.objects.create(
        project=good,
        name="ลงพื้นที่เยี่ยมบ้าน",
        start_date=dt.date(2024, 12, 1),
        end_date=dt.date(2025, 3, 31),
        months=[3, 4, 5, 6],
    )
    Risk.objects.create(
        project=good,
        activity=activity,
        description="ผู้สูงอายุไม่อยู่บ้าน",
        likelihood=2,
        impact=2,
        mitigation="นัดหมายล่วงหน้า",
        fallback_plan="เยี่ยมทางโทรศัพท์",
    )
    add_project(
        plan,
        "โครงการอบรมอาสาสมัคร",
        40000,
        issue=issue,
        indicators=[indicator],
        importance=2,
        urgency=2,
        owner=world.planner.person,
    )
    add_project(
        plan,
        "โครงการจัดทำฐานข้อมูล",
        60000,
        issue=issue,
        indicators=[indicator],
        importance=3,
        urgency=3,
        owner=world.planner.person,
    )
    return plan
