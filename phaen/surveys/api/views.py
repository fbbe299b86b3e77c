"""API of surveys and their questions (staff) and the read-only results summary. The
public answer page is deliberately not in the API."""

from __future__ import annotations

import django_filters
from django.db.models import Count
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response

from phaen.api.filters import IdFilter
from phaen.api.viewsets import ScopedModelViewSet
from phaen.organizations import access
from phaen.surveys import choices as c
from phaen.surveys import selectors, services
from phaen.surveys.api import serializers as s
from phaen.surveys.models import Question, Survey


class SurveyFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project")
    activity = IdFilter(field_name="activity")
    state = django_filters.ChoiceFilter(choices=c.SurveyState.choices)

    class Meta:
        model = Survey
        fields: list[str] = []


class QuestionFilter(django_filters.FilterSet):
    survey = IdFilter(field_name="survey")

    class Meta:
        model = Question
        fields: list[str] = []


class SurveyViewSet(ScopedModelViewSet):
    """Surveys: planners manage all of their organisation's, project owners those of their
    projects; every role reads. ``open`` / ``close`` change the state; ``results`` is the
    summary per question."""

    queryset = Survey.objects.all()
    serializer_class = s.SurveySerializer
    filterset_class = SurveyFilter

    def base_queryset(self):
        return (
            Survey.objects.select_related("project__plan", "activity")
            .annotate(response_count=Count("responses"))
            .order_by("-created_at", "-id")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        if not access.can(self.request.user, "change", data["project"]):
            raise exceptions.PermissionDenied(self.denied_message)
        survey = services.survey_create(
            project=data["project"],
            activity=data.get("activity"),
            title=data["title"],
            intro=data.get("intro", ""),
            opens_on=data.get("opens_on"),
            closes_on=data.get("closes_on"),
            default_questions=getattr(serializer, "default_questions", False),
            by=self.request.user,
        )
        serializer.instance = self.base_queryset().get(pk=survey.pk)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("project", None)
        services.survey_update(survey=serializer.instance, by=self.request.user, **data)
        serializer.instance = self.base_queryset().get(pk=serializer.instance.pk)

    def _set_state(self, state):
        survey = self.get_object()
        if not self.may("change", survey):
            raise exceptions.PermissionDenied()
        services.survey_set_state(survey=survey, state=state, by=self.request.user)
        return Response(self.get_serializer(self.base_queryset().get(pk=survey.pk)).data)

    @extend_schema(request=None, responses=s.SurveySerializer)
    @action(detail=True, methods=["post"], url_path="open")
    def open_survey(self, request, pk=None):
        return self._set_state(c.SurveyState.OPEN)

    @extend_schema(request=None, responses=s.SurveySerializer)
    @action(detail=True, methods=["post"], url_path="close")
    def close_survey(self, request, pk=None):
        return self._set_state(c.SurveyState.CLOSED)

    @extend_schema(request=None, responses=s.SurveySummarySerializer)
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        survey = self.get_object()
        return Response(s.SurveySummarySerializer(selectors.survey_summary(survey)).data)


class QuestionViewSet(ScopedModelViewSet):
    """Questions of a survey; they no longer change once the survey has answers (400)."""

    queryset = Question.objects.all()
    serializer_class = s.QuestionSerializer
    filterset_class = QuestionFilter

    def base_queryset(self):
        return Question.objects.select_related("survey")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        survey = data.pop("survey")
        if not access.can(self.request.user, "change", survey):
            raise exceptions.PermissionDenied(self.denied_message)
        serializer.instance = services.question_save(survey=survey, by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("survey", None)
        question = serializer.instance
        serializer.instance = services.question_save(
            survey=question.survey, question=question, by=self.request.user, **data
        )

    def perform_destroy(self, instance):
        services.question_delete(question=instance, by=self.request.user)
