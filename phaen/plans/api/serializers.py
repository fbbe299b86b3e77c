"""API representations of annual plans, projects and their parts, and appropriations."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from phaen.api.serializers import ModelSerializer
from phaen.budget.models import AllocationRound, Appropriation, AppropriationLine
from phaen.plans import services
from phaen.plans.models import Activity, AnnualPlan, BudgetLine, Project, ProjectOutput, Risk

TIMESTAMPS = ["created_at", "updated_at"]


class AnnualPlanSerializer(ModelSerializer):
    edition_label = serializers.CharField(read_only=True)

    class Meta:
        model = AnnualPlan
        fields = [
            "id",
            "organization",
            "kind",
            "fiscal_year",
            "title",
            "multi_year_plan",
            "action_plan",
            "state",
            "current_step",
            "edition_kind",
            "edition_number",
            "edition_year",
            "edition_reason",
            "edition_label",
            "previous",
            "approved_on",
            "announced_on",
            "posted_from",
            "posted_until",
            "budget_threshold",
            *TIMESTAMPS,
        ]
        read_only_fields = [
            "state",
            "current_step",
            "edition_kind",
            "edition_number",
            "edition_year",
            "edition_reason",
            "previous",
            "approved_on",
            "announced_on",
            "posted_from",
            "posted_until",
            *TIMESTAMPS,
        ]


class ProjectSerializer(ModelSerializer):
    priority = serializers.IntegerField(read_only=True)
    budget = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "plan",
            "lineage",
            "code",
            "name",
            "rationale",
            "objectives",
            "target_group",
            "target_count",
            "place",
            "start_date",
            "end_date",
            "months",
            "issue",
            "strategy",
            "work_plan",
            "indicators",
            "frameworks",
            "ldp_project",
            "action_plan_project",
            "other_agency",
            "importance",
            "urgency",
            "priority",
            "responsible_unit",
            "lead_position",
            "co_host_units",
            "supporter_units",
            "supervisor",
            "owner",
            "status",
            "out_of_plan",
            "copied_from",
            "sort_order",
            "version",
            "budget",
            *TIMESTAMPS,
        ]
        read_only_fields = ["lineage", "copied_from", *TIMESTAMPS]
        extra_kwargs = {
            "version": {
                "required": False,
                "help_text": "The version you read; a save from an older version is refused (409).",
            }
        }

    @extend_schema_field(serializers.DecimalField(max_digits=16, decimal_places=2))
    def get_budget(self, project) -> str:
        """The sum of the project's budget lines (baht), as the other amounts: a string."""
        total = sum((line.amount for line in project.budget_lines.all()), Decimal(0))
        return str(total.quantize(Decimal("0.01")))

    def create(self, validated_data):
        validated_data.pop("version", None)
        plan = validated_data.pop("plan")
        return services.project_create(plan=plan, by=self._user(), **validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version", instance.version)
        validated_data.pop("plan", None)
        try:
            return services.project_update(
                project=instance, version=version, by=self._user(), **validated_data
            )
        except services.StaleEditError as exc:
            from rest_framework.exceptions import APIException

            conflict = APIException(detail=exc.messages[0], code="stale")
            conflict.status_code = 409
            raise conflict from None


class ProjectOutputSerializer(ModelSerializer):
    class Meta:
        model = ProjectOutput
        fields = ["id", "project", "kind", "description", "unit", "target", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class ActivitySerializer(ModelSerializer):
    class Meta:
        model = Activity
        fields = [
            "id",
            "project",
            "name",
            "method",
            "start_date",
            "end_date",
            "months",
            "time_place",
            "responsible_position",
            "sort_order",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS


class RiskSerializer(ModelSerializer):
    level = serializers.IntegerField(read_only=True)

    class Meta:
        model = Risk
        fields = [
            "id",
            "project",
            "activity",
            "description",
            "likelihood",
            "impact",
            "level",
            "mitigation",
            "fallback_plan",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS


class BudgetLineSerializer(ModelSerializer):
    monthly_plan = serializers.ListField(
        child=serializers.DecimalField(max_digits=16, decimal_places=2),
        required=False,
        help_text=_("Twelve amounts, October first; they must add up to the amount."),
    )

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "project",
            "activity",
            "source",
            "category",
            "appropriation_line",
            "description",
            "amount",
            "monthly_plan",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS

    def validate(self, attrs):
        if "monthly_plan" in attrs:
            attrs["monthly_plan"] = [str(v) for v in attrs["monthly_plan"]]
        return super().validate(attrs)


class AppropriationSerializer(ModelSerializer):
    class Meta:
        model = Appropriation
        fields = [
            "id",
            "organization",
            "fiscal_year",
            "kind",
            "title",
            "effective_on",
            "reference",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS


class AllocationRoundSerializer(ModelSerializer):
    class Meta:
        model = AllocationRound
        fields = ["id", "appropriation", "number", "date", "note", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS


class AppropriationLineSerializer(ModelSerializer):
    class Meta:
        model = AppropriationLine
        fields = [
            "id",
            "appropriation",
            "round",
            "code",
            "work_plan",
            "programme",
            "category",
            "item",
            "amount",
            "unit",
            "allocated_from",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    severity = serializers.ChoiceField(choices=["blocking", "warning"])
    message = serializers.CharField()
    url = serializers.CharField()
    project_id = serializers.IntegerField(allow_null=True)
    overridden = serializers.BooleanField()


class CheckSerializer(serializers.Serializer):
    may_submit = serializers.BooleanField()
    findings = FindingSerializer(many=True)
