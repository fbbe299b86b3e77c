"""API endpoints of indicator results (one, or a bulk list all-or-nothing), agreements,
their indicators and assessments, and the weighted achievement of a plan (read-only).
Scoping (404/403) comes from ``phaen.api.viewsets``; signed agreements answer 409."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phaen.api.errors import django_errors_to_detail
from phaen.api.filters import IdFilter
from phaen.api.viewsets import IdLookupMixin, ScopedModelViewSet
from phaen.core.uploads import stored_file_response
from phaen.monitoring.api.uploads import EvidenceFileSerializer, TextMultiPartParser, UploadSchema
from phaen.organizations import access
from phaen.performance import selectors, services
from phaen.performance.api import serializers as s
from phaen.performance.models import Agreement, AgreementIndicator, Assessment, IndicatorResult
from phaen.plans.models import AnnualPlan
from phaen.strategy.models import StrategicPlan


def _filter(model, **fields):
    attrs = dict(fields)
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": []})
    return type(f"{model.__name__}ApiFilter", (django_filters.FilterSet,), attrs)


def _django_to_drf(error: DjangoValidationError) -> exceptions.ValidationError:
    return exceptions.ValidationError(django_errors_to_detail(error))


class IndicatorResultViewSet(ScopedModelViewSet):
    """Indicator results (JSON). Their evidence file is uploaded, replaced (POST,
    multipart/form-data ``file``) or removed (DELETE) at ``{id}/evidence/``."""

    queryset = IndicatorResult.objects.all()
    serializer_class = s.IndicatorResultSerializer
    create_capability = "edit_plans"
    schema = UploadSchema()
    refused_deletes = ("evidence",)  # DELETE …/evidence/ in a locked period: 400 naming it
    filterset_class = _filter(
        IndicatorResult,
        organization=IdFilter(field_name="organization"),
        indicator=IdFilter(field_name="indicator"),
        period=IdFilter(field_name="period"),
        fiscal_year=IdFilter(field_name="period__fiscal_year"),
    )

    def base_queryset(self):
        return IndicatorResult.objects.select_related("period")

    def target_organization(self, data, instance=None):
        period = data.get("period") or getattr(instance, "period", None)
        return getattr(period, "organization", None)

    def _record(self, serializer, instance=None):
        data = serializer.validated_data
        try:
            serializer.instance = services.result_record(
                indicator=data.get("indicator") or instance.indicator,
                period=data.get("period") or instance.period,
                actual=data["actual"] if "actual" in data else getattr(instance, "actual", None),
                comment=data.get("comment", instance.comment if instance else ""),
                by=self.request.user,
            )
        except DjangoValidationError as error:
            raise _django_to_drf(error) from None

    def perform_create(self, serializer):
        self.check_write_in(self.target_organization(serializer.validated_data))
        self._record(serializer)

    def perform_update(self, serializer):
        instance = serializer.instance
        if self.target_organization(serializer.validated_data, instance) != instance.organization:
            self.check_write_in(self.target_organization(serializer.validated_data, instance))
        data = serializer.validated_data
        if (
            data.get("indicator", instance.indicator) != instance.indicator
            or data.get("period", instance.period) != instance.period
        ):
            raise exceptions.ValidationError(
                {"period": [_("A result's indicator and period cannot change; add a new one.")]}
            )
        self._record(serializer, instance)

    @extend_schema(
        methods=["POST"],
        request=EvidenceFileSerializer,
        responses=s.IndicatorResultSerializer,
        description=(
            "Attach or replace the result's evidence file (multipart/form-data `file`): a "
            "photo (JPEG, PNG, GIF, WebP) or a PDF, at most 10 MB. A photo is stored upright, "
            "at most 2000 px on its longest side, without EXIF (no GPS location). A locked "
            "period is refused (`period`)."
        ),
    )
    @extend_schema(
        methods=["DELETE"],
        request=None,
        responses={204: None},
        description="Remove the result's evidence file (a locked period is refused).",
    )
    @action(detail=True, methods=["post", "delete"], parser_classes=[TextMultiPartParser])
    def evidence(self, request, pk=None):
        result = self.get_object()
        if not access.can(request.user, "change", result):
            raise exceptions.PermissionDenied()
        if request.method == "DELETE":
            services.result_evidence_remove(result=result, by=request.user)
            return Response(status=204)
        body = EvidenceFileSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            result = services.result_evidence_set(
                result=result, upload=body.validated_data["file"], by=request.user
            )
        except DjangoValidationError as error:
            detail = django_errors_to_detail(error)
            if "evidence" in detail:  # the service's field is this endpoint's `file`
                detail["file"] = detail.pop("evidence")
            raise exceptions.ValidationError(detail) from None
        return Response(self.get_serializer(self.base_queryset().get(pk=result.pk)).data)

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        description="The result's evidence file, for whoever may read the result.",
    )
    @action(detail=True, methods=["get"], url_path="evidence/file")
    def evidence_file(self, request, pk=None):
        result = self.get_object()
        return stored_file_response(result.evidence)

    @extend_schema(
        request=s.BulkSerializer,
        responses=s.IndicatorResultSerializer(many=True),
        description=(
            "Record many results at once, all or nothing. Errors name each wrong row: "
            "fields `results.<index>.<field>`."
        ),
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        body = s.BulkSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        rows, errors = [], {}
        for index, raw in enumerate(body.validated_data["results"]):
            row = s.BulkRowSerializer(data=raw, context={"request": request})
            if row.is_valid():
                rows.append(dict(row.validated_data))
            else:
                errors[str(index)] = row.errors
                rows.append(None)
        if errors:
            raise exceptions.ValidationError({"results": errors})

        def may_record(indicator, period):
            return access.can_in_org(request.user, "edit_plans", period.organization)

        try:
            saved = services.results_bulk(rows=rows, by=request.user, may_record=may_record)
        except services.BulkError as error:
            raise exceptions.ValidationError(
                {"results": {str(i): fields for i, fields in error.rows.items()}}
            ) from None
        return Response(self.get_serializer(saved, many=True).data, status=201)


class AgreementViewSet(ScopedModelViewSet):
    queryset = Agreement.objects.all()
    serializer_class = s.AgreementSerializer
    create_capability = "edit_plans"
    filterset_class = _filter(
        Agreement,
        organization=IdFilter(field_name="organization"),
        fiscal_year=IdFilter(field_name="fiscal_year"),
        level=django_filters.CharFilter(),
        state=django_filters.CharFilter(),
    )

    def _act(self, request, permission, run):
        agreement = self.get_object()
        if not access.can(request.user, permission, agreement):
            raise exceptions.PermissionDenied()
        try:
            with transaction.atomic():
                result = run(agreement)
        except DjangoValidationError as error:
            raise _django_to_drf(error) from None
        return result

    @extend_schema(request=s.SignSerializer, responses=s.AgreementSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        body = s.SignSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        result = self._act(
            request,
            "sign",
            lambda a: services.agreement_sign(
                agreement=a, signed_on=body.validated_data["signed_on"], by=request.user
            ),
        )
        return Response(self.get_serializer(result).data)

    @extend_schema(request=s.PublishSerializer, responses=s.AgreementSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        body = s.PublishSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        result = self._act(
            request,
            "publish",
            lambda a: services.agreement_publish(
                agreement=a, audience=body.validated_data["audience"], by=request.user
            ),
        )
        return Response(self.get_serializer(result).data)

    @extend_schema(request=None, responses=s.AgreementSerializer)
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk=None):
        result = self._act(
            request,
            "change",
            lambda a: services.agreement_new_version(agreement=a, by=request.user),
        )
        return Response(self.get_serializer(result).data, status=201)

    @extend_schema(request=s.AssessSerializer, responses=s.AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        body = s.AssessSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        result = self._act(
            request,
            f"assess_{data['kind']}",
            lambda a: services.assessment_record(
                agreement=a,
                kind=data["kind"],
                results={r["indicator"]: r["result"] for r in data["results"]},
                assessed_on=data.get("assessed_on"),
                note=data.get("note", ""),
                by=request.user,
            ),
        )
        return Response(s.AssessmentSerializer(result).data, status=201)


class AgreementIndicatorViewSet(ScopedModelViewSet):
    queryset = AgreementIndicator.objects.all()
    serializer_class = s.AgreementIndicatorSerializer
    create_capability = "edit_plans"
    filterset_class = _filter(AgreementIndicator, agreement=IdFilter(field_name="agreement"))

    def target_organization(self, data, instance=None):
        agreement = data.get("agreement") or getattr(instance, "agreement", None)
        return getattr(agreement, "organization", None)

    def perform_create(self, serializer):
        if "sort_order" not in self.request.data:  # after the agreement's other indicators
            agreement = serializer.validated_data["agreement"]
            serializer.validated_data["sort_order"] = agreement.indicators.count() + 1
        super().perform_create(serializer)


class AssessmentViewSet(IdLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Assessments (read-only here; record them with POST agreements/{id}/assess/)."""

    queryset = Assessment.objects.all()
    serializer_class = s.AssessmentSerializer
    filterset_class = _filter(
        Assessment,
        agreement=IdFilter(field_name="agreement"),
        kind=django_filters.CharFilter(),
    )

    def get_queryset(self):
        return access.scope(Assessment.objects.prefetch_related("items"), self.request.user, "view")


