"""API representations of strategic plans and their parts.

Framework links are lists of ``"<framework code>:<item code>"`` strings (as in the
exchange JSON); indicator targets and criteria and a project's yearly budgets are nested
lists written through the same services as the pages.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from phaen.api.serializers import ModelSerializer
from phaen.budget.models import WorkPlan
from phaen.strategy import services
from phaen.strategy.models import (
    EditionApproval,
    FrameworkItem,
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

TIMESTAMPS = ["created_at", "updated_at"]


@extend_schema_field({"type": "array", "items": {"type": "string", "example": "sdg:4"}})
class FrameworkLinksField(serializers.Field):
    """Framework items as ``framework:code`` strings."""

    def to_representation(self, manager):
        return sorted(f"{i.framework.code}:{i.code}" for i in manager.all())

    def to_internal_value(self, data):
        if not isinstance(data, list) or not all(isinstance(v, str) for v in data):
            raise serializers.ValidationError(_('Expected a list of codes such as "sdg:4".'))
        items = []
        for value in data:
            framework, _sep, code = value.partition(":")
            item = FrameworkItem.objects.filter(framework__code=framework, code=code).first()
            if item is None:
                raise serializers.ValidationError(
                    _("Unknown framework item %(code)s") % {"code": value}
                )
            items.append(item)
        return items


class WithFrameworks(ModelSerializer):
    """Saves the ``frameworks`` list after the object itself."""

    def _split(self, validated_data):
        return validated_data.pop("frameworks", None)

    def create(self, validated_data):
        frameworks = self._split(validated_data)
        instance = super().create(validated_data)
        if frameworks is not None:
            instance.frameworks.set(frameworks)
        return instance

    def update(self, instance, validated_data):
        frameworks = self._split(validated_data)
        instance = super().update(instance, validated_data)
        if frameworks is not None:
            instance.frameworks.set(frameworks)
        return instance


class StrategicPlanSerializer(ModelSerializer):
    class Meta:
        model = StrategicPlan
        fields = [
            "id",
            "organization",
            "kind",
            "title",
            "start_year",
            "end_year",
            "vision",
            "status",
            "revision",
            "previous",
            "approved_on",
            "digits",
            "label_issue",
            "label_goal",
            "label_strategy",
            "weights_total_100",
            *TIMESTAMPS,
        ]
        read_only_fields = ["status", "revision", "previous", "approved_on", *TIMESTAMPS]


class MissionSerializer(ModelSerializer):
    class Meta:
        model = Mission
        fields = ["id", "plan", "number", "text", "sort_order", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class GoalSerializer(ModelSerializer):
    class Meta:
        model = Goal
        fields = ["id", "plan", "number", "text", "sort_order", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class IssueSerializer(WithFrameworks):
    frameworks = FrameworkLinksField(required=False)

    class Meta:
        model = Issue
        fields = [
            "id",
            "plan",
            "number",
            "title",
            "objective",
            "serves",
            "frameworks",
            "sort_order",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS


class StrategySerializer(WithFrameworks):
    frameworks = FrameworkLinksField(required=False)

    class Meta:
        model = Strategy
        fields = ["id", "issue", "number", "name", "frameworks", "sort_order", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class TargetSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField(min_value=2400, max_value=2800)
    quarter = serializers.IntegerField(min_value=1, max_value=4, allow_null=True, required=False)
    value = serializers.DecimalField(max_digits=18, decimal_places=4)


class CriterionSerializer(serializers.Serializer):
    level = serializers.IntegerField(min_value=1, max_value=5)
    description = serializers.CharField(allow_blank=True, required=False, default="")
    value = serializers.DecimalField(
        max_digits=18, decimal_places=4, allow_null=True, required=False
    )


class IndicatorSerializer(ModelSerializer):
    frameworks = FrameworkLinksField(required=False)
    targets = TargetSerializer(many=True, required=False)
    criteria = CriterionSerializer(many=True, required=False)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "plan",
            "issue",
            "goal",
            "parent",
            "number",
            "name",
            "unit",
            "baseline_value",
            "baseline_year",
            "direction",
            "band_low",
            "band_high",
            "weight",
            "formula",
            "data_source",
            "measured_by",
            "frequency",
            "combination",
            "frameworks",
            "targets",
            "criteria",
            "sort_order",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS

    def validate(self, attrs):
        nested = {
            key: attrs.pop(key) for key in ("frameworks", "targets", "criteria") if key in attrs
        }
        attrs = super().validate(attrs)
        plan = attrs.get("plan") or getattr(self.instance, "plan", None)
        for index, target in enumerate(nested.get("targets", [])):
            if plan and not plan.start_year <= target["fiscal_year"] <= plan.end_year:
                raise serializers.ValidationError(
                    {
                        f"targets.{index}.fiscal_year": [
                            _("The year %(year)s is outside the plan's period %(start)s–%(end)s.")
                            % {
                                "year": target["fiscal_year"],
                                "start": plan.start_year,
                                "end": plan.end_year,
                            }
                        ]
                    }
                )
        return {**attrs, **nested}

    def _save(self, instance, validated_data):
        nested = {
            key: validated_data.pop(key, None) for key in ("frameworks", "targets", "criteria")
        }
        for name, value in validated_data.items():
            setattr(instance, name, value)
        targets = (
            nested["targets"]
            if nested["targets"] is not None
            else [
                {"fiscal_year": t.fiscal_year, "quarter": t.quarter, "value": t.value}
                for t in (instance.targets.all() if instance.pk else [])
            ]
        )
        criteria = (
            nested["criteria"]
            if nested["criteria"] is not None
            else [
                {"level": k.level, "description": k.description, "value": k.value}
                for k in (instance.criteria.all() if instance.pk else [])
            ]
        )
        return services.indicator_save(
            indicator=instance,
            by=self._user(),
            frameworks=nested["frameworks"],
            targets=[(t["fiscal_year"], t.get("quarter"), t["value"]) for t in targets],
            criteria=[(k["level"], k.get("description", ""), k.get("value")) for k in criteria],
        )

    def create(self, validated_data):
        return self._save(Indicator(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)


@extend_schema_field(
    {"type": "object", "additionalProperties": {"type": "string"}, "example": {"2566": "450000.00"}}
)
class BudgetsField(serializers.Field):
    """A project's budget per plan year: ``{"2566": "450000.00", …}`` (baht)."""

    def to_representation(self, manager):
        return {str(b.year): str(b.amount) for b in manager.all()}

    def to_internal_value(self, data):
        from decimal import Decimal, InvalidOperation

        if not isinstance(data, dict):
            raise serializers.ValidationError(_("Expected an object of year: amount."))
        out = {}
        for year, amount in data.items():
            try:
                value = Decimal(str(amount))
            except InvalidOperation:
                raise serializers.ValidationError(
                    _("%(value)s is not a number") % {"value": amount}
                ) from None
            if (
                not str(year).isdigit()
                or value < 0
                or not value.is_finite()
                or abs(value) >= Decimal("1e14")
            ):
                raise serializers.ValidationError(
                    _("%(year)s: %(value)s is not a valid budget") % {"year": year, "value": amount}
                )
            out[int(year)] = value.quantize(Decimal("0.01"))
        return out


