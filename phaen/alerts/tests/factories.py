"""Builders for the alerts tests: a FY 2570 plan of the world's own organisation, projects
with owners, lead and supervisor positions, and monthly progress reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from phaen.budget.models import BudgetSource, ExpenseCategory
from phaen.core import testing
from phaen.finance.models import Transaction
from phaen.monitoring import choices as mc
from phaen.monitoring.models import ProgressReport
from phaen.monitoring.services import periods_ensure
from phaen.organizations.choices import Role
from phaen.organizations.models import RoleAssignment, Unit
from phaen.plans import services as plan_services
from phaen.plans.models import BudgetLine

FY = 2570  # October 2026 (fiscal month 1) … September 2027 (month 12)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def plan(world, fiscal_year: int = FY, organization=None):
    return plan_services.plan_create(
        organization=organization or world.own,
        kind="action_plan",
        fiscal_year=fiscal_year,
        by=world.planner,
    )


class People:
    """An owner, a lead position with its holder, a supervisor position with its holder and
    a unit, all in ``org`` (users with e-mail addresses)."""

    def __init__(self, org, tag: str = ""):
        self.unit = Unit.objects.create(
            organization=org, code=f"U{tag or 0}", name_th=f"กลุ่มงานทดสอบ{tag}"
        )
        self.owner = testing.make_user(org, Role.PROJECT_OWNER, username=f"owner{tag}")
        self.owner.email = f"owner{tag}@example.invalid"
        self.owner.save()
        self.lead_position = testing.make_position(org, "หัวหน้ากลุ่มงาน")
        self.lead = testing.make_person(org, username=f"lead{tag}")
        testing.appoint(self.lead, self.lead_position)
        self.lead.user.email = f"lead{tag}@example.invalid"
        self.lead.user.save()
        self.supervisor_position = testing.make_position(org, "ผู้อำนวยการ")
        self.boss = testing.make_person(org, username=f"boss{tag}")
        testing.appoint(self.boss, self.supervisor_position)
        self.boss.user.email = f"boss{tag}@example.invalid"
        self.boss.user.save()


def project(annual, name: str, people: People | None = None, months=(1, 2, 3), **fields):
    extra = {}
    if people is not None:
        extra = {
            "owner": people.owner.person,
            "lead_position": people.lead_position,
            "supervisor": people.supervisor_position,
            "responsible_unit": people.unit,
        }
    return plan_services.project_create(
        plan=annual, name=name, months=list(months), **extra, **fields
    )


def report(project, month: int, *, state="submitted", status="in_progress", percent=10):
    periods = periods_ensure(
        organization=project.plan.organization, fiscal_year=project.plan.fiscal_year
    )
    period = next(p for p in periods if p.kind == mc.PeriodKind.MONTH and p.number == month)
    return ProgressReport.objects.create(
        project=project, period=period, state=state, status=status, percent=percent
    )


def give_role(org, user, role: str) -> None:
    RoleAssignment.objects.create(organization=org, role=role, person=user.person)


def line(p, amount, monthly):
    """A budget line of ``p`` (state budget, a current expense) with a monthly plan."""
    return BudgetLine.objects.create(
        project=p,
        source=BudgetSource.objects.get(code="state_budget"),
        category=ExpenseCategory.objects.get(code="C2.1"),
        amount=D(amount),
        monthly_plan=[str(v) for v in monthly],
    )


_numbers = iter(range(1, 10_000))


def money(project, bl, kind, amount, date, **extra):
    """A finance transaction of ``project`` on budget line ``bl``."""
    return Transaction.objects.create(
        organization=project.plan.organization,
        fiscal_year=project.plan.fiscal_year,
        project=project,
        budget_line=bl,
        kind=kind,
        number=f"T{next(_numbers)}",
        date=date,
        amount=D(amount),
        **extra,
    )
