"""API representations of indicator results, agreements, their indicators, assessments
and weighted achievement."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from phaen.api.serializers import ModelSerializer, ScopedPrimaryKeyRelatedField
from phaen.monitoring.models import ReportingPeriod
from phaen.performance.choices import Audience
from phaen.performance.models import (
    Agreement,
    AgreementIndicator,
    Assessment,
    AssessmentItem,
    IndicatorResult,
)
from phaen.strategy.models import Indicator

TIMESTAMPS = ["created_at", "updated_at"]


class IndicatorResultSerializer(ModelSerializer):
    period_code = serializers.CharField(source="period.code", read_only=True)
    evidence = serializers.SerializerMethodField(
        help_text="Where to download the evidence file (GET), or null when there is none."
    )

    def get_evidence(self, result) -> str | None:
        if not result.evidence:
            return None
        url = reverse("api:indicator-result-evidence-file", args=[result.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    class Meta:
        model = IndicatorResult
        fields = [
            "id",
            "organization",
            "indicator",
            "period",
            "period_code",
            "actual",
            "comment",
            "evidence",
            "recorded_by",
            "recorded_at",
            *TIMESTAMPS,
        ]
        read_only_fields = ["organization", "recorded_by", "recorded_at", *TIMESTAMPS]

    def validate(self, attrs):
        return attrs  # the service checks (period open, indicator in the plan) and saves


class BulkRowSerializer(serializers.Serializer):
    indicator = ScopedPrimaryKeyRelatedField(queryset=Indicator.objects.all())
    period = ScopedPrimaryKeyRelatedField(queryset=ReportingPeriod.objects.all())
    actual = serializers.DecimalField(max_digits=18, decimal_places=4)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class BulkSerializer(serializers.Serializer):
    results = serializers.ListField(child=serializers.DictField(), allow_empty=False)


class AgreementSerializer(ModelSerializer):
    class Meta:
        model = Agreement
        fields = [
            "id",
            "organization",
            "fiscal_year",
            "level",
            "unit",
            "project",
            "person",
            "parent",
            "title",
            "giver_name",
            "giver_position",
            "receiver_name",
            "receiver_position",
            "signed_on",
            "state",
            "audience",
            "published_on",
            "version",
            "previous",
            *TIMESTAMPS,
        ]
        read_only_fields = [
            "signed_on",
            "state",
            "audience",
            "published_on",
            "version",
            "previous",
            *TIMESTAMPS,
        ]


class AgreementIndicatorSerializer(ModelSerializer):
    class Meta:
        model = AgreementIndicator
        fields = [
            "id",
            "agreement",
            "indicator",
            "number",
            "name",
            "unit",
            "weight",
            "target",
            "level_1",
            "level_2",
            "level_3",
            "level_4",
            "level_5",
            "sort_order",
            *TIMESTAMPS,
        ]
        read_only_fields = TIMESTAMPS


class AssessmentItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssessmentItem
        fields = ["id", "agreement_indicator", "result", "score", "weighted_score", "note"]
        read_only_fields = fields


class AssessmentSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text="self or committee")
    items = AssessmentItemSerializer(many=True, read_only=True)
    total = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = ["id", "agreement", "kind", "assessed_on", "assessed_by", "note", "items", "total"]
        read_only_fields = fields

    def get_total(self, obj) -> str:
        from phaen.performance.scoring import agreement_total

        return str(agreement_total(i.weighted_score for i in obj.items.all()))


class SignSerializer(serializers.Serializer):
    signed_on = serializers.DateField()


class PublishSerializer(serializers.Serializer):
    audience = serializers.ChoiceField(choices=Audience.choices)


class AssessResultSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(help_text="Id of the agreement indicator.")
    result = serializers.DecimalField(max_digits=18, decimal_places=4)


class AssessSerializer(serializers.Serializer):
    kind = serializers.RegexField(
        r"^(self|committee)$", help_text="self (self-assessment) or committee."
    )
    assessed_on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    results = AssessResultSerializer(many=True)


# --- weighted achievement (read-only) --------------------------------------------------------
class IndicatorAchievementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.CharField()
    combination = serializers.CharField()
    weight = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    parent_id = serializers.IntegerField(allow_null=True)
    value = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    target = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    achievement_raw = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    achievement = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    level_score = serializers.DecimalField(max_digits=7, decimal_places=4, allow_null=True)


class IssueAchievementSerializer(serializers.Serializer):
    number = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    weighted_achievement = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True
    )
    formula = serializers.CharField()
    indicators = IndicatorAchievementSerializer(many=True)


class AverageSerializer(serializers.Serializer):
    weighted_achievement = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True
    )
    formula = serializers.CharField()
    weight_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    count = serializers.IntegerField()


class AchievementSerializer(serializers.Serializer):
    strategic_plan_id = serializers.IntegerField(allow_null=True)
    strategic_plan = serializers.CharField()
    fiscal_year = serializers.IntegerField()
    period = serializers.CharField(allow_null=True)
    issues = IssueAchievementSerializer(many=True)
    total = AverageSerializer()
