"""Read-only API over the national frameworks and the budget vocabulary.

These reference lists belong to ``strategy`` and ``budget``, which have no API module of
their own yet; when they grow one, these classes move there unchanged.
"""

from __future__ import annotations

import django_filters
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from phaen.api.filters import IdFilter
from phaen.api.viewsets import ReferenceViewSet
from phaen.budget.models import (
    BudgetSource,
    CategoryLevel,
    CategoryScope,
    ExpenseCategory,
    WorkPlan,
)
from phaen.strategy.models import Framework, FrameworkItem


class FrameworkSerializer(serializers.ModelSerializer):
    """A national framework plans align to (National Strategy, master plans, SDGs…)."""

    class Meta:
        model = Framework
        fields = ["id", "code", "name_th", "name_en", "source", "sort_order"]


class FrameworkItemSerializer(serializers.ModelSerializer):
    """An item of a framework; ``framework`` is the framework's code."""

    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = FrameworkItem
        fields = [
            "id",
            "framework",
            "parent",
            "code",
            "name_th",
            "name_en",
            "name_th_alt",
            "source",
            "sort_order",
        ]


class ExpenseCategorySerializer(serializers.ModelSerializer):
    """An expense type or item; ``parent`` is the expense type's id."""

    class Meta:
        model = ExpenseCategory
        fields = [
            "id",
            "scope",
            "level",
            "code",
            "parent",
            "name_th",
            "name_en",
            "note",
            "is_investment",
            "sort_order",
        ]


class BudgetSourceSerializer(serializers.ModelSerializer):
    """Where a project's money comes from."""

    class Meta:
        model = BudgetSource
        fields = ["id", "code", "name_th", "name_en", "source", "sort_order"]


class WorkPlanSerializer(serializers.ModelSerializer):
    """A standard work plan (แผนงาน) of local administrations."""

    class Meta:
        model = WorkPlan
        fields = ["id", "ordinal", "name_th", "name_en"]


class FrameworkItemFilter(django_filters.FilterSet):
    framework = django_filters.CharFilter(field_name="framework__code", help_text="Framework code")
    parent = IdFilter(field_name="parent", help_text="Broader item id")
    code = django_filters.CharFilter(field_name="code")

    class Meta:
        model = FrameworkItem
        fields: list[str] = []


class ExpenseCategoryFilter(django_filters.FilterSet):
    scope = django_filters.ChoiceFilter(choices=CategoryScope.choices)
    level = django_filters.ChoiceFilter(choices=CategoryLevel.choices)
    parent = IdFilter(field_name="parent", help_text="Expense type id")

    class Meta:
        model = ExpenseCategory
        fields: list[str] = []


class FrameworkViewSet(ReferenceViewSet):
    queryset = Framework.objects.all()
    serializer_class = FrameworkSerializer


class FrameworkItemViewSet(ReferenceViewSet):
    queryset = FrameworkItem.objects.select_related("framework")
    serializer_class = FrameworkItemSerializer
    filterset_class = FrameworkItemFilter


class ExpenseCategoryViewSet(ReferenceViewSet):
    queryset = ExpenseCategory.objects.all()
    serializer_class = ExpenseCategorySerializer
    filterset_class = ExpenseCategoryFilter


class BudgetSourceViewSet(ReferenceViewSet):
    queryset = BudgetSource.objects.all()
    serializer_class = BudgetSourceSerializer


class WorkPlanViewSet(ReferenceViewSet):
    queryset = WorkPlan.objects.all()
    serializer_class = WorkPlanSerializer


router = SimpleRouter()
router.register("frameworks", FrameworkViewSet, basename="framework")
router.register("framework-items", FrameworkItemViewSet, basename="framework-item")
router.register("expense-categories", ExpenseCategoryViewSet, basename="expense-category")
router.register("budget-sources", BudgetSourceViewSet, basename="budget-source")
router.register("work-plans", WorkPlanViewSet, basename="work-plan")
