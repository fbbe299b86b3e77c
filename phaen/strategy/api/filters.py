"""Query parameters of the strategy endpoints."""

from __future__ import annotations

import django_filters

from phaen.api.filters import IdFilter
from phaen.strategy.models import (
    Goal,
    Indicator,
    Issue,
    Mission,
    PlanEdition,
    PlanProject,
    StrategicPlan,
    Strategy,
    SwotItem,
    TowsStrategy,
)


class StrategicPlanFilter(django_filters.FilterSet):
    organization = IdFilter(field_name="organization", help_text="Organisation id")
    organization_code = django_filters.CharFilter(
        field_name="organization__code", help_text="Organisation code"
    )
    kind = django_filters.CharFilter(field_name="kind")
    status = django_filters.CharFilter(field_name="status")
    year = IdFilter(method="covering", help_text="Plans covering this B.E. fiscal year")
    start_year = IdFilter(field_name="start_year", help_text="First fiscal year (B.E.)")
    end_year = IdFilter(field_name="end_year", help_text="Last fiscal year (B.E.)")

    class Meta:
        model = StrategicPlan
        fields: list[str] = []

    def covering(self, queryset, name, value):
        return queryset.filter(start_year__lte=value, end_year__gte=value)


def plan_filter(model, extra: dict | None = None):
    """A FilterSet with ``plan`` (and the given extra id filters) for a plan part."""
    attrs = {"plan": IdFilter(field_name="plan", help_text="Plan id"), **(extra or {})}
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": []})
    return type(f"{model.__name__}Filter", (django_filters.FilterSet,), attrs)


MissionFilter = plan_filter(Mission)
GoalFilter = plan_filter(Goal)
IssueFilter = plan_filter(Issue)
IndicatorFilter = plan_filter(
    Indicator, {"issue": IdFilter(field_name="issue"), "parent": IdFilter(field_name="parent")}
)
PlanProjectFilter = plan_filter(
    PlanProject,
    {
        "issue": IdFilter(field_name="issue"),
        "strategy": IdFilter(field_name="strategy"),
        "category": django_filters.CharFilter(),
    },
)
PlanEditionFilter = plan_filter(PlanEdition)
SwotItemFilter = plan_filter(
    SwotItem,
    {
        "organization": IdFilter(field_name="organization"),
        "scope": django_filters.CharFilter(),
        "quadrant": django_filters.CharFilter(),
    },
)
TowsStrategyFilter = plan_filter(
    TowsStrategy, {"organization": IdFilter(field_name="organization")}
)


class StrategyFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="issue__plan", help_text="Plan id")
    issue = IdFilter(field_name="issue", help_text="Issue id")

    class Meta:
        model = Strategy
        fields: list[str] = []
