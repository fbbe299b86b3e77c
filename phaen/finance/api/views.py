"""API endpoints of finance: transactions (filter by project, kind, date; confirm),
transfers (decide), carry-over money, the balance per project, imports (upload → preview,
then confirm; resolve rows) and the S-curve of a plan. Scoping (404/403) and history come
from ``phaen.api.viewsets``; money rules answer 400 naming the field."""

from __future__ import annotations

import base64
import binascii

import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from phaen.api.filters import IdFilter
from phaen.api.viewsets import IdLookupMixin, ScopedModelViewSet
from phaen.finance import imports, selectors, services
from phaen.finance.api import serializers as s
from phaen.finance.models import CarryOver, ImportBatch, ImportRow, Transaction, Transfer
from phaen.finance.views import may_write
from phaen.organizations import access
from phaen.organizations.models import Organization
from phaen.plans.models import AnnualPlan, Project


class FinanceScoped(ScopedModelViewSet):
    """Finance officers and planners of the organisation write."""

    denied_message = "Only finance officers and planners of the organisation record money."

    def may_write_in(self, organization) -> bool:
        if organization is None:
            return bool(self.request.user.is_superuser)
        return may_write(self.request.user, organization)


class TransactionFilter(django_filters.FilterSet):
    project = IdFilter(method="filter_project")
    kind = django_filters.CharFilter()
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    fiscal_year = IdFilter(field_name="fiscal_year")
    organization = IdFilter(field_name="organization")

    class Meta:
        model = Transaction
        fields = []

    def filter_project(self, queryset, name, value):
        project = Project.objects.filter(pk=value).select_related("plan").first()
        if project is None:
            return queryset.none()
        return queryset.filter(selectors.lineage_q([project]))


