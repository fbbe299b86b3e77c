"""API representations of reporting rounds. Writes go through the services (the same
rules as the pages); relations accept only objects the requesting user may see."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from phaen.api.serializers import ModelSerializer, ScopedPrimaryKeyRelatedField
from phaen.organizations.models import Organization
from phaen.rounds import models as m

TIMESTAMPS = ["created_at", "updated_at"]


class RoundCountsSerializer(serializers.Serializer):
    not_submitted = serializers.IntegerField()
    submitted = serializers.IntegerField()
    returned = serializers.IntegerField()
    accepted = serializers.IntegerField()
    late = serializers.IntegerField()


class ReportingRoundSerializer(ModelSerializer):
    """A round. ``children`` (ids of organisations below the round's organisation) is
    written once, when the round opens; without it the direct children are asked."""

    organization = ScopedPrimaryKeyRelatedField(queryset=Organization.objects.all())
    children = ScopedPrimaryKeyRelatedField(
        queryset=Organization.objects.all(), many=True, required=False, write_only=True
    )
    asked = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()
    is_past_deadline = serializers.BooleanField(read_only=True)

    class Meta:
        model = m.ReportingRound
        fields = [
            "id",
            "organization",
            "fiscal_year",
            "period_code",
            "title",
            "instructions",
            "deadline",
            "is_past_deadline",
            "children",
            "asked",
            "counts",
            "opened_by",
            *TIMESTAMPS,
        ]
        read_only_fields = ["opened_by", *TIMESTAMPS]

    def validate(self, attrs):
        children = attrs.pop("children", None)
        attrs = super().validate(attrs)
        if children is not None:
            attrs["children"] = children
        return attrs

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_asked(self, obj) -> list[int]:
        return [s.organization_id for s in obj.submissions.all()]

    @extend_schema_field(RoundCountsSerializer)
    def get_counts(self, obj) -> dict:
        counts = {state: 0 for state in ("not_submitted", "submitted", "returned", "accepted")}
        late = 0
        for submission in obj.submissions.all():
            counts[submission.state] += 1
            submission.round = obj
            late += submission.is_late
        return {**counts, "late": late}


class RoundSubmissionSerializer(ModelSerializer):
    snapshot = serializers.SerializerMethodField()
    is_late = serializers.BooleanField(read_only=True)
    period_code = serializers.CharField(source="round.period_code", read_only=True)

    class Meta:
        model = m.RoundSubmission
        fields = [
            "id",
            "round",
            "period_code",
            "organization",
            "state",
            "is_late",
            "summary",
            "snapshot",
            "plan",
            "submitted_by",
            "submitted_at",
            "decided_by",
            "decided_at",
            "comment",
            *TIMESTAMPS,
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_snapshot(self, obj) -> dict:
        return obj.snapshot or {}


class RoundMoveSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.RoundMove
        fields = ["id", "kind", "by", "at", "comment"]
        read_only_fields = fields


class AmendSerializer(serializers.Serializer):
    """An amendment of an open round: any of title, instructions and deadline (left out:
    unchanged), organisations to ask in addition and organisations to withdraw (only those
    that have not submitted)."""

    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    instructions = serializers.CharField(required=False, allow_blank=True)
    deadline = serializers.DateField(required=False)
    add_children = ScopedPrimaryKeyRelatedField(
        queryset=Organization.objects.all(), many=True, required=False
    )
    withdraw_children = ScopedPrimaryKeyRelatedField(
        queryset=Organization.objects.all(), many=True, required=False
    )


class RoundChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = m.RoundChange
        fields = ["id", "field", "organization", "before", "after", "by", "at"]
        read_only_fields = fields


class SubmitSerializer(serializers.Serializer):
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ConsolidatedRowSerializer(serializers.Serializer):
    organization = serializers.CharField(allow_null=True)
    organization_name = serializers.CharField(allow_null=True)
    projects = serializers.IntegerField()
    projects_by_status = serializers.DictField(child=serializers.IntegerField())
    budget_planned = serializers.CharField()
    disbursed = serializers.CharField(allow_null=True)
    weighted_achievement = serializers.CharField(allow_null=True)
    problems = serializers.IntegerField(allow_null=True)


class ConsolidationSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    organization = serializers.CharField()
    fiscal_year = serializers.IntegerField()
    period = serializers.CharField()
    title = serializers.CharField()
    deadline = serializers.CharField()
    children = ConsolidatedRowSerializer(many=True)
    total = ConsolidatedRowSerializer()
    pending = serializers.ListField(child=serializers.CharField())
