"""API endpoints of follow-up: reporting periods (lock/unlock), monthly progress reports
(with submit, acknowledge, return, staff-meeting approval and bulk submission), evidence
files (uploaded as multipart/form-data, removed while the report is a draft), sealed
snapshots (read-only), project checks, problems and coordination meetings."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phaen.api.errors import flatten_errors
from phaen.api.filters import IdFilter
from phaen.api.viewsets import IdLookupMixin, ScopedModelViewSet
from phaen.core.uploads import stored_file_response
from phaen.monitoring import models as m
from phaen.monitoring import services
from phaen.monitoring.api import serializers as s
from phaen.monitoring.api.uploads import TextMultiPartParser, UploadSchema
from phaen.organizations import access


def _filter(model, **fields):
    attrs = dict(fields)
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": []})
    return type(f"{model.__name__}ApiFilter", (django_filters.FilterSet,), attrs)


class _Rollback(Exception):
    """Undo a bulk submission that had errors in some items."""


class ReadOnlyScoped(IdLookupMixin, viewsets.ReadOnlyModelViewSet):
    """List and read what the user may see (records written only through their actions)."""

    def base_queryset(self):
        return self.queryset.all()

    def get_queryset(self):
        return access.scope(self.base_queryset(), self.request.user, "view")


class ReportingPeriodViewSet(ReadOnlyScoped):
    queryset = m.ReportingPeriod.objects.all()
    serializer_class = s.ReportingPeriodSerializer
    filterset_class = _filter(
        m.ReportingPeriod,
        organization=IdFilter(field_name="organization"),
        fiscal_year=IdFilter(field_name="fiscal_year"),
        kind=django_filters.CharFilter(),
    )

    def _period(self, request):
        period = self.get_object()
        if not access.can(request.user, "lock", period):
            raise exceptions.PermissionDenied()
        return period

    @extend_schema(request=s.PeriodLockSerializer, responses=s.ReportingPeriodSerializer)
    @action(detail=True, methods=["post"])
    def lock(self, request, pk=None):
        period = self._period(request)
        body = s.PeriodLockSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        period = services.period_lock(period=period, by=request.user, **body.validated_data)
        return Response(self.get_serializer(period).data)

    @extend_schema(request=None, responses=s.ReportingPeriodSerializer)
    @action(detail=True, methods=["post"])
    def unlock(self, request, pk=None):
        period = services.period_unlock(period=self._period(request), by=request.user)
        return Response(self.get_serializer(period).data)


class ProgressReportViewSet(ScopedModelViewSet):
    """Monthly progress. Owners write the reports of their projects; planners acknowledge
    or return them. Deleting is not offered: a report is returned instead."""

    queryset = m.ProgressReport.objects.all()
    serializer_class = s.ProgressReportSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    filterset_class = _filter(
        m.ProgressReport,
        project=IdFilter(field_name="project"),
        period=IdFilter(field_name="period"),
        state=django_filters.CharFilter(),
        status=django_filters.CharFilter(),
    )

    def base_queryset(self):
        return m.ProgressReport.objects.select_related("period").prefetch_related(
            "activities", "achievements", "risks_triggered", "evidence"
        )

    def _check_project(self, project):
        if not access.can(self.request.user, "change", project):
            raise exceptions.PermissionDenied(self.denied_message)

    def perform_create(self, serializer):
        self._check_project(serializer.validated_data["project"])
        serializer.instance = services.report_save(
            by=self.request.user, **serializer.service_fields()
        )

    def perform_update(self, serializer):
        if "project" in serializer.validated_data:
            self._check_project(serializer.validated_data["project"])
        serializer.instance = services.report_save(
            by=self.request.user, report=serializer.instance, **serializer.service_fields()
        )

    def _act(self, request, needed, move, **kwargs):
        report = self.get_object()
        if not access.can(request.user, needed, report):
            raise exceptions.PermissionDenied()
        report = move(report=report, by=request.user, **kwargs)
        return Response(self.get_serializer(self.base_queryset().get(pk=report.pk)).data)

    @extend_schema(request=None, responses=s.ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(request, "change", services.report_submit)

    @extend_schema(request=None, responses=s.ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        return self._act(request, "acknowledge", services.report_acknowledge)

    @extend_schema(request=s.ReportReturnSerializer, responses=s.ProgressReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        body = s.ReportReturnSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        return self._act(
            request, "acknowledge", services.report_return, comment=body.validated_data["comment"]
        )

    @extend_schema(request=s.MeetingApprovalSerializer, responses=s.ProgressReportSerializer)
    @action(detail=True, methods=["post"], url_path="meeting-approval")
    def meeting_approval(self, request, pk=None):
        body = s.MeetingApprovalSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        return self._act(
            request, "acknowledge", services.report_meeting_approval, **body.validated_data
        )

    @extend_schema(
        request=s.ProgressReportSerializer(many=True),
        responses={201: s.BulkProgressResultSerializer},
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """Save and submit a list of reports in one call, all or nothing; errors are named
        ``<index>.<field>``."""
        if not isinstance(request.data, list) or not request.data:
            raise serializers.ValidationError({"non_field_errors": [s.BULK_NEEDS_LIST]})
        context = self.get_serializer_context()
        errors: dict[str, list[str]] = {}
        valid: list[tuple[int, dict]] = []
        for index, raw in enumerate(request.data):
            item = s.ProgressReportSerializer(data=raw, context=context)
            if not item.is_valid():
                errors.update(flatten_errors(item.errors, str(index)))
                continue
            fields = item.service_fields()
            if not access.can(request.user, "change", fields["project"]):
                errors[f"{index}.project"] = [str(self.denied_message)]
                continue
            valid.append((index, fields))
        try:
            with transaction.atomic():
                try:
                    reports = services.reports_bulk_submit(
                        items=[fields for _index, fields in valid], by=request.user
                    )
                except DjangoValidationError as exc:
                    for key, messages in exc.message_dict.items():
                        position, _dot, field = key.partition(".")
                        errors[f"{valid[int(position)][0]}.{field}"] = list(messages)
                if errors:
                    raise _Rollback
        except _Rollback:
            raise serializers.ValidationError(dict(sorted(errors.items()))) from None
        fresh = self.base_queryset().filter(pk__in=[r.pk for r in reports]).order_by("id")
        data = s.ProgressReportSerializer(
            fresh, many=True, context=self.get_serializer_context()
        ).data
        return Response({"submitted": data}, status=status.HTTP_201_CREATED)


class EvidenceViewSet(ScopedModelViewSet):
    """Evidence files of reports. Upload one with POST as multipart/form-data (``report``,
    ``file``, ``caption``): a photo or a PDF of at most 10 MB, while the report is a draft
    or returned; a photo is stored upright, at most 2000 px, without EXIF (no GPS location).
    DELETE removes one, on the same conditions. Writers are those of the report: the
    project's owner (or its lead position's holder) and planners."""

    queryset = m.Evidence.objects.all()
    serializer_class = s.EvidenceSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    parser_classes = [TextMultiPartParser]
    schema = UploadSchema()
    filterset_class = _filter(m.Evidence, report=IdFilter(field_name="report"))

    @extend_schema(request=s.EvidenceUploadSerializer, responses={201: s.EvidenceSerializer})
    def create(self, request, *args, **kwargs):
        body = s.EvidenceUploadSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if not access.can(request.user, "change", data["report"]):
            raise exceptions.PermissionDenied(self.denied_message)
        evidence = services.evidence_add(
            report=data["report"], upload=data["file"], caption=data["caption"], by=request.user
        )
        return Response(self.get_serializer(evidence).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.evidence_delete(evidence=instance, by=self.request.user)

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        description="The evidence file itself, for whoever may read the evidence.",
    )
    @action(detail=True, methods=["get"], url_path="file")
    def download(self, request, pk=None):
        evidence = self.get_object()
        return stored_file_response(evidence.file)


class ReportSnapshotViewSet(ReadOnlyScoped):
    queryset = m.ReportSnapshot.objects.all()
    serializer_class = s.ReportSnapshotSerializer
    filterset_class = _filter(m.ReportSnapshot, report=IdFilter(field_name="report"))


class ProjectCheckViewSet(ScopedModelViewSet):
    """Opening a check (POST with the project) needs a planner of the project's
    organisation; ``record`` answers the checklist, ``decide`` is the executive's."""

    queryset = m.ProjectCheck.objects.all()
    serializer_class = s.ProjectCheckSerializer
    create_capability = "edit_plans"
    http_method_names = ["get", "post", "head", "options"]
    filterset_class = _filter(m.ProjectCheck, project=IdFilter(field_name="project"))

    def base_queryset(self):
        return m.ProjectCheck.objects.prefetch_related("items").order_by("id")

    def target_organization(self, data, instance=None):
        project = data.get("project") or getattr(instance, "project", None)
        return project.plan.organization if project else None

    def perform_create(self, serializer):
        self.check_write_in(self.target_organization(serializer.validated_data))
        serializer.instance = services.check_open(
            project=serializer.validated_data["project"], by=self.request.user
        )

    @extend_schema(request=s.CheckRecordSerializer, responses=s.ProjectCheckSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        check = self.get_object()
        if not access.can(request.user, "change", check):
            raise exceptions.PermissionDenied()
        body = s.CheckRecordSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        services.check_record(
            check=check,
            by=request.user,
            answers={i["id"]: (i["answer"], i["comment"]) for i in data["items"]},
            officer_comment=data["officer_comment"],
            submit=data["submit"],
        )
        return Response(self.get_serializer(self.base_queryset().get(pk=check.pk)).data)

    @extend_schema(request=s.CheckDecisionSerializer, responses=s.ProjectCheckSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        check = self.get_object()
        if not access.can(request.user, "decide", check):
            raise exceptions.PermissionDenied()
        body = s.CheckDecisionSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        services.check_decide(check=check, by=request.user, **body.validated_data)
        return Response(self.get_serializer(self.base_queryset().get(pk=check.pk)).data)


class PlanScoped(ScopedModelViewSet):
    create_capability = "edit_plans"

    def target_organization(self, data, instance=None):
        plan = data.get("plan") or getattr(instance, "plan", None)
        return plan.organization if plan else None


class ProblemViewSet(PlanScoped):
    queryset = m.Problem.objects.all()
    serializer_class = s.ProblemSerializer
    filterset_class = _filter(
        m.Problem,
        plan=IdFilter(field_name="plan"),
        status=django_filters.CharFilter(),
        category=django_filters.CharFilter(),
    )

    def perform_create(self, serializer):
        self.check_write_in(self.target_organization(serializer.validated_data))
        data = dict(serializer.validated_data)
        serializer.instance = services.problem_save(by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        plan = data.pop("plan", serializer.instance.plan)
        if plan != serializer.instance.plan:
            self.check_write_in(plan.organization)
        serializer.instance = services.problem_save(
            plan=plan, by=self.request.user, problem=serializer.instance, **data
        )


class CoordinationMeetingViewSet(PlanScoped):
    queryset = m.CoordinationMeeting.objects.all()
    serializer_class = s.CoordinationMeetingSerializer
    filterset_class = _filter(m.CoordinationMeeting, plan=IdFilter(field_name="plan"))

    def base_queryset(self):
        return m.CoordinationMeeting.objects.prefetch_related("decisions")

    def _save(self, serializer, meeting=None):
        data = dict(serializer.validated_data)
        plan = data.get("plan") or meeting.plan
        decisions = data.get("decisions")
        if decisions is None and meeting is not None:
            decisions = [
                {"text": d.text, "carry_forward": d.carry_forward} for d in meeting.decisions.all()
            ]
        serializer.instance = services.meeting_save(
            plan=plan,
            by=self.request.user,
            meeting=meeting,
            held_on=data.get("held_on", getattr(meeting, "held_on", None)),
            title=data.get("title", getattr(meeting, "title", "")),
            attendees=data.get("attendees", getattr(meeting, "attendees", "")),
            decisions=[(d["text"], d.get("carry_forward", False)) for d in decisions or []],
        )

    def perform_create(self, serializer):
        self.check_write_in(self.target_organization(serializer.validated_data))
        self._save(serializer)

    def perform_update(self, serializer):
        plan = serializer.validated_data.get("plan")
        if plan is not None and plan != serializer.instance.plan:
            self.check_write_in(plan.organization)
        self._save(serializer, serializer.instance)


class ReportPostingViewSet(PlanScoped):
    """Posting of a local administration's six-month and annual monitoring reports
    (planners of the local administration write; everyone who sees it reads)."""

    queryset = m.ReportPosting.objects.all()
    serializer_class = s.ReportPostingSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    filterset_class = _filter(
        m.ReportPosting,
        plan=IdFilter(field_name="plan"),
        period=IdFilter(field_name="period"),
    )

    def base_queryset(self):
        return m.ReportPosting.objects.select_related("period")

    def _save(self, serializer, posting=None):
        data = dict(serializer.validated_data)
        fields = {
            name: data.get(name, getattr(posting, name, None))
            for name in ("plan", "period", "reported_on", "posted_from", "posted_until", "note")
        }
        if posting is None or fields["plan"] != posting.plan:
            self.check_write_in(fields["plan"].organization)
        serializer.instance = services.posting_save(
            by=self.request.user, posting=posting, **{**fields, "note": fields["note"] or ""}
        )

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)