class AchievementViewSet(IdLookupMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Weighted achievement per issue and for the plan (read-only)."""

    serializer_class = s.AchievementSerializer
    pagination_class = None
    queryset = StrategicPlan.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter("plan", OpenApiTypes.INT, description="Annual plan id"),
            OpenApiParameter("strategic_plan", OpenApiTypes.INT, description="Multi-year plan id"),
            OpenApiParameter(
                "fiscal_year", OpenApiTypes.INT, description="B.E. fiscal year (strategic_plan)"
            ),
            OpenApiParameter("period", OpenApiTypes.STR, description="Q1–Q4 (default: the year)"),
        ],
        responses=s.AchievementSerializer,
    )
    def list(self, request, *args, **kwargs):
        params = request.query_params

        def number(name):
            value = params.get(name, "")
            if not value.isdigit() or len(value) > 18:
                return None
            return int(value)

        period = (params.get("period") or "").upper()
        if period and period not in ("Q1", "Q2", "Q3", "Q4"):
            raise exceptions.ValidationError({"period": [_("Use Q1, Q2, Q3 or Q4.")]})
        quarter = int(period[1]) if period else None
        if number("plan") is not None:
            plan = AnnualPlan.objects.for_user(request.user).filter(pk=number("plan")).first()
            if plan is None:
                raise exceptions.NotFound()
            data = selectors.issue_achievement(plan, plan.fiscal_year, quarter)
        elif number("strategic_plan") is not None:
            plan = (
                StrategicPlan.objects.for_user(request.user)
                .filter(pk=number("strategic_plan"))
                .first()
            )
            if plan is None:
                raise exceptions.NotFound()
            year = number("fiscal_year")
            if year is None or not plan.start_year <= year <= plan.end_year:
                raise exceptions.ValidationError(
                    {"fiscal_year": [_("Give a fiscal year of the plan's period.")]}
                )
            data = selectors.issue_achievement(plan, year, quarter)
        else:
            raise exceptions.ValidationError({"plan": [_("Give plan or strategic_plan.")]})
        return Response(s.AchievementSerializer(data).data)
