"""Serializers of the surveys endpoints."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from phaen.api.serializers import ModelSerializer
from phaen.surveys.models import Question, Survey
from phaen.surveys.qr import public_path

TIMESTAMPS = ["created_at", "updated_at"]


class SurveySerializer(ModelSerializer):
    public_path = serializers.SerializerMethodField(help_text=_("Path of the public answer page."))
    response_count = serializers.IntegerField(read_only=True)
    default_questions = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_("On creation: start with the standard satisfaction questions."),
    )

    class Meta:
        model = Survey
        fields = [
            "id",
            "project",
            "activity",
            "title",
            "intro",
            "opens_on",
            "closes_on",
            "state",
            "token",
            "public_path",
            "response_count",
            "default_questions",
            *TIMESTAMPS,
        ]
        read_only_fields = ["state", "token", *TIMESTAMPS]

    def get_public_path(self, obj) -> str:
        return public_path(obj)

    def validate_project(self, value):
        if self.instance is not None and value.pk != self.instance.project_id:
            raise serializers.ValidationError(_("The project of a survey cannot change."))
        return value

    def validate(self, attrs):
        attrs = dict(attrs)
        self.default_questions = bool(attrs.pop("default_questions", False))
        return super().validate(attrs)


class QuestionSerializer(ModelSerializer):
    class Meta:
        model = Question
        fields = ["id", "survey", "kind", "text", "order", "required", *TIMESTAMPS]
        read_only_fields = TIMESTAMPS

    def validate_survey(self, value):
        if self.instance is not None and value.pk != self.instance.survey_id:
            raise serializers.ValidationError(_("A question cannot move to another survey."))
        return value


class BucketSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.DecimalField(max_digits=5, decimal_places=2)


class QuestionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.CharField()
    count = serializers.IntegerField()
    mean = serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True)
    distribution = BucketSerializer(many=True)
    texts = serializers.ListField(child=serializers.CharField())


class SurveySummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    subject = serializers.CharField()
    project_id = serializers.IntegerField()
    activity_id = serializers.IntegerField(allow_null=True)
    state = serializers.CharField()
    responses = serializers.IntegerField()
    questions = QuestionSummarySerializer(many=True)
