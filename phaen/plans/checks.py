"""The alignment check of an annual plan: every finding says what is wrong, how serious it
is (blocking findings stop submission; a planner may override a warning with a reason) and
where to fix it. A fixed number of queries, whatever the size of the plan."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from phaen.core.thai import fiscal_year_range
from phaen.plans import choices as c
from phaen.plans.models import AnnualPlan, Project

BLOCKING, WARNING = "blocking", "warning"


@dataclass
class Finding:
    code: str  # stable key, e.g. "no_strategy:12" (what an override refers to)
    severity: str
    message: str
    url: str = ""
    project_id: int | None = None

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCKING


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    overridden: set[str] = field(default_factory=set)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def open_warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocking and f.code not in self.overridden]

    @property
    def may_submit(self) -> bool:
        return not self.blocking


def _projects(plan: AnnualPlan):
    return list(
        Project.objects.filter(plan=plan)
        .exclude(status=c.ProjectStatus.CANCELLED)
        .select_related("issue", "strategy")
        .prefetch_related("indicators", "risks", "budget_lines", "activities")
        .order_by("sort_order", "id")
    )


def _project_findings(plan, project, start, end) -> list[Finding]:
    url = reverse("plans:project_detail", args=[project.pk])
    name = project.name
    out: list[Finding] = []

    def add(code, severity, message):
        out.append(Finding(f"{code}:{project.pk}", severity, message, url, project.pk))

    if project.issue_id is None and project.strategy_id is None:
        add("no_strategy", BLOCKING, _("“%(name)s” serves no strategy.") % {"name": name})
    if not project.indicators.all():
        add("no_indicator", WARNING, _("“%(name)s” serves no indicator.") % {"name": name})
    lines = list(project.budget_lines.all())
    total = sum((line.amount for line in lines), Decimal(0))
    if plan.kind == c.AnnualPlanKind.OPERATIONAL_PLAN and not project.other_agency:
        if project.ldp_project_id is None:
            add(
                "no_ldp_project",
                BLOCKING,
                _("“%(name)s” traces to no project of the local development plan.")
                % {"name": name},
            )
        if lines and not any(line.appropriation_line_id for line in lines):
            add(
                "no_appropriation",
                BLOCKING,
                _("“%(name)s” draws on no line of the budget ordinance.") % {"name": name},
            )
    for line in lines:
        months = line.monthly_plan or []
        if months and sum(Decimal(str(m or 0)) for m in months) != line.amount:
            add(
                "months_mismatch",
                BLOCKING,
                _("A budget line of “%(name)s”: its months do not add up to its amount.")
                % {"name": name},
            )
    for activity in project.activities.all():
        for day in (activity.start_date, activity.end_date):
            outside_year = day is not None and not start <= day <= end
            outside_project = day is not None and (
                (project.start_date and day < project.start_date)
                or (project.end_date and day > project.end_date)
            )
            if outside_year or outside_project:
                add(
                    f"activity_dates_{activity.pk}",
                    WARNING,
                    _(
                        "Activity “%(activity)s” of “%(name)s” falls outside the fiscal year "
                        "or the project's dates."
                    )
                    % {"activity": activity.name, "name": name},
                )
                break
    if project.lead_position_id is None and project.owner_id is None:
        add(
            "no_responsible", WARNING, _("“%(name)s” has no responsible position.") % {"name": name}
        )
    if total > plan.budget_threshold:
        risks = list(project.risks.all())
        if not risks:
            add(
                "no_risk",
                WARNING,
                _("“%(name)s” has a budget above the threshold but no risk.") % {"name": name},
            )
        elif not any(r.fallback_plan.strip() for r in risks):
            add(
                "no_fallback",
                WARNING,
                _("“%(name)s” has a budget above the threshold but no fallback plan.")
                % {"name": name},
            )
    return out


def alignment_check(plan: AnnualPlan) -> CheckResult:
    """All findings of ``plan`` (see the module docstring)."""
    start, end = fiscal_year_range(plan.fiscal_year)
    projects = _projects(plan)
    result = CheckResult(overridden=set(plan.overrides.values_list("finding", flat=True)))
    for project in projects:
        result.findings.extend(_project_findings(plan, project, start, end))
    names = Counter(p.name.strip().casefold() for p in projects)
    for project in projects:
        if names[project.name.strip().casefold()] > 1:
            result.findings.append(
                Finding(
                    f"duplicate_name:{project.pk}",
                    WARNING,
                    _("Two projects are named “%(name)s”.") % {"name": project.name},
                    reverse("plans:project_detail", args=[project.pk]),
                    project.pk,
                )
            )
    result.findings.extend(_unserved_indicators(plan, projects))
    return result


def _unserved_indicators(plan: AnnualPlan, projects) -> list[Finding]:
    """Indicators of the multi-year plan with a target this year that no project serves."""
    if plan.multi_year_plan_id is None:
        return []
    from phaen.strategy.models import Indicator, IndicatorTarget

    served = {ind.pk for p in projects for ind in p.indicators.all()}
    with_target = Indicator.objects.filter(plan_id=plan.multi_year_plan_id).prefetch_related(
        Prefetch(
            "targets",
            IndicatorTarget.objects.filter(fiscal_year=plan.fiscal_year),
            to_attr="year_targets",
        )
    )
    url = reverse("strategy:plan_detail", args=[plan.multi_year_plan_id])
    return [
        Finding(
            f"unserved_indicator:{ind.pk}",
            WARNING,
            _("Indicator %(number)s “%(name)s” has a target this year but no project.")
            % {"number": ind.number, "name": ind.name},
            url,
        )
        for ind in with_target
        if ind.year_targets and ind.pk not in served
    ]