class PlanProjectSerializer(ModelSerializer):
    frameworks = FrameworkLinksField(required=False)
    budgets = BudgetsField(source="year_budgets", required=False)
    work_plan = serializers.SlugRelatedField(
        slug_field="ordinal", queryset=WorkPlan.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = PlanProject
        fields = [
            "id",
            "plan",
            "issue",
            "strategy",
            "number",
            "name",
            "is_flagship",
            "category",
            "work_plan",
            "objectives",
            "outputs",
            "kpi",
            "expected_results",
            "responsible_unit",
            "budgets",
            "frameworks",
            "added_in",
            "removed_in",
            "replaces",
            "reason",
            "sort_order",
            *TIMESTAMPS,
        ]
        read_only_fields = ["added_in", "removed_in", "replaces", *TIMESTAMPS]

    def validate(self, attrs):
        nested = {key: attrs.pop(key) for key in ("frameworks", "year_budgets") if key in attrs}
        attrs = super().validate(attrs)
        plan = attrs.get("plan") or getattr(self.instance, "plan", None)
        for year in nested.get("year_budgets", {}):
            if plan and not plan.start_year <= year <= plan.end_year:
                raise serializers.ValidationError(
                    {
                        "budgets": [
                            _("The year %(year)s is outside the plan's period %(start)s–%(end)s.")
                            % {"year": year, "start": plan.start_year, "end": plan.end_year}
                        ]
                    }
                )
        return {**attrs, **nested}

    def _save(self, instance, validated_data):
        frameworks = validated_data.pop("frameworks", None)
        budgets = validated_data.pop("year_budgets", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.project_save(
            project=instance, by=self._user(), frameworks=frameworks, budgets=budgets
        )

    def create(self, validated_data):
        return self._save(PlanProject(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)


class SwotItemSerializer(ModelSerializer):
    class Meta:
        model = SwotItem
        fields = [
            "id",
            "organization",
            "plan",
            "scope",
            "quadrant",
            "text",
            "sort_order",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS


class TowsStrategySerializer(ModelSerializer):
    class Meta:
        model = TowsStrategy
        fields = [
            "id",
            "organization",
            "plan",
            "scope",
            "kind",
            "text",
            "items",
            "strategy",
            "sort_order",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS

    def create(self, validated_data):
        items = validated_data.pop("items", [])
        instance = super().create(validated_data)
        instance.items.set(items)
        return instance

    def update(self, instance, validated_data):
        items = validated_data.pop("items", None)
        instance = super().update(instance, validated_data)
        if items is not None:
            instance.items.set(items)
        return instance


class EditionApprovalSerializer(serializers.ModelSerializer):
    step = serializers.CharField(source="step.code")
    step_name = serializers.CharField(source="step.name_th")

    class Meta:
        model = EditionApproval
        fields = ["step", "step_name", "date", "decision", "note"]


class PlanEditionSerializer(ModelSerializer):
    approvals = EditionApprovalSerializer(many=True, read_only=True)

    class Meta:
        model = PlanEdition
        fields = [
            "id",
            "plan",
            "kind",
            "number",
            "year",
            "reason",
            "status",
            "approved_on",
            "approvals",
            *TIMESTAMPS,
        ]
        read_only_fields = ["status", "approved_on", *TIMESTAMPS]


class PlanTreeSerializer(serializers.Serializer):
    """The exchange JSON of ``phaen export_strategic_plan`` (see ``strategy/tree.py``)."""

    organization = serializers.CharField()
    start_year = serializers.IntegerField(required=False)
    end_year = serializers.IntegerField(required=False)
    issues = serializers.ListField(child=serializers.DictField(), required=False)