class TransactionViewSet(FinanceScoped):
    queryset = Transaction.objects.all()
    serializer_class = s.TransactionSerializer
    filterset_class = TransactionFilter

    def target_organization(self, data, instance=None):
        line = data.get("budget_line") or getattr(instance, "budget_line", None)
        return line.project.plan.organization if line is not None else None

    def perform_destroy(self, instance):
        services.transaction_delete(record=instance, by=self.request.user)

    @extend_schema(request=None, responses=s.TransactionSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        record = self.get_object()
        if not access.can(request.user, "confirm", record):
            raise exceptions.PermissionDenied()
        record = services.transaction_confirm(record=record, by=request.user)
        return Response(self.get_serializer(record).data)


class TransferViewSet(FinanceScoped):
    queryset = Transfer.objects.all()
    serializer_class = s.TransferSerializer
    filterset_class = type(
        "TransferApiFilter",
        (django_filters.FilterSet,),
        {
            "fiscal_year": IdFilter(field_name="fiscal_year"),
            "state": django_filters.CharFilter(),
            "Meta": type("Meta", (), {"model": Transfer, "fields": []}),
        },
    )

    def target_organization(self, data, instance=None):
        line = data.get("from_line") or getattr(instance, "from_line", None)
        return line.project.plan.organization if line is not None else None

    @extend_schema(request=s.TransferDecisionSerializer, responses=s.TransferSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        transfer = self.get_object()
        if not access.can(request.user, "approve", transfer):
            raise exceptions.PermissionDenied()
        body = s.TransferDecisionSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        transfer = services.transfer_decide(
            transfer=transfer, by=request.user, **body.validated_data
        )
        return Response(self.get_serializer(transfer).data)


class CarryOverViewSet(FinanceScoped):
    queryset = CarryOver.objects.all()
    serializer_class = s.CarryOverSerializer

    def target_organization(self, data, instance=None):
        line = data.get("budget_line") or getattr(instance, "budget_line", None)
        return line.project.plan.organization if line is not None else None


class ProjectBalanceViewSet(IdLookupMixin, viewsets.GenericViewSet):
    """How much is left on a project (read-only): ``/finance-balances/{project id}/``."""

    queryset = Project.objects.all()
    serializer_class = s.ProjectBalanceSerializer

    def get_queryset(self):
        return access.scope(Project.objects.select_related("plan"), self.request.user, "view")

    @extend_schema(responses=s.ProjectBalanceSerializer)
    def retrieve(self, request, pk=None):
        project = self.get_object()
        return Response(s.ProjectBalanceSerializer(selectors.project_balance(project)).data)


class ImportViewSet(
    IdLookupMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Imports: POST uploads a file (base64) and answers its preview; ``confirm`` applies
    it. Nothing is recorded before the confirmation; a bad file is a 400 naming each row
    and column."""

    queryset = ImportBatch.objects.all()
    serializer_class = s.ImportBatchSerializer

    def get_queryset(self):
        return access.scope(ImportBatch.objects.prefetch_related("rows"), self.request.user, "view")

    @extend_schema(request=s.ImportUploadSerializer, responses={201: s.ImportBatchSerializer})
    def create(self, request):
        body = s.ImportUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        organization = (
            access.scope(Organization.objects.all(), request.user, "view")
            .filter(pk=data["organization"])
            .first()
        )
        if organization is None:
            raise exceptions.ValidationError({"organization": ["Unknown organisation."]})
        if not may_write(request.user, organization):
            raise exceptions.PermissionDenied()
        if not data["file_name"].lower().endswith((".csv", ".xlsx")):
            raise exceptions.ValidationError({"file_name": ["Give a .csv or .xlsx file name."]})
        try:
            content = base64.b64decode(data["content_base64"], validate=True)
        except (binascii.Error, ValueError):
            raise exceptions.ValidationError({"content_base64": ["Not base64."]}) from None
        try:
            preview = imports.preview(
                organization=organization,
                fiscal_year=data["fiscal_year"],
                kind=data["file_kind"],
                file_name=data["file_name"],
                content=content,
                by=request.user,
            )
        except imports.ImportRefused as exc:
            raise exceptions.ValidationError({"file": [str(p) for p in exc.problems]}) from None
        batch = self.get_queryset().get(pk=preview.batch.pk)
        return Response(s.ImportBatchSerializer(batch).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.ConfirmResultSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        batch = self.get_object()
        if not access.can(request.user, "confirm", batch):
            raise exceptions.PermissionDenied()
        try:
            created = imports.confirm(batch=batch, by=request.user)
        except imports.ImportRefused as exc:
            raise exceptions.ValidationError({"file": [str(p) for p in exc.problems]}) from None
        batch = self.get_queryset().get(pk=batch.pk)
        return Response({"created": created, "batch": s.ImportBatchSerializer(batch).data})


class ImportRowViewSet(IdLookupMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Resolve a mismatch: accept the finance system's amount, or link a hand-entered record."""

    queryset = ImportRow.objects.all()
    serializer_class = s.ImportRowSerializer

    def get_queryset(self):
        return access.scope(ImportRow.objects.select_related("batch"), self.request.user, "view")

    def _row(self):
        row = self.get_object()
        if not access.can(self.request.user, "confirm", row):
            raise exceptions.PermissionDenied()
        return row

    @extend_schema(request=None, responses=s.ImportRowSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        row = imports.resolve_accept(row=self._row(), by=request.user)
        return Response(s.ImportRowSerializer(row).data)

    @extend_schema(request=s.LinkSerializer, responses=s.ImportRowSerializer)
    @action(detail=True, methods=["post"])
    def link(self, request, pk=None):
        row = self._row()
        body = s.LinkSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        record = (
            access.scope(Transaction.objects.all(), request.user, "change")
            .filter(pk=body.validated_data["transaction"])
            .first()
        )
        if record is None:
            raise exceptions.ValidationError({"transaction": ["Unknown transaction."]})
        row = imports.resolve_link(row=row, record=record, by=request.user)
        return Response(s.ImportRowSerializer(row).data)


class SCurveViewSet(IdLookupMixin, viewsets.GenericViewSet):
    """Cumulative planned vs actual spending of a plan, October to September:
    ``/finance-s-curves/{plan id}/?source=&category=``."""

    queryset = AnnualPlan.objects.all()
    serializer_class = s.SCurveSerializer

    def get_queryset(self):
        return access.scope(AnnualPlan.objects.all(), self.request.user, "view")

    @extend_schema(
        parameters=[
            OpenApiParameter("source", int, description="budget source id"),
            OpenApiParameter("category", int, description="expense category (item or type) id"),
        ],
        responses=s.SCurveSerializer,
    )
    def retrieve(self, request, pk=None):
        plan = self.get_object()
        filters = {}
        for name in ("source", "category"):
            value = request.query_params.get(name)
            if value:
                if not value.isdigit() or int(value) > 2**31 - 1:
                    raise exceptions.ValidationError({name: ["Give an id."]})
                filters[name] = int(value)
        points = selectors.s_curve(plan.projects.all(), plan.fiscal_year, **filters)
        return Response(
            s.SCurveSerializer(
                {"plan": plan.pk, "fiscal_year": plan.fiscal_year, "points": points}
            ).data
        )
