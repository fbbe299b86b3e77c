"""Reads of annual plans that are not one-line filters: roll-ups of money (activity →
project → strategy → plan, by source and expense category), ceilings, the priority ranking
and the fit-to-ceiling proposal. Each runs a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Sum

from phaen.plans import choices as c
from phaen.plans.models import AnnualPlan, BudgetLine, Project

ZERO = Decimal(0)


def plan_projects(plan: AnnualPlan):
    """The plan's projects with what the plan pages and reports need (fixed queries)."""
    return plan_projects_all().filter(plan=plan)


def plan_projects_all():
    return (
        Project.objects.select_related(
            "plan__organization",
            "issue",
            "strategy",
            "work_plan",
            "responsible_unit",
            "lead_position",
            "owner",
            "ldp_project",
        )
        .prefetch_related(
            Prefetch(
                "budget_lines",
                BudgetLine.objects.select_related("source", "category__parent"),
            ),
            "activities",
            "risks",
            "outputs",
            "indicators",
        )
        .order_by("sort_order", "id")
    )


@dataclass
class Rollup:
    total: Decimal = ZERO
    projects: int = 0
    in_plan: Decimal = ZERO
    out_of_plan: Decimal = ZERO
    by_strategy: dict = field(default_factory=dict)  # (issue number, title) -> Decimal
    by_source: dict = field(default_factory=dict)  # source name -> Decimal
    by_category: dict = field(default_factory=dict)  # expense type name -> Decimal
    by_project: dict = field(default_factory=dict)  # project id -> Decimal


def rollup(projects) -> Rollup:
    """Money of ``projects`` (from ``plan_projects``) rolled up every way the plan shows it.
    Cancelled projects count nowhere; out-of-plan projects are kept apart."""
    result = Rollup()
    by_strategy: dict = defaultdict(lambda: ZERO)
    by_source: dict = defaultdict(lambda: ZERO)
    by_category: dict = defaultdict(lambda: ZERO)
    for project in projects:
        if project.status == c.ProjectStatus.CANCELLED:
            continue
        total = ZERO
        for line in project.budget_lines.all():
            total += line.amount
            by_source[str(line.source)] += line.amount
            category = line.category.parent if line.category.parent_id else line.category
            by_category[str(category)] += line.amount
        key = (project.issue.number, project.issue.title) if project.issue else (0, "")
        by_strategy[key] += total
        result.by_project[project.pk] = total
        result.total += total
        result.projects += 1
        if project.out_of_plan:
            result.out_of_plan += total
        else:
            result.in_plan += total
    result.by_strategy = dict(sorted(by_strategy.items()))
    result.by_source, result.by_category = dict(by_source), dict(by_category)
    return result


@dataclass
class CeilingCheck:
    ceiling: Decimal | None
    planned: Decimal
    lines_over: list  # (appropriation line, planned against it)

    @property
    def over(self) -> Decimal:
        return max(ZERO, self.planned - self.ceiling) if self.ceiling is not None else ZERO


def ceiling_check(plan: AnnualPlan) -> CeilingCheck:
    """Planned money against the year's appropriation (the organisation's ceiling) and each
    appropriation line against what the plan's budget lines draw on it."""
    from phaen.budget.models import AppropriationLine

    lines = AppropriationLine.objects.filter(
        appropriation__organization=plan.organization,
        appropriation__fiscal_year=plan.fiscal_year,
    )
    lines = list(lines)
    ceiling = sum((line.amount for line in lines), ZERO) if lines else None
    planned = (
        BudgetLine.objects.filter(project__plan=plan)
        .exclude(project__status=c.ProjectStatus.CANCELLED)
        .aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    drawn = dict(
        BudgetLine.objects.filter(project__plan=plan, appropriation_line__isnull=False)
        .values_list("appropriation_line")
        .annotate(total=Sum("amount"))
    )
    over = [(line, drawn[line.pk]) for line in lines if drawn.get(line.pk, ZERO) > line.amount]
    return CeilingCheck(ceiling=ceiling, planned=planned, lines_over=over)


def ranked(projects) -> list[Project]:
    """Highest priority (importance × urgency) first; ties by importance, then order."""
    return sorted(projects, key=lambda p: (-p.priority, -p.importance, p.sort_order, p.pk))


@dataclass
class FitProposal:
    ceiling: Decimal
    total: Decimal
    deferred: list  # (project, amount) lowest priority first
    remaining: Decimal

    @property
    def fits(self) -> bool:
        return self.remaining <= self.ceiling


def fit_to_ceiling(projects, ceiling: Decimal) -> FitProposal:
    """Which projects to defer, lowest priority first, to bring the total within ``ceiling``
    (a mid-year cut). Projects without money are never deferred."""
    money = rollup(projects).by_project
    total = sum(money.values(), ZERO)
    remaining, deferred = total, []
    for project in reversed(ranked([p for p in projects if p.pk in money])):
        if remaining <= ceiling:
            break
        if money[project.pk] > 0:
            deferred.append((project, money[project.pk]))
            remaining -= money[project.pk]
    return FitProposal(ceiling=ceiling, total=total, deferred=deferred, remaining=remaining)
