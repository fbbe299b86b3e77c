"""API endpoints of reporting rounds: rounds (open, read, amend, changes, the consolidated
table) and
submissions (read; submit, accept, return). Scoping (404/403) comes from the access
policies; state refusals are 400 naming the field."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phaen.api.filters import IdFilter
from phaen.api.viewsets import IdLookupMixin
from phaen.organizations import access
from phaen.rounds import models as m
from phaen.rounds import selectors, services
from phaen.rounds.access import may_open
from phaen.rounds.api import serializers as s


def _filter(model, **fields):
    attrs = dict(fields)
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": []})
    return type(f"{model.__name__}ApiFilter", (django_filters.FilterSet,), attrs)


class ReportingRoundViewSet(IdLookupMixin, viewsets.GenericViewSet):
    """Rounds the user may see: the parent's staff see theirs, a child the rounds it is
    asked in. Opening needs a planner, executive or administrator of the organisation."""

    queryset = m.ReportingRound.objects.all()
    serializer_class = s.ReportingRoundSerializer
    filterset_class = _filter(
        m.ReportingRound,
        organization=IdFilter(field_name="organization"),
        fiscal_year=IdFilter(field_name="fiscal_year"),
    )

    def get_queryset(self):
        return access.scope(
            self.queryset.prefetch_related("submissions"), self.request.user, "view"
        ).order_by("-fiscal_year", "-deadline", "-pk")

    def list(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        data = self.get_serializer(page if page is not None else queryset, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not may_open(request.user, data["organization"]):
            raise exceptions.PermissionDenied()
        round_ = services.round_open(by=request.user, **data)
        round_ = self.get_queryset().get(pk=round_.pk)
        return Response(self.get_serializer(round_).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AmendSerializer, responses=s.ReportingRoundSerializer)
    @action(detail=True, methods=["post"])
    def amend(self, request, pk=None):
        """Amend an open round (the same people who open one); 400 names the field."""
        round_ = self.get_object()
        body = s.AmendSerializer(data=request.data or {}, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        services.round_amend(round_=round_, by=request.user, **body.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=round_.pk)).data)

    @extend_schema(request=None, responses=s.RoundChangeSerializer(many=True))
    @action(detail=True, methods=["get"])
    def changes(self, request, pk=None):
        """Changes made since the round opened, newest first (what the caller may see)."""
        round_ = self.get_object()
        changes = access.scope(m.RoundChange.objects.filter(round=round_), request.user, "view")
        return Response(s.RoundChangeSerializer(changes.order_by("-at", "-pk"), many=True).data)

    @extend_schema(request=None, responses=s.ConsolidationSerializer)
    @action(detail=True, methods=["get"])
    def consolidated(self, request, pk=None):
        round_ = self.get_object()
        return Response(selectors.consolidate(round_, request.user).as_dict())


class RoundSubmissionViewSet(IdLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Submissions the user may see; moves through the actions below."""

    queryset = m.RoundSubmission.objects.all()
    serializer_class = s.RoundSubmissionSerializer
    filterset_class = _filter(
        m.RoundSubmission,
        round=IdFilter(field_name="round"),
        organization=IdFilter(field_name="organization"),
        state=django_filters.CharFilter(),
    )

    def get_queryset(self):
        return access.scope(
            self.queryset.select_related("round"), self.request.user, "view"
        ).order_by("round_id", "organization__code")

    @extend_schema(request=s.SubmitSerializer, responses=s.RoundSubmissionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        submission = self.get_object()
        body = s.SubmitSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        submission = services.submission_submit(
            submission=submission, by=request.user, summary=body.validated_data["summary"]
        )
        return Response(self.get_serializer(submission).data)

    def _decide(self, request, move):
        submission = self.get_object()
        body = s.DecisionSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        submission = move(
            submission=submission, by=request.user, comment=body.validated_data["comment"]
        )
        return Response(self.get_serializer(submission).data)

    @extend_schema(request=s.DecisionSerializer, responses=s.RoundSubmissionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._decide(request, services.submission_accept)

    @extend_schema(request=s.DecisionSerializer, responses=s.RoundSubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        return self._decide(request, services.submission_return)

    @extend_schema(request=None, responses=s.RoundMoveSerializer(many=True))
    @action(detail=True, methods=["get"])
    def moves(self, request, pk=None):
        submission = self.get_object()
        moves = submission.moves.order_by("at", "pk")
        return Response(s.RoundMoveSerializer(moves, many=True).data)
