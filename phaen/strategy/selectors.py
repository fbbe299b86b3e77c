"""Reads of the strategy pages that are not one-line filters: the plan page, the
alignment view and the change history. Each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain

from phaen.organizations import access
from phaen.strategy import choices as c
from phaen.strategy.models import (
    Framework,
    FrameworkItem,
    Goal,
    Indicator,
    Issue,
    Mission,
    PlanProject,
    StrategicPlan,
    Strategy,
)


@dataclass
class IndicatorRow:
    indicator: Indicator
    depth: int
    targets: list  # one value (or None) per plan year
    quarterly: bool


@dataclass
class IssueView:
    issue: Issue
    indicators: list[IndicatorRow] = field(default_factory=list)
    strategies: list[tuple[Strategy, list[PlanProject]]] = field(default_factory=list)
    projects: list[PlanProject] = field(default_factory=list)

    @property
    def container(self) -> str:
        return f"issue-{self.issue.pk}"

    @property
    def form_ids(self) -> dict[str, str]:
        return {
            kind: f"part-form-{kind}-{self.issue.pk}"
            for kind in ("issue", "indicator", "strategy", "project")
        }


def _indicator_rows(issue: Issue, years: list[int]) -> list[IndicatorRow]:
    by_parent: dict[int | None, list[Indicator]] = {}
    for ind in issue.indicators.all():
        by_parent.setdefault(ind.parent_id, []).append(ind)
    rows: list[IndicatorRow] = []

    def walk(parent_id, depth):
        for ind in by_parent.get(parent_id, []):
            targets = {t.fiscal_year: t.value for t in ind.targets.all() if t.quarter is None}
            quarterly = any(t.quarter for t in ind.targets.all())
            rows.append(IndicatorRow(ind, depth, [targets.get(y) for y in years], quarterly))
            walk(ind.pk, depth + 1)

    walk(None, 0)
    return rows


def plan_page(plan: StrategicPlan, user) -> dict:
    """Everything the plan page and the map show (``plan`` from ``plan_queryset``)."""
    years = plan.years
    issues = []
    for issue in plan.issues.all():
        view = IssueView(issue, _indicator_rows(issue, years))
        view.strategies = [(s, list(s.projects.all())) for s in issue.strategies.all()]
        view.projects = [p for p in issue.projects.all() if p.strategy_id is None]
        issues.append(view)
    editable = plan.status == c.PlanStatus.DRAFT and access.can(user, "change", plan)
    issue_label, goal_label, strategy_label = plan.labels()
    return {
        "plan": plan,
        "years": years,
        "issues": issues,
        "missions": list(plan.missions.all()),
        "goals": list(plan.goals.all()),
        "labels": {"issue": issue_label, "goal": goal_label, "strategy": strategy_label},
        "can_edit": editable,
        "can_approve": plan.status == c.PlanStatus.DRAFT and access.can(user, "approve", plan),
        "can_revise": plan.status == c.PlanStatus.APPROVED and access.can(user, "add", plan),
        "superseded_by": plan.revisions.filter(status=c.PlanStatus.APPROVED).first()
        if plan.status == c.PlanStatus.APPROVED
        else None,
        "is_local": plan.kind == c.PlanKind.LOCAL_DEVELOPMENT,
    }


@dataclass
class AlignedItem:
    item: FrameworkItem
    issues: list = field(default_factory=list)
    strategies: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    projects: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.issues) + len(self.strategies) + len(self.indicators) + len(self.projects)


def alignment(plan: StrategicPlan) -> list[tuple[Framework, list[AlignedItem]]]:
    """For each framework item: what in this plan serves it (fixed number of queries)."""
    items = {i.pk: AlignedItem(i) for i in FrameworkItem.objects.select_related("framework")}
    sources = [
        (
            "issues",
            Issue.frameworks.through.objects.filter(issue__plan=plan).select_related("issue"),
            "issue",
        ),
        (
            "strategies",
            Strategy.frameworks.through.objects.filter(strategy__issue__plan=plan).select_related(
                "strategy__issue"
            ),
            "strategy",
        ),
        (
            "indicators",
            Indicator.frameworks.through.objects.filter(indicator__plan=plan).select_related(
                "indicator__issue"
            ),
            "indicator",
        ),
        (
            "projects",
            PlanProject.frameworks.through.objects.filter(
                planproject__plan=plan, planproject__removed_in__isnull=True
            ).select_related("planproject__issue"),
            "planproject",
        ),
    ]
    for bucket, links, attr in sources:
        for link in links:
            getattr(items[link.frameworkitem_id], bucket).append(getattr(link, attr))
    grouped: dict[int, tuple[Framework, list[AlignedItem]]] = {}
    for aligned in items.values():
        framework = aligned.item.framework
        grouped.setdefault(framework.pk, (framework, []))[1].append(aligned)
    return sorted(grouped.values(), key=lambda pair: (pair[0].sort_order, pair[0].code))


def plan_history(plan: StrategicPlan, limit: int = 200) -> list:
    """Recent changes to the plan and its parts, newest first: who, when, what."""
    models = [
        (StrategicPlan, {"id": plan.pk}),
        (Mission, {"plan_id": plan.pk}),
        (Goal, {"plan_id": plan.pk}),
        (Issue, {"plan_id": plan.pk}),
        (Indicator, {"plan_id": plan.pk}),
        (PlanProject, {"plan_id": plan.pk}),
        (Strategy, {"issue_id__in": list(plan.issues.values_list("pk", flat=True))}),
    ]
    records = list(
        chain.from_iterable(
            model.history.filter(**filters)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
            for model, filters in models
        )
    )
    previous: dict[tuple[str, int], object] = {}
    deltas: dict[int, list[str] | None] = {}
    for record in sorted(records, key=lambda r: r.history_date):  # oldest first: pair in memory
        key = (record._meta.label, record.id)
        prior = previous.get(key)
        if record.history_type == "~" and prior is not None:
            deltas[id(record)] = [ch.field for ch in record.diff_against(prior).changes]
        previous[key] = record
    newest = sorted(records, key=lambda r: r.history_date, reverse=True)[:limit]
    return [
        {"record": r, "model": r.instance_type._meta.verbose_name, "fields": deltas.get(id(r))}
        for r in newest
    ]


def plan_summary(organization, user) -> StrategicPlan | None:
    """The organisation's current plan (latest period and revision) with the counts the
    home page shows, in one query."""
    from django.db.models import Count

    return (
        StrategicPlan.objects.for_user(user, "view")
        .filter(organization=organization)
        .annotate(
            issue_count=Count("issues", distinct=True),
            indicator_count=Count("indicators", distinct=True),
            project_count=Count("projects", distinct=True),
        )
        .order_by("-start_year", "-revision", "-pk")
        .first()
    )
